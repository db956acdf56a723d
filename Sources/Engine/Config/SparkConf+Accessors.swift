/// Typed views of the settings the scheduler reads. Durations are nanoseconds and sizes
/// bytes; each accessor names the Spark constant it mirrors.
extension SparkConf {
    /// How the root pool orders its children (`spark.scheduler.mode`).
    public enum SchedulingMode: String, Sendable, Equatable {
        case fifo = "FIFO"
        case fair = "FAIR"
    }

    func int(_ name: String) -> Int {
        guard case .int(let v)? = value(name) else { preconditionFailure("\(name) is not an int") }
        return v
    }
    func optionalInt(_ name: String) -> Int? {
        guard case .int(let v)? = value(name) else { return nil }
        return v
    }
    func double(_ name: String) -> Double {
        guard case .double(let v)? = value(name) else { preconditionFailure("\(name) is not a double") }
        return v
    }
    func bool(_ name: String) -> Bool {
        guard case .bool(let v)? = value(name) else { preconditionFailure("\(name) is not a bool") }
        return v
    }
    func optionalBool(_ name: String) -> Bool? {
        guard case .bool(let v)? = value(name) else { return nil }
        return v
    }
    func nanoseconds(_ name: String) -> Int64 {
        guard case .duration(let v)? = value(name) else { preconditionFailure("\(name) is not a duration") }
        return v
    }
    func optionalNanoseconds(_ name: String) -> Int64? {
        guard case .duration(let v)? = value(name) else { return nil }
        return v
    }
    func bytes(_ name: String) -> Int64 {
        guard case .bytes(let v)? = value(name) else { preconditionFailure("\(name) is not a size") }
        return v
    }
    func string(_ name: String) -> String {
        guard case .string(let v)? = value(name) else { preconditionFailure("\(name) is not a string") }
        return v
    }

    // MARK: Locality (TaskSetManager.getLocalityWait)

    /// `LOCALITY_WAIT`, default 3 s.
    public var localityWaitNanoseconds: Int64 { nanoseconds("spark.locality.wait") }
    /// `LOCALITY_WAIT_PROCESS`, falling back to `spark.locality.wait`.
    public var localityWaitProcessNanoseconds: Int64 { nanoseconds("spark.locality.wait.process") }
    /// `LOCALITY_WAIT_NODE`, falling back to `spark.locality.wait`.
    public var localityWaitNodeNanoseconds: Int64 { nanoseconds("spark.locality.wait.node") }
    /// `LOCALITY_WAIT_RACK`, falling back to `spark.locality.wait`.
    public var localityWaitRackNanoseconds: Int64 { nanoseconds("spark.locality.wait.rack") }
    /// `LEGACY_LOCALITY_WAIT_RESET`: reset the delay timer on every launch (pre-3.1).
    public var localityWaitLegacyResetOnTaskLaunch: Bool {
        bool("spark.locality.wait.legacyResetOnTaskLaunch")
    }

    // MARK: Scheduling

    /// `SCHEDULER_MODE`.
    public var schedulingMode: SchedulingMode {
        SchedulingMode(rawValue: string("spark.scheduler.mode")) ?? .fifo
    }
    /// `SCHEDULER_REVIVE_INTERVAL`, 1 s when unset (CoarseGrainedSchedulerBackend).
    public var reviveIntervalNanoseconds: Int64 { nanoseconds("spark.scheduler.revive.interval") }
    /// The pool of jobs that name none (`spark.scheduler.pool`, default `default`).
    public var schedulerPool: String { string("spark.scheduler.pool") }
    /// `TASK_MAX_FAILURES`: attempts of one task before its task set aborts.
    public var taskMaxFailures: Int { int("spark.task.maxFailures") }
    /// `STAGE_MAX_CONSECUTIVE_ATTEMPTS`.
    public var stageMaxConsecutiveAttempts: Int { int("spark.stage.maxConsecutiveAttempts") }
    /// `STAGE_MAX_ATTEMPTS` (3.5+); Spark retries up to the larger of this and the above.
    public var stageMaxAttempts: Int { int("spark.stage.maxAttempts") }
    /// `SHUFFLE_SERVICE_ENABLED`: map outputs outlive their executor.
    public var shuffleServiceEnabled: Bool { bool("spark.shuffle.service.enabled") }
    /// `UNREGISTER_OUTPUT_ON_HOST_ON_FETCH_FAILURE`.
    public var unregisterOutputOnHostOnFetchFailure: Bool {
        bool("spark.files.fetchFailure.unRegisterOutputOnHost")
    }
    /// `SHUFFLE_REDUCE_LOCALITY_ENABLE`: reduce tasks prefer hosts with most map output.
    public var shuffleReduceLocalityEnabled: Bool { bool("spark.shuffle.reduceLocality.enabled") }
    /// `Network.NETWORK_TIMEOUT`, default 120 s: a silent executor is declared lost after it.
    public var networkTimeoutNanoseconds: Int64 { nanoseconds("spark.network.timeout") }
    /// `EXECUTOR_HEARTBEAT_INTERVAL`, default 10 s.
    public var executorHeartbeatIntervalNanoseconds: Int64 { nanoseconds("spark.executor.heartbeatInterval") }
    /// `spark.network.timeoutInterval`: the period of HeartbeatReceiver's expiry check.
    public var networkTimeoutIntervalNanoseconds: Int64 { nanoseconds("spark.network.timeoutInterval") }
    /// `spark.default.parallelism`, nil when the backend's default applies.
    public var defaultParallelism: Int? { optionalInt("spark.default.parallelism") }
    /// `MAX_RESULT_SIZE`; 0 = unlimited.
    public var driverMaxResultSizeBytes: Int64 { bytes("spark.driver.maxResultSize") }
    /// `spark.resultGetter.threads`: the driver threads that deserialise task results.
    public var resultGetterThreads: Int { int("spark.resultGetter.threads") }
    /// `spark.task.maxDirectResultSize`: results above it are fetched from the executor's
    /// block manager instead of riding in the status update.
    public var maxDirectResultSizeBytes: Int64 { bytes("spark.task.maxDirectResultSize") }

    // MARK: Resources

    /// `CPUS_PER_TASK`.
    public var taskCPUs: Int { int("spark.task.cpus") }
    /// `spark.task.resource.gpu.amount`: GPUs per task; fractions share an address.
    public var taskGPUAmount: Double { double("spark.task.resource.gpu.amount") }
    /// `EXECUTOR_CORES`.
    public var executorCores: Int { int("spark.executor.cores") }
    /// `EXECUTOR_MEMORY` in bytes.
    public var executorMemoryBytes: Int64 { bytes("spark.executor.memory") }
    /// `spark.executor.resource.gpu.amount`.
    public var executorGPUAmount: Int { int("spark.executor.resource.gpu.amount") }
    /// `EXECUTOR_INSTANCES`, nil when unset.
    public var executorInstances: Int? { optionalInt("spark.executor.instances") }
}

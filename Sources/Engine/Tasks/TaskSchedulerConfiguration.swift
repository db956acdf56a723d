/// Every setting the task scheduler and its task set managers read, fixed when the
/// scheduler is built (Spark reads `conf.get(...)` inline; here it is one value).
public struct TaskSchedulerConfiguration: Sendable {
    /// `spark.task.maxFailures` as the glue makes it effective (local mode: 1, or F of
    /// `local[N,F]`).
    public var maxTaskFailures: Int
    /// `spark.locality.wait.process` / `.node` / `.rack`, nanoseconds.
    public var localityWaitProcess: Int64
    public var localityWaitNode: Int64
    public var localityWaitRack: Int64
    /// `spark.locality.wait.legacyResetOnTaskLaunch` (SPARK-18886 turned it off).
    public var legacyLocalityWaitReset: Bool
    public var schedulingMode: SparkConf.SchedulingMode
    /// FAIR pools (ignored in FIFO mode, as Spark's `FIFOSchedulableBuilder` ignores them).
    public var pools: [PoolSpec]
    /// `engine.shuffle_offers`: shuffle each round's offers with `SchedulerRandom`.
    public var shuffleOffers: Bool
    public var speculation: SpeculationSettings
    public var exclusion: ExclusionSettings
    /// `spark.shuffle.service.enabled`: map outputs survive their executor.
    public var shuffleServiceEnabled: Bool
    /// Task-only resource profiles (`TaskResourceProfile`) that run on default-profile
    /// executors, as Spark's `ResourceProfileManager.canBeScheduled` allows when dynamic
    /// allocation is off.
    public var taskOnlyProfiles: Set<Int>
    /// Executor slots per profile for speculation's SPARK-29976 rule
    /// (`ResourceProfile.maxTasksPerExecutor`, or 1 when the cores limit is unknown).
    public var slotsPerExecutorByProfile: [Int: Int]
    /// The rack of each host (Spark's `getRackForHost`); racks reported by executors are
    /// added as they register.
    public var hostRacks: [HostID: RackID]
    /// The application runs on a local master (`local[...]`), where Spark's
    /// `Utils.isDynamicAllocationEnabled` is false; read by the DAG scheduler.
    public var onLocalMaster = false

    public init(conf: SparkConf, maxTaskFailures: Int, pools: [PoolSpec], shuffleOffers: Bool) {
        precondition(maxTaskFailures >= 1, "maxTaskFailures \(maxTaskFailures)")
        self.maxTaskFailures = maxTaskFailures
        localityWaitProcess = conf.localityWaitProcessNanoseconds
        localityWaitNode = conf.localityWaitNodeNanoseconds
        localityWaitRack = conf.localityWaitRackNanoseconds
        legacyLocalityWaitReset = conf.localityWaitLegacyResetOnTaskLaunch
        schedulingMode = conf.schedulingMode
        self.pools = pools
        self.shuffleOffers = shuffleOffers
        speculation = SpeculationSettings(conf: conf)
        exclusion = ExclusionSettings(conf: conf)
        shuffleServiceEnabled = conf.shuffleServiceEnabled
        taskOnlyProfiles = []
        slotsPerExecutorByProfile = [0: Self.defaultProfileSlots(conf)]
        hostRacks = [:]
    }

    /// `ResourceProfile.maxTasksPerExecutor` for the default profile when
    /// `spark.executor.cores` is set (`isCoresLimitKnown`), else 1 (SPARK-30417).
    static func defaultProfileSlots(_ conf: SparkConf) -> Int {
        guard conf.isSet("spark.executor.cores") else { return 1 }
        var slots = conf.executorCores / conf.taskCPUs
        if conf.taskGPUAmount > 0 {
            slots = min(slots, Int(Double(conf.executorGPUAmount) / conf.taskGPUAmount))
        }
        return max(slots, 0)
    }

    /// The locality wait of `level` (Spark's `TaskSetManager.getLocalityWait`).
    func localityWait(_ level: TaskLocality, isBarrier: Bool) -> Int64 {
        if legacyLocalityWaitReset && isBarrier { return 0 }
        switch level {
        case .processLocal: return localityWaitProcess
        case .nodeLocal: return localityWaitNode
        case .rackLocal: return localityWaitRack
        case .noPref, .any: return 0
        }
    }

    /// Whether a task set of `taskProfile` may run on an executor of `executorProfile`.
    func canBeScheduled(taskProfile: Int, executorProfile: Int) -> Bool {
        taskProfile == executorProfile || (executorProfile == 0 && taskOnlyProfiles.contains(taskProfile))
    }
}

/// `spark.speculation.*` (TaskSetManager.checkSpeculatableTasks).
public struct SpeculationSettings: Sendable {
    public var enabled: Bool
    public var multiplier: Double
    public var quantile: Double
    /// `spark.speculation.minTaskRuntime` (TaskSchedulerImpl's `MIN_TIME_TO_SPECULATION`).
    public var minTaskRuntime: Int64
    /// `spark.speculation.task.duration.threshold`, nil when unset.
    public var taskDurationThreshold: Int64?
    public var efficiencyEnabled: Bool
    public var efficiencyProcessRateMultiplier: Double
    public var efficiencyLongRunTaskFactor: Double

    public init(conf: SparkConf) {
        enabled = conf.speculationEnabled
        multiplier = conf.speculationMultiplier
        quantile = conf.speculationQuantile
        minTaskRuntime = conf.speculationMinTaskRuntimeNanoseconds
        taskDurationThreshold = conf.speculationTaskDurationThresholdNanoseconds
        efficiencyEnabled = conf.speculationEfficiencyEnabled
        efficiencyProcessRateMultiplier = conf.speculationEfficiencyProcessRateMultiplier
        efficiencyLongRunTaskFactor = conf.speculationEfficiencyLongRunTaskFactor
    }
}

/// `spark.excludeOnFailure.*` (TaskSetExcludelist, HealthTracker).
public struct ExclusionSettings: Sendable {
    /// Task- and stage-level exclusion (`TaskSetExcludelist.isExcludeOnFailureEnabled`).
    public var taskAndStageEnabled: Bool
    /// Application-level exclusion (`HealthTracker.isExcludeOnFailureEnabled`).
    public var applicationEnabled: Bool
    public var maxTaskAttemptsPerExecutor: Int
    public var maxTaskAttemptsPerNode: Int
    public var maxFailedTasksPerExecutorInStage: Int
    public var maxFailedExecutorsPerNodeInStage: Int
    public var maxFailedTasksPerExecutor: Int
    public var maxFailedExecutorsPerNode: Int
    public var timeout: Int64
    public var fetchFailureEnabled: Bool
    public var shuffleServiceEnabled: Bool
    /// `spark.scheduler.excludeOnFailure.unschedulableTaskSetTimeout`.
    public var unschedulableTaskSetTimeout: Int64

    public init(conf: SparkConf) {
        taskAndStageEnabled = conf.excludeOnFailureTaskAndStageEnabled
        applicationEnabled = conf.excludeOnFailureApplicationEnabled
        maxTaskAttemptsPerExecutor = conf.excludeMaxTaskAttemptsPerExecutor
        maxTaskAttemptsPerNode = conf.excludeMaxTaskAttemptsPerNode
        maxFailedTasksPerExecutorInStage = conf.excludeStageMaxFailedTasksPerExecutor
        maxFailedExecutorsPerNodeInStage = conf.excludeStageMaxFailedExecutorsPerNode
        maxFailedTasksPerExecutor = conf.excludeApplicationMaxFailedTasksPerExecutor
        maxFailedExecutorsPerNode = conf.excludeApplicationMaxFailedExecutorsPerNode
        timeout = conf.excludeTimeoutNanoseconds
        fetchFailureEnabled = conf.excludeOnFetchFailure
        shuffleServiceEnabled = conf.shuffleServiceEnabled
        unschedulableTaskSetTimeout = conf.unschedulableTaskSetTimeoutNanoseconds
    }

    /// A task set keeps failure records when either level is on; it excludes only when the
    /// task-and-stage level is on (SPARK-49252's dry run feeds the application level).
    var taskSetRecordsFailures: Bool { taskAndStageEnabled || applicationEnabled }
}

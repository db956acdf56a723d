/// The `spark.*` keys sparksim understands, with Spark's types, defaults and bare units.
///
/// Every default was checked against Spark 4.x
/// (`core/src/main/scala/org/apache/spark/internal/config/package.scala`, and the class
/// named where a default lives outside that file). Keys that Spark reads but sparksim
/// does not model are deliberately absent: setting them would suggest an effect that the
/// simulation does not have, so they are rejected as unknown.
///
/// - Complexity: lookups are O(log n) over a name-sorted index built once.
public enum SparkConfigRegistry {
    /// All keys, grouped by concern in declaration order (used for "did you mean" ties).
    public static let keys: [SparkConfigKey] =
        scheduling + resources + speculation + barrier + exclusion + allocation + dataExchange

    /// The key named `name`, or nil.
    public static func key(named name: String) -> SparkConfigKey? {
        var low = 0
        var high = sortedIndex.count
        while low < high {
            let mid = (low + high) / 2
            let candidate = keys[sortedIndex[mid]].name
            if candidate == name { return keys[sortedIndex[mid]] }
            if candidate < name { low = mid + 1 } else { high = mid }
        }
        return nil
    }

    /// The key that `legacyName` (a pre-3.1 `spark.blacklist.*` spelling) was renamed to.
    public static func renamedKey(for legacyName: String) -> SparkConfigKey? {
        keys.first { $0.alternatives.contains(legacyName) }
    }

    private static let sortedIndex: [Int] = keys.indices.sorted { keys[$0].name < keys[$1].name }

    static let ms: Int64 = 1_000_000
    static let s: Int64 = 1_000_000_000
    static let mib: Int64 = 1 << 20
    static let kib: Int64 = 1 << 10
    static let int32Max = Int(Int32.max)

    /// Locality, task retries, pools and stage retries.
    static let scheduling: [SparkConfigKey] = [
        // LOCALITY_WAIT: timeConf(MILLISECONDS), default "3s".
        SparkConfigKey("spark.locality.wait", constant: "LOCALITY_WAIT",
                       .duration(bareUnitNanoseconds: ms), default: .duration(nanoseconds: 3 * s)),
        // LOCALITY_WAIT_PROCESS / _NODE / _RACK: fallbackConf(LOCALITY_WAIT).
        SparkConfigKey("spark.locality.wait.process", constant: "LOCALITY_WAIT_PROCESS",
                       .duration(bareUnitNanoseconds: ms), fallback: "spark.locality.wait"),
        SparkConfigKey("spark.locality.wait.node", constant: "LOCALITY_WAIT_NODE",
                       .duration(bareUnitNanoseconds: ms), fallback: "spark.locality.wait"),
        SparkConfigKey("spark.locality.wait.rack", constant: "LOCALITY_WAIT_RACK",
                       .duration(bareUnitNanoseconds: ms), fallback: "spark.locality.wait"),
        // LEGACY_LOCALITY_WAIT_RESET: internal, default false (SPARK-18886).
        SparkConfigKey("spark.locality.wait.legacyResetOnTaskLaunch",
                       constant: "LEGACY_LOCALITY_WAIT_RESET", .bool, default: .bool(false)),
        // SCHEDULER_MODE: stringConf.transform(toUpperCase), default SchedulingMode.FIFO.
        SparkConfigKey("spark.scheduler.mode", constant: "SCHEDULER_MODE",
                       .choice(["FIFO", "FAIR"]), default: .string("FIFO")),
        // SCHEDULER_REVIVE_INTERVAL: createOptional; CoarseGrainedSchedulerBackend reads
        // it with getOrElse(1000L) ms. Zero would revive forever at one instant.
        SparkConfigKey("spark.scheduler.revive.interval", constant: "SCHEDULER_REVIVE_INTERVAL",
                       .duration(bareUnitNanoseconds: ms), default: .duration(nanoseconds: s),
                       constraint: .positive),
        // SparkContext.SPARK_SCHEDULER_POOL, a local property in Spark; here the pool of
        // jobs that name none. FairSchedulableBuilder.DEFAULT_POOL_NAME = "default".
        SparkConfigKey("spark.scheduler.pool", constant: "SparkContext.SPARK_SCHEDULER_POOL",
                       .string, default: .string("default")),
        // TASK_MAX_FAILURES: intConf, default 4.
        SparkConfigKey("spark.task.maxFailures", constant: "TASK_MAX_FAILURES", .int,
                       default: .int(4), constraint: .atLeast(1)),
        // STAGE_MAX_CONSECUTIVE_ATTEMPTS: intConf, default 4.
        SparkConfigKey("spark.stage.maxConsecutiveAttempts",
                       constant: "STAGE_MAX_CONSECUTIVE_ATTEMPTS", .int, default: .int(4),
                       constraint: .atLeast(1)),
        // STAGE_MAX_ATTEMPTS (3.5+): intConf, default Int.MaxValue.
        SparkConfigKey("spark.stage.maxAttempts", constant: "STAGE_MAX_ATTEMPTS", .int,
                       default: .int(int32Max), constraint: .atLeast(1)),
        // SHUFFLE_SERVICE_ENABLED: default false; decides whether map outputs survive
        // the loss of the executor that wrote them.
        SparkConfigKey("spark.shuffle.service.enabled", constant: "SHUFFLE_SERVICE_ENABLED",
                       .bool, default: .bool(false)),
        // UNREGISTER_OUTPUT_ON_HOST_ON_FETCH_FAILURE: default false.
        SparkConfigKey("spark.files.fetchFailure.unRegisterOutputOnHost",
                       constant: "UNREGISTER_OUTPUT_ON_HOST_ON_FETCH_FAILURE", .bool,
                       default: .bool(false)),
        // Read with conf.getInt("spark.default.parallelism", ...) by each backend; unset
        // means the backend's own default (total cores, at least 2 when coarse-grained).
        SparkConfigKey("spark.default.parallelism", constant: "spark.default.parallelism",
                       .int, constraint: .atLeast(1)),
        // SHUFFLE_REDUCE_LOCALITY_ENABLE: default true; reduce tasks prefer the hosts
        // holding most of their input (DAGScheduler.getPreferredLocs).
        SparkConfigKey("spark.shuffle.reduceLocality.enabled", constant: "SHUFFLE_REDUCE_LOCALITY_ENABLE",
                       .bool, default: .bool(true)),
        // Network.NETWORK_TIMEOUT: timeConf(SECONDS), default "120s"; how long the driver
        // waits for a silent executor's heartbeat before declaring it lost.
        SparkConfigKey("spark.network.timeout", constant: "Network.NETWORK_TIMEOUT",
                       .duration(bareUnitNanoseconds: s), default: .duration(nanoseconds: 120 * s),
                       constraint: .positive),
        // Network.NETWORK_TIMEOUT_INTERVAL: timeConf(MILLISECONDS), default "60s"; how often
        // HeartbeatReceiver checks for executors whose last heartbeat is too old.
        SparkConfigKey("spark.network.timeoutInterval", constant: "Network.NETWORK_TIMEOUT_INTERVAL",
                       .duration(bareUnitNanoseconds: ms), default: .duration(nanoseconds: 60 * s),
                       constraint: .positive),
        // EXECUTOR_HEARTBEAT_INTERVAL: timeConf(MILLISECONDS), default "10s".
        SparkConfigKey("spark.executor.heartbeatInterval", constant: "EXECUTOR_HEARTBEAT_INTERVAL",
                       .duration(bareUnitNanoseconds: ms), default: .duration(nanoseconds: 10 * s),
                       constraint: .positive),
        // MAX_RESULT_SIZE: bytesConf(BYTE), default "1g"; 0 means unlimited.
        SparkConfigKey("spark.driver.maxResultSize", constant: "MAX_RESULT_SIZE",
                       .size(bareUnitBytes: 1), default: .bytes(1 << 30)),
        // RESULT_GETTER_THREADS (TaskResultGetter): intConf, default 4; the driver threads
        // that deserialise task results.
        SparkConfigKey("spark.resultGetter.threads", constant: "RESULT_GETTER_THREADS", .int,
                       default: .int(4), constraint: .atLeast(1)),
        // TASK_MAX_DIRECT_RESULT_SIZE: bytesConf(BYTE), default 1 MiB; a larger result goes
        // through the executor's block manager and the driver fetches it.
        SparkConfigKey("spark.task.maxDirectResultSize", constant: "TASK_MAX_DIRECT_RESULT_SIZE",
                       .size(bareUnitBytes: 1), default: .bytes(1 << 20)),
    ]

    /// Executor and task resources (cores, memory, GPUs).
    static let resources: [SparkConfigKey] = [
        // CPUS_PER_TASK: intConf, default 1.
        SparkConfigKey("spark.task.cpus", constant: "CPUS_PER_TASK", .int, default: .int(1),
                       constraint: .atLeast(1)),
        // ResourceUtils: SPARK_TASK_PREFIX + ".resource.gpu.amount"; a double, fractions
        // of at most 0.5 share one GPU address (TaskResourceRequest's assertion).
        SparkConfigKey("spark.task.resource.gpu.amount", constant: "ResourceUtils.AMOUNT (task)",
                       .double, default: .double(0), constraint: .taskResourceAmount),
        // EXECUTOR_CORES: intConf, default 1.
        SparkConfigKey("spark.executor.cores", constant: "EXECUTOR_CORES", .int,
                       default: .int(1), constraint: .atLeast(1)),
        // EXECUTOR_MEMORY: bytesConf(MiB), default "1g".
        SparkConfigKey("spark.executor.memory", constant: "EXECUTOR_MEMORY",
                       .size(bareUnitBytes: mib), default: .bytes(1 << 30), constraint: .positive),
        // ResourceUtils: SPARK_EXECUTOR_PREFIX + ".resource.gpu.amount", a whole number.
        SparkConfigKey("spark.executor.resource.gpu.amount",
                       constant: "ResourceUtils.AMOUNT (executor)", .int, default: .int(0),
                       constraint: .atLeast(0)),
        // EXECUTOR_INSTANCES: createOptional.
        SparkConfigKey("spark.executor.instances", constant: "EXECUTOR_INSTANCES", .int,
                       constraint: .atLeast(0)),
    ]

    /// Speculative execution (TaskSetManager.checkSpeculatableTasks).
    static let speculation: [SparkConfigKey] = [
        SparkConfigKey("spark.speculation", constant: "SPECULATION_ENABLED", .bool,
                       default: .bool(false)),
        // SPECULATION_INTERVAL: timeConf(MILLISECONDS), default 100.
        SparkConfigKey("spark.speculation.interval", constant: "SPECULATION_INTERVAL",
                       .duration(bareUnitNanoseconds: ms), default: .duration(nanoseconds: 100 * ms),
                       constraint: .positive),
        // No range check, as in Spark: TaskSetManagerSuite runs with multiplier 0 (every
        // running task past the quantile is speculatable at once).
        SparkConfigKey("spark.speculation.multiplier", constant: "SPECULATION_MULTIPLIER",
                       .double, default: .double(3)),
        SparkConfigKey("spark.speculation.quantile", constant: "SPECULATION_QUANTILE",
                       .double, default: .double(0.9), constraint: .fraction),
        // SPECULATION_MIN_THRESHOLD: timeConf(MILLISECONDS), default 100 (3.2+).
        SparkConfigKey("spark.speculation.minTaskRuntime", constant: "SPECULATION_MIN_THRESHOLD",
                       .duration(bareUnitNanoseconds: ms), default: .duration(nanoseconds: 100 * ms)),
        // SPECULATION_TASK_DURATION_THRESHOLD: createOptional (3.0+).
        SparkConfigKey("spark.speculation.task.duration.threshold",
                       constant: "SPECULATION_TASK_DURATION_THRESHOLD",
                       .duration(bareUnitNanoseconds: ms)),
        // SPECULATION_EFFICIENCY_ENABLE: default true (3.4+).
        SparkConfigKey("spark.speculation.efficiency.enabled",
                       constant: "SPECULATION_EFFICIENCY_ENABLE", .bool, default: .bool(true)),
        // SPECULATION_EFFICIENCY_TASK_PROCESS_RATE_MULTIPLIER: default 0.75, in (0, 1].
        SparkConfigKey("spark.speculation.efficiency.processRateMultiplier",
                       constant: "SPECULATION_EFFICIENCY_TASK_PROCESS_RATE_MULTIPLIER", .double,
                       default: .double(0.75), constraint: .positiveFraction),
        // SPECULATION_EFFICIENCY_TASK_DURATION_FACTOR: default 2.0, at least 1.
        SparkConfigKey("spark.speculation.efficiency.longRunTaskFactor",
                       constant: "SPECULATION_EFFICIENCY_TASK_DURATION_FACTOR", .double,
                       default: .double(2), constraint: .atLeastOne),
    ]

    /// Barrier execution mode (SPARK-24374).
    static let barrier: [SparkConfigKey] = [
        // BARRIER_SYNC_TIMEOUT: timeConf(SECONDS), default "365d", must be positive.
        SparkConfigKey("spark.barrier.sync.timeout", constant: "BARRIER_SYNC_TIMEOUT",
                       .duration(bareUnitNanoseconds: s),
                       default: .duration(nanoseconds: 365 * 86_400 * s), constraint: .positive),
        // BARRIER_MAX_CONCURRENT_TASKS_CHECK_INTERVAL: timeConf(SECONDS), default "15s".
        SparkConfigKey("spark.scheduler.barrier.maxConcurrentTasksCheck.interval",
                       constant: "BARRIER_MAX_CONCURRENT_TASKS_CHECK_INTERVAL",
                       .duration(bareUnitNanoseconds: s), default: .duration(nanoseconds: 15 * s)),
        // BARRIER_MAX_CONCURRENT_TASKS_CHECK_MAX_FAILURES: default 40, must be positive.
        SparkConfigKey("spark.scheduler.barrier.maxConcurrentTasksCheck.maxFailures",
                       constant: "BARRIER_MAX_CONCURRENT_TASKS_CHECK_MAX_FAILURES", .int,
                       default: .int(40), constraint: .positive),
    ]

    /// Python data exchange (SPARK-24579); SQLConf keys, read by the data-exchange cost model.
    static let dataExchange: [SparkConfigKey] = [
        // TORRENT broadcast piece size: BROADCAST_BLOCKSIZE, bytesConf(KiB), default "4m".
        SparkConfigKey("spark.broadcast.blockSize", constant: "BROADCAST_BLOCKSIZE",
                       .size(bareUnitBytes: kib), default: .bytes(4 << 20), constraint: .positive),
        // SQLConf.ARROW_EXECUTION_MAX_RECORDS_PER_BATCH: default 10000; <= 0 = unlimited.
        SparkConfigKey("spark.sql.execution.arrow.maxRecordsPerBatch",
                       constant: "SQLConf.ARROW_EXECUTION_MAX_RECORDS_PER_BATCH", .int,
                       default: .int(10_000)),
        // SQLConf.ARROW_PYSPARK_EXECUTION_ENABLED: default false (rows are pickled).
        SparkConfigKey("spark.sql.execution.arrow.pyspark.enabled",
                       constant: "SQLConf.ARROW_PYSPARK_EXECUTION_ENABLED", .bool,
                       default: .bool(false)),
    ]
}

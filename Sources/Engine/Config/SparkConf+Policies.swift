/// Typed views for speculation, barrier mode, exclusion, dynamic allocation and data
/// exchange; each names the Spark constant it mirrors.
extension SparkConf {
    // MARK: Speculation (TaskSetManager.checkSpeculatableTasks)

    /// `SPECULATION_ENABLED`.
    public var speculationEnabled: Bool { bool("spark.speculation") }
    /// `SPECULATION_INTERVAL`, default 100 ms.
    public var speculationIntervalNanoseconds: Int64 { nanoseconds("spark.speculation.interval") }
    /// `SPECULATION_MULTIPLIER`, default 3.
    public var speculationMultiplier: Double { double("spark.speculation.multiplier") }
    /// `SPECULATION_QUANTILE`, default 0.9.
    public var speculationQuantile: Double { double("spark.speculation.quantile") }
    /// `SPECULATION_MIN_THRESHOLD`, default 100 ms.
    public var speculationMinTaskRuntimeNanoseconds: Int64 {
        nanoseconds("spark.speculation.minTaskRuntime")
    }
    /// `SPECULATION_TASK_DURATION_THRESHOLD`, nil when unset.
    public var speculationTaskDurationThresholdNanoseconds: Int64? {
        optionalNanoseconds("spark.speculation.task.duration.threshold")
    }
    /// `SPECULATION_EFFICIENCY_ENABLE` (3.4+), default true.
    public var speculationEfficiencyEnabled: Bool { bool("spark.speculation.efficiency.enabled") }
    /// `SPECULATION_EFFICIENCY_TASK_PROCESS_RATE_MULTIPLIER`, default 0.75.
    public var speculationEfficiencyProcessRateMultiplier: Double {
        double("spark.speculation.efficiency.processRateMultiplier")
    }
    /// `SPECULATION_EFFICIENCY_TASK_DURATION_FACTOR`, default 2.
    public var speculationEfficiencyLongRunTaskFactor: Double {
        double("spark.speculation.efficiency.longRunTaskFactor")
    }

    // MARK: Barrier execution

    /// `BARRIER_SYNC_TIMEOUT`, default 365 days.
    public var barrierSyncTimeoutNanoseconds: Int64 { nanoseconds("spark.barrier.sync.timeout") }
    /// `BARRIER_MAX_CONCURRENT_TASKS_CHECK_INTERVAL`, default 15 s.
    public var barrierMaxConcurrentTasksCheckIntervalNanoseconds: Int64 {
        nanoseconds("spark.scheduler.barrier.maxConcurrentTasksCheck.interval")
    }
    /// `BARRIER_MAX_CONCURRENT_TASKS_CHECK_MAX_FAILURES`, default 40.
    public var barrierMaxConcurrentTasksCheckMaxFailures: Int {
        int("spark.scheduler.barrier.maxConcurrentTasksCheck.maxFailures")
    }

    // MARK: Exclusion (HealthTracker, TaskSetExcludelist)

    /// Task- and stage-level exclusion: `EXCLUDE_ON_FAILURE_ENABLED_TASK_AND_STAGE`, else
    /// `EXCLUDE_ON_FAILURE_ENABLED`, else off (`TaskSetExcludelist.isExcludeOnFailureEnabled`).
    public var excludeOnFailureTaskAndStageEnabled: Bool {
        optionalBool("spark.excludeOnFailure.taskAndStage.enabled") ?? false
    }
    /// Application-level exclusion: `EXCLUDE_ON_FAILURE_ENABLED_APPLICATION`, else
    /// `EXCLUDE_ON_FAILURE_ENABLED`, else off (`HealthTracker.isExcludeOnFailureEnabled`).
    public var excludeOnFailureApplicationEnabled: Bool {
        optionalBool("spark.excludeOnFailure.application.enabled") ?? false
    }
    /// `MAX_TASK_ATTEMPTS_PER_EXECUTOR`, default 1.
    public var excludeMaxTaskAttemptsPerExecutor: Int {
        int("spark.excludeOnFailure.task.maxTaskAttemptsPerExecutor")
    }
    /// `MAX_TASK_ATTEMPTS_PER_NODE`, default 2.
    public var excludeMaxTaskAttemptsPerNode: Int { int("spark.excludeOnFailure.task.maxTaskAttemptsPerNode") }
    /// `MAX_FAILURES_PER_EXEC_STAGE`, default 2.
    public var excludeStageMaxFailedTasksPerExecutor: Int {
        int("spark.excludeOnFailure.stage.maxFailedTasksPerExecutor")
    }
    /// `MAX_FAILED_EXEC_PER_NODE_STAGE`, default 2.
    public var excludeStageMaxFailedExecutorsPerNode: Int {
        int("spark.excludeOnFailure.stage.maxFailedExecutorsPerNode")
    }
    /// `MAX_FAILURES_PER_EXEC`, default 2.
    public var excludeApplicationMaxFailedTasksPerExecutor: Int {
        int("spark.excludeOnFailure.application.maxFailedTasksPerExecutor")
    }
    /// `MAX_FAILED_EXEC_PER_NODE`, default 2.
    public var excludeApplicationMaxFailedExecutorsPerNode: Int {
        int("spark.excludeOnFailure.application.maxFailedExecutorsPerNode")
    }
    /// `EXCLUDE_ON_FAILURE_TIMEOUT_CONF`, 1 h when unset (`HealthTracker.DEFAULT_TIMEOUT`).
    public var excludeTimeoutNanoseconds: Int64 { nanoseconds("spark.excludeOnFailure.timeout") }
    /// `EXCLUDE_ON_FAILURE_KILL_ENABLED`.
    public var excludeKillExcludedExecutors: Bool { bool("spark.excludeOnFailure.killExcludedExecutors") }
    /// `EXCLUDE_ON_FAILURE_FETCH_FAILURE_ENABLED`.
    public var excludeOnFetchFailure: Bool {
        bool("spark.excludeOnFailure.application.fetchFailure.enabled")
    }
    /// `UNSCHEDULABLE_TASKSET_TIMEOUT`, default 120 s.
    public var unschedulableTaskSetTimeoutNanoseconds: Int64 {
        nanoseconds("spark.scheduler.excludeOnFailure.unschedulableTaskSetTimeout")
    }

    // MARK: Dynamic allocation (ExecutorAllocationManager)

    /// `DYN_ALLOCATION_ENABLED`.
    public var dynamicAllocationEnabled: Bool { bool("spark.dynamicAllocation.enabled") }
    /// `Utils.isDynamicAllocationEnabled`: the setting counts on a cluster master only; on a
    /// local master (`local`, `local[...]`) Spark ignores it unless `DYN_ALLOCATION_TESTING`
    /// is set. `local-cluster[...]` is a cluster master here, as in Spark.
    public func dynamicAllocationApplies(onLocalMaster: Bool) -> Bool {
        dynamicAllocationEnabled && (!onLocalMaster || bool("spark.dynamicAllocation.testing"))
    }
    /// `DYN_ALLOCATION_MIN_EXECUTORS`, default 0.
    public var dynamicAllocationMinExecutors: Int { int("spark.dynamicAllocation.minExecutors") }
    /// `DYN_ALLOCATION_MAX_EXECUTORS`, default Int32.max.
    public var dynamicAllocationMaxExecutors: Int { int("spark.dynamicAllocation.maxExecutors") }
    /// `DYN_ALLOCATION_INITIAL_EXECUTORS`, falling back to the minimum.
    public var dynamicAllocationInitialExecutors: Int { int("spark.dynamicAllocation.initialExecutors") }
    /// `DYN_ALLOCATION_EXECUTOR_IDLE_TIMEOUT`, default 60 s.
    public var dynamicAllocationExecutorIdleTimeoutNanoseconds: Int64 {
        nanoseconds("spark.dynamicAllocation.executorIdleTimeout")
    }
    /// `DYN_ALLOCATION_CACHED_EXECUTOR_IDLE_TIMEOUT`, default Int32.max seconds.
    public var dynamicAllocationCachedExecutorIdleTimeoutNanoseconds: Int64 {
        nanoseconds("spark.dynamicAllocation.cachedExecutorIdleTimeout")
    }
    /// `DYN_ALLOCATION_SCHEDULER_BACKLOG_TIMEOUT`, default 1 s.
    public var dynamicAllocationSchedulerBacklogTimeoutNanoseconds: Int64 {
        nanoseconds("spark.dynamicAllocation.schedulerBacklogTimeout")
    }
    /// `DYN_ALLOCATION_SUSTAINED_SCHEDULER_BACKLOG_TIMEOUT`, falling back to the above.
    public var dynamicAllocationSustainedSchedulerBacklogTimeoutNanoseconds: Int64 {
        nanoseconds("spark.dynamicAllocation.sustainedSchedulerBacklogTimeout")
    }
    /// `DYN_ALLOCATION_EXECUTOR_ALLOCATION_RATIO`, default 1.
    public var dynamicAllocationExecutorAllocationRatio: Double {
        double("spark.dynamicAllocation.executorAllocationRatio")
    }
    /// `DYN_ALLOCATION_SHUFFLE_TRACKING_ENABLED`, default true.
    public var dynamicAllocationShuffleTrackingEnabled: Bool {
        bool("spark.dynamicAllocation.shuffleTracking.enabled")
    }
    /// `DYN_ALLOCATION_SHUFFLE_TRACKING_TIMEOUT`; Int64.max = never.
    public var dynamicAllocationShuffleTrackingTimeoutNanoseconds: Int64 {
        nanoseconds("spark.dynamicAllocation.shuffleTracking.timeout")
    }

    // MARK: Data exchange

    /// `BROADCAST_BLOCKSIZE`, default 4 MiB.
    public var broadcastBlockSizeBytes: Int64 { bytes("spark.broadcast.blockSize") }
    /// `SQLConf.ARROW_EXECUTION_MAX_RECORDS_PER_BATCH`, default 10000; <= 0 = unlimited.
    public var arrowMaxRecordsPerBatch: Int { int("spark.sql.execution.arrow.maxRecordsPerBatch") }
    /// `SQLConf.ARROW_PYSPARK_EXECUTION_ENABLED`, default false.
    public var arrowPySparkEnabled: Bool { bool("spark.sql.execution.arrow.pyspark.enabled") }
}

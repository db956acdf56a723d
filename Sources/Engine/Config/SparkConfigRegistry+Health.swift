extension SparkConfigRegistry {
    /// Exclusion on failure (HealthTracker, TaskSetExcludelist), formerly "blacklist".
    static let exclusion: [SparkConfigKey] = [
        // EXCLUDE_ON_FAILURE_ENABLED: createOptional; unset reads as false.
        SparkConfigKey("spark.excludeOnFailure.enabled", constant: "EXCLUDE_ON_FAILURE_ENABLED",
                       .bool, alternatives: ["spark.blacklist.enabled"]),
        // EXCLUDE_ON_FAILURE_ENABLED_APPLICATION (4.0): optional, else the key above.
        SparkConfigKey("spark.excludeOnFailure.application.enabled",
                       constant: "EXCLUDE_ON_FAILURE_ENABLED_APPLICATION", .bool,
                       fallback: "spark.excludeOnFailure.enabled"),
        // EXCLUDE_ON_FAILURE_ENABLED_TASK_AND_STAGE (4.0): optional, else the key above.
        SparkConfigKey("spark.excludeOnFailure.taskAndStage.enabled",
                       constant: "EXCLUDE_ON_FAILURE_ENABLED_TASK_AND_STAGE", .bool,
                       fallback: "spark.excludeOnFailure.enabled"),
        // HealthTracker.validateExcludeOnFailureConfs requires the counts below to be > 0.
        SparkConfigKey("spark.excludeOnFailure.task.maxTaskAttemptsPerExecutor",
                       constant: "MAX_TASK_ATTEMPTS_PER_EXECUTOR", .int, default: .int(1),
                       constraint: .positive,
                       alternatives: ["spark.blacklist.task.maxTaskAttemptsPerExecutor"]),
        SparkConfigKey("spark.excludeOnFailure.task.maxTaskAttemptsPerNode",
                       constant: "MAX_TASK_ATTEMPTS_PER_NODE", .int, default: .int(2),
                       constraint: .positive,
                       alternatives: ["spark.blacklist.task.maxTaskAttemptsPerNode"]),
        SparkConfigKey("spark.excludeOnFailure.stage.maxFailedTasksPerExecutor",
                       constant: "MAX_FAILURES_PER_EXEC_STAGE", .int, default: .int(2),
                       constraint: .positive,
                       alternatives: ["spark.blacklist.stage.maxFailedTasksPerExecutor"]),
        SparkConfigKey("spark.excludeOnFailure.stage.maxFailedExecutorsPerNode",
                       constant: "MAX_FAILED_EXEC_PER_NODE_STAGE", .int, default: .int(2),
                       constraint: .positive,
                       alternatives: ["spark.blacklist.stage.maxFailedExecutorsPerNode"]),
        SparkConfigKey("spark.excludeOnFailure.application.maxFailedTasksPerExecutor",
                       constant: "MAX_FAILURES_PER_EXEC", .int, default: .int(2),
                       constraint: .positive,
                       alternatives: ["spark.blacklist.application.maxFailedTasksPerExecutor"]),
        SparkConfigKey("spark.excludeOnFailure.application.maxFailedExecutorsPerNode",
                       constant: "MAX_FAILED_EXEC_PER_NODE", .int, default: .int(2),
                       constraint: .positive,
                       alternatives: ["spark.blacklist.application.maxFailedExecutorsPerNode"]),
        // EXCLUDE_ON_FAILURE_TIMEOUT_CONF: createOptional, timeConf(MILLISECONDS);
        // HealthTracker.getExcludeOnFailureTimeout falls back to DEFAULT_TIMEOUT = "1h".
        SparkConfigKey("spark.excludeOnFailure.timeout", constant: "EXCLUDE_ON_FAILURE_TIMEOUT_CONF",
                       .duration(bareUnitNanoseconds: ms), default: .duration(nanoseconds: 3_600 * s),
                       constraint: .positive, alternatives: ["spark.blacklist.timeout"]),
        SparkConfigKey("spark.excludeOnFailure.killExcludedExecutors",
                       constant: "EXCLUDE_ON_FAILURE_KILL_ENABLED", .bool, default: .bool(false),
                       alternatives: ["spark.blacklist.killBlacklistedExecutors"]),
        SparkConfigKey("spark.excludeOnFailure.application.fetchFailure.enabled",
                       constant: "EXCLUDE_ON_FAILURE_FETCH_FAILURE_ENABLED", .bool,
                       default: .bool(false),
                       alternatives: ["spark.blacklist.application.fetchFailure.enabled"]),
        // UNSCHEDULABLE_TASKSET_TIMEOUT: timeConf(SECONDS), default 120, >= 0.
        SparkConfigKey("spark.scheduler.excludeOnFailure.unschedulableTaskSetTimeout",
                       constant: "UNSCHEDULABLE_TASKSET_TIMEOUT", .duration(bareUnitNanoseconds: s),
                       default: .duration(nanoseconds: 120 * s),
                       alternatives: ["spark.scheduler.blacklist.unschedulableTaskSetTimeout"]),
    ]

    /// Dynamic allocation (ExecutorAllocationManager).
    static let allocation: [SparkConfigKey] = [
        SparkConfigKey("spark.dynamicAllocation.enabled", constant: "DYN_ALLOCATION_ENABLED",
                       .bool, default: .bool(false)),
        // DYN_ALLOCATION_TESTING: lets dynamic allocation apply on a local master.
        SparkConfigKey("spark.dynamicAllocation.testing", constant: "DYN_ALLOCATION_TESTING",
                       .bool, default: .bool(false)),
        SparkConfigKey("spark.dynamicAllocation.minExecutors",
                       constant: "DYN_ALLOCATION_MIN_EXECUTORS", .int, default: .int(0),
                       constraint: .atLeast(0)),
        SparkConfigKey("spark.dynamicAllocation.maxExecutors",
                       constant: "DYN_ALLOCATION_MAX_EXECUTORS", .int, default: .int(int32Max),
                       constraint: .atLeast(0)),
        // DYN_ALLOCATION_INITIAL_EXECUTORS: fallbackConf(DYN_ALLOCATION_MIN_EXECUTORS).
        SparkConfigKey("spark.dynamicAllocation.initialExecutors",
                       constant: "DYN_ALLOCATION_INITIAL_EXECUTORS", .int,
                       fallback: "spark.dynamicAllocation.minExecutors", constraint: .atLeast(0)),
        // DYN_ALLOCATION_EXECUTOR_IDLE_TIMEOUT: timeConf(SECONDS), default 60.
        SparkConfigKey("spark.dynamicAllocation.executorIdleTimeout",
                       constant: "DYN_ALLOCATION_EXECUTOR_IDLE_TIMEOUT",
                       .duration(bareUnitNanoseconds: s), default: .duration(nanoseconds: 60 * s)),
        // DYN_ALLOCATION_CACHED_EXECUTOR_IDLE_TIMEOUT: timeConf(SECONDS), Integer.MAX_VALUE.
        SparkConfigKey("spark.dynamicAllocation.cachedExecutorIdleTimeout",
                       constant: "DYN_ALLOCATION_CACHED_EXECUTOR_IDLE_TIMEOUT",
                       .duration(bareUnitNanoseconds: s),
                       default: .duration(nanoseconds: Int64(Int32.max) * s)),
        // DYN_ALLOCATION_SCHEDULER_BACKLOG_TIMEOUT: timeConf(SECONDS), default 1; the
        // manager rejects values <= 0.
        SparkConfigKey("spark.dynamicAllocation.schedulerBacklogTimeout",
                       constant: "DYN_ALLOCATION_SCHEDULER_BACKLOG_TIMEOUT",
                       .duration(bareUnitNanoseconds: s), default: .duration(nanoseconds: s),
                       constraint: .positive),
        // DYN_ALLOCATION_SUSTAINED_SCHEDULER_BACKLOG_TIMEOUT: fallbackConf(the above).
        SparkConfigKey("spark.dynamicAllocation.sustainedSchedulerBacklogTimeout",
                       constant: "DYN_ALLOCATION_SUSTAINED_SCHEDULER_BACKLOG_TIMEOUT",
                       .duration(bareUnitNanoseconds: s),
                       fallback: "spark.dynamicAllocation.schedulerBacklogTimeout",
                       constraint: .positive),
        // DYN_ALLOCATION_EXECUTOR_ALLOCATION_RATIO: default 1.0, in (0, 1].
        SparkConfigKey("spark.dynamicAllocation.executorAllocationRatio",
                       constant: "DYN_ALLOCATION_EXECUTOR_ALLOCATION_RATIO", .double,
                       default: .double(1), constraint: .positiveFraction),
        // DYN_ALLOCATION_SHUFFLE_TRACKING_ENABLED: default true.
        SparkConfigKey("spark.dynamicAllocation.shuffleTracking.enabled",
                       constant: "DYN_ALLOCATION_SHUFFLE_TRACKING_ENABLED", .bool,
                       default: .bool(true)),
        // DYN_ALLOCATION_SHUFFLE_TRACKING_TIMEOUT: timeConf(MILLISECONDS), Long.MaxValue;
        // that many milliseconds overflow nanoseconds, so "never" is Int64.max here.
        SparkConfigKey("spark.dynamicAllocation.shuffleTracking.timeout",
                       constant: "DYN_ALLOCATION_SHUFFLE_TRACKING_TIMEOUT",
                       .duration(bareUnitNanoseconds: ms), default: .duration(nanoseconds: .max)),
    ]
}

/// A combination of settings that Spark rejects at start-up even though each value is
/// valid alone, with the keys involved so that a caller can point at them.
public struct SparkConfConflict: Sendable, Equatable {
    /// The keys involved, the one to blame first.
    public var keys: [String]
    public var error: SparkConfError
}

extension SparkConf {
    /// The start-up checks Spark makes across keys, in a fixed order.
    ///
    /// Mirrors `SparkContext`'s cores-per-task check, `HealthTracker.validateExcludeOnFailureConfs`
    /// and `ExecutorAllocationManager.validateSettings`, so that a scenario Spark would
    /// refuse to start is refused before time starts rather than simulated.
    public func conflicts() -> [SparkConfConflict] {
        var found: [SparkConfConflict] = []
        if isSet("spark.executor.cores"), taskCPUs > executorCores {
            found.append(SparkConfConflict(
                keys: ["spark.task.cpus", "spark.executor.cores"],
                error: SparkConfError(
                    problem: "spark.task.cpus = \(taskCPUs) exceeds spark.executor.cores = \(executorCores)",
                    expected: "at most as many CPUs per task as cores per executor")))
        }
        if excludeOnFailureApplicationEnabled || excludeOnFailureTaskAndStageEnabled,
           excludeMaxTaskAttemptsPerNode >= taskMaxFailures
        {
            found.append(SparkConfConflict(
                keys: ["spark.excludeOnFailure.task.maxTaskAttemptsPerNode", "spark.task.maxFailures"],
                error: SparkConfError(
                    problem: "spark.excludeOnFailure.task.maxTaskAttemptsPerNode = "
                        + "\(excludeMaxTaskAttemptsPerNode) is not below spark.task.maxFailures = "
                        + "\(taskMaxFailures), so exclusion cannot survive one bad node",
                    expected: "fewer attempts per node than spark.task.maxFailures, as Spark requires")))
        }
        if dynamicAllocationEnabled { found += dynamicAllocationConflicts() }
        return found
    }

    private func dynamicAllocationConflicts() -> [SparkConfConflict] {
        var found: [SparkConfConflict] = []
        let minimum = dynamicAllocationMinExecutors
        let maximum = dynamicAllocationMaxExecutors
        if maximum == 0 {
            found.append(SparkConfConflict(
                keys: ["spark.dynamicAllocation.maxExecutors"],
                error: SparkConfError(problem: "spark.dynamicAllocation.maxExecutors is 0",
                                      expected: "at least 1 executor when dynamic allocation is on")))
        }
        if minimum > maximum {
            found.append(SparkConfConflict(
                keys: ["spark.dynamicAllocation.minExecutors", "spark.dynamicAllocation.maxExecutors"],
                error: SparkConfError(
                    problem: "spark.dynamicAllocation.minExecutors = \(minimum) exceeds "
                        + "spark.dynamicAllocation.maxExecutors = \(maximum)",
                    expected: "minExecutors <= maxExecutors")))
        }
        if !shuffleServiceEnabled && !dynamicAllocationShuffleTrackingEnabled {
            found.append(SparkConfConflict(
                keys: ["spark.dynamicAllocation.enabled", "spark.dynamicAllocation.shuffleTracking.enabled",
                       "spark.shuffle.service.enabled"],
                error: SparkConfError(
                    problem: "dynamic allocation needs the external shuffle service or shuffle tracking",
                    expected: "spark.shuffle.service.enabled or "
                        + "spark.dynamicAllocation.shuffleTracking.enabled set to true")))
        }
        return found
    }
}

import Testing
@testable import Engine

/// Spark 4.x defaults, as declared in `internal/config/package.scala` and friends.
@Suite struct SparkConfDefaultsTests {
    let conf = SparkConf()
    let ms: Int64 = 1_000_000
    let s: Int64 = 1_000_000_000

    @Test func localityWaitDefaultsToThreeSecondsAtEveryLevel() {
        #expect(conf.localityWaitNanoseconds == 3 * s)
        #expect(conf.localityWaitProcessNanoseconds == 3 * s)
        #expect(conf.localityWaitNodeNanoseconds == 3 * s)
        #expect(conf.localityWaitRackNanoseconds == 3 * s)
        #expect(conf.localityWaitLegacyResetOnTaskLaunch == false)
    }

    @Test func schedulingDefaultsMatchSpark() {
        #expect(conf.taskMaxFailures == 4)
        #expect(conf.taskCPUs == 1)
        #expect(conf.taskGPUAmount == 0)
        #expect(conf.executorCores == 1)
        #expect(conf.executorMemoryBytes == 1 << 30)
        #expect(conf.executorGPUAmount == 0)
        #expect(conf.executorInstances == nil)
        #expect(conf.schedulingMode == .fifo)
        #expect(conf.reviveIntervalNanoseconds == s)
        #expect(conf.schedulerPool == "default")
        #expect(conf.stageMaxConsecutiveAttempts == 4)
        #expect(conf.stageMaxAttempts == Int(Int32.max))
        #expect(conf.shuffleServiceEnabled == false)
        #expect(conf.unregisterOutputOnHostOnFetchFailure == false)
        #expect(conf.defaultParallelism == nil)
        #expect(conf.driverMaxResultSizeBytes == 1 << 30)
        #expect(conf.shuffleReduceLocalityEnabled)
        #expect(conf.networkTimeoutNanoseconds == 120 * s)
        #expect(conf.executorHeartbeatIntervalNanoseconds == 10 * s)
    }

    @Test func speculationDefaultsMatchSpark() {
        #expect(conf.speculationEnabled == false)
        #expect(conf.speculationIntervalNanoseconds == 100 * ms)
        #expect(conf.speculationMultiplier == 3)
        #expect(conf.speculationQuantile == 0.9)
        #expect(conf.speculationMinTaskRuntimeNanoseconds == 100 * ms)
        #expect(conf.speculationTaskDurationThresholdNanoseconds == nil)
        #expect(conf.speculationEfficiencyEnabled == true)
        #expect(conf.speculationEfficiencyProcessRateMultiplier == 0.75)
        #expect(conf.speculationEfficiencyLongRunTaskFactor == 2)
    }

    @Test func barrierDefaultsMatchSpark() {
        #expect(conf.barrierSyncTimeoutNanoseconds == 365 * 86_400 * s)
        #expect(conf.barrierMaxConcurrentTasksCheckIntervalNanoseconds == 15 * s)
        #expect(conf.barrierMaxConcurrentTasksCheckMaxFailures == 40)
    }

    @Test func exclusionIsOffWithSparkThresholds() {
        #expect(conf.excludeOnFailureApplicationEnabled == false)
        #expect(conf.excludeOnFailureTaskAndStageEnabled == false)
        #expect(conf.excludeMaxTaskAttemptsPerExecutor == 1)
        #expect(conf.excludeMaxTaskAttemptsPerNode == 2)
        #expect(conf.excludeStageMaxFailedTasksPerExecutor == 2)
        #expect(conf.excludeStageMaxFailedExecutorsPerNode == 2)
        #expect(conf.excludeApplicationMaxFailedTasksPerExecutor == 2)
        #expect(conf.excludeApplicationMaxFailedExecutorsPerNode == 2)
        #expect(conf.excludeTimeoutNanoseconds == 3_600 * s)
        #expect(conf.excludeKillExcludedExecutors == false)
        #expect(conf.excludeOnFetchFailure == false)
        #expect(conf.unschedulableTaskSetTimeoutNanoseconds == 120 * s)
    }

    @Test func dynamicAllocationDefaultsMatchSpark() {
        #expect(conf.dynamicAllocationEnabled == false)
        #expect(conf.dynamicAllocationMinExecutors == 0)
        #expect(conf.dynamicAllocationMaxExecutors == Int(Int32.max))
        #expect(conf.dynamicAllocationInitialExecutors == 0)
        #expect(conf.dynamicAllocationExecutorIdleTimeoutNanoseconds == 60 * s)
        #expect(conf.dynamicAllocationCachedExecutorIdleTimeoutNanoseconds == Int64(Int32.max) * s)
        #expect(conf.dynamicAllocationSchedulerBacklogTimeoutNanoseconds == s)
        #expect(conf.dynamicAllocationSustainedSchedulerBacklogTimeoutNanoseconds == s)
        #expect(conf.dynamicAllocationExecutorAllocationRatio == 1)
        #expect(conf.dynamicAllocationShuffleTrackingEnabled == true)
        #expect(conf.dynamicAllocationShuffleTrackingTimeoutNanoseconds == .max)
    }

    @Test func dataExchangeDefaultsMatchSpark() {
        #expect(conf.broadcastBlockSizeBytes == 4 << 20)
        #expect(conf.arrowMaxRecordsPerBatch == 10_000)
        #expect(conf.arrowPySparkEnabled == false)
    }

    @Test func everyRegisteredKeyHasADefaultAFallbackOrIsOptionalOnPurpose() {
        let optional: Set<String> = [
            "spark.default.parallelism", "spark.executor.instances",
            "spark.speculation.task.duration.threshold", "spark.excludeOnFailure.enabled",
        ]
        for key in SparkConfigRegistry.keys {
            let ok = key.defaultValue != nil || key.fallback != nil || optional.contains(key.name)
            #expect(ok, "\(key.name)")
            if let fallback = key.fallback {
                #expect(SparkConfigRegistry.key(named: fallback) != nil, "\(key.name)")
            }
        }
    }

    @Test func registryNamesAreUniqueAndFindable() {
        let names = SparkConfigRegistry.keys.map(\.name)
        #expect(Set(names).count == names.count)
        for name in names { #expect(SparkConfigRegistry.key(named: name)?.name == name) }
        #expect(SparkConfigRegistry.key(named: "spark.nope") == nil)
    }
}

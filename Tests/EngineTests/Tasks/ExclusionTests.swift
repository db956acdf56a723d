import Testing
@testable import Engine

/// Exclusion on failure (TaskSetExcludelist within a task set, HealthTracker across the
/// application), from TaskSetManagerSuite, TaskSetExcludelistSuite and HealthTrackerSuite.
@Suite struct ExclusionTests {
    static let enabled: [(String, SparkConfigValue)] = [("spark.excludeOnFailure.enabled", .bool(true))]

    @Test func twoFailedTasksExcludeAnExecutorForTheWholeTaskSetThenForTheApplication() {
        let h = Harness(Self.enabled)
        h.addExecutor("exec1", host: "host1", cores: 1)
        h.addExecutor("exec2", host: "host2", cores: 1)
        let first = h.submit(stage: 0, tasks: 2)
        #expect(h.round(h.scheduler.makeOffers(), full: true).map(\.summary)
            == ["0:p0.0@exec1/PROCESS_LOCAL", "1:p1.0@exec2/PROCESS_LOCAL"])
        h.fail(0, .exception("boom"))
        h.fail(1, .exception("boom"))
        // Each task is now excluded where it failed: they swap executors.
        #expect(h.round(h.scheduler.makeOffers(), full: true).map(\.summary)
            == ["2:p1.1@exec1/PROCESS_LOCAL", "3:p0.1@exec2/PROCESS_LOCAL"])
        h.fail(2, .exception("boom"))
        #expect(h.manager(first)?.excludelist?.isExecutorExcludedForTaskSet("exec1") == true)
        h.succeed(3)
        #expect(h.round(h.scheduler.makeOffers(), full: true).isEmpty, "task 1: exec1 excluded, exec2 failed it")
        h.addExecutor("exec3", host: "host3", cores: 1)
        #expect(h.round(h.scheduler.makeOffers(), full: true).map(\.executor) == ["exec3"])
        h.succeed(4, at: ms(10))
        #expect(h.manager(first) == nil)
        // The set succeeded: exec1's two failures now exclude it from the application.
        #expect(h.scheduler.health?.isExecutorExcluded("exec1") == true)
        #expect(h.scheduler.health?.isExecutorExcluded("exec2") == false)
        h.submit(stage: 1, tasks: 3, at: ms(20))
        #expect(h.round(h.scheduler.makeOffers(), full: true, at: ms(20)).map(\.executor) == ["exec2", "exec3"])
        h.succeed(5, at: ms(30))
        h.succeed(6, at: ms(30))
        // After the one-hour timeout exec1 is offered again.
        #expect(h.round(h.scheduler.makeOffers(), full: true, at: ms(3_600_011)).map(\.executor) == ["exec1"])
        #expect(h.scheduler.health?.isExecutorExcluded("exec1") == false)
    }

    @Test func failedTaskSetsTeachTheApplicationNothing() {
        let h = Harness(Self.enabled, maxFailures: 2)
        h.addExecutor("exec1", host: "host1", cores: 1)
        h.submit(stage: 0, tasks: 2)
        _ = h.round(h.scheduler.makeOffers(), full: true)
        h.fail(0, .exception("boom"))
        h.addExecutor("exec2", host: "host2", cores: 1)
        _ = h.round(h.scheduler.makeOffers(), full: true)
        h.fail(1, .exception("boom"))
        h.fail(2, .exception("boom"))
        #expect(h.failedTaskSets.count == 1, "task 0 failed twice")
        #expect(h.scheduler.health?.excludedExecutors.isEmpty == true)
    }

    @Test func onlyTheApplicationLevelRunsTheTaskSetListDry() {
        let h = Harness([("spark.excludeOnFailure.application.enabled", .bool(true))])
        h.addExecutor("exec1", host: "host1", cores: 1)
        let ts = h.submit(stage: 0, tasks: 1)
        _ = h.round(h.scheduler.makeOffers(), full: true)
        h.fail(0, .exception("boom"))
        #expect(h.manager(ts)?.excludelist?.executorFailures["exec1"]?.numUniqueTasksWithFailures == 1)
        #expect(h.round(h.scheduler.makeOffers(), full: true).map(\.executor) == ["exec1"], "dry: nothing excluded")
    }

    @Test func fetchFailuresExcludeTheNodeWithAnExternalShuffleService() {
        let h = Harness(Self.enabled + [("spark.shuffle.service.enabled", .bool(true)),
                                        ("spark.excludeOnFailure.application.fetchFailure.enabled", .bool(true))])
        h.addExecutor("exec1", host: "host1", cores: 2)
        h.submit(stage: 1, tasks: 2)
        _ = h.round(h.scheduler.makeOffers(), full: true)
        h.fail(0, .fetchFailed(mapStageKey: "m", mapPartition: 0, executor: "exec1", host: "host1", message: "x"))
        #expect(h.scheduler.health?.isNodeExcluded("host1") == true)
    }

    @Test func failuresThatAreNotTheExecutorsFaultAreNotRecorded() {
        let h = Harness(Self.enabled)
        h.addExecutor("exec1", host: "host1", cores: 4)
        let ts = h.submit(stage: 0, tasks: 4)
        _ = h.round(h.scheduler.makeOffers(), full: true)
        h.fail(1, .executorLost("exec1", causedByApp: false, message: "preempted"))
        h.fail(3, .killed("test"))
        #expect(h.manager(ts)?.isZombie == false)
        h.fail(0, .fetchFailed(mapStageKey: "m", mapPartition: 0, executor: "exec1", host: "host1", message: "x"))
        #expect(h.manager(ts)?.excludelist?.executorFailures.isEmpty == true)
    }

    @Test func aTaskExcludedEverywhereAbortsAtOnceWhenNoExecutorIsIdle() {
        let h = Harness(Self.enabled)
        h.addExecutor("exec1", host: "host1", cores: 2)
        let ts = h.submit(stage: 0, job: 0, tasks: 1)
        h.submit(stage: 1, job: 1, tasks: 1)
        #expect(h.round(h.scheduler.makeOffers(), full: true).count == 2)
        h.fail(0, .exception("boom"))
        #expect(h.round(h.scheduler.makeOffers(), full: true).isEmpty)
        #expect(h.failedTaskSets.map(\.0) == [ts])
        #expect(h.failedTaskSets.first?.1 == "\nAborting TaskSet 0.0 because task 0 (partition 0)\n"
                + "cannot run anywhere due to node and executor excludeOnFailure.\nMost recent failure:\n"
                + "Lost task 0.0 in stage 0.0 (TID 0) (host1 executor exec1): boom\n\n"
                + "ExcludeOnFailure behavior can be configured via spark.excludeOnFailure.*.\n")
    }

    @Test func withAnIdleExecutorTheUnschedulableSetWaitsForTheTimeout() {
        let h = Harness(Self.enabled)
        h.addExecutor("exec1", host: "host1", cores: 1)
        let ts = h.submit(stage: 0, tasks: 1)
        _ = h.round(h.scheduler.makeOffers(), full: true)
        h.fail(0, .exception("boom"), at: ms(1_000))
        #expect(h.round(h.scheduler.makeOffers(), full: true, at: ms(1_000)).isEmpty)
        #expect(h.scheduler.nextUnschedulableAbortCheck == ms(121_000))
        #expect(h.round(h.scheduler.makeOffers(), full: true, at: ms(60_000)).isEmpty)
        #expect(h.failedTaskSets.isEmpty)
        h.scheduler.abortUnschedulableTaskSets(now: ms(121_000))
        h.drain()
        #expect(h.failedTaskSets.map(\.0) == [ts])
        #expect(h.scheduler.isIdle)
    }
}

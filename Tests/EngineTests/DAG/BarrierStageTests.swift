import Testing
@testable import Engine

/// BR-05 and BR-08 of the conformance set (BarrierStageOnSubmittedSuite; DAGSchedulerSuite
/// / BarrierExecutionSuite: "Retry all the tasks on a resubmitted attempt of a barrier
/// stage caused by TaskKilled / FetchFailure", "Fail the job if a barrier ResultTask
/// failed", "Barrier task failures from the same stage attempt don't trigger multiple
/// stage retries", "… from a previous stage attempt don't trigger stage retry").
@Suite struct BarrierStageTests: DAGFixtures {
    static let slotMessage = BarrierChecks.moreSlotsThanClusterMessage

    @Test func br05ABarrierStageWiderThanTheClusterIsCheckedEveryIntervalAndFailsAfterMaxFailures() {
        var h = DAGHarness([("spark.scheduler.barrier.maxConcurrentTasksCheck.interval",
                             .duration(nanoseconds: 1_000_000_000)),
                            ("spark.scheduler.barrier.maxConcurrentTasksCheck.maxFailures", .int(3))])
        h.slots = 4
        h.submit(JobSpec(name: "train", stages: [stage("train", job: "train", partitions: 5, barrier: true)]))
        var checks: [EngineInstant] = [.zero]
        for second in 1...3 {
            #expect(h.pendingTimers.map(\.timer) == [.barrierSlotCheck(JobID(0))])
            #expect(h.pendingTimers.map(\.at) == [at(ms: Int64(second) * 1000)])
            h.advance(to: at(ms: Int64(second) * 1000))
            checks.append(h.now)
        }
        #expect(h.pendingTimers.isEmpty && h.taskSets.isEmpty)
        #expect(h.endedJobs.map(\.message) == [Self.slotMessage])
        #expect(h.traces(.jobFailed).map(\.time) == [at(ms: 3000)])
        #expect(h.traces(.jobSubmitted).count == 1)
        #expect(h.dag.hasNoJobState)
    }

    @Test func br05ABarrierMapStageIsCheckedTooAndAPassingCheckLetsTheJobRun() {
        var h = DAGHarness()
        h.slots = 1
        h.submit(shuffleJob("job0", maps: 2, reduces: 1, barrierMap: true))
        #expect(h.pendingTimers.map(\.at) == [at(ms: 15_000)])
        h.slots = 2  // an executor joined meanwhile
        h.advance(to: at(ms: 15_000))
        #expect(stageIDs(h.taskSets) == [0] && h.taskSets[0].isBarrier)
        h.completeMapStage(h.taskSets[0], reducers: 1)
        h.completeResultStage(h.taskSets[1])
        #expect(h.endedJobs.map(\.succeeded) == [true])
        #expect(h.dag.hasNoJobState)
    }

    @Test func br05WithSparksDefaultsAJobThatNeverGetsTheSlotsFailsAfter600Seconds() {
        var h = DAGHarness()
        h.slots = 1
        h.submit(JobSpec(name: "train", stages: [stage("train", job: "train", partitions: 2, barrier: true)]))
        h.advance(to: at(ms: 599_999))
        #expect(h.endedJobs.isEmpty)
        h.advance(to: at(ms: 600_000))
        #expect(h.endedJobs.map(\.message) == [Self.slotMessage])
    }

    @Test func br05AMapStageJobFailsItsSlotCheckAtOnceAndDynamicAllocationRefusesBarrierStages() {
        var h = DAGHarness()
        h.slots = 1
        h.submitMapStage(JobSpec(name: "job0", stages: [stage("map", partitions: 2, barrier: true)]))
        #expect(h.pendingTimers.isEmpty && h.endedJobs.map(\.message) == [Self.slotMessage])

        var g = DAGHarness([("spark.dynamicAllocation.enabled", .bool(true)),
                            ("spark.dynamicAllocation.shuffleTracking.enabled", .bool(true))])
        g.submit(JobSpec(name: "train", stages: [stage("train", job: "train", partitions: 2, barrier: true)]))
        #expect(g.endedJobs.map(\.message) == [BarrierChecks.dynamicAllocationMessage])
    }

    @Test func br08AFailedBarrierMapTaskFailsTheAttemptUnregistersAllOutputsAndRetriesEveryPartition() {
        var h = DAGHarness()
        h.submit(shuffleJob(maps: 2, reduces: 2, barrierMap: true))
        h.complete(h.taskSets[0], task: 0, .success(mapStatus("hostA", 2)))
        #expect(h.dag.mapOutputTracker.findMissingPartitions("job0.map") == [1])
        h.advance(byMilliseconds: 50)
        h.complete(h.taskSets[0], task: 1, .killed("test"))
        let message = "Stage failed because barrier task ShuffleMapTask(0, 1) finished unsuccessfully.\n"
            + "TaskKilled (test)"
        #expect(h.traces(.stageFailed).map { "\($0.stage!) \($0.stageAttempt!) \($0.detail!)" } == ["map 0 \(message)"])
        #expect(h.kills.map(\.reason)
            == ["Task ShuffleMapTask(0, 1) from barrier stage ShuffleMapStage 0 (map) failed."])
        #expect(h.dag.mapOutputTracker.findMissingPartitions("job0.map") == [0, 1])
        #expect(h.pendingTimers.map(\.at) == [at(ms: 250)])
        h.advance(to: at(ms: 250))
        #expect(h.taskSets[1].stage == attempt(stage: 0, 1) && partitions(h.taskSets[1]) == [0, 1])
        h.completeMapStage(h.taskSets[1], reducers: 2)
        #expect(h.taskSets[2].stage == attempt(stage: 1, 0))
        h.completeResultStage(h.taskSets[2])
        #expect(h.dag.hasNoJobState)
    }

    @Test func br08TwoFailedTasksOfOneAttemptStillSubmitTheMapStageOnlyTwice() {
        var h = DAGHarness()
        h.submit(shuffleJob(maps: 2, reduces: 2, barrierMap: true))
        h.complete(h.taskSets[0], task: 0, .killed("test"))
        h.complete(h.taskSets[0], task: 1, .killed("test"))
        #expect(h.traces(.stageFailed).count == 1 && h.pendingTimers.count == 1)
        #expect(h.kills.count == 2)
        h.advance(byMilliseconds: 1000)
        #expect(h.taskSets.filter { $0.stage.stage == StageID(0) }.count == 2)
    }

    @Test func br08AFailureFromAnOlderAttemptReportedAfterTheRetryIsIgnored() {
        var h = DAGHarness()
        h.submit(shuffleJob(maps: 2, reduces: 2, barrierMap: true))
        h.complete(h.taskSets[0], task: 0, .killed("test"))
        h.advance(byMilliseconds: 200)
        #expect(h.taskSets.count == 2)
        h.complete(h.taskSets[0], task: 1, .killed("test"))
        h.advance(byMilliseconds: 1000)
        #expect(h.taskSets.count == 2 && h.traces(.stageFailed).count == 1 && h.kills.count == 1)
    }

    @Test func br08TheFourthConsecutiveFailedBarrierAttemptAbortsTheJob() {
        var h = DAGHarness()
        h.submit(shuffleJob(maps: 2, reduces: 2, barrierMap: true))
        for number in 0..<4 {
            #expect(h.taskSets.last!.stage == attempt(stage: 0, number))
            h.complete(h.taskSets.last!, task: 0, .exception("java.lang.RuntimeException: boom"))
            h.advance(byMilliseconds: 200)
        }
        let message = "Job aborted due to stage failure: ShuffleMapStage 0 (map) has failed the maximum allowable "
            + "number of times: 4. Most recent failure reason: Stage failed because barrier task ShuffleMapTask(0, 0) "
            + "finished unsuccessfully.\njava.lang.RuntimeException: boom"
        #expect(h.endedJobs.map(\.message) == [message])
        #expect(h.taskSets.count == 4 && h.dag.hasNoJobState)
    }

    @Test func aFailedBarrierResultTaskFailsTheJobBecauseItsOutputMayBeCommitted() {
        var h = DAGHarness()
        h.submit(JobSpec(name: "job0", stages: [
            stage("map", partitions: 2), stage("reduce", partitions: 2, parents: ["job0.map"], barrier: true),
        ]))
        h.completeMapStage(h.taskSets[0], reducers: 2, hosts: ["hostA", "hostA"])
        h.complete(h.taskSets[1], task: 0, .killed("test"))
        let message = "Job aborted due to stage failure: Could not recover from a failed barrier ResultStage. Most "
            + "recent failure reason: Stage failed because barrier task ResultTask(1, 0) finished unsuccessfully.\n"
            + "TaskKilled (test)"
        #expect(h.endedJobs.map(\.message) == [message])
        h.advance(byMilliseconds: 200)  // the resubmission Spark still queues finds nothing to do
        #expect(h.taskSets.count == 2 && h.dag.hasNoJobState)
    }

    @Test func aFetchFailureOnABarrierMapStagesOutputReRunsTheWholeMapStage() {
        var h = DAGHarness()
        h.submit(shuffleJob(maps: 2, reduces: 2, barrierMap: true))
        h.completeMapStage(h.taskSets[0], reducers: 2)
        h.complete(h.taskSets[1], task: 0, fetchFailed("job0.map", map: 0, from: "hostA"))
        #expect(h.dag.mapOutputTracker.findMissingPartitions("job0.map") == [0, 1])
        h.advance(byMilliseconds: 200)
        #expect(h.taskSets[2].stage == attempt(stage: 0, 1) && partitions(h.taskSets[2]) == [0, 1])
        h.completeMapStage(h.taskSets[2], reducers: 2)
        #expect(h.taskSets[3].stage == attempt(stage: 1, 1) && partitions(h.taskSets[3]) == [0, 1])
        h.completeResultStage(h.taskSets[3])
        #expect(h.dag.hasNoJobState)
    }

    @Test func aBarrierMapTaskResubmittedAfterItsExecutorDiedFailsTheWholeAttempt() {
        var h = DAGHarness()
        h.submit(shuffleJob(maps: 2, reduces: 2, barrierMap: true))
        h.complete(h.taskSets[0], task: 0, .success(mapStatus("hostA", 2)))
        h.executorLost("hostA-exec")
        h.resubmitted(h.taskSets[0], task: 0)
        #expect(h.traces(.stageFailed).map(\.detail) == [
            "Stage failed because barrier task ShuffleMapTask(0, 0) finished unsuccessfully.\n"
                + "Resubmitted (resubmitted due to lost executor)",
        ])
        h.advance(byMilliseconds: 200)
        #expect(h.taskSets[1].stage == attempt(stage: 0, 1) && partitions(h.taskSets[1]) == [0, 1])
    }
}

import Testing
@testable import Engine

/// Group E of the conformance set (FF) and DAGSchedulerSuite's fetch-failure cases: "run
/// trivial shuffle with fetch failure", "recursive shuffle failures", "Multiple
/// consecutive stage fetch failures should lead to job being aborted.", "Failures in
/// different stages should not trigger an overall abort", "trivial shuffle with multiple
/// fetch failures", "extremely late fetch failures …", "All shuffle files on the storage
/// endpoint should be cleaned up when it is lost", "SPARK-32003 …".
@Suite struct FetchFailureTests: DAGFixtures {
    @Test func ff01aAFetchFailureResubmitsOnlyTheMissingMapAndResultPartitionsAfter200ms() {
        var h = DAGHarness()
        h.submit(shuffleJob(maps: 2, reduces: 2))
        h.completeMapStage(h.taskSets[0], reducers: 2)
        h.advance(byMilliseconds: 1000)
        h.complete(h.taskSets[1], [.success(nil), fetchFailed("job0.map", map: 0, from: "hostA")])
        #expect(h.traces(.stageFailed).map { "\($0.stage!) \($0.stageAttempt!) \($0.detail!)" } == ["reduce 0 ignored"])
        #expect(h.pendingTimers.map(\.at) == [at(ms: 1200)])
        #expect(h.traces(.stageResubmitted).map(\.stage) == ["map", "reduce"])
        #expect(h.outputHosts("job0.map", maps: 2) == [nil, "hostB"])
        h.advance(byMilliseconds: 199)
        #expect(h.taskSets.count == 2)
        h.advance(byMilliseconds: 1)
        #expect(h.taskSets[2].stage == attempt(stage: 0, 1) && partitions(h.taskSets[2]) == [0])
        h.complete(h.taskSets[2], [.success(mapStatus("hostA", 2))])
        #expect(h.taskSets[3].stage == attempt(stage: 1, 1) && partitions(h.taskSets[3]) == [1])
        h.completeResultStage(h.taskSets[3])
        #expect(h.endedJobs.map(\.succeeded) == [true])
        #expect(h.dag.hasNoJobState)
    }

    @Test func ff01bAFetchFailureTwoShufflesDownReRunsOnlyTheLostPartitionsOfEachStage() {
        var h = DAGHarness()
        h.submit(JobSpec(name: "job0", stages: [
            stage("S0", partitions: 2), stage("S1", partitions: 2, parents: ["job0.S0"]),
            stage("S2", partitions: 1, parents: ["job0.S1"]),
        ]))
        h.completeMapStage(h.taskSets[0], reducers: 2)
        h.completeMapStage(h.taskSets[1], reducers: 1, hosts: ["hostA", "hostC"])
        h.complete(h.taskSets[2], [fetchFailed("job0.S1", map: 0, from: "hostA")])
        h.advance(byMilliseconds: 200)
        #expect(h.taskSets[3].stage == attempt(stage: 0, 1) && partitions(h.taskSets[3]) == [0])
        h.complete(h.taskSets[3], [.success(mapStatus("hostA", 2))])
        #expect(h.taskSets[4].stage == attempt(stage: 1, 1) && partitions(h.taskSets[4]) == [0])
        h.complete(h.taskSets[4], [.success(mapStatus("hostA", 1))])
        #expect(h.taskSets[5].stage == attempt(stage: 2, 1))
        h.completeResultStage(h.taskSets[5])
        #expect(h.endedJobs.map(\.succeeded) == [true])
        #expect(h.dag.hasNoJobState)
    }

    @Test func ff02TheFourthConsecutiveFetchFailedAttemptAbortsTheJobWithSparksMessage() {
        var h = DAGHarness()
        h.submit(shuffleJob(maps: 2, reduces: 2))
        for number in 0..<4 {
            let mapSet = h.taskSets[h.taskSets.count - 1]
            #expect(mapSet.stage == attempt(stage: 0, number))
            h.completeMapStage(mapSet, reducers: 2)
            let reduceSet = h.taskSets[h.taskSets.count - 1]
            #expect(reduceSet.stage == attempt(stage: 1, number))
            h.complete(reduceSet, reduceSet.tasks.map { _ in fetchFailed("job0.map", map: 0, from: "hostA") })
            h.advance(byMilliseconds: 200)
            #expect(h.endedJobs.isEmpty == (number < 3))
        }
        let message = "Job aborted due to stage failure: ResultStage 1 (reduce) has failed the maximum allowable "
            + "number of times: 4. Most recent failure reason:\nignored"
        #expect(h.endedJobs.map(\.message) == [message])
        #expect(h.traces(.jobFailed).map(\.detail) == [message])
        #expect(h.traces(.stageFailed).count == 4)
        #expect(h.dag.hasNoJobState)
    }

    @Test func failuresSpreadOverTwoStagesOrBrokenBySuccessDoNotAbort() {
        var h = DAGHarness()
        h.submit(JobSpec(name: "job0", stages: [
            stage("S0", partitions: 2), stage("S1", partitions: 2, parents: ["job0.S0"]),
            stage("S2", partitions: 1, parents: ["job0.S1"]),
        ]))
        for number in 0..<4 {
            h.completeMapStage(h.taskSets.last!, reducers: 2)
            if number < 2 {
                let reduceSet = h.taskSets.last!
                h.complete(reduceSet, reduceSet.tasks.map { _ in fetchFailed("job0.S0", map: 0, from: "hostA") })
            } else {
                h.completeMapStage(h.taskSets.last!, reducers: 1)
                #expect(h.taskSets.last!.stage == attempt(stage: 2, number - 2))
                h.complete(h.taskSets.last!, [fetchFailed("job0.S1", map: 0, from: "hostA")])
            }
            h.advance(byMilliseconds: 200)
        }
        h.completeMapStage(h.taskSets.last!, reducers: 2)
        h.completeMapStage(h.taskSets.last!, reducers: 1)
        #expect(h.taskSets.last!.stage == attempt(stage: 2, 2))
        h.completeResultStage(h.taskSets.last!)
        #expect(h.endedJobs.map(\.succeeded) == [true])
        #expect(h.dag.hasNoJobState)
    }

    @Test func manyFetchFailuresOfOneAttemptFailItOnceAndQueueOneResubmission() {
        var h = DAGHarness()
        h.submit(shuffleJob(maps: 2, reduces: 2))
        h.completeMapStage(h.taskSets[0], reducers: 2)
        h.complete(h.taskSets[1], task: 0, fetchFailed("job0.map", map: 0, from: "hostA"))
        h.complete(h.taskSets[1], task: 1, fetchFailed("job0.map", map: 1, from: "hostB"))
        #expect(h.traces(.stageFailed).count == 1)
        #expect(h.pendingTimers.count == 1)
        #expect(h.outputHosts("job0.map", maps: 2) == [nil, nil])
        h.advance(byMilliseconds: 200)
        #expect(partitions(h.taskSets[2]) == [0, 1] && h.taskSets.count == 3)
    }

    @Test func aFetchFailureFromAnOlderAttemptIsIgnored() {
        var h = DAGHarness()
        h.submit(shuffleJob(maps: 2, reduces: 2))
        h.completeMapStage(h.taskSets[0], reducers: 2)
        h.complete(h.taskSets[1], task: 0, fetchFailed("job0.map", map: 0, from: "hostA"))
        h.advance(byMilliseconds: 200)
        h.complete(h.taskSets[2], [.success(mapStatus("hostA", 1))])
        #expect(h.taskSets[3].stage == attempt(stage: 1, 1))
        h.complete(h.taskSets[1], task: 1, fetchFailed("job0.map", map: 1, from: "hostB"))
        h.advance(byMilliseconds: 400)
        #expect(h.taskSets.count == 4 && h.traces(.stageFailed).count == 1)
        #expect(h.outputHosts("job0.map", maps: 2) == ["hostA", "hostB"])
    }

    @Test func withAShuffleServiceAFetchFailureCanUnregisterEveryOutputOfTheHost() {
        var h = DAGHarness([("spark.shuffle.service.enabled", .bool(true)),
                            ("spark.files.fetchFailure.unRegisterOutputOnHost", .bool(true))])
        h.submit(JobSpec(name: "job0", stages: [
            stage("first", partitions: 3), stage("second", partitions: 3, parents: ["job0.first"]),
            stage("reduce", partitions: 1, parents: ["job0.second"]),
        ]))
        let statuses: [TaskEndReason] = [
            .success(MapStatus(executor: "hostA-exec1", host: "hostA", sizesByReducer: [2, 2, 2])),
            .success(MapStatus(executor: "hostA-exec2", host: "hostA", sizesByReducer: [2, 2, 2])),
            .success(mapStatus("hostB", 3)),
        ]
        h.complete(h.taskSets[0], statuses)
        h.complete(h.taskSets[1], statuses)
        h.complete(h.taskSets[2], [.fetchFailed(mapStageKey: "job0.first", mapPartition: 0, executor: "hostA-exec2",
                                                host: "hostA", message: "ignored")])
        #expect(h.outputHosts("job0.first", maps: 3) == [nil, nil, "hostB"])
        #expect(h.outputHosts("job0.second", maps: 3) == [nil, nil, "hostB"])
    }

    @Test func withAShuffleServiceALostExecutorKeepsItsOutputsUntilAFetchFromItFails() {
        var h = DAGHarness([("spark.shuffle.service.enabled", .bool(true))])
        h.submit(shuffleJob(maps: 3, reduces: 3))
        h.completeMapStage(h.taskSets[0], reducers: 3, hosts: ["hostA", "hostA", "hostB"])
        h.executorLost("hostA-exec", .processLost(causedByApp: false, message: "Container marked as failed"))
        #expect(h.outputHosts("job0.map", maps: 3) == ["hostA", "hostA", "hostB"])
        let epoch = h.dag.mapOutputTracker.epoch
        h.complete(h.taskSets[1], task: 0, fetchFailed("job0.map", map: 0, from: "hostA"))
        #expect(h.outputHosts("job0.map", maps: 3) == [nil, nil, "hostB"])
        #expect(h.dag.mapOutputTracker.epoch == epoch + 2)  // unregisterMapOutput, removeOutputsOnExecutor
        h.complete(h.taskSets[1], task: 1, fetchFailed("job0.map", map: 1, from: "hostA"))
        #expect(h.dag.mapOutputTracker.epoch == epoch + 3)  // unregisterMapOutput only: this epoch is handled
    }

    @Test func aFailedTaskSetAbortsItsStageAndEveryJobDependingOnIt() {
        var h = DAGHarness()
        h.submit(JobSpec(name: "job0", stages: [
            stage("map1", partitions: 2), stage("reduce1", partitions: 2, parents: ["job0.map1"]),
        ]))
        h.submit(JobSpec(name: "job1", stages: [
            stage("map1", job: "job0", partitions: 2), stage("map2", job: "job1", partitions: 2),
            stage("reduce2", job: "job1", partitions: 2, parents: ["job0.map1", "job1.map2"]),
        ]))
        #expect(stageIDs(h.taskSets) == [0, 2])
        h.taskSetFailed(h.taskSets[0], "Exception failure in map stage")
        let message = "Job aborted due to stage failure: Exception failure in map stage"
        #expect(h.kills.map(\.stage) == [StageID(0), StageID(2)])
        #expect(h.traces(.stageFailed).map(\.stage) == ["map1", "map2"])
        #expect(h.endedJobs.map(\.id) == [JobID(0), JobID(1)] && h.endedJobs.allSatisfy { $0.message == message })
        #expect(h.dag.hasNoJobState)
    }

    @Test func aStageResubmittedMoreThanSparkStageMaxAttemptsIsAborted() {
        var h = DAGHarness([("spark.stage.maxAttempts", .int(2)), ("spark.stage.maxConsecutiveAttempts", .int(2))])
        h.submit(shuffleJob(maps: 2, reduces: 2))
        h.completeMapStage(h.taskSets[0], reducers: 2)
        h.complete(h.taskSets[1], task: 0, fetchFailed("job0.map", map: 0, from: "hostA"))
        h.advance(byMilliseconds: 200)
        h.executorLost("hostC-exec")
        h.complete(h.taskSets[2], [.success(mapStatus("hostC", 2))])
        // The lost executor's output was stale: S0 would need a third attempt.
        let message = "Job aborted due to stage failure: ShuffleMapStage 0 (name=map) has been resubmitted for the "
            + "maximum allowable number of times: 2, which is the max value of config `spark.stage.maxAttempts` and "
            + "`spark.stage.maxConsecutiveAttempts`."
        #expect(h.endedJobs.map(\.message) == [message])
        #expect(h.dag.hasNoJobState)
    }
}

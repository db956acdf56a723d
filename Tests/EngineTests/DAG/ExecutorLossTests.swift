import Testing
@testable import Engine

/// Group D of the conformance set (EL) and the executor-loss cases of DAGSchedulerSuite:
/// "run trivial shuffle with out-of-band executor failure and retry", "ignore late map
/// task completions", "map stage submission with executor failure late map task
/// completions", "shuffle files (not) lost when …", "register map outputs correctly
/// after ExecutorLost and task Resubmitted", "[SPARK-19263] …".
@Suite struct ExecutorLossTests: DAGFixtures {
    @Test func elo2aAnExecutorLostBeforeAnyCompletionMakesItsLateOutputRunAgainAsOneTask() {
        var h = DAGHarness()
        h.submit(shuffleJob(maps: 2, reduces: 1))
        h.executorLost("hostA-exec")
        h.complete(h.taskSets[0], [.success(mapStatus("hostA", 1)), .success(mapStatus("hostB", 1))])
        // TS1 = S0 attempt 1, one shuffle-map task for partition 0.
        #expect(h.taskSets.count == 2)
        #expect(h.taskSets[1].stage == attempt(stage: 0, 1))
        #expect(partitions(h.taskSets[1]) == [0] && h.taskSets[1].tasks[0].isShuffleMap)
        #expect(h.traces(.stageCompleted).map(\.stageAttempt) == [0])
        #expect(h.traces(.stageResubmitted).map(\.detail) == ["map outputs lost"])
        h.complete(h.taskSets[1], [.success(mapStatus("hostC", 1))])
        #expect(h.outputHosts("job0.map", maps: 2) == ["hostC", "hostB"])
        // TS2 = S1, whose task prefers both hosts; it returns and the job succeeds.
        #expect(h.taskSets[2].stage == attempt(stage: 1, 0))
        #expect(!h.taskSets[2].tasks[0].isShuffleMap)
        h.completeResultStage(h.taskSets[2])
        #expect(h.endedJobs.map(\.succeeded) == [true])
        #expect(h.dag.hasNoJobState)
    }

    @Test func elo2bCompletionsFromTasksCreatedBeforeTheLossAreIgnoredAndLaterOnesAccepted() {
        var h = DAGHarness()
        h.submit(shuffleJob(maps: 2, reduces: 2))
        let epochBefore = h.dag.mapOutputTracker.epoch
        h.executorLost("hostA-exec")
        #expect(h.dag.mapOutputTracker.epoch > epochBefore)
        h.complete(h.taskSets[0], task: 0, .success(mapStatus("hostA", 2)))
        #expect(h.dag.mapOutputTracker.numAvailableOutputs("job0.map") == 0)
        h.complete(h.taskSets[0], task: 0, .success(mapStatus("hostB", 2)))
        #expect(h.dag.mapOutputTracker.numAvailableOutputs("job0.map") == 1)
        h.complete(h.taskSets[0], task: 0, .success(mapStatus("hostA", 2)))
        #expect(h.dag.mapOutputTracker.numAvailableOutputs("job0.map") == 1)
        // Partition 1's task was created before the loss too: ignored, and the attempt is over.
        h.complete(h.taskSets[0], task: 1, .success(mapStatus("hostA", 2)))
        #expect(h.taskSets[1].stage == attempt(stage: 0, 1) && partitions(h.taskSets[1]) == [1])
        // A task created after the loss may report from hostA.
        h.complete(h.taskSets[1], task: 0, .success(mapStatus("hostA", 2)))
        #expect(h.outputHosts("job0.map", maps: 2) == ["hostB", "hostA"])
        h.completeResultStage(h.taskSets[2])
        #expect(h.dag.hasNoJobState)
    }

    @Test func elo2cAMapStageJobIsDoneOnlyWhenEveryOutputIsOnALiveExecutor() {
        var h = DAGHarness()
        let mapOnly = JobSpec(name: "job0", stages: [stage("map", partitions: 3)])
        h.submitMapStage(mapOnly)
        let old = h.taskSets[0]
        h.complete(old, task: 0, .success(mapStatus("hostA", 2)))
        let epochBefore = h.dag.mapOutputTracker.epoch
        h.executorLost("hostA-exec")
        #expect(h.dag.mapOutputTracker.epoch > epochBefore)
        h.complete(old, task: 1, .success(mapStatus("hostA", 2)))
        h.complete(old, task: 2, .success(mapStatus("hostB", 2)))
        #expect(h.endedJobs.isEmpty)
        #expect(h.taskSets.count == 2 && partitions(h.taskSets[1]) == [0, 1] && h.taskSets[1].stage.attempt == 1)
        h.complete(h.taskSets[1], task: 0, .success(mapStatus("hostB", 2)))
        #expect(h.endedJobs.isEmpty)
        h.complete(h.taskSets[1], task: 1, .success(mapStatus("hostB", 2)))
        #expect(h.endedJobs.map(\.succeeded) == [true])
        #expect(h.dag.hasNoJobState)
        // A reduce job over the shuffle runs its result tasks directly.
        h.submit(JobSpec(name: "job1", stages: [
            stage("map", job: "job0", partitions: 3),
            stage("reduce", job: "job1", partitions: 2, parents: ["job0.map"]),
        ]))
        #expect(h.taskSets.count == 3 && !h.taskSets[2].tasks[0].isShuffleMap)
        h.completeResultStage(h.taskSets[2])
        #expect(h.endedJobs.map(\.succeeded) == [true, true])
        #expect(h.dag.hasNoJobState)
    }

    struct LossCase: Sendable, CustomTestStringConvertible {
        var label: String
        var reason: ExecutorLossReason
        var shuffleService: Bool
        var survivingHosts: [String?]
        var testDescription: String { label }
    }

    static let lossCases = [
        LossCase(label: "executor process lost with shuffle service",
                 reason: .processLost(causedByApp: false, message: ""), shuffleService: true,
                 survivingHosts: ["hostA", "hostB"]),
        LossCase(label: "worker lost with shuffle service", reason: .hostLost("hostA"), shuffleService: true,
                 survivingHosts: [nil, "hostB"]),
        LossCase(label: "worker lost without shuffle service", reason: .hostLost("hostA"), shuffleService: false,
                 survivingHosts: [nil, "hostB"]),
        LossCase(label: "executor failure with shuffle service", reason: .killedByDriver, shuffleService: true,
                 survivingHosts: ["hostA", "hostB"]),
        LossCase(label: "executor failure without shuffle service", reason: .killedByDriver, shuffleService: false,
                 survivingHosts: [nil, "hostB"]),
    ]

    @Test(arguments: lossCases)
    func shuffleFilesDieWithTheirExecutorUnlessAShuffleServiceKeepsThem(_ lossCase: LossCase) {
        var h = DAGHarness([("spark.shuffle.service.enabled", .bool(lossCase.shuffleService))])
        h.submit(shuffleJob(maps: 2, reduces: 1))
        h.completeMapStage(h.taskSets[0], reducers: 1)
        h.executorLost("hostA-exec", lossCase.reason)
        #expect(h.outputHosts("job0.map", maps: 2) == lossCase.survivingHosts)
    }

    @Test func aTaskResubmittedAfterItsExecutorDiedKeepsTheAttemptOpenUntilItRunsAgain() {
        var h = DAGHarness()
        h.submit(JobSpec(name: "job0", stages: [
            stage("map", partitions: 3), stage("reduce", partitions: 5, parents: ["job0.map"]),
        ]))
        h.complete(h.taskSets[0], task: 0, .success(mapStatus("hostA", 5)))
        h.complete(h.taskSets[0], task: 1, .success(mapStatus("hostA", 5)))
        h.executorLost("hostA-exec")
        h.resubmitted(h.taskSets[0], task: 0)
        h.resubmitted(h.taskSets[0], task: 1)
        h.completeMapStage(h.taskSets[0], reducers: 5, hosts: ["hostB", "hostB", "hostB"])
        #expect(h.outputHosts("job0.map", maps: 3) == ["hostB", "hostB", "hostB"])
        #expect(h.taskSets.count == 2 && h.taskSets[1].stage == attempt(stage: 1, 0))
    }

    @Test func aReAddedExecutorsResultsCountAgain() {
        var h = DAGHarness()
        h.submit(shuffleJob(maps: 1, reduces: 1))
        h.executorLost("hostA-exec")
        h.executorAdded("hostA-exec", host: "hostA")
        h.complete(h.taskSets[0], task: 0, .success(mapStatus("hostA", 1)))
        #expect(h.outputHosts("job0.map", maps: 1) == ["hostA"])
        #expect(stageIDs(h.taskSets) == [0, 1])
    }

    @Test func lateCompletionsFromAnAttemptOlderThanTheExecutorLossDoNotCountAsOutputs() {
        // SPARK-19263: A <- B <- C; a fetch failure on hostA, B's attempt-0 task ends late on hostA.
        var h = DAGHarness()
        h.submit(JobSpec(name: "job0", stages: [
            stage("A", partitions: 2), stage("B", partitions: 2, parents: ["job0.A"]),
            stage("C", partitions: 2, parents: ["job0.B"]),
        ]))
        h.completeMapStage(h.taskSets[0], reducers: 2, hosts: ["hostA", "hostA"])
        let message = "Fetch failure of task: stageId=1, stageAttempt=0, partitionId=0"
        h.complete(h.taskSets[1], task: 0, fetchFailed("job0.A", map: 0, from: "hostA", message))
        h.advance(byMilliseconds: 200)
        #expect(h.taskSets[2].stage == attempt(stage: 0, 1) && partitions(h.taskSets[2]) == [0, 1])
        h.completeMapStage(h.taskSets[2], reducers: 2, hosts: ["hostB", "hostB"])
        #expect(h.taskSets[3].stage == attempt(stage: 1, 1) && partitions(h.taskSets[3]) == [0, 1])
        h.complete(h.taskSets[1], task: 1, .success(mapStatus("hostA", 2)))
        #expect(h.partitionCompletions.map(\.partition) == [1])
        h.complete(h.taskSets[3], task: 0, .success(mapStatus("hostB", 2)))
        #expect(h.taskSets.count == 5)
        #expect(h.taskSets[4].stage == attempt(stage: 1, 2) && partitions(h.taskSets[4]) == [1])
        h.complete(h.taskSets[4], task: 0, .success(mapStatus("hostB", 2)))
        #expect(h.taskSets.count == 6 && h.taskSets[5].stage.stage == StageID(2))
        h.completeResultStage(h.taskSets[5])
        #expect(h.dag.hasNoJobState)
    }
}

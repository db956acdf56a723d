import Testing
@testable import Engine

/// TF-08 (DAGSchedulerSuite: "Completions in zombie tasksets update status of non-zombie
/// taskset") and BR-06 (BarrierStageOnSubmittedSuite's RDD-chain cases), with the
/// patterns a `StageSpec` cannot express described by a `StageLineage`.
@Suite struct StageAttemptTests: DAGFixtures {
    @Test func tf08LateSuccessesOfAZombieAttemptCountAndTellTheTaskSchedulerTheCurrentAttemptNeedNotRunThem() {
        var h = DAGHarness()
        h.submit(shuffleJob(maps: 4, reduces: 4))
        h.complete(h.taskSets[0], task: 0, .success(mapStatus("hostA", 4)))
        h.complete(h.taskSets[0], task: 1, fetchFailed("job0.map", map: 0, from: "hostB"))
        h.advance(byMilliseconds: 200)
        #expect(h.taskSets[1].stage == attempt(stage: 0, 1))
        #expect(partitions(h.taskSets[1]) == [1, 2, 3])
        h.complete(h.taskSets[1], task: 0, .success(mapStatus("hostA", 4)))
        h.complete(h.taskSets[0], task: 2, .success(mapStatus("hostA", 4)))
        #expect(h.partitionCompletions.map { "\($0.stage.rawValue):\($0.partition)" } == ["0:2"])
        #expect(h.taskSets.count == 2)
        h.complete(h.taskSets[0], task: 3, .success(mapStatus("hostA", 4)))
        #expect(h.partitionCompletions.map { "\($0.stage.rawValue):\($0.partition)" } == ["0:2", "0:3"])
        #expect(h.taskSets.count == 3 && h.taskSets[2].stage == attempt(stage: 1, 0))
        h.completeResultStage(h.taskSets[2])
        #expect(h.endedJobs.map(\.succeeded) == [true])
        #expect(h.dag.hasNoJobState)
    }

    @Test func aLateResultFromAnOlderAttemptCompletesTheJob() {
        // SPARK-30388: the original result task succeeds after its speculative copy's fetch failure.
        var h = DAGHarness()
        h.submit(shuffleJob(maps: 2, reduces: 2))
        h.completeMapStage(h.taskSets[0], reducers: 2)
        h.complete(h.taskSets[1], task: 0, .success(nil))
        h.complete(h.taskSets[1], task: 1, fetchFailed("job0.map", map: 0, from: "hostA"))
        h.advance(byMilliseconds: 200)
        #expect(h.dag.runningStageIDs == [StageID(0)])
        h.complete(h.taskSets[1], task: 1, .success(nil))
        #expect(h.endedJobs.map(\.succeeded) == [true])
        #expect(h.kills.map(\.stage) == [StageID(0), StageID(1)])
        #expect(h.traces.filter { $0.kind == .stageCompleted || $0.kind == .stageFailed }.map(\.stage)
            == ["map", "reduce", "reduce", "map"])
        #expect(h.dag.hasNoJobState)
    }

    @Test func aStageWhoseOutputsAllArrivedWhileItWasQueuedCompletesWithoutTasksWhenResubmitted() {
        // "Trigger mapstage's job listener in submitMissingTasks": A <- B, both map-stage jobs.
        var h = DAGHarness()
        h.submitMapStage(JobSpec(name: "job0", stages: [stage("A", partitions: 2)]))
        h.submitMapStage(JobSpec(name: "job1", stages: [stage("A", partitions: 2),
                                                        stage("B", job: "job1", partitions: 2, parents: ["job0.A"])]))
        h.completeMapStage(h.taskSets[0], reducers: 2)
        #expect(h.endedJobs.map(\.id) == [JobID(0)])
        h.complete(h.taskSets[1], [.success(mapStatus("hostC", 2)), fetchFailed("job0.A", map: 0, from: "hostA")])
        h.advance(byMilliseconds: 200)
        // A speculative copy of B's partition 1 succeeds while B is queued: no completion yet.
        h.complete(h.taskSets[1], task: 1, .success(mapStatus("hostD", 2)))
        #expect(h.endedJobs.count == 1)
        h.complete(h.taskSets[2], [.success(mapStatus("hostC", 2))])
        #expect(h.taskSets.count == 3)
        #expect(h.traces(.stageSubmitted).last?.detail == "no missing partitions")
        #expect(h.endedJobs.map(\.id) == [JobID(0), JobID(1)])
        #expect(h.dag.hasNoJobState)
    }

    // MARK: BR-06

    typealias RDD = StageLineage.RDD

    static let refused: [(String, StageLineage, Int)] = [
        // A partition-pruned RDD (4 -> 2) made barrier.
        ("pruned", StageLineage(rdds: [RDD(partitions: 2, isFromBarrier: true, narrowParents: [1]),
                                       RDD(partitions: 2, narrowParents: [2]), RDD(partitions: 4)]), 2),
        // A job asking for partitions 1 and 3 of a 4-partition barrier RDD.
        ("partial", StageLineage(rdds: [RDD(partitions: 4, isFromBarrier: true, narrowParents: [1]),
                                        RDD(partitions: 4)],
                                 requestedPartitions: 2), 4),
        // union of a barrier RDD (2) with another RDD (2), then map.
        ("union", StageLineage(rdds: [RDD(partitions: 4, narrowParents: [1]), RDD(partitions: 4, narrowParents: [2, 4]),
                                      RDD(partitions: 2, isFromBarrier: true, narrowParents: [3]), RDD(partitions: 2),
                                      RDD(partitions: 2)]), 4),
        // coalesce(1) of a 4-partition barrier RDD.
        ("coalesce", StageLineage(rdds: [RDD(partitions: 1, narrowParents: [1]),
                                         RDD(partitions: 4, isFromBarrier: true, narrowParents: [2]),
                                         RDD(partitions: 4)]), 1),
        // zip of two barrier RDDs.
        ("zip", StageLineage(rdds: [RDD(partitions: 4, narrowParents: [1, 2]), RDD(partitions: 4, isFromBarrier: true),
                                    RDD(partitions: 4, isFromBarrier: true)]), 4),
    ]

    @Test func br06RDDChainsThatChangePartitionCountsOrZipBarrierRDDsAreRefusedAtSubmission() {
        for (label, lineage, partitions) in Self.refused {
            for asMapStage in [false, true] {
                var h = DAGHarness()
                let barrier = stage("barrier", partitions: partitions, barrier: true)
                let job = asMapStage
                    ? JobSpec(name: "job0", stages: [barrier, stage("after", partitions: 1, parents: ["job0.barrier"])])
                    : JobSpec(name: "job0", stages: [barrier])
                h.submit(job, lineages: ["job0.barrier": lineage])
                // A map stage always computes all its partitions: "partial" only concerns result stages.
                let expected = label == "partial" && asMapStage ? [] : [BarrierChecks.unsupportedRDDChainMessage]
                #expect(h.endedJobs.compactMap(\.message) == expected, "\(label), map stage: \(asMapStage)")
                #expect(h.pendingTimers.isEmpty)
            }
        }
    }

    @Test func br06ZipWithANonBarrierRDDAndAPrunedRDDBehindAShuffleAreAccepted() {
        var h = DAGHarness()
        let zip = StageLineage(rdds: [RDD(partitions: 4, narrowParents: [1, 2]),
                                      RDD(partitions: 4, isFromBarrier: true),
                                      RDD(partitions: 4)])
        h.submit(JobSpec(name: "job0", stages: [stage("zip", partitions: 4, barrier: true)]),
                 lineages: ["job0.zip": zip])
        #expect(h.taskSets.count == 1 && h.endedJobs.isEmpty)

        var g = DAGHarness()
        let pruned = StageLineage(rdds: [RDD(partitions: 2, narrowParents: [1]), RDD(partitions: 4)])
        let afterShuffle = StageLineage(rdds: [RDD(partitions: 2, isFromBarrier: true)])
        g.submit(JobSpec(name: "job0", stages: [
            stage("pruned", partitions: 2), stage("barrier", partitions: 2, parents: ["job0.pruned"], barrier: true),
        ]), lineages: ["job0.pruned": pruned, "job0.barrier": afterShuffle])
        #expect(g.taskSets.count == 1 && g.endedJobs.isEmpty)
    }
}

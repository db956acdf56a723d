import Testing
@testable import Engine

/// The map output tracker and reduce locality (MapOutputTrackerSuite; DAGSchedulerSuite:
/// "reduce tasks should be placed locally with map output", "reduce task locality
/// preferences should only include machines with largest map outputs", "stages with both
/// narrow and shuffle dependencies use narrow ones for locality").
@Suite struct MapOutputTrackerTests: DAGFixtures {
    @Test func everyRemovalOfOutputsMovesTheEpochAndTheCountsFollowTheOutputs() {
        var tracker = MapOutputTracker()
        tracker.registerShuffle("s", numMaps: 3)
        tracker.registerMapOutput("s", mapPartition: 0, status: mapStatus("hostA", 2))
        tracker.registerMapOutput("s", mapPartition: 1, status: mapStatus("hostA", 2))
        tracker.registerMapOutput("s", mapPartition: 2, status: mapStatus("hostB", 2))
        #expect(tracker.isAvailable("s") && tracker.epoch == 0)
        // The output was re-registered elsewhere: unregistering the old location keeps it.
        tracker.unregisterMapOutput("s", mapPartition: 2, executor: "hostC-exec", host: "hostC")
        #expect(tracker.numAvailableOutputs("s") == 3 && tracker.epoch == 1)
        tracker.unregisterMapOutput("s", mapPartition: 2, executor: "hostB-exec", host: "hostB")
        #expect(tracker.findMissingPartitions("s") == [2] && tracker.epoch == 2)
        tracker.removeOutputsOnExecutor("hostA-exec")
        #expect(tracker.findMissingPartitions("s") == [0, 1, 2] && tracker.epoch == 3)
        tracker.checkInvariants()
    }

    @Test func removingAHostRemovesTheOutputsOfAllItsExecutorsInEveryShuffle() {
        var tracker = MapOutputTracker()
        for key in ["first", "second"] {
            tracker.registerShuffle(key, numMaps: 3)
            tracker.registerMapOutput(key, mapPartition: 0,
                                      status: MapStatus(executor: "hostA-exec1", host: "hostA", sizesByReducer: [2]))
            tracker.registerMapOutput(key, mapPartition: 1,
                                      status: MapStatus(executor: "hostA-exec2", host: "hostA", sizesByReducer: [2]))
            tracker.registerMapOutput(key, mapPartition: 2, status: mapStatus("hostB", 1))
        }
        tracker.removeOutputsOnHost("hostA")
        #expect(tracker.findMissingPartitions("first") == [0, 1])
        #expect(tracker.findMissingPartitions("second") == [0, 1])
        #expect(tracker.epoch == 1)
    }

    @Test func sizesAreWeighedAsSparksCompressedMapStatusReportsThem() {
        #expect([0, 1, 2, 10, 20, 30, 40, 1000].map { MapStatusSizes.reported($0) } == [0, 1, 2, 10, 21, 30, 41, 1051])
        #expect(MapStatusSizes.compressed(1 << 40) == 255)
        #expect(MapStatusSizes.reported(1 << 40) == 35_903_328_718)
    }

    @Test func reduceTasksPreferTheHostsHoldingAtLeastAFifthOfTheirInput() {
        // Four map outputs of 10, 20, 30 and 40 bytes: host1 holds under 20%.
        var h = DAGHarness()
        h.submit(shuffleJob(maps: 4, reduces: 1))
        h.complete(h.taskSets[0], (1...4).map { .success(mapStatus("host\($0)", 1, size: Int64(10 * $0))) })
        #expect(h.taskSets[1].tasks[0].preferredLocations == [.host("host2"), .host("host3"), .host("host4")])
    }

    @Test func aReduceTaskPrefersTheHostOfItsOnlyMapOutput() {
        var h = DAGHarness()
        h.submit(shuffleJob(maps: 1, reduces: 1))
        h.completeMapStage(h.taskSets[0], reducers: 1)
        #expect(h.taskSets[1].tasks[0].preferredLocations == [.host("hostA")])
    }

    @Test func explicitPreferencesWinAndAStageReadingTwoShufflesGetsNoReducePreference() {
        var h = DAGHarness()
        h.submit(JobSpec(name: "job0", stages: [
            stage("left", partitions: 1), stage("right", partitions: 1),
            stage("join", partitions: 2, parents: ["job0.left", "job0.right"]),
        ]))
        h.completeMapStage(h.taskSets[0], reducers: 2)
        h.completeMapStage(h.taskSets[1], reducers: 2)
        #expect(h.taskSets[2].tasks.allSatisfy { $0.preferredLocations.isEmpty })

        var g = DAGHarness()
        g.submit(JobSpec(name: "job0", stages: [
            stage("map", partitions: 1),
            stage("reduce", partitions: 2, parents: ["job0.map"], preferred: [[.host("hostB")], []]),
        ]))
        g.completeMapStage(g.taskSets[0], reducers: 2)
        #expect(g.taskSets[1].tasks.map(\.preferredLocations) == [[.host("hostB")], [.host("hostA")]])
    }

    @Test func reduceLocalityIsOffWhenDisabledOrWithAThousandMapPartitions() {
        var h = DAGHarness([("spark.shuffle.reduceLocality.enabled", .bool(false))])
        h.submit(shuffleJob(maps: 1, reduces: 1))
        h.completeMapStage(h.taskSets[0], reducers: 1)
        #expect(h.taskSets[1].tasks[0].preferredLocations.isEmpty)

        let statuses = (0..<1000).map { Optional(mapStatus("host\($0 % 3)", 1)) }
        #expect(MapOutputTracker.locationsWithLargestOutputs(statuses, reducer: 0, fractionThreshold: 0.2)
            == ["host0", "host1", "host2"])
        var tracker = MapOutputTracker()
        tracker.registerShuffle("big", numMaps: 1000)
        for (index, status) in statuses.enumerated() {
            tracker.registerMapOutput("big", mapPartition: index, status: status!)
        }
        #expect(tracker.preferredHostsForShuffle("big", reducer: 0, numReducers: 1, localityEnabled: true).isEmpty)
    }
}

import Testing
@testable import Engine

/// Group H of the conformance file (POOL) and PoolSuite.
@Suite struct PoolTests {
    /// One round of one core on one executor: which stage gets it.
    func nextStage(_ h: Harness) -> Int? {
        h.round([workerOffer("exec1", "host1", cores: 1)], full: false).first?.stage.stage.rawValue
    }

    @Test func fairPoolsServeNeedyPoolsThenTheLowestRunningToWeightRatio() {
        let pools = [PoolSpec(name: "1", minShare: 2, weight: 1), PoolSpec(name: "2", minShare: 3, weight: 1),
                     PoolSpec(name: "3", minShare: 0, weight: 1)]
        let h = Harness([("spark.scheduler.mode", .string("FAIR"))], pools: pools)
        h.addExecutor("exec1", host: "host1", cores: 64)
        for (stage, tasks, pool) in [(0, 1, "1"), (1, 1, "1"), (2, 2, "1"), (3, 2, "2"), (4, 2, "2")] {
            h.submit(stage: stage, job: stage, tasks: tasks, pool: pool)
        }
        let order = (0..<8).compactMap { _ in nextStage(h) }
        #expect(order == [0, 3, 3, 1, 4, 2, 2, 4])
    }

    @Test func fifoOrdersByJobThenStage() {
        let h = Harness()
        h.addExecutor("exec1", host: "host1", cores: 64)
        h.submit(stage: 5, job: 1, tasks: 1)
        h.submit(stage: 3, job: 2, tasks: 1)
        h.submit(stage: 4, job: 1, tasks: 1)
        h.submit(stage: 2, job: 2, tasks: 1)
        let order = (0..<4).compactMap { _ in nextStage(h) }
        #expect(order == [4, 5, 2, 3])
    }

    @Test func anUnknownPoolIsCreatedUnderTheRootWithDefaults() {
        let h = Harness([("spark.scheduler.mode", .string("FAIR"))],
                        pools: [PoolSpec(name: "prod", minShare: 1, weight: 1)])
        h.addExecutor("exec1", host: "host1", cores: 64)
        h.submit(stage: 0, job: 0, tasks: 3, pool: "adhoc")
        h.submit(stage: 1, job: 1, tasks: 3, pool: "prod")
        #expect(h.scheduler.pools.nodes.map(\.name) == ["", "prod", "default", "adhoc"])
        let adhoc = h.scheduler.pools.nodes[3]
        #expect(adhoc.minShare == 0 && adhoc.weight == 1 && adhoc.mode == .fifo)
        // prod is needy first; then both at ratio 1/1: "adhoc" < "prod" by name.
        let order = (0..<4).compactMap { _ in nextStage(h) }
        #expect(order == [1, 0, 0, 1])
    }

    @Test func nestedPoolsOrderWithinEachLevel() {
        let pools = [PoolSpec(name: "a", minShare: 0, weight: 1, schedulingMode: .fair,
                              children: [PoolSpec(name: "a1", minShare: 1), PoolSpec(name: "a2", minShare: 1)]),
                     PoolSpec(name: "b", minShare: 3, weight: 1)]
        let h = Harness([("spark.scheduler.mode", .string("FAIR"))], pools: pools)
        h.addExecutor("exec1", host: "host1", cores: 64)
        h.submit(stage: 0, tasks: 4, pool: "a1")
        h.submit(stage: 1, tasks: 4, pool: "a2")
        h.submit(stage: 2, tasks: 4, pool: "b")
        let order = (0..<6).compactMap { _ in nextStage(h) }
        // b is needy (0 < 3) three times; then a (3 ≥ ... not needy, 0/1) wins by ratio; inside a
        // the needy a1 then a2.
        #expect(order == [2, 2, 2, 0, 1, 0])
        #expect(h.scheduler.pools.nodes.first { $0.name == "a" }?.runningTasks == 3)
    }

    @Test func fifoModeIgnoresPoolNames() {
        let h = Harness(pools: [PoolSpec(name: "x", minShare: 5)])
        h.submit(stage: 0, tasks: 1, pool: "x")
        #expect(h.scheduler.pools.nodes.count == 1)
    }

    @Test func scalaHashOrderMatchesTheJVM() {
        #expect(ScalaHashOrder.hash(of: "host1") == 99_467_145)
        #expect(ScalaHashOrder.capacity(forMaximumSize: 11) == 16)
        #expect(ScalaHashOrder.capacity(forMaximumSize: 12) == 32)
        // TIDs 14..20 in a 16-bucket table iterate 16...20 before 14, 15.
        let order = ScalaHashOrder.ordered(Array(14...20), capacity: 16) { ScalaHashOrder.hash(of: $0) }
        #expect(order == [16, 17, 18, 19, 20, 14, 15])
    }

    @Test func thePercentileHeapGivesSparksUpperMedian() {
        var heap = PercentileHeap()
        for value: Int64 in [5, 1, 4] { heap.insert(value) }
        #expect(heap.percentile() == 4)
        heap.insert(2)
        #expect(heap.percentile() == 4, "sorted [1, 2, 4, 5][2]")
        heap.insert(3)
        #expect(heap.percentile() == 3)
    }
}

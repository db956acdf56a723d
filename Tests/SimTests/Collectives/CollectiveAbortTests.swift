import Testing
@testable import Sim

/// Aborting a collective stops its flows and its reductions.
@Suite("Collectives: abort")
struct CollectiveAbortTests {
    @Test("an aborted ring leaves nothing in flight; a ring started after it runs as if alone")
    func abortFreesTheLinks() {
        var model = CollectiveSimulation(topology: CollectivePlatforms.flat())
        let schedule = CollectiveSchedule.build(.ring, ranks: 8, bytesPerRank: 64 << 20)
        let doomed = model.start(schedule, rankHosts: Array(0..<8), reduction: .uniform(bytesPerSecond: 1 << 30))
        model.run(until: .zero + .milliseconds(30))
        let (firstAbort, secondAbort) = (model.abort(doomed), model.abort(doomed))
        #expect(firstAbort && !secondAbort)
        let outcome = model.outcome(of: doomed)!
        #expect(outcome.abortedAt == .zero + .milliseconds(30) && outcome.completion == outcome.abortedAt)
        #expect(model.network.activeCount == 0)
        // At most the network's own timer (re-sharing after the cancellations) is left: the
        // cancelled reductions never fire (one would trap, its group no longer waits for it).
        #expect(model.run() <= 1)
        let fresh = model.start(schedule, rankHosts: Array(0..<8))
        model.run()
        let alone = CollectivePlatforms.run(schedule, on: CollectivePlatforms.flat(), rankHosts: Array(0..<8))
        #expect(model.outcome(of: fresh)!.duration == alone.duration)
        #expect(model.runner.runningCount == 0)
    }

    @Test("losing a host aborts the collectives with transfers on it, and only those")
    func hostLoss() {
        var model = CollectiveSimulation(topology: CollectivePlatforms.flat())
        let schedule = CollectiveSchedule.build(.recursiveDoubling, ranks: 4, bytesPerRank: 16 << 20)
        let first = model.start(schedule, rankHosts: [0, 1, 2, 3])
        let second = model.start(schedule, rankHosts: [4, 5, 6, 7])
        model.run(until: .zero + .milliseconds(5))
        let aborted = model.loseHost(2)
        #expect(aborted == [first])
        model.run()
        #expect(model.outcome(of: first)?.abortedAt != nil)
        #expect(model.outcome(of: second)?.abortedAt == nil)
    }
}

@Suite("Collectives: runner bookkeeping")
struct CollectiveRunnerInvariantTests {
    @Test("the runner's and the network's invariants hold after every event of a mixed run")
    func invariantsAfterEveryEvent() {
        var model = CollectiveSimulation(topology: CollectivePlatforms.twoRacks(hostsPerRack: 8))
        model.start(CollectiveSchedule.build(.ring, ranks: 6, bytesPerRank: 3 << 20), rankHosts: [0, 8, 1, 9, 2, 10],
                    reduction: .uniform(bytesPerSecond: 4_000_000_000))
        let rates: [Int64] = [1 << 30, 2 << 30, 3 << 30, 1 << 30, 1 << 30]
        model.start(CollectiveSchedule.build(.tree, ranks: 5, bytesPerRank: 2 << 20,
                                             chunking: CollectiveChunking(chunkBytes: 256 << 10, chunksInFlight: 2)),
                    rankHosts: [3, 11, 4, 12, 5], reduction: .perRank(bytesPerSecondByRank: rates))
        model.start(TorrentBroadcast(ranks: 4, bytes: 9 << 20), rankHosts: [6, 14, 7, 15],
                    random: RandomStream(name: "test", seed: 2))
        var events = 0
        while model.step() {
            events += 1
            model.runner.checkInvariants()
            model.network.checkInvariants()
        }
        #expect(events > 100 && model.runner.runningCount == 0)
        #expect((0..<3).allSatisfy { model.outcome(of: CollectiveGroupID(rawValue: $0))?.abortedAt == nil })
    }
}

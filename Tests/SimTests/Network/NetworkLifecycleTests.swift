import Testing
@testable import Sim

@Suite("Network transfer lifecycle")
struct NetworkLifecycleTests {
    let flat = NetworkParameters(hostLink: tenGbps, latency: .microseconds(5))

    @Test("cancelling a transfer mid-flight gives its share to the others at once")
    func cancelMidFlight() {
        var h = NetworkHarness(parameters: flat, hostsPerRack: 3)
        let first = h.start(1_250_000, 0, 2, tag: 1)
        h.start(1_250_000, 1, 2, tag: 2)
        // 1 ms at half rate: each has moved 625,000 B. The survivor's 625,000 B left take
        // 0.5 ms at full rate.
        h.run(until: ns(1_010_000))
        let aborted = h.network.cancelTransfer(first, in: &h.simulation)
        #expect(aborted?.bytesMoved == 625_000)
        #expect(aborted?.tag == 1)
        #expect(aborted?.end == ns(1_010_000))
        #expect(h.network.cancelTransfer(first, in: &h.simulation) == nil)
        h.runToEnd()
        #expect(h.completed.map(\.tag) == [2])
        #expect(h.end(ofTag: 2) == 1_510_000)
        #expect(h.network.activeCount == 0)
        let down = h.network.linkUsage(at: h.simulation.now).first { $0.name == "host2.down" }
        #expect(down?.bytesCarried == 1_875_000)
        #expect(down?.busyTime == .microseconds(1_500))
    }

    @Test("a transfer cancelled during its latency never moves a byte")
    func cancelDuringLatency() {
        var h = NetworkHarness(parameters: flat, hostsPerRack: 2)
        let id = h.start(1_250_000, 0, 1, tag: 7)
        h.run(until: ns(3_000))
        #expect(h.network.rate(of: id) == 0)
        #expect(h.network.cancelTransfer(id, in: &h.simulation)?.bytesMoved == 0)
        h.runToEnd()
        #expect(h.completed.isEmpty)
        #expect(h.simulation.pendingCount == 0)
        #expect(h.network.linkUsage(at: h.simulation.now).allSatisfy { $0.bytesCarried == 0 })
    }

    @Test("losing a host aborts every transfer from or to it, in id order; others go on")
    func abortTouchingHost() {
        var h = NetworkHarness(parameters: flat, hostsPerRack: 4)
        h.start(1_250_000, 2, 1, tag: 1)
        h.start(1_250_000, 0, 3, tag: 2)
        h.start(1_250_000, 1, 0, tag: 3)
        h.start(1_250_000, 3, 2, tag: 4)
        h.run(until: ns(100_000))
        let aborted = h.network.abortTransfers(touching: 1, in: &h.simulation)
        #expect(aborted.map(\.tag) == [1, 3])
        h.runToEnd()
        #expect(h.completed.map(\.tag) == [2, 4])
    }

    @Test("a transfer on an uncontended path does not recompute anyone else's share")
    func incrementalRecomputation() {
        var h = NetworkHarness(parameters: flat, hostsPerRack: 202)
        for pair in 0..<100 { h.start(1_250_000_000, 2 * pair, 2 * pair + 1) }
        h.run(until: ns(20_000))
        #expect(h.network.movingCount == 100)
        let before = h.network.statistics
        h.start(1_250_000, 200, 201)
        h.run(until: ns(40_000))
        let after = h.network.statistics
        #expect(after.recomputations - before.recomputations == 1)
        #expect(after.transfersVisited - before.transfersVisited == 1)
        #expect(after.linksVisited - before.linksVisited == 2)
    }

    @Test("transfers due at one instant are shared out once, however many start")
    func batchedAtOneInstant() {
        var h = NetworkHarness(parameters: flat, hostsPerRack: 16)
        for s in 0..<16 { for d in 0..<16 where s != d { h.start(1_000_000, s, d) } }
        h.runToEnd()
        // One recomputation when all start moving (10 us), one when all end together.
        #expect(h.network.statistics.recomputations == 2)
        #expect(Set(h.completed.map(\.end)).count == 1)
    }

    @Test("the same transfers twice give the same completions, byte for byte")
    func deterministic() {
        func run() -> [String] {
            var h = NetworkHarness(parameters: NetworkParameters(
                hostLink: tenGbps, rackUplink: Bandwidth(bitsPerSecond: 15_000_000_000), latency: .microseconds(3)),
                racks: 3, hostsPerRack: 5)
            h.checking = false
            let random = RandomStreams(seed: 99).stream(named: "test.network")
            for i in 0..<400 {
                if i % 50 == 0 { h.run(until: h.simulation.now + .microseconds(Int64(random.integer(below: 200)))) }
                h.start(Int64(1 + random.integer(below: 3_000_000)), random.integer(below: 15),
                        random.integer(below: 15), tag: UInt64(i))
            }
            h.runToEnd()
            return h.completed.map(\.description)
        }
        let first = run()
        #expect(first.count == 400)
        #expect(first == run())
    }
}

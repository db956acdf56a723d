import Testing
import TestSupport
@testable import Sim

@Suite("Network properties")
struct NetworkPropertyTests {
    private func randomHarness(_ random: RandomStream) -> NetworkHarness {
        var h = NetworkHarness.random(random, maxRacks: 3)
        h.problems = []
        return h
    }

    /// Drives one random run: bursts of transfers, waits, cancellations, link factors, a
    /// lost host and a joining host; shares are checked for max-min optimality after every timer.
    private func randomRun(seed: UInt64) throws -> NetworkHarness {
        let random = RandomStreams(seed: seed).stream(named: "test.network.property")
        var h = randomHarness(random)
        var started: [TransferID] = []
        for step in 0..<60 {
            let hosts = h.network.topology.hostCount
            for _ in 0..<random.integer(below: 8) {
                let bytes = random.bernoulli(0.1) ? 0 : Int64(1 + random.integer(below: 5_000_000))
                started.append(h.start(bytes, random.integer(below: hosts), random.integer(below: hosts),
                                       tag: UInt64(started.count)))
            }
            h.run(until: h.simulation.now + .microseconds(Int64(random.integer(below: 3_000))))
            if random.bernoulli(0.2), let victim = started.randomElement(using: random) {
                h.network.cancelTransfer(victim, in: &h.simulation)
            }
            if random.bernoulli(0.15) {
                let factor = [0, 0.1, 0.5, 1, 1, 2][random.integer(below: 6)]
                h.network.setLinkFactor(host: random.integer(below: hosts), factor: factor, in: &h.simulation)
            }
            if step == 30 { h.network.addHost(rack: random.integer(below: 4)) }
            if random.bernoulli(0.03) {
                h.network.abortTransfers(touching: random.integer(below: hosts), in: &h.simulation)
            }
            if let problem = h.problems?.first { throw PropertyFailure(problem) }
        }
        for host in 0..<h.network.topology.hostCount {
            h.network.setLinkFactor(host: host, factor: 1, in: &h.simulation)
        }
        h.runToEnd()
        if let problem = h.problems?.first { throw PropertyFailure(problem) }
        return h
    }

    @Test("shares are max-min fair after every change, and every transfer ends once")
    func maxMinAfterEveryChange() {
        withEverySeed(1...40) { seed in
            let h = try randomRun(seed: seed)
            try #require(h.network.activeCount == 0)
            try #require(h.simulation.pendingCount == 0)
            let ids = h.completed.map(\.id)
            try #require(Set(ids).count == ids.count)
            try #require(h.completed.allSatisfy { $0.end >= $0.start })
        }
    }

    @Test("every byte of a completed transfer crosses every link of its route")
    func bytesAreConserved() {
        withEverySeed(1...20) { seed in
            let random = RandomStreams(seed: seed).stream(named: "test.network.conservation")
            var h = randomHarness(random)
            h.checking = false
            let hosts = h.network.topology.hostCount
            var expected: [LinkID: Int64] = [:]
            for _ in 0..<200 {
                let (bytes, s, d) = (Int64(random.integer(below: 2_000_000)), random.integer(below: hosts),
                                     random.integer(below: hosts))
                h.start(bytes, s, d)
                for link in h.network.topology.route(from: s, to: d).links { expected[link, default: 0] += bytes }
                if random.bernoulli(0.3) { h.run(until: h.simulation.now + .microseconds(100)) }
            }
            h.runToEnd()
            for usage in h.network.linkUsage(at: h.simulation.now) {
                let want = expected[usage.link, default: 0]
                if abs(usage.bytesCarried - want) > 1 {
                    throw PropertyFailure("\(usage.name) carried \(usage.bytesCarried), expected \(want)")
                }
            }
        }
    }
}

extension Array {
    fileprivate func randomElement(using random: RandomStream) -> Element? {
        isEmpty ? nil : self[random.integer(below: count)]
    }
}

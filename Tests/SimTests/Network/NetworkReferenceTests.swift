import Testing
import TestSupport
@testable import Sim

/// A second, deliberately naive model of the same network, to check completion instants
/// (not just rates): continuous time in `Double` nanoseconds, shares recomputed from
/// scratch over all transfers at every event by the textbook progressive filling, all
/// remaining bytes advanced at every event.
private struct ReferenceNetwork {
    struct Flow {
        var startsMoving: Double
        var remaining: Double
        var links: [Int]
        var end: Double?
    }

    var capacities: [Double]
    var flows: [Flow] = []

    /// Max-min rates of the moving flows (indexes into `flows`) by progressive filling.
    func rates(of moving: [Int]) -> [Int: Double] {
        var remaining = capacities
        var unfixed = [Int](repeating: 0, count: capacities.count)
        for f in moving { for l in flows[f].links { unfixed[l] += 1 } }
        var rate: [Int: Double] = [:]
        while rate.count < moving.count {
            var best = -1
            for l in capacities.indices where unfixed[l] > 0 && capacities[l].isFinite {
                if best < 0 || remaining[l] / Double(unfixed[l]) < remaining[best] / Double(unfixed[best]) { best = l }
            }
            if best < 0 {
                for f in moving where rate[f] == nil { rate[f] = .infinity }
                break
            }
            let share = max(0, remaining[best]) / Double(unfixed[best])
            for f in moving where rate[f] == nil && flows[f].links.contains(best) {
                rate[f] = share
                for l in flows[f].links { remaining[l] -= share; unfixed[l] -= 1 }
            }
        }
        return rate
    }

    mutating func run() {
        var now = 0.0
        while flows.contains(where: { $0.end == nil }) {
            let moving = flows.indices.filter { flows[$0].end == nil && flows[$0].startsMoving <= now }
            let rate = rates(of: moving)
            var next = flows.indices.filter { flows[$0].startsMoving > now }.map { flows[$0].startsMoving }.min()
                ?? .infinity
            for f in moving {
                let r = rate[f]!
                next = min(next, r.isInfinite ? now : now + flows[f].remaining * 1e9 / r)
            }
            for f in moving {
                let r = rate[f]!
                flows[f].remaining = r.isInfinite ? 0 : flows[f].remaining - r * (next - now) / 1e9
                if flows[f].remaining <= 1e-6 * max(1, flows[f].remaining) + 1e-3 { flows[f].end = next }
            }
            now = next
        }
    }
}

@Suite("Network against a naive reference")
struct NetworkReferenceTests {
    @Test("completion instants agree with a from-scratch fluid model to within rounding")
    func completionInstantsMatchReference() {
        withEverySeed(1...25) { seed in
            let random = RandomStreams(seed: seed).stream(named: "test.network.reference")
            let gbps = { Bandwidth(bitsPerSecond: Int64(1 + random.integer(below: 40)) * 1_000_000_000) }
            let parameters = NetworkParameters(
                hostLink: gbps(), rackUplink: random.bernoulli(0.7) ? gbps() : nil,
                latency: .microseconds(Int64(random.integer(below: 10))), intraHost: gbps())
            var h = NetworkHarness(parameters: parameters, racks: 1 + random.integer(below: 3),
                                   hostsPerRack: 2 + random.integer(below: 4))
            h.checking = false
            let topology = h.network.topology
            var reference = ReferenceNetwork(capacities: topology.linkIDs.map { h.network.capacity(of: $0) })
            for i in 0..<120 {
                if random.bernoulli(0.2) { h.run(until: h.simulation.now + .microseconds(Int64(random.integer(below: 500)))) }
                let (s, d) = (random.integer(below: topology.hostCount), random.integer(below: topology.hostCount))
                let bytes = Int64(1 + random.integer(below: 2_000_000))
                let route = topology.route(from: s, to: d)
                reference.flows.append(ReferenceNetwork.Flow(
                    startsMoving: Double((h.simulation.now + route.latency).nanosecondsSinceStart),
                    remaining: Double(bytes), links: route.links.map { topology.linkNumber(of: $0)! }))
                h.start(bytes, s, d, tag: UInt64(i))
            }
            h.runToEnd()
            reference.run()
            for done in h.completed {
                let expected = reference.flows[Int(done.tag)].end!
                let actual = Double(done.end.nanosecondsSinceStart)
                if abs(actual - expected) > 50 + expected * 1e-9 {
                    throw PropertyFailure("tag \(done.tag): ended at \(actual) ns, reference \(expected) ns")
                }
            }
            try #require(h.completed.count == 120)
        }
    }
}

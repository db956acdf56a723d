import Testing
@testable import Sim

@Suite("Network sharing")
struct NetworkSharingTests {
    /// One rack, 10 Gbit/s NICs (1.25e9 B/s), 5 us per link.
    let flat = NetworkParameters(hostLink: tenGbps, latency: .microseconds(5))

    @Test("two transfers into one host get half the NIC each, to the nanosecond")
    func twoFlowsShareOneLink() {
        var h = NetworkHarness(parameters: flat, hostsPerRack: 3)
        h.start(1_250_000, 0, 2, tag: 1)
        h.start(1_250_000, 1, 2, tag: 2)
        h.run(until: ns(10_001))
        #expect(h.network.rate(of: TransferID(sequence: 0, slot: 0)) == 625_000_000)
        h.runToEnd()
        // Latency 2 x 5 us, then 1.25 MB at 0.625e9 B/s = 2 ms.
        #expect(h.end(ofTag: 1) == 2_010_000)
        #expect(h.end(ofTag: 2) == 2_010_000)
        #expect(h.completed.map(\.tag) == [1, 2])
    }

    /// Three transfers over a chain of links with different rates (one rack, 4 hosts):
    ///
    ///     A: host0 -> host1   crosses L1 = host0.up (factor 0.875: 8.75 Gbps), L2 = host1.down (10 Gbps)
    ///     B: host2 -> host1   crosses L3 = host2.up (factor 0.5: 5 Gbps),       L2
    ///     C: host2 -> host3   crosses L3,                                       host3.down (10 Gbps)
    ///
    /// Phase 1 (all moving from 10 us). Fair shares: L1 8.75/1, L2 10/2 = 5, L3 5/2 = 2.5,
    /// host3.down 10/1. The smallest is L3: B = C = 2.5 Gbps. L2 has 7.5 left for A alone,
    /// L1 8.75: A = 7.5 Gbps, bottlenecked on L2 (7.5 + 2.5 = 10, full).
    /// C (312,500 B at 312.5e6 B/s) ends after 1 ms, at 1,010,000 ns; B has moved 312,500 B,
    /// A 937,500 B.
    /// Phase 2: L1 8.75/1, L2 10/2 = 5, L3 5/1 = 5: A = B = 5 Gbps (625e6 B/s). B's last
    /// 312,500 B take 0.5 ms: B ends at 1,510,000 ns; A has moved 312,500 B more.
    /// Phase 3: A alone, L1 is the bottleneck: 8.75 Gbps = 1.09375e9 B/s; its last
    /// 1,093,750 B (of 2,343,750) take 1 ms: A ends at 2,510,000 ns.
    @Test("a three-link chain gets the rates worked by hand, phase by phase")
    func threeLinkChain() {
        var h = NetworkHarness(parameters: flat, hostsPerRack: 4)
        h.network.setLinkFactor(host: 0, factor: 0.875, in: &h.simulation)
        h.network.setLinkFactor(host: 2, factor: 0.5, in: &h.simulation)
        let a = h.start(2_343_750, 0, 1, tag: 1)
        let b = h.start(625_000, 2, 1, tag: 2)
        let c = h.start(312_500, 2, 3, tag: 3)
        h.run(until: ns(10_001))
        #expect(h.network.rate(of: a) == 937_500_000)
        #expect(h.network.rate(of: b) == 312_500_000)
        #expect(h.network.rate(of: c) == 312_500_000)
        h.run(until: ns(1_010_001))
        #expect(h.network.rate(of: a) == 625_000_000)
        #expect(h.network.rate(of: b) == 625_000_000)
        #expect(h.network.rate(of: c) == nil)
        h.run(until: ns(1_510_001))
        #expect(h.network.rate(of: a) == 1_093_750_000)
        h.runToEnd()
        #expect(h.end(ofTag: 3) == 1_010_000)
        #expect(h.end(ofTag: 2) == 1_510_000)
        #expect(h.end(ofTag: 1) == 2_510_000)
    }

    @Test("a transfer that ends frees its bandwidth for the others at that instant")
    func endFreesBandwidth() {
        var h = NetworkHarness(parameters: flat, hostsPerRack: 3)
        h.start(1_250_000, 0, 2, tag: 1)
        let long = h.start(2_500_000, 1, 2, tag: 2)
        // Both at 0.625e9 B/s until the short one ends at 10 us + 2 ms; the long one has
        // 1.25 MB left, alone at 1.25e9 B/s: 1 ms more.
        h.run(until: ns(2_010_001))
        #expect(h.end(ofTag: 1) == 2_010_000)
        #expect(h.network.rate(of: long) == 1_250_000_000)
        h.runToEnd()
        #expect(h.end(ofTag: 2) == 3_010_000)
    }

    /// Two racks of 8 hosts, 10 Gbps NICs, 20 Gbps rack uplinks. Host i of rack 0 sends
    /// to host i of rack 1: alone, a transfer gets its NIC's 10 Gbps; eight of them share
    /// the 20 Gbps uplink, 2.5 Gbps each: 4x slower.
    @Test("eight transfers across a 20 Gbps rack uplink from 10 Gbps hosts are 4x slower")
    func oversubscribedUplink() {
        let parameters = NetworkParameters(hostLink: tenGbps, rackUplink: Bandwidth(bitsPerSecond: 20_000_000_000),
                                           latency: .microseconds(5))
        var alone = NetworkHarness(parameters: parameters, racks: 2, hostsPerRack: 8)
        alone.start(1_250_000, 0, 8)
        alone.runToEnd()
        // 4 links x 5 us, then 1.25 MB at 1.25e9 B/s = 1 ms.
        #expect(alone.completed.map(\.end) == [ns(1_020_000)])
        var crowd = NetworkHarness(parameters: parameters, racks: 2, hostsPerRack: 8)
        for i in 0..<8 { crowd.start(1_250_000, i, 8 + i, tag: UInt64(i)) }
        crowd.runToEnd()
        #expect(crowd.completed.map(\.end) == Array(repeating: ns(4_020_000), count: 8))
        #expect(crowd.completed.map(\.tag) == Array(0..<8))
        let usage = crowd.network.linkUsage(at: crowd.simulation.now)
        let rack0Up = usage.first { $0.name == "rack0.up" }
        #expect(rack0Up?.bytesCarried == 10_000_000)
        #expect(rack0Up?.busyTime == .milliseconds(4))
        #expect(rack0Up?.peakConcurrentTransfers == 8)
    }

    @Test("a degraded link mid-transfer stretches it as computed by hand; factor 1 restores")
    func linkDegradedMidFlow() {
        // 1.25 MB alone at 1.25e9 B/s from 10 us. At 510 us half has moved; host 1's NIC
        // drops to 0.25 (0.3125e9 B/s): 625,000 B left take 2 ms, ending at 2,510 us.
        var degraded = NetworkHarness(parameters: flat, hostsPerRack: 2)
        degraded.start(1_250_000, 0, 1)
        degraded.run(until: ns(510_000))
        degraded.network.setLinkFactor(host: 1, factor: 0.25, in: &degraded.simulation)
        degraded.runToEnd()
        #expect(degraded.completed.map(\.end) == [ns(2_510_000)])
        // Restored at 1,510 us: 312,500 B moved at the low rate, 312,500 B left at full
        // rate take 250 us: ends at 1,760 us.
        var restored = NetworkHarness(parameters: flat, hostsPerRack: 2)
        restored.start(1_250_000, 0, 1)
        restored.run(until: ns(510_000))
        restored.network.setLinkFactor(host: 1, factor: 0.25, in: &restored.simulation)
        restored.run(until: ns(1_510_000))
        restored.network.setLinkFactor(host: 1, factor: 1, in: &restored.simulation)
        restored.runToEnd()
        #expect(restored.completed.map(\.end) == [ns(1_760_000)])
    }

    @Test("a link at factor 0 stalls its transfers until it is restored")
    func zeroFactorStalls() {
        var h = NetworkHarness(parameters: flat, hostsPerRack: 2)
        let id = h.start(1_250_000, 0, 1)
        h.run(until: ns(510_000))
        h.network.setLinkFactor(host: 0, factor: 0, in: &h.simulation)
        h.run(until: ns(10_510_000))
        #expect(h.completed.isEmpty)
        #expect(h.network.rate(of: id) == 0)
        h.network.setLinkFactor(host: 0, factor: 1, in: &h.simulation)
        h.runToEnd()
        #expect(h.completed.map(\.end) == [ns(11_010_000)])
    }
}

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
        h.runToEnd()
        // Latency 2 x 5 us, then 1.25 MB at 0.625e9 B/s = 2 ms.
        #expect(h.end(ofTag: 1) == 2_010_000)
        #expect(h.end(ofTag: 2) == 2_010_000)
        #expect(h.completed.map(\.tag) == [1, 2])
    }
}

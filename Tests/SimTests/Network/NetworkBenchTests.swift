import Testing
@testable import Sim

@Suite("Network benchmark")
struct NetworkBenchTests {
    /// 8 hosts in 2 racks of 4, 1 MiB to every other host, 10 Gbps NICs, 100 Gbps uplinks.
    /// Each NIC carries 7 transfers (3 in-rack, 4 cross-rack) and the uplinks never
    /// bind (16 transfers at most 10/7 Gbps each < 100 Gbps). In-rack transfers start
    /// moving at 10 us and fill the NIC alone until the cross-rack ones join at 20 us,
    /// so every NIC is busy from 10 us until its 7 MiB are through:
    /// 10,000 + 7 x 1,048,576 B / 1.25e9 B/s = 10,000 + 5,872,025.6 ns, rounded up.
    @Test("an all-to-all shuffle keeps every NIC busy until its bytes are through")
    func smallShuffleByHand() {
        let result = runAllToAllShuffle(AllToAllShuffleParameters(hosts: 8, racks: 2))
        #expect(result.flows == 56)
        #expect(result.makespan == ns(5_882_026))
        #expect(result.statistics.recomputations == 4)
    }

    @Test("the shuffle is deterministic, with equal and with spread sizes")
    func deterministic() {
        for spread in [0, 0.5] {
            let parameters = AllToAllShuffleParameters(hosts: 16, racks: 4, sizeSpread: spread)
            let first = runAllToAllShuffle(parameters)
            #expect(first.flows == 240)
            #expect(first == runAllToAllShuffle(parameters))
        }
    }
}

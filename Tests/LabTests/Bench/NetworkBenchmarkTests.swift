import Lab
import Testing

/// `sparksim bench network`'s cases compute the same simulation every time; only the wall
/// clock around them varies (never asserted: benchmarks are not timed tests).
@Suite("Network benchmark cases")
struct NetworkBenchmarkTests {
    @Test("the unequal-size all-to-all case is deterministic")
    func unequalShuffleIsDeterministic() {
        let first = NetworkBenchmark.unequalShuffle(hosts: 8, racks: 2, bytes: 1 << 20)
        let second = NetworkBenchmark.unequalShuffle(hosts: 8, racks: 2, bytes: 1 << 20)
        #expect(first.name == "all-to-all-unequal-8-hosts")
        #expect(first.flows == 56)
        #expect(first.flows == second.flows)
        #expect(first.simulatedSeconds == second.simulatedSeconds)
        #expect(first.line.hasPrefix("case=all-to-all-unequal-8-hosts flows=56 sim_s="))
    }

    @Test("unequal sizes end transfers one by one, later than equal sizes")
    func unequalShuffleDiffersFromEqual() {
        let equal = NetworkBenchmark.shuffle(hosts: 8, racks: 2, bytes: 1 << 20)
        let unequal = NetworkBenchmark.unequalShuffle(hosts: 8, racks: 2, bytes: 1 << 20)
        #expect(equal.flows == unequal.flows)
        #expect(equal.simulatedSeconds != unequal.simulatedSeconds)
    }
}

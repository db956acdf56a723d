import Testing
import TestSupport
@testable import Sim

@Suite("Random work failures")
struct RandomWorkFailuresTests {
    static func failures(_ probabilities: [Double], seed: UInt64) -> RandomWorkFailures {
        FaultPlan(specs: probabilities.map { .randomWorkFailures(probability: $0) }, topology: ClusterTopology(),
                  streams: RandomStreams(seed: seed), horizon: .distantFuture).workFailures
    }

    @Test("the failure rate over many keys is the probability")
    func rate() {
        withEverySeed(1...5) { seed in
            let decide = Self.failures([0.01], seed: seed)
            let integerFailures = (0..<UInt64(100_000)).reduce(0) { $0 + (decide.shouldFail(key: $1) ? 1 : 0) }
            // Expected 1000, standard deviation about 31.5: ±150 is nearly 5 sigma.
            guard abs(integerFailures - 1000) < 150 else { throw PropertyFailure("\(integerFailures) of 100000") }
            let stringFailures = (0..<20_000).reduce(0) { $0 + (decide.shouldFail(key: "job0/map#0/\($1).0") ? 1 : 0) }
            guard abs(stringFailures - 200) < 70 else { throw PropertyFailure("\(stringFailures) of 20000") }
        }
    }

    @Test("decisions depend on the key and the seed only, never on the order of asking")
    func keyedNotSequential() {
        let decide = Self.failures([0.3], seed: 9)
        let forward = (0..<UInt64(1000)).map { decide.shouldFail(key: $0) }
        let backward = (0..<UInt64(1000)).reversed().map { decide.shouldFail(key: $0) }
        #expect(forward == Array(backward.reversed()))
        #expect(forward == (0..<UInt64(1000)).map { Self.failures([0.3], seed: 9).shouldFail(key: $0) })
        #expect(forward != (0..<UInt64(1000)).map { Self.failures([0.3], seed: 10).shouldFail(key: $0) })
    }

    @Test("probabilities 0 and 1 are exact; several specs combine as independent causes")
    func edges() {
        #expect(!(0..<UInt64(1000)).contains { Self.failures([0], seed: 1).shouldFail(key: $0) })
        #expect((0..<UInt64(1000)).allSatisfy { Self.failures([1], seed: 1).shouldFail(key: $0) })
        #expect(Self.failures([0.5, 0.5], seed: 1).probability == 0.75)
        #expect(!RandomWorkFailures.none.shouldFail(key: 0))
    }

    @Test("the decision function is pinned: its formula gives these bits for seed 1")
    func pinned() {
        let streams = RandomStreams(seed: 1)
        let seed = streams.stream(named: FaultPlan.workFailureStream).seed
        let decide = RandomWorkFailures(probability: 0.5, streamSeed: seed)
        let h = SeedDerivation.splitMix64(SeedDerivation.splitMix64(7) ^ SeedDerivation.splitMix64(UInt64(seed)))
        #expect(decide.uniform(key: 7) == Double(h >> 11) * 0x1p-53)
        #expect(decide.shouldFail(key: "x") == decide.shouldFail(key: SeedDerivation.fnv1a64("x".utf8)))
    }
}

import Sim
import Testing
import TestSupport
import Workloads

@Suite("K-means")
struct KMeansTests {
    static func blobs(seed: UInt64) -> GaussianBlobs {
        GaussianBlobs(rows: 600, features: 3, k: 4, spread: 1.5, streams: RandomStreams(seed: seed))
    }

    @Test("cost never increases across Lloyd iterations, for both initialisations")
    func costNeverIncreases() {
        for initialization in [KMeansTrainer.Initialization.random, .kMeansParallel(steps: 2)] {
            withEverySeed(1...8) { seed in
                let blobs = Self.blobs(seed: seed)
                var trainer = KMeansTrainer(
                    data: blobs.dataset, configuration: .init(k: 4, maxIter: 20, tol: 0, initialization: initialization),
                    partitions: 5, streams: RandomStreams(seed: seed))
                let (records, _) = train(&trainer, partitions: SparkPartitioning.slices(count: 600, partitions: 5))
                guard records.count >= 2 else { throw PropertyFailure("only \(records.count) records") }
                for (a, b) in zip(records, records.dropFirst()) where b.objective > a.objective * (1 + 1e-12) {
                    throw PropertyFailure("\(initialization): cost rose at \(b.iteration): \(a.objective) -> \(b.objective)")
                }
            }
        }
    }

    @Test("k-means|| passes come first, then assign passes, then one cost pass; well-separated blobs are found")
    func parallelInitStructure() throws {
        let blobs = GaussianBlobs(rows: 800, features: 2, k: 3, spread: 0.3, streams: RandomStreams(seed: 3))
        var trainer = KMeansTrainer(data: blobs.dataset, configuration: .init(k: 3), partitions: 4,
                                    streams: RandomStreams(seed: 3))
        let (records, passes) = train(&trainer, partitions: SparkPartitioning.slices(count: 800, partitions: 4))
        let purposes = passes.map(\.purpose)
        #expect(Array(purposes.prefix(5)) == ["init-sample", "init-cost", "init-select", "init-cost", "init-select"])
        #expect(purposes.last == "cost")
        #expect(purposes.filter { $0 == "assign" }.count == records.count - 1)
        // Every row is within a few spreads of its centre: cost per row near 2 · 0.3².
        let final = try #require(records.last?.objective)
        #expect(final / 800 < 4 * 2 * 0.09)
    }
}

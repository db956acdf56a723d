import Sim
import Testing
import TestSupport
import Workloads

@Suite("Gradient-boosted trees")
struct GradientBoostedTreesTests {
    @Test("training loss decreases tree by tree and beats the constant model")
    func lossDecreases() throws {
        withEverySeed(1...3) { seed in
            let data = SyntheticClassification(rows: 1500, features: 4, streams: RandomStreams(seed: seed)).dataset
            var trainer = GradientBoostedTreesTrainer(
                data: data, configuration: .init(numTrees: 8, maxDepth: 3, learningRate: 0.3),
                streams: RandomStreams(seed: seed))
            let (records, _) = train(&trainer, partitions: SparkPartitioning.slices(count: 1500, partitions: 4))
            guard records.count == 9 else { throw PropertyFailure("\(records.count) records, expected 9") }
            for (a, b) in zip(records, records.dropFirst()) where b.objective >= a.objective {
                throw PropertyFailure("loss rose at tree \(b.iteration): \(a.objective) -> \(b.objective)")
            }
            let constant = records[0].objective, final = records[8].objective
            guard final < 0.8 * constant else { throw PropertyFailure("final \(final) vs constant \(constant)") }
        }
    }

    @Test("one bins pass, then one histogram pass per tree level, then a loss pass")
    func passStructure() throws {
        let data = SyntheticClassification(rows: 800, features: 3, streams: RandomStreams(seed: 5)).dataset
        var trainer = GradientBoostedTreesTrainer(
            data: data, configuration: .init(numTrees: 2, maxDepth: 3, maxBins: 16), streams: RandomStreams(seed: 5))
        let (_, passes) = train(&trainer, partitions: SparkPartitioning.slices(count: 800, partitions: 3))
        #expect(passes.map(\.purpose) == ["bins"] + Array(repeating: "histogram", count: 6) + ["loss"])
        #expect(passes[1].resultDoubles == 3 * 1 * 3 * 16 + 3)  // the root: 1 node, plus the loss triple
        #expect(passes[2].resultDoubles == 3 * 2 * 3 * 16)
        #expect(trainer.trees.count == 2)
    }
}

@Suite("Task-parallel vs allreduce parity, and determinism")
struct ParityTests {
    static let data = SyntheticClassification(rows: 1200, features: 6, streams: RandomStreams(seed: 11)).dataset
    static let slices = SparkPartitioning.slices(count: 1200, partitions: 7)

    @Test("logistic regression: tree-order and ring-order sums give the same model to 1e-9")
    func logisticParity() {
        func fit(_ order: SumOrder) -> [Double] {
            var t = LogisticRegressionTrainer(data: Self.data, configuration: .init(maxIter: 15, regParam: 0.01))
            train(&t, partitions: Self.slices, order: order)
            return t.coefficients
        }
        let reference = fit(.tree)
        for start in [0, 3, 6] { #expect(maxRelativeDifference(fit(.ring(start: start)), reference) < 1e-9) }
    }

    @Test("K-means: tree-order and ring-order sums give the same centres to 1e-9")
    func kMeansParity() {
        let blobs = GaussianBlobs(rows: 700, features: 3, k: 5, spread: 2, streams: RandomStreams(seed: 4))
        let slices = SparkPartitioning.slices(count: 700, partitions: 7)
        func fit(_ order: SumOrder) -> [Double] {
            var t = KMeansTrainer(data: blobs.dataset, configuration: .init(k: 5), partitions: 7,
                                  streams: RandomStreams(seed: 4))
            train(&t, partitions: slices, order: order)
            return t.centres
        }
        #expect(maxRelativeDifference(fit(.ring(start: 2)), fit(.tree)) < 1e-9)
    }

    @Test("GBT: tree-order and ring-order sums give the same trees and margins to 1e-9")
    func boostingParity() {
        func fit(_ order: SumOrder) -> (GradientBoostedTreesTrainer, [Double]) {
            var t = GradientBoostedTreesTrainer(data: Self.data, configuration: .init(numTrees: 4, maxDepth: 3),
                                                streams: RandomStreams(seed: 2))
            train(&t, partitions: Self.slices, order: order)
            return (t, (0..<Self.data.rows).map { t.margin(row: $0) })
        }
        let (a, ma) = fit(.tree), (b, mb) = fit(.ring(start: 4))
        #expect(a.trees.map { $0.nodes.map(\.feature) } == b.trees.map { $0.nodes.map(\.feature) })
        #expect(maxRelativeDifference(mb, ma) < 1e-9)
    }

    @Test("the same seed gives identical bytes of every model")
    func determinism() {
        func bytes(_ values: [Double]) -> [UInt64] { values.map(\.bitPattern) }
        func models(seed: UInt64) -> [[UInt64]] {
            let synthetic = SyntheticClassification(rows: 600, features: 4, streams: RandomStreams(seed: seed))
            let slices = SparkPartitioning.slices(count: 600, partitions: 4)
            var lr = LogisticRegressionTrainer(data: synthetic.dataset, configuration: .init(maxIter: 10))
            train(&lr, partitions: slices)
            var km = KMeansTrainer(data: synthetic.dataset, configuration: .init(k: 3), partitions: 4,
                                   streams: RandomStreams(seed: seed))
            train(&km, partitions: slices)
            var gbt = GradientBoostedTreesTrainer(data: synthetic.dataset, configuration: .init(numTrees: 3),
                                                  streams: RandomStreams(seed: seed))
            train(&gbt, partitions: slices)
            let leaves = gbt.trees.flatMap { $0.nodes.map(\.value) } + [gbt.baseMargin]
            return [bytes(lr.coefficients), bytes(km.centres), bytes(leaves)]
        }
        #expect(models(seed: 21) == models(seed: 21))
        #expect(models(seed: 21) != models(seed: 22))
    }
}

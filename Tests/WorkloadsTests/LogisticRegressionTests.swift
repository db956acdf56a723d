import Foundation
import Sim
import Testing
import TestSupport
import Workloads

@Suite("Logistic regression")
struct LogisticRegressionTests {
    static func synthetic(seed: UInt64, rows: Int = 4000, features: Int = 5) -> SyntheticClassification {
        SyntheticClassification(rows: rows, features: features, streams: RandomStreams(seed: seed))
    }

    @Test("L-BFGS on synthetic data reaches the accuracy the true model allows")
    func lbfgsReachesBayesAccuracy() throws {
        withEverySeed(1...3) { seed in
            let data = Self.synthetic(seed: seed)
            var trainer = LogisticRegressionTrainer(
                data: data.dataset, configuration: .init(solver: .lbfgs, maxIter: 50, tol: 1e-9))
            let slices = SparkPartitioning.slices(count: data.dataset.rows, partitions: 8)
            let (records, _) = train(&trainer, partitions: slices)
            let accuracy = try #require(records.last?.accuracy)
            // Training accuracy of the fitted model vs the expected accuracy of the true
            // model on these rows; 0.02 is about 3 standard errors (0.5/√4000 ≈ 0.008)
            // plus the fitted model's advantage on its own training rows.
            guard abs(accuracy - data.bayesAccuracy) < 0.02 else {
                throw PropertyFailure("accuracy \(accuracy), Bayes accuracy \(data.bayesAccuracy)")
            }
            guard records.first?.iteration == 0, abs((records.first?.objective ?? 0) - log(2.0)) < 1e-12 else {
                throw PropertyFailure("iteration 0 must be the zero model with objective log 2")
            }
        }
    }

    @Test("a fit is one summary pass plus one loss-gradient pass per evaluation, as MLlib's run a")
    func passStructureMatchesMLlib() throws {
        let data = Self.synthetic(seed: 42, rows: 2000, features: 20)
        var trainer = LogisticRegressionTrainer(data: data.dataset, configuration: .init(maxIter: 10, tol: 1e-6))
        let (records, passes) = train(&trainer, partitions: SparkPartitioning.slices(count: 2000, partitions: 8))
        #expect(passes.first?.purpose == "summary")
        #expect(passes.dropFirst().allSatisfy { $0.purpose == "loss-gradient" })
        #expect(records.map(\.iteration) == Array(0...10))
        #expect(trainer.stopReason == "max iterations reached")
        // Each iteration costs at least one evaluation; with a well-scaled problem the
        // first step is accepted every time: 1 + 11 passes.
        #expect(passes.count == 12)
        let pass = passes[1]
        #expect(pass.broadcastDoubles == 21 && pass.resultDoubles == 24 && pass.flopsPerRow == 4 * 20 + 29)
    }

    @Test("objective never increases across L-BFGS iterations")
    func lbfgsObjectiveDecreases() {
        withEverySeed(1...5) { seed in
            let data = Self.synthetic(seed: seed, rows: 1500)
            var trainer = LogisticRegressionTrainer(
                data: data.dataset, configuration: .init(maxIter: 30, tol: 1e-9, regParam: 0.01))
            let (records, _) = train(&trainer, partitions: SparkPartitioning.slices(count: 1500, partitions: 3))
            for (a, b) in zip(records, records.dropFirst()) where b.objective > a.objective {
                throw PropertyFailure("objective rose at iteration \(b.iteration): \(a.objective) -> \(b.objective)")
            }
        }
    }

    @Test("gradient descent with a fixed step decreases the objective and records every iteration")
    func gradientDescent() throws {
        let data = Self.synthetic(seed: 7, rows: 2000)
        var trainer = LogisticRegressionTrainer(
            data: data.dataset,
            configuration: .init(solver: .gd, maxIter: 10, tol: 0, stepSize: 1.0, summaryPass: false))
        let (records, passes) = train(&trainer, partitions: SparkPartitioning.slices(count: 2000, partitions: 4))
        #expect(records.map(\.iteration) == Array(0...10))
        #expect(passes.count == 11)
        #expect(zip(records, records.dropFirst()).allSatisfy { $1.objective < $0.objective })
        #expect(abs(try #require(records.last?.accuracy) - data.bayesAccuracy) < 0.03)
    }
}

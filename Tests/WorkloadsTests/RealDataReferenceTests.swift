import Foundation
import Testing
import TestSupport
import Workloads

/// The L-BFGS fit on a real data set against SciPy's L-BFGS-B on the same objective
/// (`scripts/reference/logreg_reference.py`; its output is the fixture, so this test
/// runs no Python).
@Suite("Logistic regression on real data")
struct RealDataReferenceTests {
    struct Reference: Decodable {
        struct Fit: Decodable {
            var reg_param: Double
            var objective: Double
            var weights: [Double]
            var intercept: Double
        }
        var data: String
        var label: String
        var rows: Int
        var scipy_version: String
        var fits: [Fit]
    }

    static func reference() throws -> Reference {
        let url = RepositoryPaths.resolve("Tests/WorkloadsTests/Fixtures/logreg-reference.json")
        return try JSONDecoder().decode(Reference.self, from: Data(contentsOf: url))
    }

    @Test("the banknote CSV loads with its header, label column and 1372 rows")
    func banknoteLoads() throws {
        let reference = try Self.reference()
        let data = try Dataset.loadCSV(path: RepositoryPaths.resolve(reference.data).path, label: reference.label)
        #expect(data.rows == reference.rows && data.rows == 1372)
        #expect(data.featureNames == ["variance", "skewness", "curtosis", "entropy"])
        #expect(data.labels.filter { $0 == 1 }.count == 610)
    }

    @Test("final L-BFGS objective agrees with SciPy's L-BFGS-B to 1e-4 relative", arguments: [0.01, 0.0])
    func lbfgsMatchesScipy(regParam: Double) throws {
        let reference = try Self.reference()
        let fit = try #require(reference.fits.first { $0.reg_param == regParam })
        let data = try Dataset.loadCSV(path: RepositoryPaths.resolve(reference.data).path, label: reference.label)
        var trainer = LogisticRegressionTrainer(
            data: data, configuration: .init(solver: .lbfgs, maxIter: 200, tol: 1e-10, regParam: regParam))
        let (records, _) = train(&trainer, partitions: SparkPartitioning.slices(count: data.rows, partitions: 4))
        let objective = try #require(records.last?.objective)
        #expect(relativeError(objective, fit.objective) < 1e-4,
                "objective \(objective) vs SciPy \(fit.objective) (\(trainer.stopReason ?? "running"))")
        // The optimum is well conditioned enough that the model agrees too, more loosely.
        #expect(maxRelativeDifference(trainer.coefficients, fit.weights + [fit.intercept]) < 1e-2)
    }
}

import Foundation
import Testing
@testable import Lab

/// `kind: kmeans` and `kind: gbt`: defaults, data forms and diagnostics.
@Suite struct TrainingKindsDecodingTests {
    func workload(_ text: String, file: String = "test.yaml") -> Scenario.Workload? {
        loadValid(text, file: file)?.variants.first?.workload
    }

    @Test func kMeansDefaultsFollowMLlib() throws {
        let text = minimal(workload: """
            workload: {kind: kmeans, style: task-parallel, data: {rows: 500, features: 2}, partitions: 4, k: 3}
            """)
        guard case .kMeans(let km)? = workload(text) else {
            Issue.record("not kmeans")
            return
        }
        #expect(km.maxIter == 20 && km.tol == 1e-4 && km.initialization == .kMeansParallel)
        #expect(km.data == .blobs(rows: 500, features: 2, clusters: 3, spread: 1))
        #expect(km.options == Scenario.TrainingOptions())
    }

    @Test func gradientBoostedTreesDefaultsFollowMLlib() throws {
        let text = minimal(workload: """
            workload: {kind: gbt, style: barrier-allreduce, data: {rows: 500, features: 2}, partitions: 2,
                       allreduce: tree}
            """)
        guard case .gradientBoostedTrees(let gbt)? = workload(text) else {
            Issue.record("not gbt")
            return
        }
        #expect(gbt.numTrees == 20 && gbt.maxDepth == 5 && gbt.maxBins == 32 && gbt.learningRate == 0.1)
        #expect(gbt.options.allreduce == .tree)
    }

    @Test func kMeansReadsEveryCSVColumnButTheIgnoredLabel() throws {
        let file = Fixtures.path("valid/scenario.yaml")
        let base = "workload: {kind: kmeans, style: task-parallel, partitions: 2, k: 2, data: {csv: data/credit.csv"
        guard case .kMeans(let all)? = workload(minimal(workload: base + "}}"), file: file),
              case .kMeans(let some)? = workload(minimal(workload: base + ", label: default}}"), file: file) else {
            Issue.record("not kmeans")
            return
        }
        let path = Fixtures.path("valid/data/credit.csv")
        guard case .csv(let allFile) = all.data, case .csv(let someFile) = some.data else {
            Issue.record("expected CSV data")
            return
        }
        #expect(allFile.path == path && allFile.label == nil && allFile.dataset.features == 4)
        #expect(someFile.path == path && someFile.label == "default" && someFile.dataset.features == 3)
        let trainer = TrainingKindsRun.kMeansTrainer(some, streams: .init(seed: 0))
        #expect(trainer.data.featureNames == ["age", "income", "balance"] && trainer.data.rows == 4)
        let tooMany = minimal(workload: base.replacingOccurrences(of: "k: 2", with: "k: 9") + "}}")
        #expect(diagnostics(tooMany, file: file).first?.problem
            == "data file 'data/credit.csv' has 4 rows, fewer than k: 9")
    }

    @Test func misspeltKeysAreNamedWithTheirCorrection() {
        let kmeans = minimal(workload: """
            workload: {kind: kmeans, style: task-parallel, data: {rows: 50, features: 2}, partitions: 2, k: 2,
                       max_iters: 5}
            """)
        #expect(diagnostics(kmeans).first?.problem == "unknown key 'max_iters' in workload (did you mean 'max_iter'?)")
        let gbt = minimal(workload: """
            workload: {kind: gbt, style: task-parallel, data: {rows: 50, features: 2}, partitions: 2, num_tree: 5}
            """)
        #expect(diagnostics(gbt).first?.problem == "unknown key 'num_tree' in workload (did you mean 'num_trees'?)")
        let spread = minimal(workload: """
            workload: {kind: kmeans, style: task-parallel, data: {rows: 50, features: 2, spred: 1}, partitions: 2, k: 2}
            """)
        #expect(diagnostics(spread).first?.problem == "unknown key 'spred' in data (did you mean 'spread'?)")
    }

    @Test func barrierKeysAreRefusedUnderTaskParallel() {
        let text = minimal(workload: """
            workload: {kind: gbt, style: task-parallel, data: {rows: 50, features: 2}, partitions: 2, sync: allGather}
            """)
        #expect(diagnostics(text).first?.problem == "'sync' applies to style barrier-allreduce only")
    }

    @Test func dataFormsDoNotMix() {
        let text = minimal(workload: """
            workload: {kind: kmeans, style: task-parallel, data: {csv: x.csv, clusters: 2}, partitions: 2, k: 2}
            """)
        #expect(diagnostics(text).first?.problem == "data mixes 'csv' with 'clusters'")
    }
}

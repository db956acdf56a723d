import Foundation
import Sim
import Workloads

/// `kind: kmeans` and `kind: gbt`: their own keys, then the barrier cost keys shared with
/// logistic regression. CSV files are parsed here, so a run never starts on a file that
/// would fail later (a wrong field, a non-0/1 label, fewer rows than clusters).
struct TrainingKindsDecoder: SectionDecoder {
    let sink: DecodingSink

    static let kMeansKeys = ["kind", "style", "data", "partitions", "k", "max_iter", "tol", "init"]
    static let gradientBoostedTreesKeys = ["kind", "style", "data", "partitions", "num_trees", "max_depth",
                                           "max_bins", "learning_rate"]

    func decodeKMeans(_ f: Fields) -> Scenario.KMeansWorkload? {
        typealias KM = Scenario.KMeansWorkload
        let style = decodeTrainingStyle(f)
        let partitions = decodeTrainingPartitions(f)
        let k = required(f, "k", expected: "the number of clusters, like 8")
            .flatMap { int($0, "k", range: 1...ScenarioLimits.maxTasksPerStage) }
        let maxIter = f.present("max_iter").map { int($0, "max_iter", range: 1...ScenarioLimits.maxIterations) } ?? 20
        let tol = f.present("tol").map {
            double($0, "tol", expected: "a number of at least 0, like 1e-4") { $0 >= 0 }
        } ?? 1e-4
        let inits = KM.Initialization.allCases.map(\.rawValue)
        let initialization = f.present("init").map {
            choice($0, "init", inits).flatMap(KM.Initialization.init(rawValue:))
        } ?? .kMeansParallel
        let data = required(f, "data", expected: "{csv: path} or {rows: N, features: D, clusters: C, spread: S}")
            .flatMap { decodeClusteringData($0, k: k) }
        guard let style, let data, let partitions, let k, let maxIter, let tol, let initialization else { return nil }
        return KM(style: style, data: data, partitions: partitions, k: k, maxIter: maxIter, tol: tol,
                  initialization: initialization)
    }

    func decodeGradientBoostedTrees(_ f: Fields) -> Scenario.GradientBoostedTreesWorkload? {
        let style = decodeTrainingStyle(f)
        let dataNode = required(f, "data", expected: "{csv: path, label: column} or {rows: N, features: M}")
        let data = dataNode.flatMap { LogisticRegressionDecoder(sink: sink).decodeTrainingData($0) }
        let partitions = decodeTrainingPartitions(f)
        let numTrees = f.present("num_trees").map { int($0, "num_trees", range: 1...ScenarioLimits.maxIterations) }
            ?? 20
        let maxDepth = f.present("max_depth").map { int($0, "max_depth", range: 1...30) } ?? 5
        let maxBins = f.present("max_bins").map { int($0, "max_bins", range: 2...256) } ?? 32
        let rate = f.present("learning_rate").map {
            double($0, "learning_rate", expected: "a number above 0, like 0.1") { $0 > 0 && $0.isFinite }
        } ?? 0.1
        guard let style, let data, let partitions, let numTrees, let maxDepth, let maxBins, let rate else { return nil }
        return Scenario.GradientBoostedTreesWorkload(style: style, data: data, partitions: partitions,
                                                     numTrees: numTrees, maxDepth: maxDepth, maxBins: maxBins,
                                                     learningRate: rate)
    }

    private func decodeTrainingStyle(_ f: Fields) -> Scenario.TrainingStyle? {
        let styles = Scenario.TrainingStyle.allCases.map(\.rawValue)
        return required(f, "style", expected: styles.joined(separator: " | "))
            .flatMap { choice($0, "style", styles) }.flatMap(Scenario.TrainingStyle.init(rawValue:))
    }

    private func decodeTrainingPartitions(_ f: Fields) -> Int? {
        required(f, "partitions", expected: "the number of partitions (or barrier workers)")
            .flatMap { int($0, "partitions", range: 1...ScenarioLimits.maxTasksPerStage) }
    }

    /// `{csv: path, label: column}` (label optional: that column is not a feature) or
    /// `{rows, features, clusters, spread}` (Gaussian blobs; clusters default k, spread 1).
    private func decodeClusteringData(_ node: SourceNode, k: Int?) -> Scenario.ClusteringData? {
        let expected = "{csv: path, label: column} or {rows: N, features: D, clusters: C, spread: S}"
        let synthetic = ["rows", "features", "clusters", "spread"]
        guard let f = fields(node, context: "data", allowed: ["csv", "label"] + synthetic, expected: expected)
        else { return nil }
        if f.has("csv") || f.has("label") {
            if let extra = synthetic.first(where: { f.has($0) }) {
                report(f.keyPosition(extra)!, "data mixes 'csv' with '\(extra)'", expected: expected)
                return nil
            }
            return decodeClusteringCSV(f, k: k)
        }
        let rows = required(f, "rows", expected: "the number of synthetic rows")
            .flatMap { int($0, "rows", range: 1...ScenarioLimits.maxRows) }
        let features = required(f, "features", expected: "the number of synthetic features")
            .flatMap { int($0, "features", range: 1...ScenarioLimits.maxFeatures) }
        let clusters = f.present("clusters").map { int($0, "clusters", range: 1...ScenarioLimits.maxTasksPerStage) }
            ?? k
        let spread = f.present("spread").map {
            double($0, "spread", expected: "a standard deviation of at least 0, like 1.5") { $0 >= 0 && $0.isFinite }
        } ?? 1
        guard let rows, let features, let clusters, let spread else { return nil }
        if let need = [k, clusters].compactMap({ $0 }).max(), need > rows {
            report(f.keyPosition("rows")!, "rows: \(rows) is fewer than the \(need) clusters",
                   expected: "at least as many rows as k and clusters")
            return nil
        }
        return .blobs(rows: rows, features: features, clusters: clusters, spread: spread)
    }

    private func decodeClusteringCSV(_ f: Fields, k: Int?) -> Scenario.ClusteringData? {
        let expected = "a CSV file with a header row, relative to the scenario file"
        guard let pathNode = required(f, "csv", expected: expected), let path = text(pathNode, "csv") else {
            return nil
        }
        var ignoring: String?
        let resolved: String
        if let labelNode = f.present("label") {
            guard let label = text(labelNode, "label"),
                  let checked = LogisticRegressionDecoder(sink: sink).checkCSV(path, label: label, pathAt: pathNode.position, labelAt: labelNode.position)
            else { return nil }
            ignoring = label
            resolved = checked
        } else {
            resolved = path.hasPrefix("/") ? path
                : URL(fileURLWithPath: baseDirectory).appendingPathComponent(path).standardizedFileURL.path
        }
        do {
            let data = try Dataset.loadFeatureCSV(path: resolved, ignoring: ignoring)
            if let k, k > data.rows {
                report(pathNode.position, "data file '\(path)' has \(data.rows) rows, fewer than k: \(k)",
                       expected: "at least k rows")
                return nil
            }
            return .csv(Scenario.DataFile(path: resolved, label: ignoring, dataset: data))
        } catch {
            reportDataFile(path, error, at: pathNode.position)
            return nil
        }
    }

    func reportDataFile(_ path: String, _ error: DatasetError, at position: SourcePosition) {
        if case .unreadable = error {
            report(position, "data file '\(path)' cannot be read",
                   expected: "a readable CSV file, at a path relative to the scenario file's folder")
        } else {
            report(position, "data file '\(path)': \(error)",
                   expected: "a header row, then rows of numbers (for gbt, a 0/1 label)")
        }
    }
}

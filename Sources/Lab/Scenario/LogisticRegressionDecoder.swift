import Engine
import Foundation
import Sim
import Workloads

/// `kind: logistic-regression`.
struct LogisticRegressionDecoder: SectionDecoder {
    let sink: DecodingSink

    func decodeLogisticRegression(_ f: Fields) -> Scenario.LogisticRegressionWorkload? {
        typealias LR = Scenario.LogisticRegressionWorkload
        let styles = LR.TrainingStyle.allCases.map(\.rawValue)
        let style = required(f, "style", expected: styles.joined(separator: " | "))
            .flatMap { choice($0, "style", styles) }.flatMap(LR.TrainingStyle.init(rawValue:))
        let data = required(f, "data", expected: "{csv: path, label: column} or {rows: N, features: M}")
            .flatMap { decodeTrainingData($0) }
        let partitions = required(f, "partitions", expected: "the number of partitions (or barrier workers)")
            .flatMap { int($0, "partitions", range: 1...ScenarioLimits.maxTasksPerStage) }
        let solvers = LR.Solver.allCases.map(\.rawValue)
        let solver = f.present("solver").map { choice($0, "solver", solvers).flatMap(LR.Solver.init(rawValue:)) }
            ?? .lbfgs
        let maxIter = f.present("max_iter").map { int($0, "max_iter", range: 0...ScenarioLimits.maxIterations) } ?? 100
        let tol = f.present("tol").map {
            double($0, "tol", expected: "a number of at least 0, like 1e-6") { $0 >= 0 }
        } ?? 1e-6
        let regParam = f.present("reg_param").map {
            double($0, "reg_param", expected: "a number of at least 0, like 0.01") { $0 >= 0 }
        } ?? 0
        let representsFeatures = f.present("represents_features").map {
            int($0, "represents_features", range: 1...ScenarioLimits.maxRepresentedFeatures)
        }
        guard let style, let data, let partitions, let solver, let maxIter, let tol, let regParam,
              representsFeatures != .some(nil) else { return nil }
        return LR(style: style, data: data, partitions: partitions, solver: solver, maxIter: maxIter, tol: tol,
                  regParam: regParam, representsFeatures: representsFeatures.flatMap { $0 })
    }

    func decodeTrainingData(_ node: SourceNode)
        -> Scenario.LogisticRegressionWorkload.TrainingData?
    {
        guard let f = fields(node, context: "data", allowed: ["csv", "label", "rows", "features"],
                             expected: "{csv: path, label: column} or {rows: N, features: M}") else { return nil }
        if f.has("csv") || f.has("label") {
            if let extra = ["rows", "features"].first(where: { f.has($0) }) {
                report(f.keyPosition(extra)!, "data mixes 'csv' with '\(extra)'",
                       expected: "{csv: path, label: column} or {rows: N, features: M}")
                return nil
            }
            let path = required(f, "csv", expected: "a CSV file with a header row, relative to the scenario file")
            let label = required(f, "label", expected: "the 0/1 label column of the CSV header")
            guard let path, let label, let pathText = text(path, "csv"), let labelText = text(label, "label")
            else { return nil }
            guard let resolved = checkCSV(pathText, label: labelText, pathAt: path.position, labelAt: label.position)
            else { return nil }
            do {
                let dataset = try Dataset.loadCSV(path: resolved, label: labelText)
                return .csv(Scenario.DataFile(path: resolved, label: labelText, dataset: dataset))
            } catch {
                TrainingKindsDecoder(sink: sink).reportDataFile(pathText, error, at: path.position)
                return nil
            }
        }
        let rows = required(f, "rows", expected: "the number of synthetic rows")
            .flatMap { int($0, "rows", range: 1...ScenarioLimits.maxRows) }
        let features = required(f, "features", expected: "the number of synthetic features")
            .flatMap { int($0, "features", range: 1...ScenarioLimits.maxFeatures) }
        guard let rows, let features else { return nil }
        return .synthetic(rows: rows, features: features)
    }

    /// Resolves `path` against the scenario's folder and checks that the file exists and
    /// its header names `label`, so a run never starts only to fail on its data.
    func checkCSV(_ path: String, label: String, pathAt: SourcePosition,
                                   labelAt: SourcePosition) -> String?
    {
        let resolved = path.hasPrefix("/") ? path
            : URL(fileURLWithPath: baseDirectory).appendingPathComponent(path).standardizedFileURL.path
        guard let handle = FileHandle(forReadingAtPath: resolved) else {
            report(pathAt, "data file '\(path)' cannot be read",
                   expected: "a readable CSV file, at a path relative to the scenario file's folder")
            return nil
        }
        defer { try? handle.close() }
        let head = (try? handle.read(upToCount: 1 << 16)) ?? Data()
        let firstLine = String(decoding: head, as: UTF8.self).split(separator: "\n", maxSplits: 1,
                                                                    omittingEmptySubsequences: false).first ?? ""
        let columns = firstLine.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: CharacterSet(charactersIn: " \t\r\""))
        }
        guard columns.contains(label) else {
            let hint = Self.didYouMean(label, columns)
            report(labelAt, "label '\(label)' is not a column of \(path)\(hint)",
                   expected: "one of its header columns: " + columns.prefix(12).joined(separator: ", "))
            return nil
        }
        if columns.count < 2 {
            report(pathAt, "data file '\(path)' has no feature columns",
                   expected: "a label column and at least one feature")
            return nil
        }
        return resolved
    }
}

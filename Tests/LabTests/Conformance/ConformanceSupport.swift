import Foundation
import Report
import Sim
import TestSupport
@testable import Lab

/// The conformance scenarios of `scenarios/conformance/`, run on Spark's scheduler.
enum ConformanceScenarios {
    static let folder = "scenarios/conformance"

    /// File names, sorted.
    static let files: [String] = {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: RepositoryPaths.resolve(folder).path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    static func text(_ file: String) throws -> String {
        try String(contentsOf: RepositoryPaths.resolve("\(folder)/\(file)"), encoding: .utf8)
    }

    static func load(_ file: String) throws -> Scenario {
        try ScenarioLoader.load(text: try text(file), file: "\(folder)/\(file)")
    }

    /// The behaviour id a file is named by: `ds-03a-basic...` -> `DS-03`.
    static func behaviourID(_ file: String) -> String {
        let parts = file.split(separator: "-")
        let number = parts[1].prefix { $0.isNumber }
        return "\(parts[0].uppercased())-\(number)"
    }

    /// The trace of a run on the engine.
    static func trace(_ file: String) throws -> [TraceRow] {
        let scenario = try load(file)
        guard case .scripted(let workload) = scenario.variants[0].workload else { return [] }
        return EngineRun.run(scenario, workload, streams: RandomStreams(seed: scenario.seed),
                             makeEngine: SparkSchedulerFactory.make(for: scenario)).outcome.trace
    }

    /// Launches as `<ms> <stage>.<stage attempt> p<partition>.<attempt> <executor> <locality> <detail>`.
    static func launches(_ rows: [TraceRow]) -> [String] {
        rows.filter { $0.event == .taskLaunched }.map { row in
            let detail = row.detail.map { $0.isEmpty ? "" : " \($0)" } ?? ""
            return "\(row.timeNanoseconds / 1_000_000) \(row.stage!).\(row.stageAttempt!) "
                + "p\(row.partition!).\(row.taskAttempt!) \(row.executor!) \(row.locality!)\(detail)"
        }
    }

    /// Job ends as `<ms> <event> <job>`.
    static func jobEnds(_ rows: [TraceRow]) -> [String] {
        rows.filter { $0.event == .jobSucceeded || $0.event == .jobFailed }.map {
            "\($0.timeNanoseconds / 1_000_000) \($0.event.rawValue) \($0.job!)"
        }
    }
}

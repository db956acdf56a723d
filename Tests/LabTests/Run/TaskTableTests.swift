import Foundation
import Report
import Testing
import TestSupport

/// `tasks.csv` against the rest of each committed run folder (which RunGoldenTests keeps
/// equal to fresh runs): one row per `task-launched` event in the folder's traces, and
/// as many `failed` rows as `summary.csv` counts task failures where the traces hold
/// every task of the run.
@Suite struct TaskTableTests {
    static func records(_ path: String) throws -> [[String: String]] {
        let records = CSVRecords.parse(try String(contentsOf: RepositoryPaths.resolve(path), encoding: .utf8))
        guard let header = records.first else { return [] }
        return records.dropFirst().map { Dictionary(zip(header, $0), uniquingKeysWith: { a, _ in a }) }
    }

    @Test(arguments: RunGoldenTests.scenarioPaths)
    func everyLaunchIsOneRowAndFailuresMatchTheSummary(_ path: String) throws {
        let name = try RunGoldenTests.load(path).name
        let folder = "results/\(name)"
        let files = try FileManager.default.contentsOfDirectory(atPath: RepositoryPaths.resolve(folder).path).sorted()
        let traces = files.filter { $0.hasPrefix("trace") && $0.hasSuffix(".csv") }
        let launched = try traces.reduce(0) { count, file in
            count + (try Self.records("\(folder)/\(file)")).filter { $0["event"] == "task-launched" }.count
        }
        guard files.contains("tasks.csv") else {
            #expect(launched == 0, "\(name): tasks were launched but no tasks.csv was written")
            return
        }
        let tasks = try Self.records("\(folder)/tasks.csv")
        #expect(tasks.count == launched, "\(name)")
        for task in tasks where task["outcome"] != "unfinished" {
            #expect(Int64(task["duration_ns"]!)! == Int64(task["end_ns"]!)! - Int64(task["launch_ns"]!)!)
        }
        let summary = try Self.records("\(folder)/summary.csv")
        if summary.reduce(0, { $0 + Int($1["tasks_launched"]!)! }) == launched {
            #expect(tasks.filter { $0["outcome"] == "failed" }.count
                == summary.reduce(0) { $0 + Int($1["task_failures"]!)! }, "\(name)")
        }
    }
}

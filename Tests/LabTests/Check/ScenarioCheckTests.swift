import Foundation
import Testing
import TestSupport
@testable import Lab

/// `sparksim check`: a scenario re-run in memory against a results folder. The acceptance
/// demonstration: changing one scheduling rule on purpose (here the locality wait, through
/// the scenario's spark config, so the engine stays untouched) makes the check fail and
/// names the first diverging event.
@Suite struct ScenarioCheckTests {
    /// A fresh temporary folder holding `scenarios/` and `results/`.
    static func workspace(_ label: String) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("sparksim-check-\(label)-\(ProcessInfo.processInfo.processIdentifier)").path
        try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.createDirectory(atPath: path + "/scenarios/conformance", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: path + "/results", withIntermediateDirectories: true)
        return path
    }

    static func copyScenario(_ name: String, to workspace: String, editing edit: (String) -> String = { $0 }) throws {
        let text = try String(contentsOf: RepositoryPaths.resolve("scenarios/conformance/\(name).yaml"), encoding: .utf8)
        try edit(text).write(toFile: "\(workspace)/scenarios/conformance/\(name).yaml", atomically: true, encoding: .utf8)
    }

    static func copyResults(_ name: String, to workspace: String) throws {
        try FileManager.default.copyItem(atPath: RepositoryPaths.resolve("results/\(name)").path,
                                         toPath: "\(workspace)/results/\(name)")
    }

    @Test func theCommittedResultsOfAConformanceScenarioMatch() throws {
        let name = "ds-01-no-preferences-lowest-index-first"
        let verdict = ScenarioCheck.verdict(scenarios: RepositoryPaths.resolve("scenarios").path,
                                            path: "conformance/\(name).yaml", results: RepositoryPaths.resolve("results").path)
        #expect(verdict.status == .ok)
        #expect(verdict.diff == nil)
    }

    @Test func anEditedTraceRowIsReportedWithItsScenarioAndRow() throws {
        let name = "ds-01-no-preferences-lowest-index-first"
        let root = try Self.workspace("edited")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Self.copyScenario(name, to: root)
        try Self.copyResults(name, to: root)
        let tracePath = "\(root)/results/\(name)/trace.csv"
        var lines = try String(contentsOfFile: tracePath, encoding: .utf8).components(separatedBy: "\n")
        #expect(lines[6] == "1000000000,task-launched,job0,stage0,0,1,0,exec1,host1,PROCESS_LOCAL,")
        lines[6] = "1000000000,task-launched,job0,stage0,0,1,0,exec1,host1,ANY,"  // event row 6
        try lines.joined(separator: "\n").write(toFile: tracePath, atomically: true, encoding: .utf8)

        let files = try #require(ScenarioCheck.scenarioFiles(in: root + "/scenarios"))
        #expect(files == ["conformance/\(name).yaml"])
        let verdicts = Verdicts()
        ScenarioCheck.run(scenarios: root + "/scenarios", paths: files, results: root + "/results", jobs: 2) {
            verdicts.append($0)
        }
        let verdict = try #require(verdicts.all.first)
        #expect(verdict.name == name && verdict.status == .differs)
        let trace = try #require(verdict.diff?.traces.first)
        #expect(trace.file == "trace.csv" && trace.row == 6 && trace.line == 7)
        #expect(trace.differingColumns == ["locality"])
        #expect(verdict.diff?.files.isEmpty == true)
    }

    @Test func aMissingResultsFolderIsReported() throws {
        let name = "ds-01-no-preferences-lowest-index-first"
        let root = try Self.workspace("missing")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Self.copyScenario(name, to: root)
        let verdict = ScenarioCheck.verdict(scenarios: root + "/scenarios", path: "conformance/\(name).yaml",
                                            results: root + "/results")
        #expect(verdict.status == .missing)
    }

    /// The acceptance demonstration, without editing the engine: ds-03a with no locality
    /// wait, checked against the committed results of the unmodified scenario.
    @Test func changingASchedulingRuleNamesTheFirstDivergingEvent() throws {
        let name = "ds-03a-basic-delay-scheduling"
        let root = try Self.workspace("rule")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Self.copyScenario(name, to: root) { text in
            text.replacingOccurrences(of: "spark.locality.wait: 3s", with: "spark.locality.wait: 0s")
        }
        let verdict = ScenarioCheck.verdict(scenarios: root + "/scenarios", path: "conformance/\(name).yaml",
                                            results: RepositoryPaths.resolve("results").path)
        #expect(verdict.status == .differs)
        let trace = try #require(verdict.diff?.traces.first)
        // Committed: exec1's second core is refused until exec2 joins at 3 s (row 5 is the
        // fault). Without the wait, it takes a task at once, at 0 s.
        #expect(trace.row == 5)
        #expect(trace.a.first?[1] == "fault" && trace.timeNanoseconds == 3_000_000_000)
        #expect(trace.b.first?[0] == "0" && trace.b.first?[1] == "task-launched")
        let lines = try #require(verdict.diff).lines(labels: ("results", "now"))
        #expect(lines.first?.hasPrefix("trace.csv: first diverging event at row 5 (line 6), t = 3000000000 ns = 3 s") == true)
        #expect(lines.contains { $0.hasPrefix("  now     > 0           task-launched") })
    }

    @Test func onlySelectsByScenarioNameOrFileStem() {
        let scenarios = RepositoryPaths.resolve("scenarios").path
        let files = ScenarioCheck.scenarioFiles(in: scenarios) ?? []
        let (paths, unknown) = ScenarioCheck.select(
            files, in: scenarios, only: ["demo", "ds-01-no-preferences-lowest-index-first", "nope"])
        #expect(paths == ["conformance/ds-01-no-preferences-lowest-index-first.yaml", "demo/demo.yaml"])
        #expect(unknown == ["nope"])
    }
}

/// Verdicts collected from the reporting callback (called under ScenarioCheck's lock).
private final class Verdicts: @unchecked Sendable {
    var all: [ScenarioCheck.Verdict] = []
    func append(_ verdict: ScenarioCheck.Verdict) { all.append(verdict) }
}

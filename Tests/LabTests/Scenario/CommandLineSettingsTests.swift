import Foundation
import Testing
@testable import Lab
@testable import Report

/// `--set` and `--seed` for sweeps, list positions in paths (`faults.0.mtbf`), fault
/// notes, the workload-kind catalog, and reports that do not depend on the path typed.
@Suite struct CommandLineSettingsTests {
    static let sweepFile = Fixtures.path("valid/generated-collective.yaml")

    /// A scenario file with two faults and a sweep over the first one's time, written to a
    /// temporary folder.
    static func faultSweepFile() throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-settings-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("faults.yaml").path
        try """
            name: fault-sweep
            seed: 3
            cluster: {racks: 1, hosts_per_rack: 2, executors_per_host: 1, executor: {cores: 2, memory: 4g}}
            workload:
              kind: scripted
              jobs: [{name: j, stages: [{name: s, tasks: 4, duration: 2s}]}]
            faults:
              - {kind: executor-lost, executor: exec0-0-0, at: 1s, note: Intended. The first executor goes.}
              - {kind: random-executor-loss, mtbf: 1h}
            sweep:
              parameters:
                faults.0.at: [1s, 3s]
              seeds: 2
            """.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func aSweepSettingChangesEveryPointAndASweptKeyIsRefused() throws {
        let source = try ScenarioLoader.loadSource(path: Self.sweepFile, settings: ["workload.ranks=8"])
        #expect(source.scenario.commandLineSettings == ["workload.ranks=8"])
        for point in try #require(source.scenario.sweep?.points) {
            let scenario = try ScenarioLoader.scenario(source, at: point)
            guard case .collective(let collective) = scenario.variants[0].workload else {
                Issue.record("not a collective")
                return
            }
            #expect("\(collective.participants)".contains("8"))
            #expect(scenario.commandLineSettings == ["workload.ranks=8"])
        }
        #expect(throws: ScenarioError.self) {
            try ScenarioLoader.loadSource(path: Self.sweepFile, settings: ["cluster.racks=3"])
        }
        // `run --set` of a swept key is fine: run ignores the sweep.
        #expect((try? ScenarioLoader.load(path: Self.sweepFile, settings: ["cluster.racks=3"]))?.cluster.racks.count == 3)
    }

    @Test func aSweepSeedMovesEveryPointsSeeds() throws {
        let source = try ScenarioLoader.loadSource(path: Self.sweepFile).withSeed(100)
        #expect(SweepPlan(source)!.runs.map(\.seed).prefix(3) == [100, 101, 102])
    }

    @Test func settingsAreInTheCacheKeyOnlyWhenGiven() throws {
        let plan = try #require(SweepPlan(try ScenarioLoader.loadSource(path: Self.sweepFile)))
        let run = plan.runs[0]
        let bytes = Array("file".utf8)
        #expect(SweepPlan.cacheKey(fileBytes: bytes, run: run) == SweepPlan.cacheKey(fileBytes: bytes, run: run, settings: []))
        #expect(SweepPlan.cacheKey(fileBytes: bytes, run: run) != SweepPlan.cacheKey(fileBytes: bytes, run: run,
                                                                                      settings: ["a=b"]))
        #expect(SweepPlan.cacheKey(fileBytes: bytes, run: run, settings: ["a=b"])
                != SweepPlan.cacheKey(fileBytes: bytes, run: run, settings: ["a=c"]))
    }

    @Test func aListEntryIsNamedByItsPosition() throws {
        let path = try Self.faultSweepFile()
        let source = try ScenarioLoader.loadSource(path: path)
        let times = try #require(source.scenario.sweep?.points).map { point -> Int64? in
            guard case .executorLost(_, let at) = try ScenarioLoader.scenario(source, at: point).faults[0] else { return nil }
            return at.nanosecondsSinceStart
        }
        #expect(times == [1_000_000_000, 3_000_000_000])
        let changed = try ScenarioLoader.load(path: path, settings: ["faults.1.mtbf=10min"])
        #expect("\(changed.faults[1])".contains("mtbf: 10min"))
        for bad in ["faults.2.mtbf=1s", "faults.x.mtbf=1s", "faults.0=1s"] {
            #expect(throws: ScenarioError.self, "\(bad)") { try ScenarioLoader.load(path: path, settings: [bad]) }
        }
    }

    @Test func aFaultNoteReachesTheReport() throws {
        let scenario = try ScenarioLoader.load(path: try Self.faultSweepFile())
        #expect(scenario.faultNotes == ["Intended. The first executor goes.", nil])
        let report = try #require(Runner.run(scenario).files.first { $0.name == "report.md" }?.contents)
        #expect(report.contains("- `executor-lost exec0-0-0 at 1 s`: Intended. The first executor goes."))
        #expect(report.contains("- scenario file: `faults.yaml`"))
        #expect(firstMessage("""
            name: n
            cluster: {executors: [{id: e1, host: h1, cores: 1}]}
            workload: {kind: scripted, jobs: [{name: j, stages: [{name: s, tasks: 1, duration: 1s}]}]}
            faults: [{kind: executor-lost, executor: e1, at: 1s, note: [a]}]
            """)?.contains("note is a list") == true)
    }

    @Test func everyKindTheDecoderAcceptsIsInTheHelp() {
        #expect(WorkloadDecoder.workloadKinds == WorkloadKindCatalog.kinds)
        let help = WorkloadKindCatalog.helpText()
        for kind in WorkloadKindCatalog.kinds { #expect(help.contains("  \(kind): "), "\(kind)") }
        #expect(help.split(separator: "\n").allSatisfy { $0.count <= 78 })
    }
}

import Foundation
import Report
import Testing
import TestSupport
@testable import Lab

/// `bench sweep` and `bench replay`: their options, the work they time (never the time),
/// and the suite end to end through the real `sparksim` binary when one is built.
@Suite("Bench cases")
struct BenchCasesTests {
    static let collectiveSweep = "Tests/LabTests/Fixtures/valid/generated-collective.yaml"

    @Test func sweepOptionsAreChecked() {
        #expect(SweepBenchmark.problem(jobs: 1, seeds: nil) == nil)
        #expect(SweepBenchmark.problem(jobs: 2, seeds: 4) == nil)
        #expect(SweepBenchmark.problem(jobs: 0, seeds: nil) == "--jobs must be at least 1")
        #expect(SweepBenchmark.problem(jobs: 1, seeds: 0) == "--seeds must be from 1 to 100000")
        #expect(SweepBenchmark.problem(jobs: 1, seeds: 100_001) != nil)
    }

    @Test func seedsOverrideTheFilesCountAndAFileWithoutSweepHasNoPlan() throws {
        let source = try ScenarioLoader.loadSource(path: RepositoryPaths.resolve(Self.collectiveSweep).path)
        #expect(SweepBenchmark.plan(source, seeds: nil)?.runs.count == 8 * 3)
        #expect(SweepBenchmark.plan(source, seeds: 2)?.runs.count == 8 * 2)
        let single = try ScenarioLoader.loadSource(path: RepositoryPaths.resolve("scenarios/demo/demo.yaml").path)
        #expect(SweepBenchmark.plan(single, seeds: 2) == nil)
    }

    @Test func aSweepBenchmarkRunsEveryRunAndLeavesNothingBehind() throws {
        let path = RepositoryPaths.resolve(Self.collectiveSweep).path
        let plan = try #require(SweepBenchmark.plan(try ScenarioLoader.loadSource(path: path), seeds: 1))
        let before = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())
            .filter { $0.hasPrefix("sparksim-bench-sweep-\(ProcessInfo.processInfo.processIdentifier)-") }
        let measurement = try SweepBenchmark.measure(plan, fileBytes: Array(try Data(contentsOf: URL(fileURLWithPath: path))),
                                                     jobs: 2)
        #expect(measurement.runs == 8 && measurement.jobs == 2 && measurement.name == "allreduce-ring")
        #expect(measurement.line.hasPrefix("case=sweep-allreduce-ring runs=8 jobs=2 wall_s="))
        let after = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())
            .filter { $0.hasPrefix("sparksim-bench-sweep-\(ProcessInfo.processInfo.processIdentifier)-") }
        #expect(after == before)
    }

    @Test func replayOptionsAreChecked() {
        #expect(ReplayBenchmark.problem(copies: 0) == nil)
        #expect(ReplayBenchmark.problem(copies: 500) == nil)
        #expect(ReplayBenchmark.problem(copies: -1) == "--copies must be from 0 (the log as it is) to 500")
        #expect(ReplayBenchmark.problem(copies: 501) != nil)
    }

    @Test func aCopyRenumbersItsJobStageRDDsAndTasksAndMovesItsTimes() {
        let line = #"{"Event":"SparkListenerJobStart","Job ID":0,"Submission Time":1000,"Stage Infos":[{"Stage ID":0,"# +
            #""RDD Info":[{"RDD ID":1,"Scope":"{\"Job ID\":\"0\"}","Parent IDs":[0]}]}],"Stage IDs":[0,1],"# +
            #""Task Info":{"Task ID":7,"Launch Time":1100,"Finish Time":0,"Getting Result Time":0}}"#
        let edits = ReplayBenchmarkLog.edits(copy: 3, shift: 500)
        let copied = String(decoding: ReplayBenchmarkLog.rewrite(Array(line.utf8), edits), as: UTF8.self)
        #expect(copied == #"{"Event":"SparkListenerJobStart","Job ID":3,"Submission Time":1500,"Stage Infos":[{"Stage ID":3,"# +
            #""RDD Info":[{"RDD ID":31,"Scope":"{\"Job ID\":\"0\"}","Parent IDs":[0]}]}],"Stage IDs":[3],"# +
            #""Task Info":{"Task ID":300007,"Launch Time":1600,"Finish Time":500,"Getting Result Time":0}}"#)
    }

    @Test func theCopiedLogIsTheFirstJobKTimesInOrder() throws {
        let source = try ReplayBenchmarkLog.source(RepositoryPaths.resolve(ReplayBenchmark.defaultLog).path)
        #expect(source.taskEnds == 2_000)
        let file = FileManager.default.temporaryDirectory
            .appendingPathComponent("sparksim-copied-\(UUID().uuidString).jsonl").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(try ReplayBenchmarkLog.write(source, copies: 3, to: file) == 6_000)
        var reader = try EventLogReader(path: file)
        let record = try SparkApplicationRecord.read(&reader)
        #expect(record.jobs.map(\.start.job) == [0, 1, 2])
        #expect(record.jobs.allSatisfy { $0.succeeded == true })
        let stages = record.stageAttempts.keys.map(\.stage).sorted()
        #expect(stages == [0, 1, 2])
        #expect(record.stageAttempts.values.map(\.taskEnds.count) == [2_000, 2_000, 2_000])
        let submissions = record.jobs.map(\.start.time)
        #expect(submissions[1] - submissions[0] == source.span && submissions[2] - submissions[1] == source.span)
        #expect(try ReplayBenchmark.taskEnds(file) == 6_000)
    }

    /// The built `sparksim` next to this test bundle (`swift build --build-tests` builds both).
    static let sparksim: String? = {
        let bundle = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        let candidate = ((bundle as NSString).deletingLastPathComponent as NSString).appendingPathComponent("sparksim")
        return FileManager.default.isExecutableFile(atPath: candidate) ? candidate : nil
    }()

    /// Every point of the quick grid as a child of the real binary: each command line the
    /// grid makes is one `sparksim` accepts, and each prints the figures the suite reads.
    @Test(.enabled(if: sparksim != nil, "no sparksim binary next to the test bundle"))
    func theQuickGridRunsThroughTheRealBinary() throws {
        let grid = ScalingGrid(quick: true, processors: 2,
                               sweepScenario: RepositoryPaths.resolve(ScalingGrid.quickSweepScenario).path,
                               replayLog: RepositoryPaths.resolve(ReplayBenchmark.defaultLog).path)
        let specs = grid.points()
        let points = try ScalingSuite.run(specs, repeats: 1, measure: ScalingSuite.childMeasure(executable: Self.sparksim!),
                                          now: { (nil, "2026-12-06T12:00Z") })
        #expect(points.count == specs.count)
        #expect(points.allSatisfy { $0.units > 0 && $0.peakResidentMiB > 0 })
        #expect(points.filter { $0.caseName == "replay" }.map(\.size) == [2_000, 4_000])
        #expect(points.filter { $0.caseName == "sweep" }.map(\.size) == [8, 16])
        #expect(points.filter { $0.caseName == "network" }.map(\.units) == [240, 992, 4_032, 480, 1_984, 8_064])
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sparksim-quick-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let machine = BenchMachine(processor: "p", memory: "m", toolchain: "t", build: "b", command: "c",
                                   loadAtStart: "", loadAtEnd: "")
        #expect(try ScalingSuite.write(points, machine: machine, into: folder).count == 12)
    }
}

import Foundation
import Report
import Testing
import TestSupport
@testable import Lab

/// `sparksim bench scaling` without a clock: the grid, the parsing of a child's lines, and
/// the suite with fixed measurements (order, shared points, repeats, the files, merging).
@Suite("Scaling suite")
struct ScalingSuiteTests {
    static func commands(_ specs: [ScalingPointSpec]) -> [String] { specs.map(\.command) }

    @Test func theFullGridStopsTheEngineAtMaxTasks() {
        let grid = ScalingGrid(quick: false, processors: 2)
        let engine = grid.points([.engine])
        #expect(engine.map(\.size) == [100_000, 300_000, 1_000_000, 100_000, 300_000, 1_000_000])
        #expect(engine[2].command == "sparksim bench engine --executors 10000 --tasks 1000000 --seed 1")
        #expect(engine[3].command == "sparksim bench engine --executors 10000 --tasks 100000 --seed 1")
        #expect(Set(engine.map(\.series)) == ["100 tasks/exec", "10k executors"])
        let all = ScalingGrid(quick: false, maxTasks: 10_000_000, processors: 2).points([.engine])
        #expect(all.map(\.command).contains("sparksim bench engine --executors 100000 --tasks 10000000 --seed 1"))
        #expect(all.filter { $0.size == 10_000_000 }.count == 2)
    }

    @Test func theGridsNameTheIssuesSizes() {
        let grid = ScalingGrid(quick: false, processors: 2)
        #expect(grid.points([.phold]).map(\.size) == [1_000, 3_000, 10_000, 30_000, 100_000])
        #expect(grid.points([.network]).filter { $0.series == "all-to-all" }.map(\.size) == [64, 128, 256])
        #expect(Set(grid.points([.sweep]).map(\.series)) == ["--jobs 1", "--jobs 2"])
        #expect(ScalingGrid(quick: false, processors: 1).points([.sweep]).map(\.series) == ["--jobs 1", "--jobs 1", "--jobs 1"])
        #expect(grid.points([.replay]).last?.command
            == "sparksim bench replay --log \(ReplayBenchmark.defaultLog) --copies 50")
    }

    @Test func casesRunInTheSuitesOrderWhateverTheOrderAsked() {
        let grid = ScalingGrid(quick: true, processors: 2)
        let cases = grid.points([.replay, .engine]).map(\.scalingCase)
        #expect(cases.first == .engine && cases.last == .replay)
        #expect(Set(cases) == [.engine, .replay])
        #expect(grid.points().allSatisfy { $0.size <= 10_000 || $0.scalingCase == .phold })
    }

    @Test func optionsAreChecked() {
        #expect(ScalingGrid.problem(maxTasks: 1_000_000, repeats: 1) == nil)
        #expect(ScalingGrid.problem(maxTasks: 0, repeats: 1) == "--max-tasks must be at least 1")
        #expect(ScalingGrid.problem(maxTasks: 10, repeats: 0) == "--repeat must be from 1 to 100")
    }

    static let engineSpec = ScalingGrid(quick: true, processors: 1).points([.engine])[0]
    static let networkSpecs = ScalingGrid(quick: true, processors: 1).points([.network])

    @Test func aChildsFiguresAreReadFromItsLines() throws {
        let output = "executors=10 simulated_s=143.648\ntasks=1000 wall_s=0.025 peak_rss_mib=29\n"
        let measurement = try ScalingSuite.parse(output, Self.engineSpec)
        #expect(measurement == ScalingSuite.Measurement(wallSeconds: 0.025, units: 1000, simulatedSeconds: 143.648,
                                                        peakResidentMiB: 0))
    }

    @Test func theNetworkLineOfTheCaseAskedIsRead() throws {
        let output = """
            case=all-to-all-16-hosts flows=240 sim_s=0.0126 wall_s=0.002 flows_per_s=120000
            case=ring-allreduce-2-ranks flows=2 sim_s=0.00001 wall_s=0.000 flows_per_s=0
            """
        let shuffle = try ScalingSuite.parse(output, Self.networkSpecs[0])
        #expect(shuffle.units == 240 && shuffle.wallSeconds == 0.002 && shuffle.simulatedSeconds == 0.0126)
        let ring = try ScalingSuite.parse(output, Self.networkSpecs[3])
        #expect(ring.units == 2)
    }

    @Test func aChildThatPrintedNoFiguresIsAnError() {
        #expect(throws: BenchChildError.self) { try ScalingSuite.parse("hello\n", Self.engineSpec) }
        let sweep = ScalingGrid(quick: true, processors: 1).points([.sweep])[0]
        #expect(throws: BenchChildError.self) { try ScalingSuite.parse("wall_s=1 runs=x\n", sweep) }
        #expect((try? ScalingSuite.parse("case=sweep-a runs=8 jobs=1 wall_s=1.5 runs_per_s=5.3", sweep))?.size == 8)
    }

    /// Wall time from the command's length, peak memory from the call count: no clock.
    final class FakeChildren: @unchecked Sendable {
        var calls: [String] = []

        func measure(_ spec: ScalingPointSpec) -> ScalingSuite.Measurement {
            calls.append(spec.command)
            return ScalingSuite.Measurement(wallSeconds: Double(spec.size) / 1000 + Double(calls.count % 3) / 100,
                                            units: spec.size * 2, size: spec.sizeKey == nil ? nil : spec.size + 1,
                                            peakResidentMiB: calls.count)
        }
    }

    static func now() -> (loadAverage: Double?, utc: String) { (0.5, "2026-12-06T12:00Z") }

    @Test func aCommandSharedByTwoCurvesRunsOnceAndRepeatsGiveTheMedian() throws {
        let specs = ScalingGrid(quick: true, processors: 1).points([.engine])
        let children = FakeChildren()
        var heard: [Int] = []
        let points = try ScalingSuite.run(specs, repeats: 3, measure: children.measure, now: Self.now,
                                          progress: { _, done, total in heard.append(done * 100 + total) })
        // 100 executors x 10,000 tasks is in both curves: 5 commands, 3 children each.
        #expect(Set(children.calls).count == 5)
        #expect(children.calls.count == 15)
        #expect(heard == [106, 206, 306, 406, 506, 606])
        #expect(points.count == 6)
        #expect(points[2].command == points[5].command && points[2].series != points[5].series)
        #expect(points[2].wallSeconds == points[5].wallSeconds)
        // Walls 10.00, 10.01, 10.02 (calls 7-9: 7 % 3 = 1, 8 % 3 = 2, 9 % 3 = 0) give 10.01;
        // the peak is the largest of the three.
        #expect(points[2].wallSeconds == 10.01)
        #expect(points[2].peakResidentMiB == 9)
        #expect(points.allSatisfy { $0.repeats == 3 && $0.loadAverage == 0.5 && $0.measuredUTC == "2026-12-06T12:00Z" })
        #expect(points[0].units == 2_000)
    }

    @Test func aCaseReRunAloneKeepsTheOtherCasesOfTheFolder() throws {
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("sparksim-scaling-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let grid = ScalingGrid(quick: true, processors: 1)
        let machine = BenchMachine(processor: "p", memory: "m", toolchain: "t", build: "b", command: "c",
                                   loadAtStart: "0 0 0", loadAtEnd: "0 0 0")
        let first = try ScalingSuite.run(grid.points([.phold, .replay]), repeats: 1,
                                         measure: FakeChildren().measure, now: Self.now)
        let written = try ScalingSuite.write(first, machine: machine, into: folder)
        #expect(written == ["phold.csv", "phold.svg", "replay.csv", "replay.svg", "scaling.svg", "scaling.md"])
        let replaySize = try #require(first.last?.size)
        #expect(replaySize == 3)  // the child's tasks= figure (2 + 1 here), not the copies
        let second = try ScalingSuite.run(grid.points([.engine]), repeats: 1, measure: FakeChildren().measure, now: Self.now)
        try ScalingSuite.write(second, machine: machine, into: folder)
        let markdown = try String(contentsOfFile: folder + "/scaling.md", encoding: .utf8)
        for heading in ["## engine", "## phold", "## replay"] { #expect(markdown.contains(heading)) }
        #expect(markdown.range(of: "## engine")!.lowerBound < markdown.range(of: "## phold")!.lowerBound)
        let phold = try ScalingCSV.decode(file: "phold.csv",
                                          text: try String(contentsOfFile: folder + "/phold.csv", encoding: .utf8))
        #expect(phold == first.filter { $0.caseName == "phold" })
    }
}

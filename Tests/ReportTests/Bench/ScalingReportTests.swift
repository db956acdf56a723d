import Testing
import TestSupport
@testable import Report

/// The scaling suite's files from fixed records: no clock, no child process.
@Suite("Scaling suite files")
struct ScalingReportTests {
    static func point(_ caseName: String, _ series: String, size: Int, units: Int, wall: Double, rss: Int,
                      sizeName: String = "tasks", unit: String = "task", simulated: Double? = nil) -> ScalingPoint
    {
        ScalingPoint(caseName: caseName, series: series, sizeName: sizeName, size: size, unitName: unit, units: units,
                     wallSeconds: wall, peakResidentMiB: rss, simulatedSeconds: simulated, repeats: 1,
                     loadAverage: 1.25, measuredUTC: "2026-12-06T12:00Z",
                     command: "sparksim bench \(caseName) --size \(size)")
    }

    /// Two engine curves sharing a point, and a PHOLD curve whose units are not its size.
    static let points: [ScalingPoint] = [
        point("engine", "100 tasks/exec", size: 100_000, units: 100_000, wall: 1.59, rss: 98, simulated: 21),
        point("engine", "100 tasks/exec", size: 300_000, units: 300_000, wall: 4.86, rss: 172, simulated: 51),
        point("engine", "100 tasks/exec", size: 1_000_000, units: 1_000_000, wall: 20.1, rss: 329, simulated: 146),
        point("engine", "10k executors", size: 100_000, units: 100_000, wall: 1.2, rss: 90, simulated: 21),
        point("engine", "10k executors", size: 1_000_000, units: 1_000_000, wall: 20.1, rss: 329, simulated: 146),
        point("phold", "5M events", size: 1_000, units: 5_000_000, wall: 0.856, rss: 30, sizeName: "LPs", unit: "event"),
        point("phold", "5M events", size: 10_000, units: 5_000_000, wall: 1.1, rss: 45, sizeName: "LPs", unit: "event"),
        point("phold", "5M events", size: 100_000, units: 5_000_000, wall: 1.9, rss: 160, sizeName: "LPs", unit: "event"),
    ]

    static let machine = BenchMachine(
        processor: "Test CPU, 2 processors (nproc)", memory: "8.0 GiB of memory",
        toolchain: "Swift version 6.3.1 (swift-6.3.1-RELEASE)", build: "sparksim 0.0.0, release build",
        command: "sparksim bench scaling", loadAtStart: "1.00 0.50 0.25", loadAtEnd: "2.00 1.00 0.50")

    static let notes = [ScalingCaseNote(caseName: "engine", text: "The scheduler alone.")]

    static var files: [(name: String, contents: String)] {
        ScalingFiles.files(points, machine: machine, notes: notes)
    }

    @Test func theFolderHoldsACSVAndAChartPerCaseThenTheOverview() {
        #expect(Self.files.map(\.name)
            == ["engine.csv", "engine.svg", "phold.csv", "phold.svg", "scaling.svg", "scaling.md"])
    }

    @Test(arguments: ["engine.csv", "engine.svg", "phold.svg", "scaling.svg", "scaling.md"])
    func everyFileMatchesItsGoldenFile(name: String) throws {
        let file = try #require(Self.files.first { $0.name == name })
        assertMatchesGolden(file.contents, goldenPath: "Tests/ReportTests/Golden/Bench/\(name)")
    }

    @Test func theCSVHasTheDocumentedColumnsAndOneRowPerPoint() {
        let text = ScalingCSV.text(Self.points.filter { $0.caseName == "engine" })
        let rows = CSVRecords.parse(text)
        #expect(rows.first == ScalingCSV.columns)
        #expect(rows.count == 6)
        // 1.59 s over 100,000 tasks: 15.9 µs a task, 62,893 tasks a second.
        #expect(rows[1] == ["engine", "100 tasks/exec", "tasks", "100000", "task", "100000", "1.59", "15900.0",
                            "62893", "98", "21", "1", "1.25", "2026-12-06T12:00Z",
                            "sparksim bench engine --size 100000"])
    }

    @Test func theCSVReadsBackAsTheSamePoints() throws {
        let decoded = try ScalingCSV.decode(file: "all.csv", text: ScalingCSV.text(Self.points))
        #expect(decoded == Self.points)
    }

    @Test func aCSVWithoutAColumnIsRefusedNamingIt() {
        let text = "case,series\nengine,x\n"
        #expect(throws: CSVColumns.Unreadable.self) { try ScalingCSV.decode(file: "old.csv", text: text) }
        do {
            _ = try ScalingCSV.decode(file: "old.csv", text: text)
        } catch {
            #expect("\(error)".hasPrefix("old.csv: no column size_name"))
        }
    }

    @Test func aCaseChartIsTwoLogLogPanelsWithEverySeries() throws {
        let svg = ScalingCharts.caseSVG(Self.points, caseName: "engine")
        let parsed = SVGParsing.parse(svg)
        #expect(parsed.error == nil, "\(parsed.error ?? "")")
        let root = try #require(parsed.elements.first)
        #expect(root.attributes["viewBox"] == "0 0 720 840")
        #expect(parsed.named("g").map { $0["transform"] } == ["translate(0 0)", "translate(0 420)"])
        for text in ["engine: wall time", "engine: wall time per task", "wall time (s)", "time per task (µs)",
                     "100 tasks/exec", "10k executors", "tasks", "100k", "1M"]
        {
            #expect(parsed.texts.contains(text), "\(text) missing")
        }
        // One line per series in each panel, nothing from the PHOLD points.
        #expect(parsed.named("path").count == 4)
        #expect(!parsed.texts.contains("5M events"))
    }

    @Test func theOverviewDividesEachSeriesByItsSmallestPoint() {
        let svg = ScalingCharts.overviewSVG(Self.points)
        let parsed = SVGParsing.parse(svg)
        #expect(parsed.error == nil)
        for name in ["engine: 100 tasks/exec", "engine: 10k executors", "phold: 5M events"] {
            #expect(parsed.texts.contains(name), "\(name) missing")
        }
        // PHOLD's cost per event grows 1.9 / 0.856 = 2.22 times from 1k to 100k LPs.
        #expect(svg.contains("phold: 5M events: size / smallest size 100, time per unit / at smallest size 2.22 x"))
    }

    @Test func theTableShowsUnitsOnlyWhereTheyAreNotTheSize() {
        let markdown = ScalingReport.markdown(Self.points, machine: Self.machine, notes: Self.notes)
        #expect(markdown.contains("| series | tasks | wall | per task | tasks/s | peak RSS | simulated | load (1 min) | command |"))
        #expect(markdown.contains("| series | LPs | events | wall | per event |"))
        #expect(markdown.contains("| 100 tasks/exec | 1,000,000 | 20.1 s | 20.1 µs | 49.8k | 329 MiB | 2.43 min | 1.25 |"))
        #expect(markdown.contains("| engine | 100 tasks/exec | 100k, 300k, 1M tasks | 15.9 µs | 20.1 µs | 1.26x | 10x |"))
        #expect(markdown.contains("The scheduler alone."))
    }

    @Test func aPointBelowTheClocksResolutionIsSaidSoNotDrawnAsZero() {
        var fast = Self.point("network", "all-to-all", size: 4, units: 12, wall: 0, rss: 29, sizeName: "hosts", unit: "flow")
        fast.simulatedSeconds = nil
        let markdown = ScalingReport.markdown([fast], machine: Self.machine, notes: [])
        #expect(markdown.contains("| all-to-all | 4 | 12 | < 1 ms |  |  | 29 MiB |"))
        #expect(SVGParsing.parse(ScalingCharts.caseSVG([fast], caseName: "network")).error == nil)
    }
}

import Testing
import TestSupport
@testable import Report

@Suite("SVG plots")
struct SVGPlotTests {
    /// Every chart kind on its fixture, with the golden file it must match.
    static let names = ["scaling-throughput", "scaling-efficiency", "loss-curves", "time-breakdown",
                        "time-per-iteration", "gantt", "link-utilisation"]

    static func svg(_ name: String) -> String {
        switch name {
        case "scaling-throughput": PlotFixtures.scalingChart.svg
        case "scaling-efficiency": PlotFixtures.efficiencyChart.svg
        case "loss-curves": PlotFixtures.lossChart.svg
        case "time-breakdown": PlotFixtures.breakdownChart.svg
        case "time-per-iteration": PlotFixtures.perIterationChart.svg
        case "gantt": PlotFixtures.ganttChart.svg
        case "link-utilisation": PlotFixtures.linkChart.svg
        default: preconditionFailure("no chart named \(name)")
        }
    }

    static func goldenPath(_ name: String) -> String { "Tests/ReportTests/Golden/Plots/\(name).svg" }

    @Test(arguments: names)
    func everyChartMatchesItsGoldenFile(name: String) {
        let svg = Self.svg(name)
        assertMatchesGolden(svg, goldenPath: Self.goldenPath(name))
    }

    @Test(arguments: names)
    func everyChartIsWellFormedSVGWithAViewBox(name: String) throws {
        let svg = Self.svg(name)
        let parsed = SVGParsing.parse(svg)
        #expect(parsed.error == nil, "\(name): \(parsed.error ?? "")")
        let root = try #require(parsed.elements.first)
        #expect(root.name == "svg")
        #expect(root.attributes["xmlns"] == "http://www.w3.org/2000/svg")
        #expect(root.attributes["viewBox"]?.hasPrefix("0 0 720 ") == true)
        #expect(svg.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<svg "))
        #expect(svg.hasSuffix("</svg>\n"))
        // Self-contained: nothing to fetch, nothing to run.
        for banned in ["<script", "href=\"http", "@import", "<style", "url(http"] {
            #expect(!svg.contains(banned), "\(name) contains \(banned)")
        }
    }

    @Test(arguments: names)
    func everyChartIsByteIdenticalWhenDrawnTwice(name: String) {
        #expect(Self.svg(name) == Self.svg(name))
    }

    @Test func axisTitlesCarryUnitsAndTicksAreHumanNumbers() {
        let texts = SVGParsing.parse(PlotFixtures.scalingChart.svg).texts
        #expect(texts.contains("throughput (samples/s)"))
        #expect(texts.contains("workers (workers)") == false)
        #expect(texts.contains("workers"))
        for tick in ["1", "2", "4", "8", "16", "32", "64", "10k", "20k"] { #expect(texts.contains(tick), "\(tick)") }
        let loss = SVGParsing.parse(PlotFixtures.lossChart.svg).texts
        #expect(loss.contains("simulated time (s)"))
        let bars = SVGParsing.parse(PlotFixtures.breakdownChart.svg).texts
        #expect(bars.contains("time per iteration (s)"))
        #expect(bars.contains("1.03 s"), "the mllib-cpu bar's total, 1025 ms")
        #expect(SVGParsing.parse(PlotFixtures.efficiencyChart.svg).texts.contains("efficiency (%)"))
    }

    @Test func ganttMarksFailuresKillsBarriersAndFaults() {
        let parsed = SVGParsing.parse(PlotFixtures.ganttChart.svg)
        let hatched = parsed.named("rect").filter { $0["fill"] == "url(#sparksim-hatch)" }
        let failedOutlines = hatched.filter { $0["stroke"] == PlotStyle.failureColour }
        let killedOutlines = hatched.filter { $0["stroke-dasharray"] == "3 2" }
        #expect(failedOutlines.count == 2 + 1, "two failed task attempts, plus the legend swatch")
        #expect(killedOutlines.count == 3 + 1, "a speculative copy and two barrier tasks, plus the legend swatch")
        #expect(parsed.named("pattern").count == 1)
        let barrierTicks = parsed.named("line").filter { $0["stroke-dasharray"] == "2 3" }
        #expect(barrierTicks.count == 3 + 1, "three barrier syncs, plus the legend swatch")
        for label in ["load", "train-barrier", "failed attempt", "killed attempt", "barrier sync", "fault",
                      "executor lost", "1 (host-a)", "4 (host-b)", "executor (host)"] {
            #expect(parsed.texts.contains(label), "\(label)")
        }
    }

    @Test func ganttHeightFollowsTheNumberOfExecutors() {
        let rows = (0..<60).flatMap { index in
            [TraceRow(timeNanoseconds: 0, event: .executorAdded, executor: String(index), host: "h\(index / 4)"),
             TraceRow(timeNanoseconds: Int64(index) * 1_000_000, event: .taskLaunched, stage: "s", partition: index,
                      taskAttempt: 0, executor: String(index))]
        }
        let document = GanttChart(title: "many", rows: rows).document
        #expect(document.height > PlotStyle.height)
        #expect(SVGParsing.parse(document.text).error == nil)
        let one = GanttChart(title: "one", rows: Array(rows.prefix(2))).document
        #expect(one.height < PlotStyle.height, "one executor is a band, not a wall")
    }

    @Test func aCrowdedLegendKeepsTheMeaningOfMarkersAndSummarisesTheRest() {
        var rows: [TraceRow] = []
        for stage in 0..<40 {
            let time = Int64(stage) * 10
            rows.append(TraceRow(timeNanoseconds: time, event: .taskLaunched, stage: "stage\(stage)", partition: 0,
                                 taskAttempt: 0, executor: "1", host: "h"))
            rows.append(TraceRow(timeNanoseconds: time + 5, event: stage == 3 ? .taskFailed : .taskFinished,
                                 stage: "stage\(stage)", partition: 0, taskAttempt: 0, executor: "1", host: "h"))
        }
        let texts = SVGParsing.parse(GanttChart(title: "crowded", rows: rows).svg).texts
        #expect(texts.contains("failed attempt"))
        #expect(texts.contains("stage0"))
        #expect(!texts.contains("stage39"))
        #expect(texts.contains { $0.hasPrefix("+") && $0.hasSuffix(" more") })
    }

    @Test func emptyInputsStillDrawAReadableFrame() {
        let charts = [
            LineChart.loss(title: "no data", series: []).svg,
            StackedBarChart.timeBreakdown(title: "no bars", category: "variant", bars: []).svg,
            GanttChart(title: "no rows", rows: []).svg,
            LinkUtilisationChart(title: "no links", samples: []).svg,
        ]
        for svg in charts { #expect(SVGParsing.parse(svg).error == nil) }
    }

    @Test func nonFiniteValuesBreakTheLineInsteadOfTheFile() {
        let series = LineSeries(name: "gappy", points: [
            LinePoint(x: 1, y: 1), LinePoint(x: 2, y: .nan), LinePoint(x: 3, y: 3), LinePoint(x: .infinity, y: 4),
        ])
        let svg = LineChart.loss(title: "gaps", series: [series]).svg
        #expect(SVGParsing.parse(svg).error == nil)
        #expect(!svg.contains("nan") && !svg.contains("inf"))
        #expect(SVGParsing.parse(svg).named("path").contains { ($0["d"] ?? "").filter { $0 == "M" }.count == 2 })
    }
}

import Testing
@testable import Report

/// Loss curves drawn as steps, Gantt charts of many executors aggregated, glyphs that tell
/// a fault from an executor loss, and one Perfetto file for every variant.
@Suite struct ChartChangesTests {
    @Test func aLossCurveHoldsItsValueUntilTheNextIterationEnds() throws {
        let chart = LineChart.loss(title: "loss", series: [
            LineSeries(name: "a", points: [LinePoint(x: 0, y: 1), LinePoint(x: 10, y: 0.5), LinePoint(x: 20, y: 0.25)]),
        ])
        let path = try #require(chart.svg.split(separator: "\n").first { $0.contains("<path d=\"M") })
        let d = String(path.split(separator: "\"")[1])
        let points = d.split(separator: " L").map { $0.replacingOccurrences(of: "M", with: "") }
        // M(x0,y0) L(x1,y0) L(x1,y1) L(x2,y1) L(x2,y2): horizontal, then vertical, twice.
        #expect(points.count == 5)
        func xy(_ s: String) -> (String, String) {
            let parts = s.split(separator: " ")
            return (String(parts[0]), String(parts[1]))
        }
        #expect(xy(points[1]).1 == xy(points[0]).1 && xy(points[1]).0 == xy(points[2]).0)
        #expect(xy(points[3]).1 == xy(points[2]).1 && xy(points[3]).0 == xy(points[4]).0)
    }

    @Test func aGanttOfManyExecutorsSharesRowsAndStaysShort() {
        var rows: [TraceRow] = []
        for i in 0..<256 {
            rows.append(TraceRow(timeNanoseconds: 0, event: .executorAdded, executor: "e\(i)", host: "h\(i)"))
            rows.append(TraceRow(timeNanoseconds: 0, event: .taskLaunched, job: "j", stage: "train", partition: i,
                                 taskAttempt: 0, executor: "e\(i)", host: "h\(i)"))
            rows.append(TraceRow(timeNanoseconds: 1_000_000, event: .taskFinished, job: "j", stage: "train",
                                 partition: i, taskAttempt: 0, executor: "e\(i)", host: "h\(i)"))
        }
        let chart = GanttChart(title: "t", rows: rows)
        let grouped = chart.rows()
        #expect(grouped.rows.count == 32 && grouped.rows[0].label == "e0 +7" && grouped.rows[0].lanes == 8)
        #expect(grouped.place["e9"]! == (row: 1, laneOffset: 1))
        #expect(chart.document.height < 1_000)
    }

    @Test func aFaultAndAnExecutorLossHaveDifferentGlyphs() {
        let rows = [
            TraceRow(timeNanoseconds: 0, event: .executorAdded, executor: "e0", host: "h0"),
            TraceRow(timeNanoseconds: 0, event: .taskLaunched, job: "j", stage: "s", partition: 0, taskAttempt: 0,
                     executor: "e0", host: "h0"),
            TraceRow(timeNanoseconds: 5, event: .fault, executor: "e0", host: "h0", note: "executor-lost e0"),
            TraceRow(timeNanoseconds: 5, event: .executorLost, executor: "e0", host: "h0", note: "fault"),
            TraceRow(timeNanoseconds: 5, event: .taskFailed, job: "j", stage: "s", partition: 0, taskAttempt: 0,
                     executor: "e0", host: "h0", note: "executor lost"),
        ]
        let svg = GanttChart(title: "t", rows: rows).svg
        let legendLines = svg.split(separator: "\n").filter { $0.contains("<line") && $0.contains("stroke=") }
        let faultStroke = legendLines.contains { $0.contains(PlotStyle.failureColour) }
        let lossStroke = legendLines.contains { $0.contains(PlotStyle.ink) && $0.contains("stroke-dasharray=\"3 2\"") }
        #expect(faultStroke && lossStroke)
    }

    @Test func oneTraceFileHoldsEveryVariantApart() {
        func trace(_ executor: String) -> [TraceRow] {
            [TraceRow(timeNanoseconds: 0, event: .executorAdded, executor: executor, host: "h0"),
             TraceRow(timeNanoseconds: 0, event: .taskLaunched, job: "j", stage: "s", partition: 0, taskAttempt: 0,
                      executor: executor, host: "h0"),
             TraceRow(timeNanoseconds: 10, event: .taskFinished, job: "j", stage: "s", partition: 0, taskAttempt: 0,
                      executor: executor, host: "h0")]
        }
        let single = TraceTimeline(rows: trace("e0"))
        #expect(ChromeTrace.json(variants: [(nil, single)]) == ChromeTrace.json(timeline: single))
        let both = ChromeTrace.json(variants: [("mllib", single), ("barrier", TraceTimeline(rows: trace("e0")))])
        #expect(both.contains("\"name\":\"mllib: driver\"") && both.contains("\"name\":\"barrier: host h0\""))
        #expect(both.contains("\"pid\":100001") && both.contains("\"pid\":1,"))
    }
}

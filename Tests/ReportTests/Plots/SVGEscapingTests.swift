import Testing
@testable import Report

@Suite("SVG escaping")
struct SVGEscapingTests {
    @Test func markupCharactersBecomeEntities() {
        #expect(SVGElement.escaped("a<b & c>d \"e\" 'f'") == "a&lt;b &amp; c&gt;d &quot;e&quot; &apos;f&apos;")
        #expect(SVGElement.escaped("&amp;") == "&amp;amp;", "text is escaped once, as text")
    }

    @Test func charactersXMLForbidsBecomeReplacementCharacters() {
        #expect(SVGElement.escaped("a\u{00}b\u{1B}c\u{FFFF}") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}")
        #expect(SVGElement.escaped("tab\tnew\nline") == "tab\tnew\nline")
        #expect(SVGElement.escaped("GPU µs — ✓") == "GPU µs — ✓")
    }

    @Test func hostileLabelsInEveryChartLeaveTheFileWellFormedAndReadBack() {
        let hostile = PlotFixtures.hostile
        let shownBack = hostile.replacingOccurrences(of: "\u{01}", with: "\u{FFFD}")
        let line = LineChart(title: hostile, subtitle: hostile, xTitle: hostile, xQuantity: .plain(unit: hostile),
                             yTitle: hostile, yQuantity: .count(unit: hostile),
                             series: [LineSeries(name: hostile, points: [LinePoint(x: 1, y: 2), LinePoint(x: 2, y: 3)])])
        let bars = StackedBarChart(title: hostile, categoryTitle: hostile, valueTitle: hostile, quantity: .bytes,
                                   segments: [hostile], bars: [StackedBar(label: hostile, values: [1_073_741_824])])
        let rows = [TraceRow(timeNanoseconds: 0, event: .taskLaunched, job: hostile, stage: hostile, partition: 0,
                             taskAttempt: 0, executor: hostile, host: hostile, note: hostile),
                    TraceRow(timeNanoseconds: 9, event: .fault, note: hostile)]
        let links = [LinkUtilisationSample(link: hostile, startNanoseconds: 0, endNanoseconds: 5, utilisation: 0.5)]
        let svgs = [line.svg, bars.svg, GanttChart(title: hostile, rows: rows).svg,
                    LinkUtilisationChart(title: hostile, samples: links).svg]
        for svg in svgs {
            let parsed = SVGParsing.parse(svg)
            #expect(parsed.error == nil, "\(parsed.error ?? "")")
            #expect(!svg.contains("<script"))
            #expect(parsed.named("script").isEmpty)
            #expect(parsed.elements.first?.name == "svg")
            // The document title is never shortened, so it must read back exactly.
            #expect(parsed.texts.contains(shownBack))
        }
    }

    @Test func numbersAreWrittenWithoutLocaleOrExponent() {
        #expect(SVGElement.number(12.5) == "12.5")
        #expect(SVGElement.number(3) == "3")
        #expect(SVGElement.number(-0.004) == "0")
        #expect(SVGElement.number(1e-7) == "0")
        #expect(SVGElement.number(123456.789) == "123456.79")
        #expect(SVGElement.number(.nan) == "0")
    }
}

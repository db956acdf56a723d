import Testing
@testable import Report

/// Room at the top of a chart: a bar's printed total and a line at 100% efficiency stay
/// inside the frame instead of sitting on its top edge.
@Suite struct PlotHeadroomTests {
    static func bars(_ totalMilliseconds: Int64) -> StackedBarChart {
        StackedBarChart.timeBreakdown(title: "t", category: "run", bars: [
            IterationTimeBreakdown(label: "a", computeNanoseconds: totalMilliseconds * 1_000_000,
                                   communicationNanoseconds: 0, schedulingNanoseconds: 0, driverNanoseconds: 0,
                                   idleNanoseconds: 0),
        ])
    }

    @Test func aTotalJustUnderATickGetsTheNextTickAbove() {
        // 48 ms with its label would touch the 50 ms frame; 40 ms leaves room under 50.
        let tight = SVGParsing.parse(Self.bars(48).svg)
        #expect(tight.error == nil)
        #expect(tight.texts.contains("48 ms") && tight.texts.contains("60"))
        let roomy = SVGParsing.parse(Self.bars(40).svg).texts
        #expect(roomy.contains("50") && !roomy.contains("60"))
    }

    @Test func anEfficiencyAxisCanCoverMoreThanItsData() {
        let series = [LineSeries(name: "s", points: [LinePoint(x: 1, y: 1), LinePoint(x: 8, y: 0.9)])]
        var chart = LineChart.scaling(title: "e", metric: "efficiency", quantity: .fraction, series: series)
        #expect(!SVGParsing.parse(chart.svg).texts.contains("120"))
        chart.yAlsoCovers = [1.1]
        let texts = SVGParsing.parse(chart.svg).texts
        #expect(texts.contains("100") && texts.contains("120"))
    }
}

/// A legend sized for its widest label shows that label whole.
@Suite struct LegendTruncationTests {
    @Test func aLabelAsWideAsItsColumnIsNotCut() {
        for label in ["pickle", "arrow", "resnet-101", "barrier-allreduce"] {
            let width = PlotStyle.textWidth(label, size: PlotStyle.tickSize) + 30
            #expect(PlotStyle.truncated(label, toWidth: width - 30, size: PlotStyle.tickSize) == label, "\(label)")
        }
        #expect(PlotStyle.truncated("barrier-allreduce", toWidth: 40, size: 10) == "barri…")
    }
}

/// One bar of a stacked bar chart: a label and one value per segment (raw units).
public struct StackedBar: Sendable, Equatable {
    public var label: String
    /// One value per segment of the chart, in the chart's segment order. Negative and
    /// non-finite values draw as zero (a cost part cannot be negative).
    public var values: [Double]

    public init(label: String, values: [Double]) {
        self.label = label
        self.values = values
    }
}

/// Where one iteration's (or one variant's mean iteration's) time went, along the
/// critical path: the five parts of `iteration_costs.csv`, in nanoseconds.
public struct IterationTimeBreakdown: Sendable, Equatable {
    /// The bar's label: a variant name, or an iteration number.
    public var label: String
    public var computeNanoseconds: Int64
    public var communicationNanoseconds: Int64
    public var schedulingNanoseconds: Int64
    public var driverNanoseconds: Int64
    public var idleNanoseconds: Int64
    public var pythonStartupNanoseconds: Int64
    public var exchangeNanoseconds: Int64

    public init(
        label: String, computeNanoseconds: Int64, communicationNanoseconds: Int64, schedulingNanoseconds: Int64,
        driverNanoseconds: Int64, idleNanoseconds: Int64, pythonStartupNanoseconds: Int64 = 0,
        exchangeNanoseconds: Int64 = 0
    ) {
        self.pythonStartupNanoseconds = pythonStartupNanoseconds
        self.exchangeNanoseconds = exchangeNanoseconds
        self.label = label
        self.computeNanoseconds = computeNanoseconds
        self.communicationNanoseconds = communicationNanoseconds
        self.schedulingNanoseconds = schedulingNanoseconds
        self.driverNanoseconds = driverNanoseconds
        self.idleNanoseconds = idleNanoseconds
    }

    /// The segment names, bottom to top, matching ``values``.
    public static let segments = ["compute", "communication", "scheduling", "driver", "Python start-up",
                                  "exchange", "idle"]
    /// Colours per segment (Okabe-Ito): idle is grey, as time nothing useful happened.
    public static let colours = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#D55E00", "#56B4E9", "#BBBBBB"]

    public var values: [Double] {
        [computeNanoseconds, communicationNanoseconds, schedulingNanoseconds, driverNanoseconds,
         pythonStartupNanoseconds, exchangeNanoseconds, idleNanoseconds].map(Double.init)
    }

    /// The segments worth showing for `bars`: the five every training has, and Python
    /// start-up and exchange only when some bar has them (a steady iteration never does).
    public static func shownSegments(_ bars: [IterationTimeBreakdown]) -> [Int] {
        segments.indices.filter { index in
            !(4...5).contains(index) || bars.contains { $0.values[index] > 0 }
        }
    }
}

/// Bars split into stacked segments: time per iteration by cost part, one bar per
/// variant or per iteration.
///
/// Why stacked and from zero: the question is "where did the time go", so each bar's
/// height must be its total and each segment's height its share of it. Bars keep the
/// order given; the legend lists segments top to bottom, as they appear on the bars.
public struct StackedBarChart: Sendable, Equatable {
    public var title: String
    public var subtitle: String?
    /// What one bar stands for (`variant`, `iteration`): the x axis title.
    public var categoryTitle: String
    public var valueTitle: String
    public var quantity: PlotQuantity
    public var segments: [String]
    /// One colour per segment; the palette when nil.
    public var colours: [String]?
    public var bars: [StackedBar]
    /// Print each bar's total above it (only when bars are wide enough to hold it).
    public var showsTotals: Bool
    public var width = PlotStyle.width
    public var height = PlotStyle.height

    public init(
        title: String, subtitle: String? = nil, categoryTitle: String, valueTitle: String, quantity: PlotQuantity,
        segments: [String], colours: [String]? = nil, bars: [StackedBar], showsTotals: Bool = true
    ) {
        precondition(colours == nil || colours!.count == segments.count, "one colour per segment")
        precondition(bars.allSatisfy { $0.values.count == segments.count }, "every bar needs one value per segment")
        self.title = title
        self.subtitle = subtitle
        self.categoryTitle = categoryTitle
        self.valueTitle = valueTitle
        self.quantity = quantity
        self.segments = segments
        self.colours = colours
        self.bars = bars
        self.showsTotals = showsTotals
    }

    /// Time per iteration split compute / communication / scheduling / driver / idle.
    /// `StackedBarChart.timeBreakdown(title: "Where an iteration's time goes", category: "variant", bars: rows)`
    public static func timeBreakdown(
        title: String, subtitle: String? = nil, category: String, valueTitle: String = "time per iteration",
        bars: [IterationTimeBreakdown]
    ) -> StackedBarChart {
        let shown = IterationTimeBreakdown.shownSegments(bars)
        return StackedBarChart(
            title: title, subtitle: subtitle, categoryTitle: category, valueTitle: valueTitle,
            quantity: .durationNanoseconds, segments: shown.map { IterationTimeBreakdown.segments[$0] },
            colours: shown.map { IterationTimeBreakdown.colours[$0] },
            bars: bars.map { bar in StackedBar(label: bar.label, values: shown.map { bar.values[$0] }) })
    }

    /// The chart as a complete SVG file.
    public var svg: String { document.text }

    public var document: SVGDocument {
        let cleaned = bars.map { bar in bar.values.map { $0.isFinite ? max(0, $0) : 0 } }
        let totals = cleaned.map { $0.reduce(0, +) }
        // Room above the tallest bar for its total (a tick label's height is about 6% of
        // the plot), so a total just under a tick does not sit on the frame's top edge.
        let headroom = showsTotals ? Self.totalHeadroom : 1
        let axis = PlotAxis(title: valueTitle, quantity: quantity, values: totals.map { $0 * headroom } + [0])
        let colour = { (index: Int) in colours?[index] ?? PlotStyle.colour(index) }
        let legend = segments.indices.reversed().map { LegendEntry(segments[$0], .box(fill: colour($0))) }
        let frame = PlotFrame(width: width, height: height, hasSubtitle: subtitle != nil,
                              yLabels: axis.tickLabels, legend: legend)
        var document = SVGDocument(width: width, height: height, title: title)
        document.append(contentsOf: frame.yAxis(axis))
        let band = frame.plotWidth / Double(max(1, bars.count))
        let barWidth = min(band * 0.7, 90)
        let totalsFit = showsTotals && bars.contains { _ in true }
            && totals.map { PlotStyle.textWidth(quantity.format($0), size: PlotStyle.tickSize) }.max()! <= band
        let labelEvery = Self.labelStride(bars.map(\.label), band: band)
        for (index, bar) in bars.enumerated() {
            let centre = frame.left + band * (Double(index) + 0.5)
            var base = 0.0
            for (segment, value) in cleaned[index].enumerated() where value > 0 {
                let bottom = frame.y(axis.fraction(base))
                let top = frame.y(axis.fraction(base + value))
                let share = totals[index] > 0 ? value / totals[index] : 0
                let tooltip = "\(bar.label), \(segments[segment]): \(quantity.format(value)) "
                    + "(\(NumberFormat.percent(share, decimals: 1)))"
                document.append(
                    PlotStyle.rect(x: centre - barWidth / 2, y: top, width: barWidth, height: bottom - top,
                                   fill: colour(segment))
                        .with("stroke", "#FFFFFF").with("stroke-width", "0.5").titled(tooltip))
                base += value
            }
            if totalsFit {
                document.append(PlotStyle.text(quantity.format(totals[index]), x: centre,
                                               y: frame.y(axis.fraction(totals[index])) - 5, anchor: "middle"))
            }
            if index % labelEvery == 0 {
                let label = PlotStyle.truncated(bar.label, toWidth: band * Double(labelEvery) - 4,
                                                size: PlotStyle.tickSize)
                var text = PlotStyle.text(label, x: centre, y: frame.bottom + 18, anchor: "middle")
                if label != bar.label { text = SVGElement("g", children: [text]).titled(bar.label) }
                document.append(text)
            }
        }
        document.append(frame.xTitle(categoryTitle))
        document.append(contentsOf: frame.axisLines + frame.legend(legend) + frame.heading(title: title, subtitle: subtitle))
        return document
    }

    /// The factor the value axis covers beyond the tallest bar when totals are printed.
    static let totalHeadroom = 1.07

    /// Label every k-th bar when labels would collide (one bar per iteration, many
    /// iterations): k is the smallest of 1, 2, 5, 10, 20, ... that gives each shown
    /// label room for its text (up to 6 characters; longer labels are cut).
    static func labelStride(_ labels: [String], band: Double) -> Int {
        let wanted = min(labels.map { PlotStyle.textWidth($0, size: PlotStyle.tickSize) }.max() ?? 0,
                         PlotStyle.textWidth("000000", size: PlotStyle.tickSize)) + 6
        var power = 1
        while true {
            for mantissa in NiceTicks.mantissas {
                let stride = mantissa * power
                if band * Double(stride) >= wanted || stride >= labels.count { return stride }
            }
            power *= 10
        }
    }
}

/// One point of a line series, with an optional confidence band around it.
public struct LinePoint: Sendable, Equatable {
    public var x: Double
    public var y: Double
    /// The band's bounds at this x (for example a 95% confidence interval over seeds);
    /// both or neither. Points without them interrupt the band, not the line.
    public var lower: Double?
    public var upper: Double?

    public init(x: Double, y: Double, lower: Double? = nil, upper: Double? = nil) {
        self.x = x
        self.y = y
        self.lower = lower
        self.upper = upper
    }

    /// A point at the interval's centre, banded by its bounds.
    public init(x: Double, interval: ConfidenceInterval) {
        self.init(x: x, y: interval.center, lower: interval.lower, upper: interval.upper)
    }
}

/// One named line: a variant's scaling curve or its loss over time.
public struct LineSeries: Sendable, Equatable {
    public var name: String
    public var points: [LinePoint]

    public init(name: String, points: [LinePoint]) {
        self.name = name
        self.points = points
    }
}

/// A reference point on a line chart: a published result beside series `series`.
public struct LineReference: Sendable, Equatable {
    public var series: Int
    public var x: Double
    public var y: Double

    public init(series: Int, x: Double, y: Double) {
        self.series = series
        self.x = x
        self.y = y
    }
}

/// A line chart of one or more series, with optional confidence bands.
///
/// Why one type for scaling curves and loss curves: both are "y against x per
/// variant"; what differs is the axes (log2 worker counts and a zero-based throughput
/// axis, or simulated time and a free loss axis), which the factories set. Series are
/// drawn in the order given, each in its own colour, dash and marker. Points are drawn
/// in increasing x (ties in the order given); a non-finite value breaks the line.
public struct LineChart: Sendable, Equatable {
    public var title: String
    public var subtitle: String?
    public var xTitle: String
    public var xQuantity: PlotQuantity
    public var xScale: PlotAxis.Scale
    public var yTitle: String
    public var yQuantity: PlotQuantity
    /// `.log10` for times and rates spanning decades; `.linear` otherwise.
    public var yScale: PlotAxis.Scale = .linear
    /// Start the y axis at zero (honest for throughput; off for loss curves).
    public var yIncludesZero: Bool
    /// Values the y axis covers besides the data (raw units). Why: efficiency is often
    /// exactly 100%, which would put its line on the frame's top edge; `[1.1]` keeps the
    /// axis going one tick further.
    public var yAlsoCovers: [Double] = []
    public var series: [LineSeries]
    /// Legend text for the shaded bands, e.g. `95% CI over 5 seeds`; no entry when nil.
    public var bandLabel: String?
    /// Markers on every point; nil means "when no series has more than 30 points".
    public var showsMarkers: Bool?
    /// Reference points (published results) drawn as hollow circles in their series'
    /// colour, under one legend entry `referenceLabel`.
    public var references: [LineReference] = []
    public var referenceLabel = "published"
    /// Draw each series as steps: a value holds until the next point, where the line
    /// jumps. Why: a training's objective changes only when an iteration ends, so a
    /// diagonal between two iterations would show learning that did not happen.
    public var steps = false
    public var width = PlotStyle.width
    public var height = PlotStyle.height

    public init(
        title: String, subtitle: String? = nil, xTitle: String, xQuantity: PlotQuantity,
        xScale: PlotAxis.Scale = .linear, yTitle: String, yQuantity: PlotQuantity, yIncludesZero: Bool = true,
        series: [LineSeries], bandLabel: String? = nil, showsMarkers: Bool? = nil
    ) {
        self.title = title
        self.subtitle = subtitle
        self.xTitle = xTitle
        self.xQuantity = xQuantity
        self.xScale = xScale
        self.yTitle = yTitle
        self.yQuantity = yQuantity
        self.yIncludesZero = yIncludesZero
        self.series = series
        self.bandLabel = bandLabel
        self.showsMarkers = showsMarkers
    }

    /// A scaling curve: `metric` against worker count on a log2 axis, from zero.
    /// `LineChart.scaling(title: "Throughput", metric: "throughput", quantity: .count(unit: "samples/s"), series: s)`
    public static func scaling(
        title: String, subtitle: String? = nil, workers: String = "workers", metric: String,
        quantity: PlotQuantity, series: [LineSeries], bandLabel: String? = nil
    ) -> LineChart {
        LineChart(title: title, subtitle: subtitle, xTitle: workers, xQuantity: .plain(unit: nil),
                  xScale: .log2, yTitle: metric, yQuantity: quantity, series: series, bandLabel: bandLabel)
    }

    /// Loss curves: loss (x values in nanoseconds of simulated time) per variant.
    /// `LineChart.loss(title: "Loss", series: [LineSeries(name: "barrier", points: ...)])`
    public static func loss(
        title: String, subtitle: String? = nil, lossName: String = "loss", series: [LineSeries]
    ) -> LineChart {
        var chart = LineChart(title: title, subtitle: subtitle, xTitle: "simulated time", xQuantity: .durationNanoseconds,
                              yTitle: lossName, yQuantity: .plain(unit: nil), yIncludesZero: false, series: series)
        chart.steps = true
        return chart
    }

    /// Whether the series' positive values span more than `factor` (times and rates
    /// across worker counts, often 100x and more).
    public static func valuesSpanDecades(_ series: [LineSeries], factor: Double = 20) -> Bool {
        let values = series.flatMap { $0.points.map(\.y) }.filter { $0.isFinite && $0 > 0 }
        guard let low = values.min(), let high = values.max() else { return false }
        return high >= factor * low
    }

    /// A log10 value axis when the values span more than a factor of 20: equal ratios are
    /// then equal steps, and the small values stay readable next to the large ones.
    public mutating func useLog10WhenValuesSpanDecades() {
        if Self.valuesSpanDecades(series) { yScale = .log10 }
    }

    /// The chart as a complete SVG file.
    public var svg: String { document.text }

    /// The chart as an SVG document, for callers that add to it.
    public var document: SVGDocument {
        let ordered = series.map { LineSeries(name: $0.name, points: Self.sortedFinite($0.points)) }
        let xAxis = PlotAxis(title: xTitle, quantity: xQuantity, values: ordered.flatMap { $0.points.map(\.x) },
                             scale: xScale, includeZero: false)
        let yValues = ordered.flatMap { $0.points.flatMap { [$0.y, $0.lower, $0.upper].compactMap { $0 } } }
            + yAlsoCovers + references.map(\.y)
        let yAxis = PlotAxis(title: yTitle, quantity: yQuantity, values: yValues, scale: yScale,
                             includeZero: yIncludesZero)
        let markers = showsMarkers ?? (ordered.map(\.points.count).max() ?? 0 <= 30)
        var legend = ordered.enumerated().map { index, line in
            LegendEntry(line.name, .line(colour: PlotStyle.colour(index), dash: PlotStyle.dash(index),
                                         marker: markers ? index : nil))
        }
        let banded = ordered.indices.filter { ordered[$0].points.contains { $0.lower != nil && $0.upper != nil } }
        if let bandLabel, !banded.isEmpty {
            legend.append(LegendEntry(bandLabel, .bands(fills: banded.map { PlotStyle.colour($0) })))
        }
        if !references.isEmpty { legend.append(LegendEntry(referenceLabel, .hollowMarker(colour: PlotStyle.ink))) }
        let frame = PlotFrame(width: width, height: height, hasSubtitle: subtitle != nil,
                              yLabels: yAxis.tickLabels, legend: legend)
        var document = SVGDocument(width: width, height: height, title: title)
        document.append(contentsOf: frame.xAxis(xAxis) + frame.yAxis(yAxis))
        let place = { (x: Double, y: Double) in (frame.x(xAxis.fraction(x)), frame.y(yAxis.fraction(y))) }
        for (index, line) in ordered.enumerated() {
            document.append(contentsOf: band(line.points, colour: PlotStyle.colour(index), place: place))
        }
        // Markers of different series at one spot (two models both at 99%) are set side by
        // side, 5 px apart, so none hides another; the lines keep the exact positions.
        var markersAt: [String: Int] = [:]
        for (index, line) in ordered.enumerated() {
            document.append(contentsOf: path(line.points, index: index, place: place))
            if markers {
                document.append(contentsOf: line.points.filter(\.y.isFinite).map { point in
                    let (placedX, y) = place(point.x, point.y)
                    var x = placedX
                    let spot = "\(Int((x / 3).rounded())),\(Int((y / 3).rounded()))"
                    let earlier = markersAt[spot, default: 0]
                    markersAt[spot] = earlier + 1
                    x += Double(earlier) * 5
                    return PlotStyle.marker(index, x: x, y: y, colour: PlotStyle.colour(index))
                        .titled("\(line.name): \(xTitle) \(xQuantity.format(point.x)), "
                            + "\(yTitle) \(yQuantity.format(point.y))")
                })
            }
        }
        var drawn: [(Double, Double)] = []
        for reference in references where reference.x.isFinite && reference.y.isFinite {
            let (placedX, y) = place(reference.x, reference.y)
            var x = placedX
            // Equal published values (two models at 90%) would hide one circle: step aside.
            let twins = drawn.filter { abs($0.0 - x) < 1 && abs($0.1 - y) < 1 }.count
            drawn.append((x, y))
            x -= Double(twins) * 9
            let name = ordered.indices.contains(reference.series) ? ordered[reference.series].name : ""
            document.append(SVGElement("circle", ["cx": SVGElement.number(x), "cy": SVGElement.number(y), "r": "6",
                                                  "fill": "none", "stroke": PlotStyle.colour(reference.series),
                                                  "stroke-width": "2"])
                .titled("\(referenceLabel): \(name), \(xTitle) \(xQuantity.format(reference.x)), "
                    + "\(yTitle) \(yQuantity.format(reference.y))"))
        }
        document.append(contentsOf: frame.axisLines + frame.legend(legend) + frame.heading(title: title, subtitle: subtitle))
        return document
    }

    /// Points with finite x, sorted by x (stable); a non-finite y is kept to break the line.
    static func sortedFinite(_ points: [LinePoint]) -> [LinePoint] {
        points.enumerated().filter { $0.element.x.isFinite }
            .sorted { ($0.element.x, $0.offset) < ($1.element.x, $1.offset) }.map(\.element)
    }

    private func path(_ points: [LinePoint], index: Int, place: (Double, Double) -> (Double, Double))
        -> [SVGElement]
    {
        var data = ""
        var penDown = false
        var previousY = 0.0
        for point in points {
            guard point.y.isFinite else {
                penDown = false
                continue
            }
            let (x, y) = place(point.x, point.y)
            if steps && penDown {
                data += " L" + SVGElement.number(x) + " " + SVGElement.number(previousY)
            }
            data += (data.isEmpty ? "" : " ") + (penDown ? "L" : "M") + SVGElement.number(x) + " " + SVGElement.number(y)
            penDown = true
            previousY = y
        }
        guard !data.isEmpty else { return [] }
        var element = SVGElement(
            "path", ["d": data, "fill": "none", "stroke": PlotStyle.colour(index), "stroke-width": "2",
                     "stroke-linejoin": "round"])
        let dash = PlotStyle.dash(index)
        if !dash.isEmpty { element = element.with("stroke-dasharray", dash) }
        return [element]
    }

    /// The band as one polygon per run of consecutive points that have both bounds.
    private func band(_ points: [LinePoint], colour: String, place: (Double, Double) -> (Double, Double))
        -> [SVGElement]
    {
        var runs: [[LinePoint]] = [[]]
        for point in points {
            if let lower = point.lower, let upper = point.upper, lower.isFinite, upper.isFinite {
                runs[runs.count - 1].append(point)
            } else if !runs[runs.count - 1].isEmpty {
                runs.append([])
            }
        }
        return runs.filter { $0.count >= 2 }.map { run in
            let upper = run.map { place($0.x, $0.upper!) }
            let lower = run.reversed().map { place($0.x, $0.lower!) }
            let points = (upper + lower).map { SVGElement.number($0.0) + "," + SVGElement.number($0.1) }
            return SVGElement("polygon", ["points": points.joined(separator: " "), "fill": colour,
                                          "fill-opacity": "0.18", "stroke": "none"])
        }
    }
}

/// One entry of a chart's legend: a label and the swatch that stands for it.
public struct LegendEntry: Sendable, Equatable {
    public enum Swatch: Sendable, Equatable {
        /// A line sample; `marker` is the series index whose marker shape to show.
        case line(colour: String, dash: String, marker: Int?)
        case box(fill: String)
        /// A translucent box, for confidence bands.
        case band(fill: String)
        /// A hatched box with an outline, for failed or killed attempts.
        case hatched(outline: String, dash: String)
        /// A thin vertical tick, for instants (barrier syncs, faults).
        case tick(colour: String, dash: String)
        /// Translucent strips in the given colours: the bands of several lines, each in
        /// its line's colour, as the chart draws them.
        case bands(fills: [String])
        /// A hollow circle, for reference points (published results).
        case hollowMarker(colour: String)
    }

    public var label: String
    public var swatch: Swatch

    public init(_ label: String, _ swatch: Swatch) {
        self.label = label
        self.swatch = swatch
    }
}

/// The layout every chart shares: title on top, y axis on the left, x axis below, a
/// legend column on the right, and the plot area in between.
///
/// Why computed from the labels: margins sized for the widest tick label and legend
/// entry keep long scenario names from running into the plot, at any canvas size.
struct PlotFrame {
    let width: Double
    let height: Double
    let left: Double
    let top: Double
    let right: Double
    let bottom: Double
    let legendWidth: Double

    static let legendRowHeight = 18.0
    static let maximumLegendWidth = 190.0

    init(width: Double, height: Double, hasSubtitle: Bool, yLabels: [String], legend: [LegendEntry]) {
        self.width = width
        self.height = height
        let widestTick = yLabels.map { PlotStyle.textWidth($0, size: PlotStyle.tickSize) }.max() ?? 0
        left = 12 + 18 + min(widestTick, 160) + 8
        top = 34 + (hasSubtitle ? 18 : 0) + 8
        bottom = height - 52
        let widestEntry = legend.map { PlotStyle.textWidth($0.label, size: PlotStyle.tickSize) }.max()
        legendWidth = widestEntry.map { min($0 + 30, Self.maximumLegendWidth) } ?? 0
        right = width - 20 - (legend.isEmpty ? 0 : legendWidth + 10)
    }

    var plotWidth: Double { right - left }
    var plotHeight: Double { bottom - top }

    /// The x coordinate of a fraction of the plot's width.
    func x(_ fraction: Double) -> Double { left + fraction * plotWidth }

    /// The y coordinate of a fraction of the plot's height, measured upwards.
    func y(_ fraction: Double) -> Double { bottom - fraction * plotHeight }

    /// Title and subtitle, left-aligned with the plot area.
    func heading(title: String, subtitle: String?) -> [SVGElement] {
        let room = width - left - 20
        var elements = [
            PlotStyle.text(PlotStyle.truncated(title, toWidth: room, size: PlotStyle.titleSize), x: left, y: 26,
                           size: PlotStyle.titleSize, weight: "bold"),
        ]
        if let subtitle {
            elements.append(PlotStyle.text(PlotStyle.truncated(subtitle, toWidth: room, size: PlotStyle.labelSize),
                                           x: left, y: 44, size: PlotStyle.labelSize, colour: PlotStyle.mutedInk))
        }
        return elements
    }

    /// Grid lines, ticks, labels and title of a numeric x axis.
    func xAxis(_ axis: PlotAxis) -> [SVGElement] {
        var elements: [SVGElement] = []
        for (index, label) in axis.tickLabels.enumerated() {
            let x = x(axis.tickFraction(index))
            elements.append(PlotStyle.line(x1: x, y1: top, x2: x, y2: bottom, colour: PlotStyle.gridColour))
            elements.append(PlotStyle.line(x1: x, y1: bottom, x2: x, y2: bottom + 5, colour: PlotStyle.axisColour))
            elements.append(PlotStyle.text(label, x: x, y: bottom + 18, anchor: "middle"))
        }
        elements.append(xTitle(axis.fullTitle))
        return elements
    }

    /// Grid lines, ticks, labels and title of a numeric y axis.
    func yAxis(_ axis: PlotAxis) -> [SVGElement] {
        var elements: [SVGElement] = []
        for (index, label) in axis.tickLabels.enumerated() {
            let y = y(axis.tickFraction(index))
            elements.append(PlotStyle.line(x1: left, y1: y, x2: right, y2: y, colour: PlotStyle.gridColour))
            elements.append(PlotStyle.line(x1: left - 5, y1: y, x2: left, y2: y, colour: PlotStyle.axisColour))
            elements.append(PlotStyle.text(label, x: left - 8, y: y + 4, anchor: "end"))
        }
        elements.append(yTitle(axis.fullTitle))
        return elements
    }

    func xTitle(_ title: String) -> SVGElement {
        PlotStyle.text(PlotStyle.truncated(title, toWidth: plotWidth, size: PlotStyle.labelSize),
                       x: left + plotWidth / 2, y: height - 14, size: PlotStyle.labelSize, anchor: "middle")
    }

    func yTitle(_ title: String) -> SVGElement {
        let x = 20.0
        let y = top + plotHeight / 2
        return PlotStyle.text(PlotStyle.truncated(title, toWidth: plotHeight, size: PlotStyle.labelSize),
                              x: x, y: y, size: PlotStyle.labelSize, anchor: "middle")
            .with("transform", "rotate(-90 \(SVGElement.number(x)) \(SVGElement.number(y)))")
    }

    /// The axis lines along the left and bottom of the plot area, drawn last so the
    /// data never covers them.
    var axisLines: [SVGElement] {
        [PlotStyle.line(x1: left, y1: top, x2: left, y2: bottom, colour: PlotStyle.axisColour),
         PlotStyle.line(x1: left, y1: bottom, x2: right, y2: bottom, colour: PlotStyle.axisColour)]
    }

    /// The legend column; entries that do not fit the plot's height are summarised
    /// as `+N more`, and long labels are cut with the full text as a tooltip.
    ///
    /// The last `keepingLast` entries (the meaning of markers and hatches) are always
    /// shown; entries before them are dropped first when space runs out.
    func legend(_ entries: [LegendEntry], keepingLast: Int = 0) -> [SVGElement] {
        guard !entries.isEmpty else { return [] }
        let x = right + 14
        let capacity = max(keepingLast + 2, Int(plotHeight / Self.legendRowHeight))
        var shown = entries
        var hidden = 0
        if entries.count > capacity {
            let head = capacity - 1 - keepingLast
            hidden = entries.count - keepingLast - head
            shown = Array(entries.prefix(head))
            shown.append(LegendEntry("+\(hidden) more", .box(fill: "none")))
            shown += entries.suffix(keepingLast)
        }
        var elements: [SVGElement] = []
        for (index, entry) in shown.enumerated() {
            let y = top + 6 + Double(index) * Self.legendRowHeight
            elements += swatch(entry.swatch, x: x, y: y)
            let label = PlotStyle.truncated(entry.label, toWidth: legendWidth - 30, size: PlotStyle.tickSize)
            var text = PlotStyle.text(label, x: x + 26, y: y + 4)
            if label != entry.label { text = SVGElement("g", children: [text]).titled(entry.label) }
            elements.append(text)
        }
        return elements
    }

    private func swatch(_ swatch: LegendEntry.Swatch, x: Double, y: Double) -> [SVGElement] {
        switch swatch {
        case .line(let colour, let dash, let marker):
            var line = PlotStyle.line(x1: x, y1: y, x2: x + 20, y2: y, colour: colour, width: 2)
            if !dash.isEmpty { line = line.with("stroke-dasharray", dash) }
            return [line] + (marker.map { [PlotStyle.marker($0, x: x + 10, y: y, colour: colour)] } ?? [])
        case .box(let fill):
            return [PlotStyle.rect(x: x + 2, y: y - 6, width: 16, height: 12, fill: fill)]
        case .band(let fill):
            return [PlotStyle.rect(x: x + 2, y: y - 6, width: 16, height: 12, fill: fill).with("fill-opacity", "0.2")]
        case .hatched(let outline, let dash):
            var box = PlotStyle.rect(x: x + 2, y: y - 6, width: 16, height: 12, fill: "url(#\(PlotStyle.hatchIdentifier))")
                .with("stroke", outline).with("stroke-width", "1.5")
            if !dash.isEmpty { box = box.with("stroke-dasharray", dash) }
            return [PlotStyle.rect(x: x + 2, y: y - 6, width: 16, height: 12, fill: "#DDDDDD"), box]
        case .tick(let colour, let dash):
            var line = PlotStyle.line(x1: x + 10, y1: y - 8, x2: x + 10, y2: y + 8, colour: colour, width: 1.5)
            if !dash.isEmpty { line = line.with("stroke-dasharray", dash) }
            return [line]
        case .bands(let fills):
            let shown = Array(fills.prefix(4))
            let width = 16.0 / Double(max(1, shown.count))
            return shown.enumerated().map { index, fill in
                PlotStyle.rect(x: x + 2 + Double(index) * width, y: y - 6, width: width, height: 12, fill: fill)
                    .with("fill-opacity", "0.2")
            }
        case .hollowMarker(let colour):
            return [SVGElement("circle", ["cx": SVGElement.number(x + 10), "cy": SVGElement.number(y), "r": "5",
                                          "fill": "#FFFFFF", "stroke": colour, "stroke-width": "2"])]
        }
    }
}

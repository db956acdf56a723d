/// How busy one network link was during one interval of simulated time.
///
/// Lab builds these from the simulator's per-link accounting; Report needs only the
/// link's name, the interval and the fraction of the link's capacity in use.
public struct LinkUtilisationSample: Sendable, Equatable {
    public var link: String
    public var startNanoseconds: Int64
    public var endNanoseconds: Int64
    /// Fraction of capacity in use, 0 to 1 (values outside are clamped when drawn).
    public var utilisation: Double

    public init(link: String, startNanoseconds: Int64, endNanoseconds: Int64, utilisation: Double) {
        self.link = link
        self.startNanoseconds = startNanoseconds
        self.endNanoseconds = endNanoseconds
        self.utilisation = utilisation
    }
}

/// Link utilisation over time: a step line per link, 0-100%.
///
/// Why step lines: utilisation is constant between flow changes, and a sloped line
/// between samples would invent ramps that never happened. Links keep the order of
/// their first sample; a link's samples are drawn by start time, and a gap between
/// two samples is drawn at 0% (no record means no traffic was accounted).
public struct LinkUtilisationChart: Sendable, Equatable {
    public var title: String
    public var subtitle: String?
    public var samples: [LinkUtilisationSample]
    public var width = PlotStyle.width
    public var height = PlotStyle.height

    /// `LinkUtilisationChart(title: "Link utilisation", samples: samples).svg`
    public init(title: String, subtitle: String? = nil, samples: [LinkUtilisationSample]) {
        self.title = title
        self.subtitle = subtitle
        self.samples = samples
    }

    /// Link names in order of first appearance.
    public var links: [String] {
        var names: [String] = []
        for sample in samples where !names.contains(sample.link) { names.append(sample.link) }
        return names
    }

    /// Links whose curves are identical (a rack's uplink and the other rack's downlink
    /// carry the same flows) drawn once: each group's names, in order of first appearance.
    public var curveGroups: [[String]] {
        var groups: [(curve: [String], names: [String])] = []
        for name in links {
            let curve = Self.steps(samples.filter { $0.link == name })
                .map { "\($0.time):\($0.utilisation)" }
            if let index = groups.firstIndex(where: { $0.curve == curve }) {
                groups[index].names.append(name)
            } else {
                groups.append((curve, [name]))
            }
        }
        return groups.map(\.names)
    }

    /// The chart as a complete SVG file.
    public var svg: String { document.text }

    public var document: SVGDocument {
        let groups = curveGroups
        let names = groups.map { $0[0] }
        let labels = groups.map { $0.count == 1 ? $0[0] : $0.joined(separator: " = ") }
        let times = samples.flatMap { [Double($0.startNanoseconds), Double($0.endNanoseconds)] }
        let xAxis = PlotAxis(title: "simulated time", quantity: .durationNanoseconds, values: times)
        let yAxis = PlotAxis(title: "utilisation", quantity: .fraction, values: [0, 1])
        let legend = labels.enumerated().map { index, label in
            LegendEntry(label, .line(colour: PlotStyle.colour(index), dash: PlotStyle.dash(index), marker: nil))
        }
        let frame = PlotFrame(width: width, height: height, hasSubtitle: subtitle != nil,
                              yLabels: yAxis.tickLabels, legend: legend)
        var document = SVGDocument(width: width, height: height, title: title)
        document.append(contentsOf: frame.xAxis(xAxis) + frame.yAxis(yAxis))
        for (index, name) in names.enumerated() {
            let steps = Self.steps(samples.filter { $0.link == name })
            guard !steps.isEmpty else { continue }
            let data = steps.enumerated().map { offset, point in
                (offset == 0 ? "M" : "L") + SVGElement.number(frame.x(xAxis.fraction(Double(point.time)))) + " "
                    + SVGElement.number(frame.y(yAxis.fraction(point.utilisation)))
            }
            var path = SVGElement("path", ["d": data.joined(separator: " "), "fill": "none",
                                           "stroke": PlotStyle.colour(index), "stroke-width": "1.8",
                                           "stroke-linejoin": "miter"])
            let dash = PlotStyle.dash(index)
            if !dash.isEmpty { path = path.with("stroke-dasharray", dash) }
            let busy = samples.filter { $0.link == name }
            document.append(path.titled(labels[index] + ": peak " + PlotQuantity.fraction.format(
                busy.map { Self.clamped($0.utilisation) }.max() ?? 0)))
        }
        document.append(contentsOf: frame.axisLines + frame.legend(legend) + frame.heading(title: title, subtitle: subtitle))
        return document
    }

    /// The corners of one link's step line: each sample a flat segment at its level,
    /// joined by vertical edges; gaps drop to zero.
    static func steps(_ samples: [LinkUtilisationSample]) -> [(time: Int64, utilisation: Double)] {
        let ordered = samples.enumerated()
            .sorted { ($0.element.startNanoseconds, $0.offset) < ($1.element.startNanoseconds, $1.offset) }
            .map(\.element)
        var corners: [(time: Int64, utilisation: Double)] = []
        for sample in ordered {
            let level = clamped(sample.utilisation)
            if let last = corners.last, last.time < sample.startNanoseconds {
                corners.append((last.time, 0))
                corners.append((sample.startNanoseconds, 0))
            }
            corners.append((sample.startNanoseconds, level))
            corners.append((max(sample.startNanoseconds, sample.endNanoseconds), level))
        }
        return corners
    }

    static func clamped(_ value: Double) -> Double { value.isFinite ? min(1, max(0, value)) : 0 }
}

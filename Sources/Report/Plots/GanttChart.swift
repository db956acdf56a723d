/// Task attempts per executor over time, from `trace.csv` rows.
///
/// Why: the first question about a scheduling run is "who was busy when": a row per
/// executor (sub-rows for concurrent attempts, one per lane) shows idle gaps, stragglers,
/// a barrier stage waiting for its last slot, and what a fault cost. Bars are coloured by
/// stage; failed attempts carry a hatch, a red outline and a cross at their end, killed
/// ones a hatch, a dashed outline and a ring, so the marking survives greyscale.
/// Barrier syncs are thin dashed ticks across all rows, faults red ticks with a
/// triangle on top, lost executors a dashed black tick in their own row. Past
/// `maximumExecutorRows` executors, runs of consecutive executors share a row.
public struct GanttChart: Sendable, Equatable {
    public var title: String
    public var subtitle: String?
    public var timeline: TraceTimeline
    public var width = PlotStyle.width
    /// The height for a typical cluster; more executors make the chart taller, so each
    /// row keeps at least ``minimumRowHeight`` pixels, and fewer make it shorter.
    public var height = PlotStyle.height
    public var minimumRowHeight = 14.0
    /// Rows never get taller than this; with few executors the chart gets shorter.
    public var maximumRowHeight = 56.0
    /// Past this many executors, consecutive executors share a row (at most
    /// `aggregatedRows` rows), so 512 identical GPU workers are not drawn 7,000 px tall.
    public var maximumExecutorRows = 100
    public var aggregatedRows = 32
    /// A training run's critical path, drawn as a first row of slices coloured by part
    /// (the colours of the time breakdown), so a barrier run's start-up, exchange and
    /// per-iteration compute, allreduce and update read off the chart.
    public var criticalPath: [CriticalPathSpan] = []
    static let criticalPathLabel = "training (critical path)"

    /// The critical path's parts in Paul Tol's muted palette, apart from the stages'
    /// Okabe-Ito colours, so a path slice is never read as a stage.
    static func pathColour(_ part: String) -> String {
        let colours = ["compute": "#332288", "allreduce": "#88CCEE", "communication": "#88CCEE",
                       "update": "#AA4499", "driver": "#AA4499", "scheduling": "#DDCC77",
                       "Python start-up": "#CC6677", "exchange": "#117733"]
        return colours[part] ?? PlotStyle.mutedInk
    }

    /// One row of the chart: one executor, or a run of consecutive executors.
    struct Row {
        var label: String
        var lanes: Int
    }

    /// The rows, and for each executor its row and the lane its lane 0 maps to.
    func rows() -> (rows: [Row], place: [String: (row: Int, laneOffset: Int)]) {
        let executors = timeline.executors
        let perRow = executors.count > maximumExecutorRows
            ? (executors.count + aggregatedRows - 1) / aggregatedRows : 1
        var rows: [Row] = []
        var place: [String: (row: Int, laneOffset: Int)] = [:]
        for start in stride(from: 0, to: executors.count, by: perRow) {
            let group = executors[start..<min(start + perRow, executors.count)]
            var lanes = 0
            for track in group {
                place[track.executor] = (rows.count, lanes)
                lanes += max(1, track.laneCount)
            }
            let first = group.first!
            let label = group.count == 1
                ? first.executor + (first.host.map { " (\($0))" } ?? "")
                : "\(first.executor) +\(group.count - 1)"
            rows.append(Row(label: label, lanes: lanes))
        }
        return (rows, place)
    }

    /// `GanttChart(title: "demo: tasks per executor", rows: traceRows).svg`
    public init(title: String, subtitle: String? = nil, rows: [TraceRow]) {
        self.init(title: title, subtitle: subtitle, timeline: TraceTimeline(rows: rows))
    }

    public init(title: String, subtitle: String? = nil, timeline: TraceTimeline) {
        self.title = title
        self.subtitle = subtitle
        self.timeline = timeline
    }

    /// The chart as a complete SVG file.
    public var svg: String { document.text }

    /// Stage names in order of their first task, which fixes each stage's colour.
    public var stageOrder: [String] {
        var order: [String] = []
        for task in timeline.tasks where !order.contains(task.stage ?? "") { order.append(task.stage ?? "") }
        return order
    }

    public var document: SVGDocument {
        let stages = stageOrder
        let colourOf = { (stage: String?) in PlotStyle.colour(stages.firstIndex(of: stage ?? "") ?? 0) }
        let axis = PlotAxis(title: "time", quantity: .durationNanoseconds, values: [0, Double(timeline.endNanoseconds)])
        let (executorRows, executorPlace) = rows()
        let pathRow = criticalPath.isEmpty ? 0 : 1
        let rows = (pathRow == 1 ? [Row(label: Self.criticalPathLabel, lanes: 1)] : []) + executorRows
        let place = executorPlace.mapValues { (row: $0.row + pathRow, laneOffset: $0.laneOffset) }
        let labels = rows.map(\.label)
        let legend = legendEntries(stages)
        var frame = PlotFrame(width: width, height: height, hasSubtitle: subtitle != nil, yLabels: labels, legend: legend)
        // Many executors: grow so rows stay readable. Few: shrink, so one executor is a
        // band, not a wall; the legend still needs its rows.
        let rowCount = Double(max(1, labels.count))
        let legendHeight = Double(legend.count) * PlotFrame.legendRowHeight + 12
        let wanted = min(max(frame.plotHeight, rowCount * minimumRowHeight),
                         max(rowCount * maximumRowHeight, legendHeight))
        if wanted != frame.plotHeight {
            frame = PlotFrame(width: width, height: height + wanted - frame.plotHeight, hasSubtitle: subtitle != nil,
                              yLabels: labels, legend: legend)
        }
        var document = SVGDocument(width: width, height: frame.height, title: title)
        document.definitions.append(PlotStyle.hatchPattern)
        let rowHeight = frame.plotHeight / Double(max(1, labels.count))
        document.append(contentsOf: rowBackgrounds(labels, frame: frame, rowHeight: rowHeight))
        document.append(contentsOf: frame.xAxis(axis))
        let x = { (time: Int64) in frame.x(axis.fraction(Double(time))) }
        for task in timeline.tasks {
            guard let (row, laneOffset) = place[task.executor] else { continue }
            let lanes = Double(max(1, rows[row].lanes))
            let laneHeight = (rowHeight - 4) / lanes
            let y = frame.top + Double(row) * rowHeight + 2 + Double(laneOffset + task.lane) * laneHeight
            document.append(contentsOf: bar(task, x0: x(task.startNanoseconds), x1: x(task.endNanoseconds), y: y,
                                            height: max(1, laneHeight - 1), fill: colourOf(task.stage)))
        }
        if pathRow == 1 {
            for span in criticalPath where span.endNanoseconds > span.startNanoseconds {
                let x0 = x(span.startNanoseconds)
                let colour = Self.pathColour(span.part)
                document.append(PlotStyle.rect(x: x0, y: frame.top + 3, width: max(1, x(span.endNanoseconds) - x0),
                                               height: rowHeight - 6, fill: colour)
                    .titled("\(span.part): " + HumanUnits.duration(nanoseconds: span.endNanoseconds - span.startNanoseconds)))
            }
        }
        for instant in timeline.instants {
            document.append(contentsOf: tick(instant, x: x(instant.timeNanoseconds), frame: frame, rowHeight: rowHeight,
                                             row: instant.executor.flatMap { place[$0]?.row }))
        }
        let grouped = rows.count < timeline.executors.count
        document.append(frame.yTitle(grouped ? "executors (a row: the first and how many follow)" : "executor (host)"))
        document.append(contentsOf: frame.axisLines + frame.legend(legend, keepingLast: legend.count - stages.count) + frame.heading(title: title, subtitle: subtitle))
        return document
    }

    private func rowBackgrounds(_ labels: [String], frame: PlotFrame, rowHeight: Double) -> [SVGElement] {
        var elements: [SVGElement] = []
        let every = max(1, Int((PlotStyle.tickSize + 2) / rowHeight.rounded(.up)) + 1)
        for (row, label) in labels.enumerated() {
            let y = frame.top + Double(row) * rowHeight
            if row % 2 == 1 {
                elements.append(PlotStyle.rect(x: frame.left, y: y, width: frame.plotWidth, height: rowHeight,
                                               fill: "#F4F4F4"))
            }
            if row % every == 0 || rowHeight >= PlotStyle.tickSize + 2 {
                let shown = PlotStyle.truncated(label, toWidth: 160, size: PlotStyle.tickSize)
                var text = PlotStyle.text(shown, x: frame.left - 8, y: y + rowHeight / 2 + 4, anchor: "end")
                if shown != label { text = SVGElement("g", children: [text]).titled(label) }
                elements.append(text)
            }
        }
        return elements
    }

    private func bar(_ task: TaskAttemptSpan, x0: Double, x1: Double, y: Double, height: Double, fill: String)
        -> [SVGElement]
    {
        let width = max(1, x1 - x0)
        let duration = HumanUnits.duration(nanoseconds: task.endNanoseconds - task.startNanoseconds)
        var tooltip = (task.stage ?? "task") + (task.partition.map { " p\($0)" } ?? "")
            + (task.taskAttempt.map { " attempt \($0)" } ?? "") + " on " + task.executor + ": " + duration
            + ", " + task.outcome.rawValue
        for extra in [task.locality, task.launchDetail, task.endDetail].compactMap({ $0 }) { tooltip += ", " + extra }
        var elements = [PlotStyle.rect(x: x0, y: y, width: width, height: height, fill: fill).titled(tooltip)]
        if task.outcome == .unfinished { elements[0] = elements[0].with("fill-opacity", "0.45") }
        let hatch = "url(#\(PlotStyle.hatchIdentifier))"
        let midY = y + height / 2
        let size = min(4, max(2, height / 2))
        switch task.outcome {
        case .failed:
            elements.append(PlotStyle.rect(x: x0, y: y, width: width, height: height, fill: hatch)
                .with("stroke", PlotStyle.failureColour).with("stroke-width", "1.5"))
            elements.append(cross(x: x0 + width, y: midY, size: size))
        case .killed:
            elements.append(PlotStyle.rect(x: x0, y: y, width: width, height: height, fill: hatch)
                .with("stroke", PlotStyle.ink).with("stroke-width", "1").with("stroke-dasharray", "3 2"))
            elements.append(SVGElement("circle", ["cx": SVGElement.number(x0 + width), "cy": SVGElement.number(midY),
                                                  "r": SVGElement.number(size * 0.8), "fill": "#FFFFFF",
                                                  "stroke": PlotStyle.ink, "stroke-width": "1.2"]))
        case .finished, .unfinished: break
        }
        return elements
    }

    private func cross(x: Double, y: Double, size: Double) -> SVGElement {
        let n = SVGElement.number
        let data = "M\(n(x - size)) \(n(y - size)) L\(n(x + size)) \(n(y + size)) "
            + "M\(n(x - size)) \(n(y + size)) L\(n(x + size)) \(n(y - size))"
        return SVGElement("path", ["d": data, "stroke": PlotStyle.failureColour, "stroke-width": "2",
                                   "stroke-linecap": "round", "fill": "none"])
    }

    private func tick(_ instant: TraceInstant, x: Double, frame: PlotFrame, rowHeight: Double, row: Int?)
        -> [SVGElement]
    {
        let tooltip = instant.kind.rawValue + " at " + HumanUnits.duration(nanoseconds: instant.timeNanoseconds)
            + (instant.detail.map { ": " + $0 } ?? "")
        switch instant.kind {
        case .barrierSync:
            return [PlotStyle.line(x1: x, y1: frame.top, x2: x, y2: frame.bottom, colour: PlotStyle.mutedInk)
                .with("stroke-dasharray", "2 3").titled(tooltip)]
        case .fault:
            let n = SVGElement.number
            let top = frame.top
            let triangle = "\(n(x - 5)),\(n(top - 8)) \(n(x + 5)),\(n(top - 8)) \(n(x)),\(n(top - 1))"
            return [PlotStyle.line(x1: x, y1: top, x2: x, y2: frame.bottom, colour: PlotStyle.failureColour,
                                   width: 1.5).titled(tooltip),
                    SVGElement("polygon", ["points": triangle, "fill": PlotStyle.failureColour]).titled(tooltip)]
        case .executorLost:
            guard let row else { return [] }
            let y = frame.top + Double(row) * rowHeight
            // Ink, not red, and only in its own row: a fault is red across the chart.
            return [PlotStyle.line(x1: x, y1: y, x2: x, y2: y + rowHeight, colour: PlotStyle.ink, width: 4)
                .with("stroke-dasharray", "3 2").titled(tooltip)]
        }
    }

    private func legendEntries(_ stages: [String]) -> [LegendEntry] {
        var entries = stages.enumerated().map { LegendEntry($0.element, .box(fill: PlotStyle.colour($0.offset))) }
        var parts: [String] = []
        for span in criticalPath where !parts.contains(span.part) { parts.append(span.part) }
        entries += parts.map { LegendEntry("path: " + $0, .box(fill: Self.pathColour($0))) }
        if timeline.tasks.contains(where: { $0.outcome == .failed }) {
            entries.append(LegendEntry("failed attempt", .hatched(outline: PlotStyle.failureColour, dash: "")))
        }
        if timeline.tasks.contains(where: { $0.outcome == .killed }) {
            entries.append(LegendEntry("killed attempt", .hatched(outline: PlotStyle.ink, dash: "3 2")))
        }
        let kinds = timeline.instants.map(\.kind)
        if kinds.contains(.barrierSync) { entries.append(LegendEntry("barrier sync", .tick(colour: PlotStyle.mutedInk, dash: "2 3"))) }
        if kinds.contains(.fault) { entries.append(LegendEntry("fault", .tick(colour: PlotStyle.failureColour, dash: ""))) }
        if kinds.contains(.executorLost) {
            entries.append(LegendEntry("executor lost", .tick(colour: PlotStyle.ink, dash: "3 2")))
        }
        return entries
    }
}

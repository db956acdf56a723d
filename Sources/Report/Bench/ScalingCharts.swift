/// The scaling suite's figures: per case, wall time and time per unit of work against
/// size; over all cases, how each series' cost per unit grows with its size.
///
/// Why two panels in one file per case: the wall time shows the whole cost (log-log, so a
/// straight line of slope 1 is linear scaling), the time per unit shows what "linear"
/// hides (15 µs against 20 µs a task is a flat line on the first and a 33% step on the
/// second). Both come from the same points, drawn by the shared `LineChart`.
public enum ScalingCharts {
    /// `<case>.svg`: wall time (log-log) above time per unit (log x; linear y from zero
    /// unless the values span more than a factor of 20), one series per curve of the case.
    public static func caseSVG(_ points: [ScalingPoint], caseName: String) -> String {
        let mine = points.filter { $0.caseName == caseName }
        let names = seriesNames(mine)
        let sizeTitle = orderedUnique(mine.map(\.sizeName)).joined(separator: " / ")
        let unit = orderedUnique(mine.map(\.unitName)).joined(separator: " / ")
        func series(_ value: (ScalingPoint) -> Double) -> [LineSeries] {
            names.map { name in
                LineSeries(name: name, points: mine.filter { $0.series == name }.map {
                    LinePoint(x: Double($0.size), y: value($0))
                })
            }
        }
        var wall = LineChart(
            title: "\(caseName): wall time", subtitle: "one child process per point; log-log", xTitle: sizeTitle,
            xQuantity: .plain(unit: nil), xScale: .log10, yTitle: "wall time", yQuantity: .durationNanoseconds,
            yIncludesZero: false, series: series { $0.wallSeconds * 1e9 })
        wall.yScale = .log10
        var perUnit = LineChart(
            title: "\(caseName): wall time per \(unit)", subtitle: "flat: a unit of work costs the same at every size",
            xTitle: sizeTitle, xQuantity: .plain(unit: nil), xScale: .log10, yTitle: "time per \(unit)",
            yQuantity: .durationNanoseconds, series: series(\.nanosecondsPerUnit))
        perUnit.useLog10WhenValuesSpanDecades()
        return stacked([wall, perUnit], title: "\(caseName): scaling")
    }

    /// `scaling.svg`: every series' wall time per unit divided by that of its smallest point,
    /// against its size divided by its smallest size; 1 everywhere is perfect linear scaling.
    public static func overviewSVG(_ points: [ScalingPoint]) -> String {
        var lines: [LineSeries] = []
        for caseName in orderedUnique(points.map(\.caseName)) {
            let mine = points.filter { $0.caseName == caseName }
            for name in seriesNames(mine) {
                let curve = mine.filter { $0.series == name }.sorted { $0.size < $1.size }
                guard let first = curve.first, first.size > 0, first.nanosecondsPerUnit > 0 else { continue }
                lines.append(LineSeries(name: "\(caseName): \(name)", points: curve.map {
                    LinePoint(x: Double($0.size) / Double(first.size), y: $0.nanosecondsPerUnit / first.nanosecondsPerUnit)
                }))
            }
        }
        var chart = LineChart(
            title: "Cost per unit of work as the work grows", subtitle: "each series against its smallest point",
            xTitle: "size / smallest size", xQuantity: .plain(unit: nil), xScale: .log10,
            yTitle: "time per unit / at smallest size", yQuantity: .plain(unit: "x"), series: lines)
        chart.yAlsoCovers = [1]
        chart.useLog10WhenValuesSpanDecades()
        return chart.svg
    }

    /// Series names in first-seen order.
    static func seriesNames(_ points: [ScalingPoint]) -> [String] { orderedUnique(points.map(\.series)) }

    static func orderedUnique(_ values: [String]) -> [String] {
        var seen: Set<String> = []
        return values.filter { seen.insert($0).inserted }
    }

    /// Charts one above the other in one SVG file, each in its own group.
    static func stacked(_ charts: [LineChart], title: String) -> String {
        let width = charts.map(\.width).max() ?? PlotStyle.width
        var document = SVGDocument(width: width, height: charts.reduce(0) { $0 + $1.height }, title: title)
        var top = 0.0
        for chart in charts {
            let part = chart.document
            document.definitions += part.definitions
            document.append(SVGElement("g", ["transform": "translate(0 \(SVGElement.number(top)))"],
                                       children: part.elements))
            top += chart.height
        }
        return document.text
    }
}

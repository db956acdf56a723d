/// The plots of a sweep, written next to `sweep.csv` and embedded in `sweep.md`: the
/// makespan against the sweep's axis and, for training, the time per steady iteration,
/// the time to the target objective, the throughput in iterations per second and the
/// scaling efficiency, each as mean over seeds with a 95% band.
public struct SweepFigures {
    /// One SVG file and the sentence that introduces it.
    public struct Figure: Equatable, Sendable {
        public var fileName: String
        public var title: String
        public var caption: String
        public var svg: String
    }

    public let figures: [Figure]

    /// Every file a sweep may write here; one not written this time is removed, so the
    /// folder never shows a figure of an earlier sweep.
    public static let fileNames = ["makespan.svg", "iteration.svg", "throughput.svg", "efficiency.svg",
                            "time-to-target.svg"]

    public init(sweep: SweepRecord, table: SweepTable) {
        guard let axis = sweep.axis else {
            figures = []
            return
        }
        let curves = SweepCurves(axis: axis, table: table)
        let seeds = sweep.scenario.seeds.count
        let band = seeds >= 2 ? "95% CI, \(seeds) seeds" : nil
        let subtitle = sweep.scenario.name + (seeds >= 2 ? ": mean of \(seeds) seeds" : "")
        let xTitle = axis.title
        var figures: [Figure] = []
        func add(_ fileName: String, _ title: String, _ yTitle: String, _ quantity: PlotQuantity,
                 _ series: [LineSeries], _ caption: String, logarithmic: Bool = true)
        {
            guard !series.isEmpty else { return }
            var chart = LineChart(title: title, subtitle: subtitle, xTitle: xTitle, xQuantity: axis.quantity,
                                  xScale: axis.scale, yTitle: yTitle, yQuantity: quantity, series: series,
                                  bandLabel: band)
            if logarithmic { chart.useLog10WhenValuesSpanDecades() }
            figures.append(Figure(fileName: fileName, title: title, caption: caption, svg: chart.svg))
        }
        let numeric = table.numericColumns
        if numeric.contains("makespan_ns") {
            add("makespan.svg", "Makespan", "makespan", .durationNanoseconds,
                curves.series(SweepCurves.column("makespan_ns")), "Simulated makespan of each run")
        }
        if numeric.contains("steady_iteration_ns") {
            add("iteration.svg", "Time per steady iteration", "time per iteration", .durationNanoseconds,
                curves.series(SweepCurves.column("steady_iteration_ns")),
                "Median time of iterations 2 and later (iteration 1 carries the start-up)")
            add("throughput.svg", "Training throughput", "throughput", .count(unit: "iterations/s"),
                curves.series(SweepCurves.iterationsPerSecond),
                "Steady iterations per second (each a full pass over the data)")
            add("efficiency.svg", "Scaling efficiency", "efficiency", .fraction, curves.efficiency(),
                "Scaling efficiency (t₀ · w₀) / (t · w) on steady iteration time, against the same seed's run "
                    + "at the fewest workers", logarithmic: false)
        }
        if numeric.contains("time_to_target_ns") {
            add("time-to-target.svg", "Time to the target objective", "time to target", .durationNanoseconds,
                curves.series(SweepCurves.column("time_to_target_ns")),
                "Simulated time until the objective is within 1% of the run's best final objective")
        }
        self.figures = figures
    }

    /// The report's section (empty without figures).
    var markdown: [String] {
        guard !figures.isEmpty else { return [] }
        var lines = ["## Figures", ""]
        for figure in figures {
            lines += ["![\(figure.title)](\(figure.fileName))", "", figure.caption + ".", ""]
        }
        return lines
    }
}

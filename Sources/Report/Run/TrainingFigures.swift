/// The training figures of a run folder: where a steady iteration's time goes
/// (`breakdown.svg` and a table), and for comparisons across worker counts the scaling
/// curves (`scaling.svg`: time per steady iteration; `efficiency.svg`), or for
/// deep-learning runs throughput and efficiency against GPUs from `scaling.csv`.
/// Each figure comes with a one-line caption saying what was averaged or measured against.
enum TrainingFigures {
    /// The efficiency axis covers 110%, so lines at 100% stay clear of the frame's top.
    static let efficiencyAxisCovers = [1.1]

    /// One variant's steady iteration (`SteadyIteration`) by cost part (nil without one).
    static func breakdown(variant: String, iterations: [IterationRecord]) -> IterationTimeBreakdown? {
        guard let steady = SteadyIteration.of(iterations)?.record else { return nil }
        return IterationTimeBreakdown(label: variant, computeNanoseconds: steady.computeNanoseconds,
                                      communicationNanoseconds: steady.communicationNanoseconds,
                                      schedulingNanoseconds: steady.schedulingNanoseconds,
                                      driverNanoseconds: steady.driverNanoseconds,
                                      idleNanoseconds: steady.idleNanoseconds,
                                      pythonStartupNanoseconds: steady.pythonStartupNanoseconds,
                                      exchangeNanoseconds: steady.exchangeNanoseconds)
    }

    /// The figures' files and the report lines that embed them.
    static func build(scenario: ScenarioDescription, runs: [RunRecord]) -> (files: [ReportFile], lines: [String]) {
        var files: [ReportFile] = []
        var lines: [String] = []
        let bars = runs.flatMap(\.trainingViews).compactMap { run in
            breakdown(variant: run.legendName(scenario), iterations: run.iterations)
        }
        if !bars.isEmpty {
            let chart = StackedBarChart.timeBreakdown(
                title: "Where a steady iteration's time goes", subtitle: "\(scenario.name): median of iterations 2 and later",
                category: scenario.variants.count > 1 ? "variant" : "run", bars: bars)
            files.append(ReportFile("breakdown.svg", chart.svg))
            lines += ["![Where a steady iteration's time goes](breakdown.svg)", "",
                      "The steady iteration (\(SteadyIteration.definition)) split along the critical path "
                          + "as in `iteration_costs.csv`; in milliseconds and share of the iteration:", ""]
                + breakdownTable(bars) + [""]
        }
        lines += startupFigure(scenario: scenario, runs: runs, files: &files)
        if let comparison = TrainingComparison(scenario: scenario, runs: runs) {
            lines += scalingFigures(comparison, name: scenario.name, files: &files)
        }
        if let deepLearning = runs.lazy.compactMap(\.deepLearning).first {
            lines += deepLearningFigures(deepLearning.points, published: deepLearning.published, name: scenario.name,
                                         files: &files)
            lines += progressFigure(deepLearning.progress, name: scenario.name, files: &files)
        }
        return (files, lines)
    }

    /// `startup.svg`: the first iteration's parts per variant, when some variant started
    /// Python workers or moved rows to Python. Why: that one-off cost (what Arrow saves
    /// over pickle) never shows in a steady iteration, yet it is often the whole story.
    static func startupFigure(scenario: ScenarioDescription, runs: [RunRecord], files: inout [ReportFile])
        -> [String]
    {
        let bars = runs.flatMap(\.trainingViews).compactMap { run -> IterationTimeBreakdown? in
            guard let first = run.iterations.first(where: { $0.iteration == 1 }) else { return nil }
            return IterationTimeBreakdown(
                label: run.legendName(scenario), computeNanoseconds: first.computeNanoseconds,
                communicationNanoseconds: first.communicationNanoseconds, schedulingNanoseconds: first.schedulingNanoseconds,
                driverNanoseconds: first.driverNanoseconds, idleNanoseconds: first.idleNanoseconds,
                pythonStartupNanoseconds: first.pythonStartupNanoseconds, exchangeNanoseconds: first.exchangeNanoseconds)
        }
        guard bars.contains(where: { $0.pythonStartupNanoseconds + $0.exchangeNanoseconds > 0 }) else { return [] }
        let chart = StackedBarChart.timeBreakdown(
            title: "Where the first iteration's time goes", subtitle: "\(scenario.name): iteration 1, start-up included",
            category: scenario.variants.count > 1 ? "variant" : "run", valueTitle: "time to iteration 1", bars: bars)
        files.append(ReportFile("startup.svg", chart.svg))
        return ["![Where the first iteration's time goes](startup.svg)", "",
                "Iteration 1, from the start of training: the one-off Python start-up and the rows' exchange to "
                    + "Python, which no steady iteration shows; in milliseconds and share of the iteration:", ""]
            + breakdownTable(bars, iteration: "iteration 1") + [""]
    }

    /// Milliseconds per part and its share of the iteration, one row per variant.
    ///
    /// Why one unit for the whole table: columns of `17 ms`, `81.3 µs` and `21 ns` do
    /// not compare at a glance; the exact nanoseconds are in `iteration_costs.csv`.
    static func breakdownTable(_ bars: [IterationTimeBreakdown], iteration: String = "steady iteration")
        -> [String]
    {
        let shown = IterationTimeBreakdown.shownSegments(bars)
        let segments = shown.map { IterationTimeBreakdown.segments[$0] }
        var lines = ["| variant | \(iteration) (ms) | " + segments.map { "\($0) (ms)" }.joined(separator: " | ") + " |",
                     "| --- | ---: |" + String(repeating: " ---: |", count: segments.count)]
        for bar in bars {
            let total = bar.values.reduce(0, +)
            let parts = shown.map { bar.values[$0] }.map { value in
                "\(milliseconds(value)) (\(share(total > 0 ? value / total : 0)))"
            }
            lines.append("| \(bar.label) | \(milliseconds(total)) | " + parts.joined(separator: " | ") + " |")
        }
        return lines
    }

    /// Nanoseconds as milliseconds with two decimals; a part too small to show is `<0.01`,
    /// not a `0.00` that reads as none.
    static func milliseconds(_ nanoseconds: Double) -> String {
        nanoseconds > 0 && nanoseconds < 5_000 ? "<0.01" : NumberFormat.fixed(nanoseconds / 1e6, decimals: 2)
    }

    /// A whole percentage; a share above zero that rounds to 0% is `<1%`.
    static func share(_ fraction: Double) -> String {
        fraction > 0 && fraction < 0.005 ? "<1%" : NumberFormat.percent(fraction, decimals: 0)
    }

    /// Time per steady iteration and efficiency against workers, one line per scaling
    /// line (a style, or a style and setting: `ScalingLines`), when some line ran at two
    /// or more worker counts; nothing otherwise.
    static func scalingFigures(_ comparison: TrainingComparison, name: String, files: inout [ReportFile])
        -> [String]
    {
        var names: [String] = []
        for row in comparison.rows where !names.contains(row.line) { names.append(row.line) }
        let curves = names.map { line in comparison.rows.filter { $0.line == line } }
            .filter { rows in rows.contains { $0.workers != rows[0].workers } }
        guard !curves.isEmpty else { return [] }
        // Curves of one style: the style goes in the subtitle and the legend names the
        // settings alone (`pickle`, `arrow`), which the legend column has room for.
        let oneStyle = curves.allSatisfy { $0[0].style == curves[0][0].style } ? curves[0][0].style : nil
        let legendName = { (row: TrainingComparison.Row) in oneStyle == nil ? row.line : row.setting ?? row.style }
        let heading = oneStyle.map { "\(name), \($0)" } ?? name
        let time = curves.map { rows in
            LineSeries(name: legendName(rows[0]), points: rows.map {
                LinePoint(x: Double($0.workers), y: Double($0.steadyIterationNanoseconds))
            })
        }
        let efficiency = curves.map { rows in
            LineSeries(name: legendName(rows[0]), points: rows.map {
                LinePoint(x: Double($0.workers), y: $0.scalingEfficiency)
            })
        }
        var timeChart = LineChart.scaling(title: "Time per steady iteration", subtitle: "\(heading): median "
                                              + "of iterations 2 and later", metric: "time per iteration",
                                          quantity: .durationNanoseconds, series: time)
        timeChart.useLog10WhenValuesSpanDecades()
        files.append(ReportFile("scaling.svg", timeChart.svg))
        var efficiencyChart = LineChart.scaling(
            title: "Scaling efficiency", subtitle: "\(heading): against the fewest workers of the same line",
            metric: "efficiency", quantity: .fraction, series: efficiency)
        efficiencyChart.yAlsoCovers = efficiencyAxisCovers
        files.append(ReportFile("efficiency.svg", efficiencyChart.svg))
        return ["![Time per steady iteration](scaling.svg)", "",
                "Median steady iteration (the comparison's per-iteration column) against workers (log2 axis).", "",
                "![Scaling efficiency](efficiency.svg)", "",
                "(t₀ · w₀) / (t · w) on steady iteration time, against the fewest workers of the same style and "
                    + "settings; 100% is linear scaling.", ""]
    }

    /// Throughput and efficiency against GPUs, one line per model (`scaling.csv`'s numbers).
    static func deepLearningFigures(_ points: [DeepLearningPoint], published: PublishedEfficiencies? = nil,
                                    name: String, files: inout [ReportFile]) -> [String]
    {
        var throughput: [LineSeries] = []
        var efficiency: [LineSeries] = []
        for point in points {
            // Drawn as `scaling.csv` holds them, so the figure and the table agree.
            let y = NumberFormat.fixedValue(point.throughput, decimals: 2)
            let e = NumberFormat.fixedValue(point.efficiency, decimals: 4)
            if throughput.last?.name != point.model {
                throughput.append(LineSeries(name: point.model, points: []))
                efficiency.append(LineSeries(name: point.model, points: []))
            }
            throughput[throughput.count - 1].points.append(LinePoint(x: Double(point.gpus), y: y))
            efficiency[efficiency.count - 1].points.append(LinePoint(x: Double(point.gpus), y: e))
        }
        guard throughput.contains(where: { $0.points.count >= 2 }) else { return [] }
        var chart = LineChart.scaling(title: "Training throughput", subtitle: name, workers: "GPUs",
                                      metric: "throughput", quantity: .count(unit: "samples/s"), series: throughput)
        chart.useLog10WhenValuesSpanDecades()
        let logarithmic = chart.yScale == .log10
        files.append(ReportFile("scaling.svg", chart.svg))
        var efficiencyChart = LineChart.scaling(
            title: "Scaling efficiency", subtitle: "\(name): against one GPU", workers: "GPUs",
            metric: "efficiency", quantity: .fraction, series: efficiency)
        efficiencyChart.yAlsoCovers = efficiencyAxisCovers
        if let published {
            efficiencyChart.references = published.points.compactMap { point in
                efficiency.firstIndex { $0.name == point.model }.map {
                    LineReference(series: $0, x: Double(point.gpus), y: point.efficiency)
                }
            }
            efficiencyChart.referenceLabel = "published"
        }
        files.append(ReportFile("efficiency.svg", efficiencyChart.svg))
        return ["![Training throughput](scaling.svg)", "",
                "Samples per second per model against GPUs per model (`scaling.csv`; log2 GPU axis"
                    + (logarithmic ? ", log10 throughput axis)." : ")."), "",
                "![Scaling efficiency](efficiency.svg)", "",
                "Throughput per GPU against the model's one-GPU run; 100% is linear scaling"
                    + (published.map { "; hollow circles: the published results (\($0.source))." } ?? "."), ""]
    }
}

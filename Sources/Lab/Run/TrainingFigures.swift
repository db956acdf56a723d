import Report

/// The training figures of a run folder: where a steady iteration's time goes
/// (`breakdown.svg` and a table), and for comparisons across worker counts the scaling
/// curves (`scaling.svg`: time per steady iteration; `efficiency.svg`), or for
/// deep-learning runs throughput and efficiency against GPUs from `scaling.csv`.
/// Each figure comes with a one-line caption saying what was averaged or measured against.
enum TrainingFigures {
    /// The efficiency axis covers 110%, so lines at 100% stay clear of the frame's top.
    static let efficiencyAxisCovers = [1.1]

    /// Iterations 2 and later: iteration 1 carries start-up (Python workers, data
    /// exchange, the first broadcast), the same cut as `TrainingComparison`'s steady time.
    static let firstSteadyIteration = 2

    /// One variant's mean steady iteration by cost part (nil without steady iterations).
    static func breakdown(variant: String, costRows: [[String]]) -> IterationTimeBreakdown? {
        let columns = TrainingReport.CostRow.columns
        let index = { (name: String) in columns.firstIndex(of: name)! }
        let steady = costRows.filter { ($0.count == columns.count) && (Int($0[index("iteration")]) ?? 0) >= firstSteadyIteration }
        guard !steady.isEmpty else { return nil }
        func mean(_ name: String) -> Int64 {
            let total = steady.reduce(Int64(0)) { $0 + (Int64($1[index(name)]) ?? 0) }
            return (total + Int64(steady.count) / 2) / Int64(steady.count)
        }
        return IterationTimeBreakdown(label: variant, computeNanoseconds: mean("compute_ns"),
                                      communicationNanoseconds: mean("communication_ns"),
                                      schedulingNanoseconds: mean("scheduling_ns"), driverNanoseconds: mean("driver_ns"),
                                      idleNanoseconds: mean("idle_ns"))
    }

    /// Adds the figures to `folder` and returns the report lines that embed them.
    static func add(to folder: inout OutputFolder, scenario: Scenario, outcomes: [RunOutcome]) -> [String] {
        var lines: [String] = []
        let bars = zip(scenario.variants, outcomes).compactMap { variant, outcome in
            breakdown(variant: variant.name.isEmpty ? scenario.name : variant.name, costRows: outcome.iterationCostRows)
        }
        if !bars.isEmpty {
            let chart = StackedBarChart.timeBreakdown(
                title: "Where a steady iteration's time goes", subtitle: "\(scenario.name): mean of iterations 2 and later",
                category: scenario.variants.count > 1 ? "variant" : "run", bars: bars)
            folder.add("breakdown.svg", chart.svg)
            lines += ["![Where a steady iteration's time goes](breakdown.svg)", "",
                      "Mean of iterations \(firstSteadyIteration) and later (iteration 1 carries the start-up), "
                          + "split along the critical path as in `iteration_costs.csv`; in milliseconds per iteration "
                          + "and share of it:", ""]
                + breakdownTable(bars) + [""]
        }
        if let comparison = Runner.trainingComparison(scenario, outcomes: outcomes) {
            lines += scalingFigures(comparison, name: scenario.name, folder: &folder)
        }
        if let scaling = outcomes.lazy.flatMap(\.extraFiles).first(where: { $0.name == "scaling.csv" }) {
            lines += deepLearningFigures(scaling.contents, name: scenario.name, folder: &folder)
        }
        return lines
    }

    /// Milliseconds per part and its share of the iteration, one row per variant.
    ///
    /// Why one unit for the whole table: columns of `17 ms`, `81.3 µs` and `21 ns` do
    /// not compare at a glance; the exact nanoseconds are in `iteration_costs.csv`.
    static func breakdownTable(_ bars: [IterationTimeBreakdown]) -> [String] {
        let segments = IterationTimeBreakdown.segments
        var lines = ["| variant | steady iteration (ms) | " + segments.map { "\($0) (ms)" }.joined(separator: " | ") + " |",
                     "| --- | ---: |" + String(repeating: " ---: |", count: segments.count)]
        for bar in bars {
            let total = bar.values.reduce(0, +)
            let parts = bar.values.map { value in
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
    static func scalingFigures(_ comparison: TrainingComparison, name: String, folder: inout OutputFolder)
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
        folder.add("scaling.svg", timeChart.svg)
        var efficiencyChart = LineChart.scaling(
            title: "Scaling efficiency", subtitle: "\(heading): against the fewest workers of the same line",
            metric: "efficiency", quantity: .fraction, series: efficiency)
        efficiencyChart.yAlsoCovers = efficiencyAxisCovers
        folder.add("efficiency.svg", efficiencyChart.svg)
        return ["![Time per steady iteration](scaling.svg)", "",
                "Median steady iteration (the comparison's per-iteration column) against workers (log2 axis).", "",
                "![Scaling efficiency](efficiency.svg)", "",
                "(t₀ · w₀) / (t · w) on steady iteration time, against the fewest workers of the same style and "
                    + "settings; 100% is linear scaling.", ""]
    }

    /// Throughput and efficiency against GPUs, one line per model, from `scaling.csv`.
    static func deepLearningFigures(_ csv: String, name: String, folder: inout OutputFolder) -> [String] {
        let records = CSVRecords.parse(csv)
        guard let header = records.first, let model = header.firstIndex(of: "model"),
              let gpus = header.firstIndex(of: "gpus"), let rate = header.firstIndex(of: "throughput_samples_per_s"),
              let share = header.firstIndex(of: "scaling_efficiency") else { return [] }
        var throughput: [LineSeries] = []
        var efficiency: [LineSeries] = []
        for record in records.dropFirst() where record.count == header.count {
            guard let x = Double(record[gpus]), let y = Double(record[rate]), let e = Double(record[share]) else { continue }
            if throughput.last?.name != record[model] {
                throughput.append(LineSeries(name: record[model], points: []))
                efficiency.append(LineSeries(name: record[model], points: []))
            }
            throughput[throughput.count - 1].points.append(LinePoint(x: x, y: y))
            efficiency[efficiency.count - 1].points.append(LinePoint(x: x, y: e))
        }
        guard throughput.contains(where: { $0.points.count >= 2 }) else { return [] }
        var chart = LineChart.scaling(title: "Training throughput", subtitle: name, workers: "GPUs",
                                      metric: "throughput", quantity: .count(unit: "samples/s"), series: throughput)
        chart.useLog10WhenValuesSpanDecades()
        let logarithmic = chart.yScale == .log10
        folder.add("scaling.svg", chart.svg)
        var efficiencyChart = LineChart.scaling(
            title: "Scaling efficiency", subtitle: "\(name): against one GPU", workers: "GPUs",
            metric: "efficiency", quantity: .fraction, series: efficiency)
        efficiencyChart.yAlsoCovers = efficiencyAxisCovers
        folder.add("efficiency.svg", efficiencyChart.svg)
        return ["![Training throughput](scaling.svg)", "",
                "Samples per second per model against GPUs per model (`scaling.csv`; log2 GPU axis"
                    + (logarithmic ? ", log10 throughput axis)." : ")."), "",
                "![Scaling efficiency](efficiency.svg)", "",
                "Throughput per GPU against the model's one-GPU run; 100% is linear scaling.", ""]
    }
}

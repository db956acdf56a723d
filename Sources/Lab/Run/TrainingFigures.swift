import Report

/// The training figures of a run folder: where a steady iteration's time goes
/// (`breakdown.svg` and a table), and for comparisons across worker counts the scaling
/// curves (`scaling.svg`: time per steady iteration; `efficiency.svg`), or for
/// deep-learning runs throughput and efficiency against GPUs from `scaling.csv`.
enum TrainingFigures {
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
            lines += ["![Where a steady iteration's time goes](breakdown.svg)", ""] + breakdownTable(bars) + [""]
        }
        if let comparison = Runner.trainingComparison(scenario, outcomes: outcomes) {
            lines += scalingFigures(comparison, scenario: scenario, folder: &folder)
        }
        if let scaling = outcomes.lazy.flatMap(\.extraFiles).first(where: { $0.name == "scaling.csv" }) {
            lines += deepLearningFigures(scaling.contents, scenario: scenario, folder: &folder)
        }
        return lines
    }

    /// Milliseconds per part and its share of the iteration.
    static func breakdownTable(_ bars: [IterationTimeBreakdown]) -> [String] {
        var lines = ["| variant | per iteration | " + IterationTimeBreakdown.segments.joined(separator: " | ") + " |",
                     "| --- | ---: |" + String(repeating: " ---: |", count: IterationTimeBreakdown.segments.count)]
        for bar in bars {
            let total = bar.values.reduce(0, +)
            let parts = bar.values.map { value in
                HumanUnits.duration(nanoseconds: Int64(value)) + " ("
                    + NumberFormat.percent(total > 0 ? value / total : 0, decimals: 0) + ")"
            }
            lines.append("| \(bar.label) | \(HumanUnits.duration(nanoseconds: Int64(total))) | "
                + parts.joined(separator: " | ") + " |")
        }
        return lines
    }

    /// Time per steady iteration and efficiency against workers, one line per style,
    /// when some style ran at two or more worker counts.
    static func scalingFigures(_ comparison: TrainingComparison, scenario: Scenario, folder: inout OutputFolder)
        -> [String]
    {
        var styles: [String] = []
        for row in comparison.rows where !styles.contains(row.style) { styles.append(row.style) }
        let curves = styles.map { style in comparison.rows.filter { $0.style == style } }
            .filter { Set($0.map(\.workers)).count >= 2 }
        guard !curves.isEmpty else { return [] }
        let time = curves.map { rows in
            LineSeries(name: rows[0].style, points: rows.map {
                LinePoint(x: Double($0.workers), y: Double($0.steadyIterationNanoseconds))
            })
        }
        let efficiency = curves.map { rows in
            LineSeries(name: rows[0].style, points: rows.map { LinePoint(x: Double($0.workers), y: $0.scalingEfficiency) })
        }
        var timeChart = LineChart.scaling(title: "Time per steady iteration", subtitle: scenario.name,
                                          metric: "time per iteration", quantity: .durationNanoseconds, series: time)
        if SweepFigures.spansDecades(time) { timeChart.yScale = .log10 }
        folder.add("scaling.svg", timeChart.svg)
        folder.add("efficiency.svg", LineChart.scaling(
            title: "Scaling efficiency", subtitle: "\(scenario.name): against the fewest workers of each style",
            metric: "efficiency", quantity: .fraction, series: efficiency).svg)
        return ["![Time per steady iteration](scaling.svg)", "", "![Scaling efficiency](efficiency.svg)", ""]
    }

    /// Throughput and efficiency against GPUs, one line per model, from `scaling.csv`.
    static func deepLearningFigures(_ csv: String, scenario: Scenario, folder: inout OutputFolder) -> [String] {
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
        var chart = LineChart.scaling(title: "Training throughput", subtitle: scenario.name, workers: "GPUs",
                                      metric: "throughput", quantity: .count(unit: "samples/s"), series: throughput)
        if SweepFigures.spansDecades(throughput) { chart.yScale = .log10 }
        folder.add("scaling.svg", chart.svg)
        folder.add("efficiency.svg", LineChart.scaling(
            title: "Scaling efficiency", subtitle: "\(scenario.name): against one GPU", workers: "GPUs",
            metric: "efficiency", quantity: .fraction, series: efficiency).svg)
        return ["![Training throughput](scaling.svg)", "", "![Scaling efficiency](efficiency.svg)", ""]
    }
}

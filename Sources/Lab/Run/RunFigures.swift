import Report

/// The figures of a run folder: `trace.json` (Chrome trace event format, opens in
/// ui.perfetto.dev) and `timeline.svg` (tasks per executor) from the first variant's
/// trace, `loss.svg` (objective against simulated time, every variant) and the
/// `TrainingFigures` for training runs. Built from plain records by `Report`; the report
/// embeds the SVGs.
enum RunFigures {
    /// Beyond this many task attempts a Gantt chart is a wall of colour: the Perfetto trace
    /// (which zooms) is written, the SVG is not.
    static let maximumGanttTasks = 2_000

    static func add(to folder: inout OutputFolder, scenario: Scenario, outcomes: [RunOutcome],
                    section: inout [String]) {
        guard let first = outcomes.first else { return }
        var figures: [String] = []
        let tasks = first.trace.filter { $0.event == .taskLaunched }.count
        if tasks > 0 {
            folder.add("trace.json", ChromeTrace.json(rows: first.trace))
            if tasks <= maximumGanttTasks {
                let title = scenario.variants[0].name.isEmpty ? scenario.name : "\(scenario.name): \(scenario.variants[0].name)"
                folder.add("timeline.svg", GanttChart(title: "Tasks per executor", subtitle: title, rows: first.trace).svg)
                figures.append("![Tasks per executor](timeline.svg)")
            }
        }
        let series = zip(scenario.variants, outcomes).compactMap { variant, outcome -> LineSeries? in
            let points = outcome.iterationRows.compactMap { fields -> LinePoint? in
                guard fields.count >= 4, let time = Double(fields[2]), let objective = Double(fields[3]) else { return nil }
                return LinePoint(x: time, y: objective)
            }
            return points.count >= 2 ? LineSeries(name: variant.name.isEmpty ? scenario.name : variant.name,
                                                  points: points) : nil
        }
        if !series.isEmpty {
            folder.add("loss.svg", LineChart.loss(title: "Objective against simulated time", subtitle: scenario.name,
                                                  lossName: "objective", series: series).svg)
            figures.append("![Objective against simulated time](loss.svg)")
        }
        var lines = figures.flatMap { [$0, ""] }
        lines += TrainingFigures.add(to: &folder, scenario: scenario, outcomes: outcomes)
        if tasks > maximumGanttTasks {
            lines += ["No `timeline.svg`: the first variant launched \(tasks) task attempts, more than a Gantt chart "
                + "shows legibly (\(maximumGanttTasks)); `trace.json` and `tasks.csv` hold them all.", ""]
        }
        guard !lines.isEmpty || tasks > 0 else { return }
        section += ["## Figures", ""] + lines
        if tasks > 0 {
            section += ["`trace.json` holds the first variant's tasks, barrier syncs and faults in Chrome's trace "
                + "event format: open it in ui.perfetto.dev.", ""]
        }
    }
}

/// The figures of a run folder: `trace.json` (Chrome trace event format, opens in
/// ui.perfetto.dev) and `timeline.svg` (tasks per executor) from the first variant's
/// trace, `loss.svg` (objective against simulated time, every variant) and the
/// `TrainingFigures` for training runs, with the report's `## Figures` section that
/// embeds them.
enum RunFigures {
    /// Beyond this many task attempts a Gantt chart is a wall of colour: the Perfetto trace
    /// (which zooms) is written, the SVG is not.
    static let maximumGanttTasks = 2_000

    static func build(scenario: ScenarioDescription, runs: [RunRecord]) -> (files: [ReportFile], section: [String]) {
        guard let first = runs.first else { return ([], []) }
        var files: [ReportFile] = []
        var figures: [String] = []
        let tasks = first.trace.filter { $0.event == .taskLaunched }.count
        if tasks > 0 {
            files.append(ReportFile("trace.json", ChromeTrace.json(rows: first.trace)))
            if tasks <= maximumGanttTasks {
                let chart = GanttChart(title: "Tasks per executor", subtitle: scenario.firstRunTitle, rows: first.trace)
                files.append(ReportFile("timeline.svg", chart.svg))
                figures.append("![Tasks per executor](timeline.svg)")
            }
        }
        let series = runs.flatMap(\.trainingViews).compactMap { run -> LineSeries? in
            let points = run.iterations.map { LinePoint(x: Double($0.timeNanoseconds), y: $0.objective) }
            return points.count >= 2 ? LineSeries(name: run.legendName(scenario), points: points) : nil
        }
        if !series.isEmpty {
            let chart = LineChart.loss(title: "Objective against simulated time", subtitle: scenario.name,
                                       lossName: "objective", series: series)
            files.append(ReportFile("loss.svg", chart.svg))
            figures.append("![Objective against simulated time](loss.svg)")
        }
        var lines = figures.flatMap { [$0, ""] }
        let training = TrainingFigures.build(scenario: scenario, runs: runs)
        files += training.files
        lines += training.lines
        if tasks > maximumGanttTasks {
            lines += ["No `timeline.svg`: the first variant launched \(tasks) task attempts, more than a Gantt chart "
                + "shows legibly (\(maximumGanttTasks)); `trace.json` and `tasks.csv` hold them all.", ""]
        }
        guard !lines.isEmpty || tasks > 0 else { return (files, []) }
        var section = ["## Figures", ""] + lines
        if tasks > 0 {
            section += ["`trace.json` holds the first variant's tasks, barrier syncs and faults in Chrome's trace "
                + "event format: open it in ui.perfetto.dev.", ""]
        }
        return (files, section)
    }
}

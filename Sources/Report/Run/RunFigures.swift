/// The figures of a run folder: `trace.json` (Chrome trace event format, opens in
/// ui.perfetto.dev: every variant's tracks, one under the other), a Gantt chart of tasks
/// per executor for each variant (`timeline.svg` for the first, `timeline-<variant>.svg`
/// for the others), `loss.svg` (objective against simulated time, every variant) and the
/// `TrainingFigures` for training runs, with the report's `## Figures` section that
/// embeds them.
enum RunFigures {
    /// Beyond this many task attempts a Gantt chart is a wall of colour: the Perfetto trace
    /// (which zooms) is written, the SVG is not.
    static let maximumGanttTasks = 2_000

    /// `timeline.svg` for the first variant, `timeline-<variant>.svg` for the others.
    static func timelineName(index: Int, variant: String) -> String {
        index == 0 ? "timeline.svg" : "timeline-\(variant).svg"
    }

    static func build(scenario: ScenarioDescription, runs: [RunRecord]) -> (files: [ReportFile], section: [String]) {
        guard !runs.isEmpty else { return ([], []) }
        var files: [ReportFile] = []
        var figures: [String] = []
        var tooMany: [String] = []
        let names = scenario.variants.map(\.name)
        let taskCounts = runs.map { run in run.trace.filter { $0.event == .taskLaunched }.count }
        let traced = runs.indices.filter { taskCounts[$0] > 0 }
        if !traced.isEmpty {
            let labelled = names.count > 1 || !(names.first ?? "").isEmpty
            files.append(ReportFile("trace.json", ChromeTrace.json(runs: traced.map { index in
                ChromeTrace.Run(label: labelled ? names[index] : nil, timeline: TraceTimeline(rows: runs[index].trace),
                                criticalPath: runs[index].criticalPath, tracks: runs[index].spanTracks)
            })))
        }
        for index in traced {
            let who = names[index].isEmpty ? "" : "`\(names[index])`: "
            guard taskCounts[index] <= maximumGanttTasks else {
                tooMany.append("No Gantt chart for \(who.isEmpty ? "the run" : who.dropLast(2) + "`"): it launched "
                    + "\(taskCounts[index]) task attempts, more than a Gantt chart shows legibly "
                    + "(\(maximumGanttTasks)); `trace.json` and `tasks.csv` hold them all.")
                continue
            }
            let subtitle = names[index].isEmpty ? scenario.name : "\(scenario.name): \(names[index])"
            var chart = GanttChart(title: "Tasks per executor", subtitle: subtitle, rows: runs[index].trace)
            chart.criticalPath = runs[index].criticalPath
            let name = timelineName(index: index, variant: names[index])
            files.append(ReportFile(name, chart.svg))
            figures.append("![Tasks per executor\(names[index].isEmpty ? "" : ", " + names[index])](\(name))")
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
        lines += tooMany.flatMap { [$0, ""] }
        guard !lines.isEmpty || !traced.isEmpty else { return (files, []) }
        var section = ["## Figures", ""] + lines
        if !traced.isEmpty {
            let trained = traced.contains { !runs[$0].criticalPath.isEmpty }
            section += ["`trace.json` holds " + (traced.count > 1 ? "every variant's" : "the run's")
                + " tasks, jobs, stages, barrier syncs and faults"
                + (trained ? ", and each training's critical path (Python start-up, exchange, then per iteration "
                    + "compute, allreduce or communication, update or driver work) on the driver's "
                    + "`training (critical path)` track," : "")
                + (traced.contains { !runs[$0].spanTracks.isEmpty }
                    ? ", and Horovod's runtime for the traced point (each cycle of its background thread that fused "
                        + "gradients, each buffer's allreduce) on the driver's `horovod` tracks," : "")
                + " in Chrome's trace event format: open it in ui.perfetto.dev.", ""]
        }
        return (files, section)
    }
}

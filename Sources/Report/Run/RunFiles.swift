/// Every file of a run folder, from the scenario's description and one record per
/// variant: the traces, the task table, the summary, the workload's tables, the figures,
/// `links.csv` and `report.md`, in the order a folder lists them.
///
/// Why one list from records: Lab runs the simulation and hands over values; this is the
/// only place that decides which files a run has and spells them.
public enum RunFiles {
    public static func files(scenario: ScenarioDescription, runs: [RunRecord]) -> [ReportFile] {
        precondition(runs.count == scenario.variants.count, "one record per variant")
        var files: [ReportFile] = []
        for (index, run) in runs.enumerated() {
            let name = index == 0 ? "trace.csv" : "trace-\(scenario.variants[index].name).csv"
            files.append(ReportFile(name, TraceRow.csv(run.trace)))
        }
        let taskSources = zip(scenario.variants, runs).map { TaskAttemptTable.Source(variant: $0.name, rows: $1.trace) }
        if let tasks = TaskAttemptTable.csv(taskSources) { files.append(ReportFile("tasks.csv", tasks)) }
        files.append(ReportFile("summary.csv", SummaryRow.csv(runs.map(\.summary))))
        let collectives = runs.flatMap(\.allCollectives)
        if !collectives.isEmpty { files.append(ReportFile("collective.csv", RunTables.collectiveCSV(collectives))) }
        for deepLearning in runs.flatMap(\.deepLearningRecords) {
            files.append(ReportFile("scaling.csv", deepLearning.scalingCSV))
            files.append(ReportFile("steps.csv", deepLearning.stepsCSV))
        }
        if let training = TrainingTables.files(runs) {
            files.append(ReportFile("iterations.csv", training.iterations))
            files.append(ReportFile("iteration_costs.csv", training.costs))
        }
        guard let first = runs.first else { return files }
        var workloadResults = first.deepLearningRecords.flatMap(DeepLearningReport.lines)
        if let comparison = TrainingComparison(scenario: scenario, runs: runs) {
            files.append(ReportFile("training_scaling.csv", comparison.csv))
            workloadResults += comparison.markdown
        }
        let figures = RunFigures.build(scenario: scenario, runs: runs)
        files += figures.files
        workloadResults += figures.section
        if !first.links.isEmpty {
            files.append(ReportFile("links.csv", RunTables.linksCSV(first.links)))
            let network = NetworkReport(links: first.links, utilisation: first.linkUtilisation, runName: scenario.name)
            if let figure = network.figure { files.append(ReportFile(NetworkReport.figureName, figure)) }
        }
        let report = RunReport(scenario: scenario, runs: runs, workloadResults: workloadResults)
        files.append(ReportFile("report.md", report.markdown))
        return files
    }
}

/// Every file of a run folder, from the scenario's description and one record per
/// variant: the traces, the task table, the summary, the workload's tables, the figures,
/// `links.csv` and `report.md`, in the order a folder lists them.
///
/// Why one list from records: Lab runs the simulation and hands over values; this is the
/// only place that decides which files a run has and spells them.
public enum RunFiles {
    public static func files(scenario: ScenarioDescription, runs: [RunRecord]) -> [ReportFile] {
        precondition(runs.count == scenario.variants.count, "one record per variant")
        // The three largest pieces at once, the longest (the figures, with the Chrome
        // trace) first so that the other thread takes the two CSVs in turn; the files
        // keep their order.
        let taskSources = zip(scenario.variants, runs).map { TaskAttemptTable.Source(variant: $0.name, rows: $1.trace) }
        let parts = ParallelParts.compute([
            { @Sendable in
                let figures = RunFigures.build(scenario: scenario, runs: runs)
                return Piece(files: figures.files, section: figures.section)
            },
            { @Sendable in
                Piece(files: runs.enumerated().map { index, run in
                    ReportFile(index == 0 ? "trace.csv" : "trace-\(scenario.variants[index].name).csv", TraceRow.csv(run.trace))
                })
            },
            { @Sendable in Piece(files: TaskAttemptTable.csv(taskSources).map { [ReportFile("tasks.csv", $0)] } ?? []) },
        ])
        var files = parts[1].files + parts[2].files
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
        files += parts[0].files
        workloadResults += parts[0].section
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

/// Files and report lines one parallel part of `RunFiles.files` makes.
private struct Piece: Sendable {
    var files: [ReportFile]
    var section: [String] = []
}

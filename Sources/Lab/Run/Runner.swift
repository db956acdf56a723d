import Report
import Sim

/// Runs a validated scenario and collects its output files.
///
/// Each variant (`workload:` is one variant, `compare:` several) runs on a fresh copy of
/// the cluster with the same seed. The runner never reads the wall clock and never
/// touches the file system: `sparksim run` publishes the returned folder atomically.
public enum Runner {
    public static func run(_ scenario: Scenario) -> OutputFolder {
        let outcomes = scenario.variants.map { variant in
            (variant: variant, result: run(variant.workload, of: scenario))
        }.map { (variant: $0.variant, outcome: $0.result.outcome, summary: $0.result.summary) }
        var folder = OutputFolder()
        for (index, run) in outcomes.enumerated() {
            let name = index == 0 ? "trace.csv" : "trace-\(run.variant.name).csv"
            folder.add(name, TraceRow.csv(run.outcome.trace))
        }
        let taskSources = outcomes.map { TaskAttemptTable.Source(variant: $0.variant.name, rows: $0.outcome.trace) }
        if let tasks = TaskAttemptTable.csv(taskSources) { folder.add("tasks.csv", tasks) }
        folder.add("summary.csv", SummaryRow.csv(outcomes.map { run in
            run.summary ?? summary(run.outcome, variant: run.variant, scenario)
        }))
        let collectiveRows = outcomes.flatMap(\.outcome.collectives)
        if !collectiveRows.isEmpty {
            var table = CSVTable(columns: CollectiveRow.columns)
            for row in collectiveRows { table.append(row.fields) }
            folder.add("collective.csv", table.text)
        }
        for file in outcomes.flatMap(\.outcome.extraFiles) { folder.add(file.name, file.contents) }
        if outcomes.contains(where: { !$0.outcome.iterationRows.isEmpty }) {
            var iterations = CSVTable(columns: TrainingReport.iterationColumns)
            var costs = CSVTable(columns: TrainingReport.CostRow.columns)
            for run in outcomes {
                for row in run.outcome.iterationRows { iterations.append(row) }
                for row in run.outcome.iterationCostRows { costs.append(row) }
            }
            folder.add("iterations.csv", iterations.text)
            folder.add("iteration_costs.csv", costs.text)
        }
        var reported = outcomes.map(\.outcome)
        if let comparison = trainingComparison(scenario, outcomes: reported) {
            folder.add("training_scaling.csv", comparison.csv)
            reported[0].reportSection += comparison.markdown
        }
        if !reported.isEmpty { RunFigures.add(to: &folder, scenario: scenario, outcomes: reported,
                                              section: &reported[0].reportSection) }
        if let first = outcomes.first?.outcome, !first.links.isEmpty {
            folder.add("links.csv", LinkTable.csv(first.links))
            let network = NetworkReport(links: first.links, utilisation: first.linkUtilisation, runName: scenario.name)
            if let figure = network.figure { folder.add(NetworkReport.figureName, figure) }
        }
        folder.add("report.md", RunReport(scenario: scenario, outcomes: reported).markdown)
        return folder
    }

    /// Runs one variant; engine runs bring their own summary row (job and task counts).
    static func run(_ workload: Scenario.Workload, of scenario: Scenario) -> (outcome: RunOutcome, summary: SummaryRow?) {
        let streams = RandomStreams(seed: scenario.seed)
        let variant = scenario.isComparison ? scenario.variants.first { $0.workload == workload }?.name ?? "" : ""
        switch workload {
        case .collective(let collective):
            return (CollectiveRun.run(scenario, collective, streams: streams), nil)
        case .scripted(let scripted):
            let result = EngineRun.run(scenario, scripted, streams: streams,
                                       makeEngine: SparkSchedulerFactory.make(for: scenario))
            return (result.outcome, EngineRun.summary(result, scenario: scenario, variant: variant))
        case .logisticRegression(let training):
            let run = LogisticRegressionRun.run(scenario, training, variant: variant, streams: streams)
            return (run.outcome, run.summary)
        case .deepLearning(let training):
            let run = DeepLearningRun.run(scenario, training, variant: variant)
            return (run.outcome, run.summary)
        case .kMeans(let training):
            let run = TrainingKindsRun.run(scenario, training, variant: variant, streams: streams)
            return (run.outcome, run.summary)
        case .gradientBoostedTrees(let training):
            let run = TrainingKindsRun.run(scenario, training, variant: variant, streams: streams)
            return (run.outcome, run.summary)
        }
    }

    static func summary(_ outcome: RunOutcome, variant: Scenario.Variant, _ scenario: Scenario) -> SummaryRow {
        let makespan = outcome.scope == CollectiveRun.scope
            ? outcome.collectives.compactMap(\.duration).max()?.nanoseconds : nil
        return SummaryRow(
            scenario: scenario.name, variant: variant.name, seed: scenario.seed, makespanNanoseconds: makespan,
            jobsSucceeded: nil, jobsFailed: nil, tasksLaunched: nil, taskFailures: nil, simulated: outcome.scope,
            executorsAtStart: outcome.executorsAtStart, executorsAtEnd: outcome.executorsAtEnd,
            faultsApplied: outcome.faultsApplied)
    }
}

import Report
import Sim

/// Runs a validated scenario and collects its output files.
///
/// Each variant (`workload:` is one variant, `compare:` several) runs on a fresh copy of
/// the cluster with the same seed. The runner never reads the wall clock and never
/// touches the file system: `sparksim run` publishes the returned folder atomically.
public enum Runner {
    public static func run(_ scenario: Scenario) -> OutputFolder {
        folder(ScenarioDescription(scenario), records(scenario))
    }

    /// One record per variant, in variant order: what Report writes the run's files
    /// from, and what a sweep takes its figures from (`SweepRunFigures`).
    static func records(_ scenario: Scenario) -> [RunRecord] {
        scenario.variants.map { variant in
            let result = run(variant.workload, of: scenario)
            return result.outcome.record(
                variant: variant.name, summary: result.summary ?? summary(result.outcome, variant: variant, scenario))
        }
    }

    /// The run's files, as Report writes them from the records.
    static func folder(_ description: ScenarioDescription, _ records: [RunRecord]) -> OutputFolder {
        var folder = OutputFolder()
        for file in RunFiles.files(scenario: description, runs: records) {
            folder.add(file.name, file.contents)
        }
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
        case .application(let application):
            let run = ApplicationRun.run(scenario, application, variant: variant, streams: streams)
            return (run.outcome, run.summary)
        }
    }

    static func summary(_ outcome: RunOutcome, variant: Scenario.Variant, _ scenario: Scenario) -> SummaryRow {
        let makespan = outcome.scope == CollectiveRun.scope
            ? outcome.collectives.compactMap(\.durationNanoseconds).max() : nil
        return SummaryRow(
            scenario: scenario.name, variant: variant.name, seed: scenario.seed, makespanNanoseconds: makespan,
            jobsSucceeded: nil, jobsFailed: nil, tasksLaunched: nil, taskFailures: nil, simulated: outcome.scope.rawValue,
            executorsAtStart: outcome.executorsAtStart, executorsAtEnd: outcome.executorsAtEnd,
            faultsApplied: outcome.faultsApplied)
    }
}

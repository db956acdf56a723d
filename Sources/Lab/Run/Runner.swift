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
            (variant: variant, outcome: run(variant.workload, of: scenario))
        }
        var folder = OutputFolder()
        for (index, run) in outcomes.enumerated() {
            let name = index == 0 ? "trace.csv" : "trace-\(run.variant.name).csv"
            folder.add(name, TraceRow.csv(run.outcome.trace))
        }
        folder.add("summary.csv", SummaryRow.csv(outcomes.map { summary($0.outcome, variant: $0.variant, scenario) }))
        let collectiveRows = outcomes.flatMap(\.outcome.collectives)
        if !collectiveRows.isEmpty {
            var table = CSVTable(columns: CollectiveRow.columns)
            for row in collectiveRows { table.append(row.fields) }
            folder.add("collective.csv", table.text)
        }
        if let first = outcomes.first?.outcome, !first.links.isEmpty {
            folder.add("links.csv", LinkTable.csv(first.links))
        }
        folder.add("report.md", RunReport(scenario: scenario, outcomes: outcomes.map(\.outcome)).markdown)
        return folder
    }

    static func run(_ workload: Scenario.Workload, of scenario: Scenario) -> RunOutcome {
        let streams = RandomStreams(seed: scenario.seed)
        switch workload {
        case .collective(let collective):
            return CollectiveRun.run(scenario, collective, streams: streams)
        case .scripted, .logisticRegression:
            return MembershipRun.run(scenario, streams: streams)
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

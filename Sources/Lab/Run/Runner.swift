import Report
import Sim

/// Runs a validated scenario and collects its output files.
///
/// Today the Spark engine is not built, so a run simulates cluster membership only (see
/// `ClusterMembershipRun`) and says so in every file it writes. The runner never reads
/// the wall clock and never touches the file system: `sparksim run` publishes the
/// returned folder atomically.
public enum Runner {
    /// What `summary.csv`'s `simulated` column says for runs of this build.
    public static let simulatedScope = "cluster-membership-only"

    public static func run(_ scenario: Scenario) -> OutputFolder {
        let membership = ClusterMembershipRun(scenario)
        let variants = scenario.isComparison ? scenario.variants.map(\.name) : [""]
        let rows = variants.map { variant in
            SummaryRow(
                scenario: scenario.name, variant: variant, seed: scenario.seed,
                makespanNanoseconds: nil, jobsSucceeded: nil, jobsFailed: nil,
                tasksLaunched: nil, taskFailures: nil, simulated: simulatedScope,
                executorsAtStart: scenario.cluster.executors.count,
                executorsAtEnd: membership.live.count, faultsApplied: membership.faultsApplied)
        }
        var folder = OutputFolder()
        folder.add("trace.csv", TraceRow.csv(membership.trace))
        folder.add("summary.csv", SummaryRow.csv(rows))
        folder.add("report.md", RunReport(scenario: scenario, membership: membership).markdown)
        return folder
    }
}

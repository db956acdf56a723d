import Report
import Sim

/// What one run of one variant produced, as plain data for the output files.
struct RunOutcome {
    /// What was simulated: `cluster-membership-only` (scripted and training workloads,
    /// until the engine exists) or `collective`.
    var scope: String
    var trace: [TraceRow]
    var executorsAtStart: Int
    var executorsAtEnd: Int
    var faultsApplied: Int
    /// The instant of the last event processed.
    var end: SimInstant
    /// One row per collective group, for `collective.csv`.
    var collectives: [CollectiveRow] = []
    /// Per-link accounting at the end of the run, in link order.
    var links: [LinkRow] = []
    /// Mean utilisation per time bucket of the busiest links (`links.svg`).
    var linkUtilisation: [LinkUtilisationSample] = []
    /// Cluster-level fault kinds in the scenario that this run could not act on.
    var faultKindsNotSimulated: [String] = []
    /// Transfers cut short because a host holding one end was lost.
    var abortedTransfers = 0
    /// Why an engine run stopped with jobs unfinished (nil when every job ended).
    var unfinishedReason: String?
    /// Training runs: `iterations.csv` and `iteration_costs.csv` rows, and the report's
    /// headline lines.
    var iterationRows: [[String]] = []
    var iterationCostRows: [[String]] = []
    var headline: [String] = []
    /// Files of the workload's own (`scaling.csv` ...), added after `collective.csv`.
    var extraFiles: [(name: String, contents: String)] = []
    /// Markdown lines of the workload's own section of `report.md`.
    var reportSection: [String] = []
}

/// One row of `collective.csv` (SCENARIO.md): `group,ranks,bytes,algorithm,time_ns`.
struct CollectiveRow {
    var group: Int
    var ranks: Int
    var bytes: Int64
    var algorithm: String
    /// From the start of the operation until the last rank holds the result; nil when it
    /// never completed (a rank's host was lost).
    var duration: SimDuration?

    static let columns = ["group", "ranks", "bytes", "algorithm", "time_ns"]

    var fields: [String] {
        [String(group), String(ranks), String(bytes), algorithm, duration.map { String($0.nanoseconds) } ?? ""]
    }
}

/// A link's accounting under the name a reader knows it by (`host0-3.up`, `rack1.down`).
struct LinkRow {
    var name: String
    var usage: LinkUsage
}

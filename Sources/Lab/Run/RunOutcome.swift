import Report
import Sim

/// What one run of one variant produced, as values for Report's records (`RunRecord`).
struct RunOutcome {
    /// What was simulated: the cluster alone, a collective, the engine, training.
    var scope: RunScope
    var trace: [TraceRow]
    var executorsAtStart: Int
    var executorsAtEnd: Int
    var faultsApplied: Int
    /// The instant of the last event processed.
    var end: SimInstant
    /// One per collective group, for `collective.csv`.
    var collectives: [CollectiveRecord] = []
    /// Per-link accounting at the end of the run, in link order.
    var links: [LinkRecord] = []
    /// Mean utilisation per time bucket of the busiest links (`links.svg`).
    var linkUtilisation: [LinkUtilisationSample] = []
    /// Cluster-level fault kinds in the scenario that this run could not act on.
    var faultKindsNotSimulated: [String] = []
    /// Transfers cut short because a host holding one end was lost.
    var abortedTransfers = 0
    /// Why an engine run stopped with jobs unfinished (nil when every job ended).
    var unfinishedReason: String?
    /// Training runs: each iteration reached and where its time went, and the training's
    /// headline facts.
    var iterations: [IterationRecord] = []
    var training: TrainingRecord?
    /// Deep-learning runs: the benchmark's setup and scaling points.
    var deepLearning: DeepLearningRecord?
    /// Applications: each phase, in order.
    var phases: [PhaseRecord] = []
    /// Training runs: the critical path's stretches, in time order.
    var criticalPath: [CriticalPathSpan] = []
    var spanTracks: [SpanTrack] = []

    /// The record Report writes the variant's files from.
    func record(variant: String, summary: SummaryRow) -> RunRecord {
        var record = RunRecord(variant: variant, scope: scope, trace: trace, summary: summary,
                               executorsAtEnd: executorsAtEnd, faultsApplied: faultsApplied,
                               endNanoseconds: end.nanosecondsSinceStart)
        record.collectives = collectives
        record.links = links
        record.linkUtilisation = linkUtilisation
        record.faultKindsNotSimulated = faultKindsNotSimulated
        record.abortedTransfers = abortedTransfers
        record.unfinishedReason = unfinishedReason
        record.iterations = iterations
        record.training = training
        record.deepLearning = deepLearning
        record.phases = phases
        record.criticalPath = criticalPath
        record.spanTracks = spanTracks
        return record
    }
}

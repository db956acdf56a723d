/// What one run of one variant produced, as plain values: everything Report needs to
/// write the run's CSV files, figures and `report.md`, and nothing in text form that a
/// reader would have to parse back.
///
/// Why a record rather than rendered rows: Lab knows how a run went, Report knows how it
/// is written. Lab fills this from its simulation; Report is the only place that spells
/// a value as CSV, Markdown or SVG.
public struct RunRecord: Sendable {
    /// The variant's name as its rows carry it ("" unless the scenario has `compare:`).
    public var variant: String
    public var scope: RunScope
    public var trace: [TraceRow]
    /// Its row of `summary.csv`.
    public var summary: SummaryRow
    public var executorsAtEnd: Int
    public var faultsApplied: Int
    /// The instant of the last event processed.
    public var endNanoseconds: Int64
    /// One per collective group (`collective.csv`).
    public var collectives: [CollectiveRecord] = []
    /// Per-link accounting at the end of the run, in link order.
    public var links: [LinkRecord] = []
    /// Mean utilisation per time bucket of the busiest links (`links.svg`).
    public var linkUtilisation: [LinkUtilisationSample] = []
    /// Cluster-level fault kinds in the scenario that this run could not act on.
    public var faultKindsNotSimulated: [String] = []
    /// Transfers cut short because a host holding one end was lost.
    public var abortedTransfers = 0
    /// Why an engine run stopped with jobs unfinished (nil when every job ended).
    public var unfinishedReason: String?
    /// Training runs: each iteration reached, in order, with where its time went.
    public var iterations: [IterationRecord] = []
    /// Training runs: how the training as a whole went (the report's headline).
    public var training: TrainingRecord?
    /// Deep-learning runs: the scaling benchmark's setup and points.
    public var deepLearning: DeepLearningRecord?
    /// Applications (`kind: application`): each phase, in order.
    public var phases: [PhaseRecord] = []
    /// Training runs: the critical path, in time order (every training phase's, for an
    /// application).
    public var criticalPath: [CriticalPathSpan] = []
    /// Runtime tracks for `trace.json` (deep learning: Horovod's cycles and allreduces).
    public var spanTracks: [SpanTrack] = []

    public init(variant: String, scope: RunScope, trace: [TraceRow], summary: SummaryRow, executorsAtEnd: Int,
                faultsApplied: Int, endNanoseconds: Int64) {
        self.variant = variant
        self.scope = scope
        self.trace = trace
        self.summary = summary
        self.executorsAtEnd = executorsAtEnd
        self.faultsApplied = faultsApplied
        self.endNanoseconds = endNanoseconds
    }
}

/// What a run simulated; the raw value is `summary.csv`'s `simulated` column.
public enum RunScope: String, Sendable, Equatable {
    /// The cluster alone: executors and the faults acting on them.
    case membership = "cluster-membership-only"
    case collective
    /// Scripted jobs on the engine.
    case engine
    case training
    case deepLearning = "deep-learning"
    /// An application's phases on the engine, one after another.
    case application
}

/// One collective group's operation (`collective.csv`: `group,ranks,bytes,algorithm,time_ns`).
public struct CollectiveRecord: Sendable, Equatable {
    public var group: Int
    public var ranks: Int
    /// Bytes per rank.
    public var bytes: Int64
    public var algorithm: String
    /// From the start of the operation until the last rank holds the result; nil when it
    /// never completed (a rank's host was lost).
    public var durationNanoseconds: Int64?

    public init(group: Int, ranks: Int, bytes: Int64, algorithm: String, durationNanoseconds: Int64?) {
        self.group = group
        self.ranks = ranks
        self.bytes = bytes
        self.algorithm = algorithm
        self.durationNanoseconds = durationNanoseconds
    }
}

/// One network link's accounting at the end of a run, under the name a reader knows it
/// by (`host0-3.up`, `rack1.down`).
public struct LinkRecord: Sendable, Equatable {
    public var name: String
    /// A host's uplink (what the host sent).
    public var isHostUplink: Bool
    /// Infinite for an unlimited link.
    public var nominalBytesPerSecond: Double
    public var factor: Double
    public var bytesCarried: Int64
    /// Time with at least one transfer moving bytes over the link.
    public var busyNanoseconds: Int64
    public var peakConcurrentTransfers: Int

    public init(name: String, isHostUplink: Bool, nominalBytesPerSecond: Double, factor: Double, bytesCarried: Int64,
                busyNanoseconds: Int64, peakConcurrentTransfers: Int) {
        self.name = name
        self.isHostUplink = isHostUplink
        self.nominalBytesPerSecond = nominalBytesPerSecond
        self.factor = factor
        self.bytesCarried = bytesCarried
        self.busyNanoseconds = busyNanoseconds
        self.peakConcurrentTransfers = peakConcurrentTransfers
    }

    /// Busy time in seconds, as the rate computations divide by it.
    var busySeconds: Double { Double(busyNanoseconds) / 1e9 }
}

/// One training iteration reached: when, the objective there, and where the time since
/// the previous iteration (or the training's start, for iteration 0) went along the
/// critical path. The seven parts add up exactly to that window.
public struct IterationRecord: Sendable, Equatable {
    public var iteration: Int
    public var timeNanoseconds: Int64
    public var objective: Double
    public var accuracy: Double?
    public var computeNanoseconds: Int64
    public var communicationNanoseconds: Int64
    public var schedulingNanoseconds: Int64
    public var driverNanoseconds: Int64
    public var idleNanoseconds: Int64
    /// Python workers starting, on the critical path (barrier training's first iteration).
    public var pythonStartupNanoseconds: Int64
    /// Rows moving from the JVM to Python, on the critical path.
    public var exchangeNanoseconds: Int64

    public init(iteration: Int, timeNanoseconds: Int64, objective: Double, accuracy: Double? = nil,
                computeNanoseconds: Int64 = 0, communicationNanoseconds: Int64 = 0, schedulingNanoseconds: Int64 = 0,
                driverNanoseconds: Int64 = 0, idleNanoseconds: Int64 = 0, pythonStartupNanoseconds: Int64 = 0,
                exchangeNanoseconds: Int64 = 0) {
        self.pythonStartupNanoseconds = pythonStartupNanoseconds
        self.exchangeNanoseconds = exchangeNanoseconds
        self.iteration = iteration
        self.timeNanoseconds = timeNanoseconds
        self.objective = objective
        self.accuracy = accuracy
        self.computeNanoseconds = computeNanoseconds
        self.communicationNanoseconds = communicationNanoseconds
        self.schedulingNanoseconds = schedulingNanoseconds
        self.driverNanoseconds = driverNanoseconds
        self.idleNanoseconds = idleNanoseconds
    }
}

/// How a training run went as a whole: the facts of the report's headline line.
public struct TrainingRecord: Sendable, Equatable {
    /// From the training's start to its last iteration (or its stop).
    public var totalNanoseconds: Int64
    public var jobs: Int
    public var restarts: Int
    public var redoneIterations: Int
    /// Why training stopped early (nil when it finished).
    public var failure: String?
    /// Why the trainer itself stopped: `max iterations reached` or the convergence rule
    /// that fired (nil when it could not say, or training failed first).
    public var stopReason: String?

    public init(totalNanoseconds: Int64, jobs: Int, restarts: Int, redoneIterations: Int, failure: String?,
                stopReason: String? = nil) {
        self.stopReason = stopReason
        self.totalNanoseconds = totalNanoseconds
        self.jobs = jobs
        self.restarts = restarts
        self.redoneIterations = redoneIterations
        self.failure = failure
    }
}

/// A file of a run folder: its name and its bytes.
public struct ReportFile: Sendable, Equatable {
    public var name: String
    public var contents: String

    public init(_ name: String, _ contents: String) {
        self.name = name
        self.contents = contents
    }
}

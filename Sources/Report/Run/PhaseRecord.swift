/// One phase of a Spark application (`kind: application`): what it ran, when, and, for a
/// training phase, its iterations, so each phase writes what its kind writes.
public struct PhaseRecord: Sendable, Equatable {
    /// Its position in `phases:` (from 0).
    public var index: Int
    /// The phase's workload kind (`scripted`, `logistic-regression`, ...).
    public var kind: String
    /// When the phase started: the instant the previous phase's last job ended; nil when
    /// the run stopped before it could start.
    public var startNanoseconds: Int64?
    /// When its last job ended; nil when the run stopped first.
    public var endNanoseconds: Int64?
    /// Jobs the phase submitted, and how many of them ended each way.
    public var jobsSubmitted: Int
    public var jobsSucceeded: Int
    public var jobsFailed: Int
    /// Training phases: each iteration reached, and how the training went.
    public var iterations: [IterationRecord] = []
    public var training: TrainingRecord?
    /// A deep-learning phase: the benchmark's setup and the points that ran to their end.
    public var deepLearning: DeepLearningRecord?
    /// A collective phase: one per group (`collective.csv`).
    public var collectives: [CollectiveRecord] = []

    public init(index: Int, kind: String, startNanoseconds: Int64?, endNanoseconds: Int64?, jobsSubmitted: Int,
                jobsSucceeded: Int, jobsFailed: Int) {
        self.index = index
        self.kind = kind
        self.startNanoseconds = startNanoseconds
        self.endNanoseconds = endNanoseconds
        self.jobsSubmitted = jobsSubmitted
        self.jobsSucceeded = jobsSucceeded
        self.jobsFailed = jobsFailed
    }
}

/// One training's rows as the training files and figures see them: a variant's, or one
/// training phase's of an application.
struct TrainingView {
    /// The `variant` column of `iterations.csv`: the variant's name, or, when an
    /// application has several training phases, `phase<i>` (after `<variant>/`).
    var label: String
    var iterations: [IterationRecord]
    var training: TrainingRecord?

    /// Its name in figures' legends: the label, marked when the training failed, so a
    /// curve that stops early is never read as a finished run.
    func legendName(_ scenario: ScenarioDescription) -> String {
        scenario.label(label) + (training?.failure == nil ? "" : " (failed)")
    }
}

extension RunRecord {
    /// The trainings of this run, in order: its own, or its application's training phases.
    var trainingViews: [TrainingView] {
        guard !phases.isEmpty else {
            return iterations.isEmpty && training == nil
                ? [] : [TrainingView(label: variant, iterations: iterations, training: training)]
        }
        let trained = phases.filter { $0.training != nil }
        return trained.map { phase in
            let label = trained.count == 1 ? variant : (variant.isEmpty ? "" : variant + "/") + "phase\(phase.index)"
            return TrainingView(label: label, iterations: phase.iterations, training: phase.training)
        }
    }
}

extension RunRecord {
    /// The collectives of this run: its own, then its application's phases'.
    var allCollectives: [CollectiveRecord] { collectives + phases.flatMap(\.collectives) }

    /// The deep-learning benchmarks of this run: its own, or its application's phase's.
    var deepLearningRecords: [DeepLearningRecord] {
        ([deepLearning] + phases.map(\.deepLearning)).compactMap { $0 }
    }
}

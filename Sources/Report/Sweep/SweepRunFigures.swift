/// What one run (a grid point with one seed) contributes to `sweep.csv`, as values: per
/// variant its summary row, its final objective and its figures of the training
/// comparison.
///
/// Why values and not the run's CSV text: a sweep's report is one more view of the same
/// records a run's own files are written from. A fresh run hands its `RunRecord`s here
/// (`init(scenario:runs:)`); only a run reused from the cache on disk is read back from
/// its files (`SweepRunFiles.figures()`), and a test holds both paths to the same values.
public struct SweepRunFigures: Sendable, Equatable {
    /// One variant of the run, in the order of its rows in `summary.csv`.
    public struct Variant: Sendable, Equatable {
        /// Its row of `summary.csv`.
        public var summary: SummaryRow
        /// The objective at its last iteration, as `iterations.csv` holds it; nil when the
        /// variant reached none.
        public var finalObjective: Double?
        /// Its row of `training_scaling.csv`; nil when the run wrote none (not a
        /// `compare:` of training variants) or the variant is not in it.
        public var training: Training?

        public init(summary: SummaryRow, finalObjective: Double?, training: Training?) {
            self.summary = summary
            self.finalObjective = finalObjective
            self.training = training
        }
    }

    /// The columns of the training comparison a sweep carries. Its scaling efficiency is
    /// left out: within one run it is relative to that run's own fewest workers; the
    /// sweep report computes efficiency across points instead.
    public struct Training: Sendable, Equatable {
        public var workers: Int
        /// Median duration of iterations 2 and later.
        public var steadyIterationNanoseconds: Int64
        /// Nil when the variant never reached the comparison's target.
        public var timeToTargetNanoseconds: Int64?

        public init(workers: Int, steadyIterationNanoseconds: Int64, timeToTargetNanoseconds: Int64?) {
            self.workers = workers
            self.steadyIterationNanoseconds = steadyIterationNanoseconds
            self.timeToTargetNanoseconds = timeToTargetNanoseconds
        }
    }

    public var variants: [Variant]

    public init(variants: [Variant]) {
        self.variants = variants
    }

    /// A fresh run's figures, from the records its files are written from: the summary
    /// rows as `summary.csv` holds them, the last iteration as `iterations.csv` ends, and
    /// the rows of the very `TrainingComparison` that writes `training_scaling.csv`, so a
    /// sweep and the run's own report cannot disagree.
    public init(scenario: ScenarioDescription, runs: [RunRecord]) {
        let comparison = TrainingComparison(scenario: scenario, runs: runs)
        variants = runs.map { run in
            let row = comparison?.rows.first { $0.variant == run.summary.variant }
            // The rows iterations.csv labels with the variant's name (an application with
            // several training phases labels them by phase: no final objective then).
            let own = run.trainingViews.last { $0.label == run.summary.variant }
            return Variant(summary: run.summary, finalObjective: own?.iterations.last?.objective,
                           training: row.map {
                               Training(workers: $0.workers, steadyIterationNanoseconds: $0.steadyIterationNanoseconds,
                                        timeToTargetNanoseconds: $0.timeToTargetNanoseconds)
                           })
        }
    }

    /// True when the run wrote `iterations.csv`: some variant reached an iteration.
    var trained: Bool { variants.contains { $0.finalObjective != nil } }

    /// True when the run wrote `training_scaling.csv`: a comparison has a row per variant
    /// that trained, and exists only with two of them.
    var compared: Bool { variants.contains { $0.training != nil } }
}

import Sim

/// Bounds beyond which a scenario value is taken for a mistake rather than an experiment.
///
/// Each is far above anything the lab is meant to run (the engine's scale target is
/// 10,000 executors and 1,000,000 tasks) but low enough to catch a slipped unit or an
/// extra digit before it turns into hours of simulation or an arithmetic overflow.
public enum ScenarioLimits {
    /// Executors in the cluster, counting generated ones and those added by faults.
    public static let maxExecutors = 1_000_000
    /// Partitions of one stage (also the limit for `partitions` and collective `ranks`).
    public static let maxTasksPerStage = 10_000_000
    /// Cores of one executor.
    public static let maxCoresPerExecutor = 65_536
    /// GPUs of one executor.
    public static let maxGPUsPerExecutor = 1_024
    /// Memory of one executor, GPU memory, and shuffle output of one task: 1 PiB.
    public static let maxBytes = ByteCount(bytes: 1 << 50)
    /// Any duration or instant in a scenario (task work, `at`, `submit_at`, `mtbf`, ...).
    public static let maxDuration = SimDuration.seconds(365 * 86_400)
    /// Jobs of a scripted workload.
    public static let maxJobs = 100_000
    /// Stages of one job.
    public static let maxStagesPerJob = 10_000
    /// Racks, hosts per rack, executors per host of a generated cluster (their product
    /// is also bounded by `maxExecutors`).
    public static let maxLayoutCount = 1_000_000
    /// Pools and resource profiles.
    public static let maxPools = 10_000
    /// Rows and features of synthetic training data.
    public static let maxRows = 1_000_000_000
    /// `represents_rows`: a data set the cost model may stand for (a trillion rows).
    public static let maxRepresentedRows = 1_000_000_000_000
    /// `represents_features`: up to a billion-wide model (8 GB of doubles a gradient).
    public static let maxRepresentedFeatures = 1_000_000_000
    public static let maxFeatures = 1_000_000
    /// Iterations of a training loop.
    public static let maxIterations = 1_000_000
    /// Stage or task attempt numbers a fault may name.
    public static let maxAttempt = 1_000
    /// Seeds per sweep point, and points in a sweep grid.
    public static let maxSeeds = 100_000
    public static let maxSweepPoints = 100_000
    /// Slices of a sweep (`sweep.slices`, `--slices`): a job array of at most this many tasks.
    public static let maxSweepSlices = 10_000
    /// Sweep grids up to this size are validated point by point; larger ones value by value
    /// (each check decodes the whole file again, which a million-executor cluster makes slow).
    public static let sweepPointsValidatedExhaustively = 256
}

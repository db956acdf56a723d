import Engine

/// What the lab needs of a scheduler: the one entry point for its inputs, and the key of
/// each stage it created, so that the simulated executors know which scripted stage a
/// launched task belongs to.
///
/// `SparkScheduler` conforms (by an extension in Lab); tests conform small fakes. Keeping
/// the requirement this small lets the simulated backend be tested without the engine,
/// and lets another scheduler run on the same simulated cluster.
protocol SchedulingEngine: AnyObject {
    /// Spark's event loop: every input, one at a time, never re-entered.
    func handle(_ event: SchedulerEvent)
    /// The `StageSpec.key` of a stage the engine created from a submitted job; nil for a
    /// stage it does not know. Asked once per launched task, at launch.
    func stageKey(of stage: StageID) -> String?
}

/// How the lab builds the engine of a run, once the environment it needs exists.
typealias SchedulingEngineFactory = (EngineRunSettings, SchedulerEnvironment) -> any SchedulingEngine

/// The settings `SparkScheduler.init` takes besides its environment, from the scenario.
struct EngineRunSettings {
    /// Spark's defaults plus the scenario's `spark:` section.
    let conf: SparkConf
    /// FAIR pools from `pools:`, in file order.
    let pools: [Scenario.Pool]
    /// `Scenario.taskMaxFailures` (local mode aware).
    let maxTaskFailures: Int
    /// `engine.shuffle_offers`.
    let shuffleOffers: Bool
    /// Ids of task-only resource profiles (their tasks run on default-profile executors).
    let taskOnlyProfileIDs: [Int]
}

import Engine
import Sim

/// A scenario file, decoded, validated and resolved: every default applied, every unit
/// parsed, every reference checked.
///
/// This is what the runner wires into a simulation. It holds no positions and no YAML
/// (sweep planning gets the YAML tree from the loader, as a `SweepSource`):
/// anything that could be wrong with the file was reported by `ScenarioLoader`, so code
/// that consumes a `Scenario` never has to handle bad input.
public struct Scenario: Sendable, Equatable {
    /// The path as given to the loader (for messages and reports).
    public var file: String
    /// Names the output folder.
    public var name: String
    /// The base seed; every random stream derives from it (default 0).
    public var seed: UInt64
    public var description: String?
    public var cluster: Cluster
    /// Spark's configuration: Spark's defaults plus the `spark:` section.
    public var spark: SparkConf
    /// FAIR pools from `pools:`, in file order (children nested).
    public var pools: [Pool]
    /// Stage-level resource profiles from `resource_profiles:`, in file order.
    public var resourceProfiles: [ResourceProfile]
    public var engine: EngineOptions
    /// What runs on the cluster: one variant named "" for `workload:`, or the `compare:`
    /// variants in file order, each run on the same cluster and seed.
    public var variants: [Variant]
    /// True when the file used `compare:` (the summary's `variant` column is then filled).
    public var isComparison: Bool
    /// Injected faults, in file order.
    public var faults: [Fault]
    /// Each fault's `note:` (why it is injected), aligned with `faults`; empty when none has one.
    public var faultNotes: [String?] = []
    /// The parameter grid, when the file has `sweep:`; nil for a scenario made for one point.
    public var sweep: Sweep?
    /// The grid point this scenario was made for, if any.
    public var sweepPoint: SweepPoint?
    /// The `--set PATH=VALUE` settings the file was loaded with, as typed (reports name them,
    /// since the file alone no longer says what ran).
    public var commandLineSettings: [String] = []

    /// Attempts per task before its task set aborts: Spark's `SparkContext.createTaskScheduler`
    /// passes 1 for `local[N]`, F for `local[N,F]`, and `spark.task.maxFailures` otherwise.
    /// The wiring gives this to the task scheduler, as Spark's constructor argument.
    public var taskMaxFailures: Int {
        if case .master(let master) = cluster.form, let attempts = master.localTaskAttempts {
            return attempts
        }
        return spark.taskMaxFailures
    }

    /// The cluster is Spark's local mode (`local`, `local[N]`, `local[N,F]`), where Spark
    /// ignores `spark.dynamicAllocation.enabled` (`Utils.isLocalMaster`).
    public var runsOnLocalMaster: Bool {
        if case .master(let master) = cluster.form { return master.localTaskAttempts != nil }
        return false
    }

    /// Settings of the `spark:` section that Spark accepts and then ignores on this
    /// cluster, with why: Spark takes them without complaint, so the scenario does too,
    /// and the report says they did nothing.
    public var ignoredSettings: [(key: String, reason: String)] {
        guard case .master(let master) = cluster.form, master.localTaskAttempts != nil,
              spark.settings.contains(where: { $0.key == "spark.task.maxFailures" }) else { return [] }
        return [("spark.task.maxFailures",
                 "Spark's local mode sets the attempts (local[N]: 1, local[N,F]: F), \(master.url) here")]
    }

    /// The seeds to run: `seed`, `seed+1`, ... (`sweep.seeds` of them, or just `seed`).
    public var seeds: [UInt64] {
        let count = sweep?.seeds ?? 1
        return (0..<UInt64(count)).map { seed &+ $0 }
    }

    /// The same scenario with another seed, for running `seeds` one by one.
    public func withSeed(_ seed: UInt64) -> Scenario {
        var copy = self
        copy.seed = seed
        return copy
    }
}

extension Scenario {
    /// How the simulated Spark deployment behaves beyond Spark's own settings.
    public struct EngineOptions: Sendable, Equatable {
        /// Spark shuffles each offer round (seeded stream); false = executor id order,
        /// as Spark's own scheduler tests do.
        public var shuffleOffers: Bool = true
        /// Virtual time from the launch decision to the task starting to run.
        public var taskLaunchOverhead: SimDuration = .zero
        /// `control_plane`: the time Spark's driver and executors spend around jobs,
        /// stages and tasks (`none`: zero, for scenarios whose times must be exact).
        public var controlPlane = ControlPlaneCosts()
        /// How often a task blocked in `barrier()`/`allGather` checks whether the sync is
        /// over (Spark's BarrierTaskContext sleeps 1 s between checks); 0 = at once.
        public var barrierPollInterval: SimDuration = .seconds(1)

        public init() {}
    }

    /// A FAIR scheduler pool, as in Spark's `fairscheduler.xml`.
    public struct Pool: Sendable, Equatable {
        public var name: String
        /// Default 0.
        public var minShare: Int
        /// Default 1.
        public var weight: Int
        /// How this pool orders what it holds (default FIFO, as Spark's pool default).
        public var schedulingMode: SparkConf.SchedulingMode
        /// Child pools, as Spark's `Pool` allows.
        public var pools: [Pool]
    }

    /// Resources each task asks for.
    public struct TaskResources: Sendable, Equatable {
        public var cpus: Int
        /// GPUs per task; a fraction of at most 0.5 shares one GPU address.
        public var gpus: Double
    }

    /// Resources each executor of a profile is launched with.
    public struct ExecutorResources: Sendable, Equatable {
        public var cores: Int
        public var gpus: Int
        public var memory: ByteCount
    }

    /// A Spark stage-level `ResourceProfile`.
    public struct ResourceProfile: Sendable, Equatable {
        public var name: String
        /// Nil for a task-only profile: its tasks run on default-profile executors when
        /// dynamic allocation is off, as Spark's `TaskResourceProfile` does.
        public var executor: ExecutorResources?
        /// Defaults to `spark.task.cpus` and `spark.task.resource.gpu.amount`.
        public var task: TaskResources
    }

    /// One workload to run, named when it comes from `compare:`.
    public struct Variant: Sendable, Equatable {
        /// "" for a scenario with `workload:`; the `variant:` name under `compare:`.
        public var name: String
        public var workload: Workload
    }
}

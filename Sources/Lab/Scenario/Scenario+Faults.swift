import Sim

extension Scenario {
    /// An injected fault. Each is data; the fault plan is built from these before time starts.
    ///
    /// Deliberately not Sim's `FaultSpec`: a scenario fault also covers what only the
    /// engine's backend sees (`task-failure`, `fetch-failure`, named by Spark job and
    /// stage) and holds an added executor as the scenario describes it (profile, cores,
    /// GPUs), while `FaultSpec` is the cluster model's vocabulary. `FaultWiring.spec` is the
    /// one explicit mapping between the two; nothing else converts.
    public enum Fault: Sendable, Equatable {
        /// One task attempt fails.
        case taskFailure(TaskFault)
        /// One task attempt reports a fetch failure for one map output.
        case fetchFailure(FetchFault)
        case executorLost(executor: String, at: SimInstant)
        case hostLost(host: String, at: SimInstant)
        /// The host stops answering and nothing reports it: the driver notices only when a
        /// heartbeat check finds its executors silent for longer than `spark.network.timeout`.
        case hostUnreachable(host: String, at: SimInstant)
        case executorAdded(Executor, at: SimInstant)
        /// Work on `host` runs `slowdown` times slower in [from, until).
        case straggler(host: String, slowdown: Double, from: SimInstant, until: SimInstant?)
        /// `host`'s link runs at `factor` of its rate in [from, until).
        case linkDegraded(host: String, factor: Double, from: SimInstant, until: SimInstant?)
        /// GPU `gpu` (an address) of `executor` breaks at `at` and stays broken. Spark
        /// cannot tell: the executor keeps advertising the address, and every task attempt
        /// holding it fails (the running ones at `at`, later ones as soon as they start).
        case gpuFailed(executor: String, gpu: Int, at: SimInstant)
        /// Each task attempt fails with this probability (seeded stream).
        case randomTaskFailures(probability: Double)
        /// Executors die at random with this mean time between failures.
        case randomExecutorLoss(mtbf: SimDuration, distribution: LossDistribution)

        /// The `kind:` spelling.
        public var kind: String {
            switch self {
            case .taskFailure: return "task-failure"
            case .fetchFailure: return "fetch-failure"
            case .executorLost: return "executor-lost"
            case .hostLost: return "host-lost"
            case .hostUnreachable: return "host-unreachable"
            case .executorAdded: return "executor-added"
            case .straggler: return "straggler"
            case .linkDegraded: return "link-degraded"
            case .gpuFailed: return "gpu-failed"
            case .randomTaskFailures: return "random-task-failures"
            case .randomExecutorLoss: return "random-executor-loss"
            }
        }
    }

    /// One task attempt of one stage attempt; it fires at most once.
    public struct TaskFault: Sendable, Equatable {
        /// As written; nil when the stage name is unique across jobs (then that job).
        public var job: String?
        public var stage: String
        public var partition: Int
        /// Task attempt within the stage attempt (default 0).
        public var attempt: Int
        /// Default 0.
        public var stageAttempt: Int
        /// Fails this long after the attempt starts; nil = when it would have finished.
        public var after: SimDuration?
    }

    /// A task attempt whose shuffle read of one map output fails.
    public struct FetchFault: Sendable, Equatable {
        public var task: TaskFault
        /// As written: a parent of `task.stage`, `job.stage` for a parent in another job.
        public var mapStage: String
        public var mapPartition: Int
    }

    /// How the times between random executor losses are drawn (mean = `mtbf`).
    public enum LossDistribution: Sendable, Equatable {
        case exponential
        case weibull(shape: Double)
    }

    /// A parameter grid: every combination is one run per seed.
    public struct Sweep: Sendable, Equatable {
        /// In file order; the first varies slowest.
        public var parameters: [SweepParameter]
        /// Seeds per point: `seed`, `seed+1`, ... (default 1).
        public var seeds: Int
        /// `slices` (sparksim): how many slices `--emit` and `--merge` cut the sweep into
        /// (nil: `--slices`, else `SweepShards.defaultCount`).
        public var slices: Int? = nil
        /// `parallel` (sparksim): at most this many slices running at once under a batch
        /// scheduler (nil: `--parallel`, else no limit).
        public var parallel: Int? = nil

        /// Every combination, first parameter slowest, in a fixed order.
        public var points: [SweepPoint] {
            var points: [[SweepAssignment]] = [[]]
            for parameter in parameters {
                points = points.flatMap { prefix in
                    parameter.values.map { prefix + [SweepAssignment(path: parameter.path, value: $0)] }
                }
            }
            return points.enumerated().map { SweepPoint(index: $0.offset, assignments: $0.element) }
        }
    }

    /// One swept key and its values.
    public struct SweepParameter: Sendable, Equatable {
        /// A dotted path: `cluster.racks`, `spark.locality.wait`, `engine.shuffle_offers`,
        /// `workload.partitions`, ...
        public var path: String
        /// The values as written in the file.
        public var values: [String]
        /// Where the path was written (positions of inserted keys when re-decoding).
        var keyPosition: SourcePosition
        /// The value nodes, applied to the document for a point.
        var valueNodes: [SourceNode]
    }

    /// One key set to one value for a grid point.
    public struct SweepAssignment: Sendable, Equatable {
        public var path: String
        public var value: String
    }

    /// One point of the grid.
    public struct SweepPoint: Sendable, Equatable, CustomStringConvertible {
        /// Position in `Sweep.points`.
        public var index: Int
        public var assignments: [SweepAssignment]

        /// `cluster.racks=2 spark.locality.wait=0s`.
        public var description: String {
            assignments.map { "\($0.path)=\($0.value)" }.joined(separator: " ")
        }
    }
}

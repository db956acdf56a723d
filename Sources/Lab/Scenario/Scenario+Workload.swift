import OrderedCollections
import Sim

extension Scenario {
    /// What runs on the engine.
    public enum Workload: Sendable, Equatable {
        case scripted(ScriptedWorkload)
        case collective(CollectiveWorkload)
        case logisticRegression(LogisticRegressionWorkload)
        case deepLearning(DeepLearningWorkload)
        case kMeans(KMeansWorkload)
        case gradientBoostedTrees(GradientBoostedTreesWorkload)
        /// Several workloads one after another in one Spark application (`kind: application`).
        indirect case application(ApplicationWorkload)

        /// The `kind:` spelling.
        public var kind: String {
            switch self {
            case .scripted: return "scripted"
            case .collective: return "collective"
            case .logisticRegression: return "logistic-regression"
            case .deepLearning: return "deep-learning"
            case .kMeans: return "kmeans"
            case .gradientBoostedTrees: return "gbt"
            case .application: return "application"
            }
        }
    }

    /// One Spark application running its phases in order on one cluster and timeline: a
    /// phase starts when the previous phase's last job has ended (succeeded or failed).
    public struct ApplicationWorkload: Sendable, Equatable {
        /// Each a workload that submits Spark jobs (scripted or training), in order.
        public var phases: [Workload]

        /// The scripted phases' jobs as one workload: job names are unique across the
        /// application, so task-level faults name their stages as in one scripted workload.
        public var scriptedJobs: ScriptedWorkload {
            ScriptedWorkload(jobs: phases.flatMap { phase -> [Job] in
                if case .scripted(let scripted) = phase { return scripted.jobs }
                return []
            })
        }
    }

    /// Jobs of stages with given durations: the workload for scheduler experiments.
    public struct ScriptedWorkload: Sendable, Equatable {
        /// In file order, which is the order jobs submitted at one instant reach the scheduler.
        public var jobs: [Job]
        /// `stop_after:` the driver stops the application this long after its last job
        /// ended (after time 0 when it runs none); nil: the application ends with its last
        /// job. The run's makespan includes it.
        public var stopAfter: SimDuration? = nil
    }

    /// One Spark job.
    public struct Job: Sendable, Equatable {
        /// From the file, or `job<N>` (N = index in the list) when absent.
        public var name: String
        /// When the job is submitted (default 0), unless `after` is set.
        public var submitAt: SimInstant
        /// The job whose end triggers this one's submission (`after:`); it is listed earlier.
        public var after: String?
        /// With `after`: the driver program's own time between that job's end and this
        /// submission (`driver_time:`); nil = `engine.control_plane.action_gap`.
        public var driverTime: SimDuration? = nil
        /// The FAIR pool (`spark.scheduler.pool`); nil = `SparkConf.schedulerPool`. A name
        /// not in `pools:` gets a new pool (minShare 0, weight 1, FIFO), as in Spark.
        public var pool: String?
        /// `map_stage: true`: the job runs its last stage as a shuffle-map stage only
        /// (Spark's `submitMapStage`, how adaptive query execution runs an exchange).
        public var isMapStageJob = false
        /// Parents first.
        public var stages: [Stage]
    }

    /// A stage reference, fully qualified: `job0.map` is `StageRef(job: "job0", stage: "map")`.
    public struct StageRef: Sendable, Equatable, Hashable, CustomStringConvertible {
        public var job: String
        public var stage: String
        public var description: String { "\(job).\(stage)" }
    }

    /// A value given once for all partitions or once per partition.
    public enum PerPartition<Value: Sendable & Equatable>: Sendable, Equatable {
        case uniform(Value)
        /// Exactly one value per partition.
        case each([Value])

        /// The value of partition `index`.
        public subscript(index: Int) -> Value {
            switch self {
            case .uniform(let v): return v
            case .each(let values): return values[index]
            }
        }
    }

    /// One stage of a scripted job.
    public struct Stage: Sendable, Equatable {
        /// From the file, or `stage<N>` (N = index within its job) when absent.
        public var name: String
        /// Number of partitions (tasks), at least 1.
        public var tasks: Int
        /// Work per task (blocked time in syncs is not work).
        public var duration: PerPartition<SimDuration>
        /// Per partition: hosts holding its input (NODE_LOCAL there); nil = no preference.
        public var preferredHosts: [[String]]?
        /// Per partition: executors caching its input (PROCESS_LOCAL there, NODE_LOCAL on
        /// their hosts); nil = none.
        public var preferredExecutors: [[String]]?
        /// Shuffle output per task (default 0).
        public var outputBytes: PerPartition<ByteCount>
        /// Shuffle dependencies, each defined earlier in the file.
        public var parents: [StageRef]
        /// Barrier execution mode.
        public var barrier: Bool
        /// Per-task resources from `resources:`; nil = the stage's profile's (default:
        /// `spark.task.cpus`, `spark.task.resource.gpu.amount`).
        public var resources: TaskResources?
        /// A `resource_profiles:` name for stage-level scheduling; nil = default profile.
        public var resourceProfile: String?
        /// Barrier stages only: the calls each task makes.
        public var syncs: [Sync]
        /// Barrier stages only: per-partition replacements of `syncs`, sorted by partition.
        public var partitionSyncs: OrderedDictionary<Int, [Sync]>

        /// Per partition, the part of its duration that needs a physical core (the rest
        /// waits: sleeps, I/O, round trips); nil = all of it. Only a host with
        /// `cluster.cpu.physical_cores` tells the two apart.
        public var cpu: PerPartition<SimDuration>? = nil
        /// The tasks run Python code (PySpark): each takes an idle Python worker of its
        /// executor, or starts one (`engine.control_plane.python_worker_startup`).
        public var python = false

        /// The calls partition `index` makes.
        public func syncs(forPartition index: Int) -> [Sync] {
            partitionSyncs[index] ?? syncs
        }
    }

    /// A `BarrierTaskContext` call made after some of the task's own work.
    public struct Sync: Sendable, Equatable {
        /// Work done before the call, from the task's start.
        public var after: SimDuration
        public var call: SyncCall
    }

    /// `BarrierTaskContext.barrier()` or `BarrierTaskContext.allGather()`.
    public enum SyncCall: String, Sendable, Equatable {
        case barrier
        case allGather
    }

    /// One collective operation on the simulated network, as nccl-tests measures one.
    public struct CollectiveWorkload: Sendable, Equatable {
        /// Sim's algorithm; `algorithm:` accepts the allreduce ones by their raw values.
        public var algorithm: CollectiveAlgorithm
        /// Per rank.
        public var bytes: ByteCount
        public var participants: Participants

        public enum Participants: Sendable, Equatable {
            /// One rank per host, hosts taken in `Cluster.hosts` order.
            case ranks(Int)
            /// Independent groups at the same time; list order = rank order.
            case groups([[String]])
        }
    }

    /// Logistic regression, trained MLlib-style or barrier/allreduce-style.
    public struct LogisticRegressionWorkload: Sendable, Equatable {
        public var style: TrainingStyle
        public var data: TrainingData
        /// Task-parallel: one task per partition; barrier: one task per worker.
        public var partitions: Int
        public var solver: Solver
        /// Default 100 (MLlib's `maxIter`).
        public var maxIter: Int
        /// Default 1e-6 (MLlib's `tol`).
        public var tol: Double
        /// Default 0 (MLlib's `regParam`).
        public var regParam: Double
        /// `represents_features` (sparksim): the model's width the cost model charges for,
        /// as a wide sparse model has it: gradients, broadcasts, the driver's update and
        /// checkpoints are `represents_features + 1` doubles, while each row keeps its
        /// `data.features` values (its nonzeros), so per-row compute and exchange are
        /// unchanged. Nil: the data's width.
        public var representsFeatures: Int?
        /// Optional cost keys (`allreduce`, `sync`, `python_worker_startup`, `exchange`,
        /// `checkpoint_every`).
        public var options = TrainingOptions()

        public typealias TrainingStyle = Scenario.TrainingStyle

        public init(style: TrainingStyle, data: TrainingData, partitions: Int, solver: Solver, maxIter: Int, tol: Double,
                    regParam: Double, representsFeatures: Int? = nil) {
            self.style = style
            self.data = data
            self.partitions = partitions
            self.solver = solver
            self.maxIter = maxIter
            self.tol = tol
            self.regParam = regParam
            self.representsFeatures = representsFeatures
        }

        public enum Solver: String, Sendable, Equatable, CaseIterable {
            case lbfgs
            case gd
        }

        public enum TrainingData: Sendable, Equatable {
            /// Read when the scenario was decoded; its header has the label column.
            case csv(DataFile)
            case synthetic(rows: Int, features: Int)
        }
    }
}

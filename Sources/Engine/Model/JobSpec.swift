/// What a task of a stage asks for: CPUs, and GPUs (fractional amounts share an address,
/// as `spark.task.resource.gpu.amount: 0.25` lets four tasks share one GPU).
public struct TaskResourceRequest: Hashable, Sendable {
    public var cpus: Int
    public var gpus: Double

    public init(cpus: Int, gpus: Double = 0) {
        precondition(cpus >= 1 && gpus >= 0, "TaskResourceRequest: cpus \(cpus), gpus \(gpus)")
        self.cpus = cpus
        self.gpus = gpus
    }
}

/// One stage as a workload describes it: Spark builds stages from an RDD lineage; a
/// workload here gives them directly, parents first.
///
/// `key` identifies the stage across jobs: two jobs that list a parent with the same key
/// share one shuffle-map stage, as two Spark jobs over the same shuffle dependency do (a
/// job submitted after it completed skips it).
public struct StageSpec: Hashable, Sendable {
    /// Unique across the run, e.g. `job0.map`.
    public var key: String
    /// The name reported in traces, e.g. `map`.
    public var name: String
    /// The job that defined the stage (traces report stages with their job).
    public var jobName: String
    public var partitions: Int
    /// Keys of the shuffle-map stages this stage reads (its shuffle dependencies).
    public var parents: [String]
    /// Per partition; empty (or an empty list for a partition) = no preference. Reduce
    /// stages get Spark's reduce-locality preferences from map output sizes on top.
    public var preferredLocations: [[TaskLocation]]
    /// Barrier execution mode (SPARK-24374).
    public var isBarrier: Bool
    public var resources: TaskResourceRequest
    /// The stage-level resource profile (0 = Spark's default profile).
    public var resourceProfile: Int

    public init(key: String, name: String, jobName: String, partitions: Int, parents: [String] = [],
                preferredLocations: [[TaskLocation]] = [], isBarrier: Bool = false,
                resources: TaskResourceRequest = TaskResourceRequest(cpus: 1), resourceProfile: Int = 0) {
        precondition(partitions >= 1, "StageSpec \(key): \(partitions) partitions")
        precondition(preferredLocations.isEmpty || preferredLocations.count == partitions,
                     "StageSpec \(key): preferences for \(preferredLocations.count) of \(partitions) partitions")
        self.key = key
        self.name = name
        self.jobName = jobName
        self.partitions = partitions
        self.parents = parents
        self.preferredLocations = preferredLocations
        self.isBarrier = isBarrier
        self.resources = resources
        self.resourceProfile = resourceProfile
    }
}

/// A job: its stages, parents first; the last one is the result stage, the others are
/// shuffle-map stages (or references to shuffle-map stages of earlier jobs, by key).
public struct JobSpec: Hashable, Sendable {
    public var name: String
    /// The FAIR pool (`spark.scheduler.pool`); nil = `default`.
    public var pool: String?
    public var stages: [StageSpec]
    /// A map-stage job (`SparkContext.submitMapStage`, which adaptive query execution uses
    /// to run each exchange as its own job): its last stage is a shuffle-map stage and the
    /// job succeeds once all of that stage's map outputs exist.
    public var isMapStageJob: Bool

    public init(name: String, pool: String? = nil, stages: [StageSpec], isMapStageJob: Bool = false) {
        precondition(!stages.isEmpty, "JobSpec \(name): no stages")
        self.name = name
        self.pool = pool
        self.stages = stages
        self.isMapStageJob = isMapStageJob
    }

    public var resultStage: StageSpec { stages[stages.count - 1] }
}

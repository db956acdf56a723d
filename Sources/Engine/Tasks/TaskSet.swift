/// The tasks of one stage attempt, handed from the DAG scheduler to the task scheduler
/// (Spark's `TaskSet`).
///
/// Only the partitions still to run are listed: a resubmitted stage attempt carries the
/// missing partitions only. The position of a task in `tasks` is its *index* (Spark's
/// `TaskInfo.index`), which abort messages and attempt names use ("task 0.3 in stage 0.0").
public struct TaskSet: Hashable, Sendable {
    public var stage: StageAttemptID
    /// FIFO priority: the job id, then the stage id (Spark's `TaskSet.priority`).
    public var jobID: JobID
    /// For traces.
    public var jobName: String
    public var stageName: String
    /// FAIR pool name (`spark.scheduler.pool`), `default` when none.
    public var pool: String
    /// Only the partitions to run in this attempt, in index order.
    public var tasks: [TaskSpec]
    /// Barrier execution mode (SPARK-24374): all tasks launch in one round or none do.
    public var isBarrier: Bool
    public var resources: TaskResourceRequest
    /// The stage-level resource profile (0 = Spark's default profile).
    public var resourceProfile: Int

    public init(stage: StageAttemptID, jobID: JobID, jobName: String, stageName: String, pool: String = "default",
                tasks: [TaskSpec], isBarrier: Bool = false,
                resources: TaskResourceRequest = TaskResourceRequest(cpus: 1), resourceProfile: Int = 0) {
        precondition(!tasks.isEmpty, "TaskSet \(stage): no tasks")
        self.stage = stage
        self.jobID = jobID
        self.jobName = jobName
        self.stageName = stageName
        self.pool = pool
        self.tasks = tasks
        self.isBarrier = isBarrier
        self.resources = resources
        self.resourceProfile = resourceProfile
    }

    /// Spark's `TaskSet.id`: `"<stageId>.<stageAttemptId>"`, as in "stage 0.0".
    public var id: String { "\(stage.stage.rawValue).\(stage.attempt)" }
}

/// One task of a task set (Spark's `Task`, reduced to what scheduling reads).
public struct TaskSpec: Hashable, Sendable {
    public var partition: Int
    /// Empty = no preference (the task goes to the no-pref queue).
    public var preferredLocations: [TaskLocation]
    /// A `ShuffleMapTask`: its output dies with its executor when there is no external
    /// shuffle service, so the task set re-runs it on executor loss.
    public var isShuffleMap: Bool

    public init(partition: Int, preferredLocations: [TaskLocation] = [], isShuffleMap: Bool = false) {
        self.partition = partition
        self.preferredLocations = preferredLocations
        self.isShuffleMap = isShuffleMap
    }
}

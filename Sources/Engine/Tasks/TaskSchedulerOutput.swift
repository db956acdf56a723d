/// What the task scheduler tells the DAG scheduler (Spark's calls from `TaskSetManager`
/// and `TaskSchedulerImpl` into `DAGScheduler`), in the order Spark makes them.
public enum TaskSchedulerNotification: Hashable, Sendable {
    /// `DAGScheduler.taskStarted`: an attempt was launched.
    case taskStarted(TaskDescription)
    /// `DAGScheduler.taskEnded`: an attempt ended (success carries the map status).
    /// A speculative twin that succeeded after the other attempt won is reported
    /// `.killed("Finish but did not commit due to another attempt succeeded")` (SPARK-13343).
    case taskEnded(TaskDescription, TaskEndReason)
    /// `DAGScheduler.taskEnded` with Spark's `Resubmitted` reason: a successful shuffle-map
    /// task's output was lost with its executor (no external shuffle service), so the
    /// partition is pending again and the task set will run it once more.
    case taskResubmitted(TaskDescription)
    /// `DAGScheduler.taskSetFailed`: the task set aborted (e.g. a task failed
    /// `spark.task.maxFailures` times); the message is Spark's, without the job prefix.
    case taskSetFailed(StageAttemptID, message: String)
    /// `DAGScheduler.speculativeTaskSubmitted`: a partition was marked speculatable.
    case speculativeTaskSubmitted(StageAttemptID, partition: Int)
    /// `DAGScheduler.executorAdded`.
    case executorAdded(ExecutorID, host: HostID)
    /// `DAGScheduler.executorLost`: sent once, when a live executor is removed (also when
    /// its loss reason is still pending); the reason says whether its host went with it.
    case executorLost(ExecutorID, reason: ExecutorLossReason)
}

/// What the task scheduler asks of the cluster backend (Spark's `SchedulerBackend` calls).
public enum TaskSchedulerAction: Hashable, Sendable {
    /// `SchedulerBackend.killTask`.
    case killTask(TaskID, executor: ExecutorID, reason: String)
    /// `SchedulerBackend.reviveOffers`: Spark asks for an offer round of all executors here
    /// (after a submission, a failed task that must re-run, an executor loss, a speculation
    /// check that marked a task). The glue may instead follow docs/scenario.md's offer rules.
    case reviveOffers
}

/// One output of the task scheduler, in the order it was produced; the glue drains them
/// with `TaskScheduler.drainOutputs()` after each call and performs them in order.
public enum TaskSchedulerOutput: Hashable, Sendable {
    case notification(TaskSchedulerNotification)
    case action(TaskSchedulerAction)
    /// Task-level trace rows (`task-launched`, `task-finished`, `task-failed`,
    /// `task-killed`); executor, job and stage rows belong to the glue and the DAG.
    case trace(SchedulerTraceEvent)
}

/// The ordered list the task scheduler and its task set managers append to.
struct TaskSchedulerOutbox {
    var items: [TaskSchedulerOutput] = []

    mutating func notify(_ notification: TaskSchedulerNotification) { items.append(.notification(notification)) }
    mutating func act(_ action: TaskSchedulerAction) { items.append(.action(action)) }
    mutating func trace(_ event: SchedulerTraceEvent) { items.append(.trace(event)) }
}

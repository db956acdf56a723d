/// What the DAG scheduler decided, for its caller to carry out, in the order Spark's
/// `DAGScheduler` performs the same calls (STYLE.md habit 6: decisions are values).
///
/// The DAG scheduler never talks to the task scheduler, the timers or the trace itself:
/// each handler returns these actions and the glue (`SparkScheduler`) performs them in
/// order.
public enum DAGAction: Hashable, Sendable {
    /// Hand a new stage attempt's tasks to the task scheduler (`TaskScheduler.submitTasks`).
    /// Spark makes the stage's earlier attempt a zombie when a new one is submitted.
    case submitTaskSet(TaskSet)
    /// Kill every running attempt of every task set of the stage and stop them launching
    /// more (`TaskScheduler.killAllTaskAttempts`, which in Spark 4.x also suspends the
    /// stage's task set managers, i.e. makes them zombies).
    case killAllTaskAttempts(StageID, reason: String)
    /// A partition of the stage finished in an older attempt: the current attempt need not
    /// run it (`TaskScheduler.notifyPartitionCompletion`, SPARK-23433/SPARK-25250).
    case notifyPartitionCompletion(StageID, partition: Int)
    /// Ask for an engine timer (`RESUBMIT_TIMEOUT` after a fetch or barrier failure, the
    /// barrier slot-check retry).
    case scheduleTimer(EngineTimer, at: EngineInstant)
    /// A row for trace.csv.
    case trace(SchedulerTraceEvent)
    /// A job ended (`JobListener.jobFailed` / `SparkListenerJobEnd`); `message` is the
    /// failure's text (nil on success).
    case jobEnded(JobID, name: String, succeeded: Bool, message: String?)
}

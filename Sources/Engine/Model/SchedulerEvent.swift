/// Every input to the scheduler, as one closed enum through one entry point
/// (`SparkScheduler.handle`), as Spark's `DAGSchedulerEvent` funnels its inputs.
public enum SchedulerEvent: Hashable, Sendable {
    /// A job reaches the scheduler (Spark's `JobSubmitted`).
    case submitJob(JobSpec)
    /// An executor registered (Spark's `ExecutorAdded` + backend registration).
    case executorAdded(ExecutorInfo)
    /// An executor went away (Spark's `ExecutorLost` / `executorLost` on the task scheduler).
    case executorLost(ExecutorID, ExecutorLossReason)
    /// The executor reports the task running (Spark's `statusUpdate(RUNNING)`).
    case taskRunning(TaskID)
    /// The executor reports the task ended (Spark's `statusUpdate(FINISHED|FAILED|KILLED|LOST)`).
    case taskEnded(TaskID, TaskEndReason)
    /// A timer the engine asked for is due.
    case timer(EngineTimer)
}

/// The engine's own timers: Spark's private timer threads, as data.
public enum EngineTimer: Hashable, Sendable {
    /// `spark.scheduler.revive.interval`: offer all free resources.
    case revive
    /// An offer round requested for the current instant (task end, submission, executor
    /// added), run after every event already pending at this instant.
    case offerRound
    /// `spark.speculation.interval`: look for speculatable tasks.
    case speculationCheck
    /// `DAGScheduler.RESUBMIT_TIMEOUT` (200 ms) after a fetch failure.
    case resubmitFailedStages
    /// `spark.scheduler.barrier.maxConcurrentTasksCheck.interval`: retry a barrier job's slot check.
    case barrierSlotCheck(JobID)
}

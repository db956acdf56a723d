/// Task ends: success, failure, abort (Spark's `handleSuccessfulTask`, `handleFailedTask`,
/// `abort`, `markPartitionCompleted`, `suspend`).
extension TaskSetManager {
    /// Spark's reason for a twin that finished after another attempt won (SPARK-13343).
    static let didNotCommitReason = "Finish but did not commit due to another attempt succeeded"
    /// Spark's kill reason for the losing attempts of a task.
    static let anotherAttemptSucceeded = "another attempt succeeded"

    /// Marks the attempt successful, kills its running twins and tells the DAG scheduler
    /// (`handleSuccessfulTask`). A twin killed because another attempt won that still
    /// reports success is handled as killed (SPARK-13343); a second report is ignored
    /// (SPARK-37300).
    func handleSuccessfulTask(_ tid: TaskID, result: TaskEndReason, now: EngineInstant,
                                       cluster: ExecutorRegistry, outbox: inout TaskSchedulerOutbox) {
        guard let slot = slot(of: tid) else { preconditionFailure("\(tid) is not in task set \(taskSet.id)") }
        guard attempts[slot].isRunning else { return }
        let index = attempts[slot].index
        if progress[index].successful && killedByOtherAttempt.contains(tid) {
            _ = handleFailedTask(tid, reason: .killed(Self.didNotCommitReason), now: now, cluster: cluster,
                                 outbox: &outbox)
            return
        }
        attempts[slot].markFinished(.finished, at: now)
        if config.speculation.enabled { successfulTaskDurations.insert(attempts[slot].duration.nanoseconds) }
        runningTasksSet.remove(slot: slot)
        var other = progress[index].lastAttempt  // the attempts of the index, newest first
        while other >= 0 {
            if attempts[other].isRunning {
                killedByOtherAttempt.insert(attempts[other].taskID)
                outbox.act(.killTask(attempts[other].taskID, executor: attempts[other].executor,
                                     reason: Self.anotherAttemptSucceeded))
            }
            other = attempts[other].previousAttempt
        }
        if !progress[index].successful {
            tasksSuccessful += 1
            progress[index].successful = true
            progress[index].failures = 0
            if tasksSuccessful == numTasks { isZombie = true }
        }
        let task = description(ofSlot: slot)
        outbox.trace(traceEvent(.taskFinished, task: task, now: now))
        outbox.notify(.taskEnded(task, result))
    }

    /// What a failure asks of the task scheduler beyond the task set.
    struct FailureEffects {
        /// A fetch failure from this block manager (for application-level exclusion).
        var fetchFailure: (host: HostID, executor: ExecutorID)?
    }

    /// Marks the attempt failed, tells the DAG scheduler, counts the failure if it counts,
    /// aborts the task set after `maxTaskFailures`, and re-queues the task
    /// (`handleFailedTask`). A fetch failure makes the set a zombie and marks the task
    /// done here (the map stage must run again first); a barrier task's failure makes the
    /// set a zombie.
    /// - Parameter endTraced: the attempt's end row was written already (when its
    ///   executor reported it, `traceEnd`), so it is not written again.
    @discardableResult
    func handleFailedTask(_ tid: TaskID, reason: TaskEndReason, now: EngineInstant,
                                   cluster: ExecutorRegistry, outbox: inout TaskSchedulerOutbox,
                                   endTraced: Bool = false) -> FailureEffects {
        guard let slot = slot(of: tid) else { preconditionFailure("\(tid) is not in task set \(taskSet.id)") }
        var effects = FailureEffects()
        guard attempts[slot].isRunning else { return effects }
        // Whoever handles the failure first (the result getter, or an executor loss that
        // finds the attempt still running, as Spark's `executorLost` does before the
        // getter's thread gets to it) writes no second end row.
        let alreadyTraced = endTraced || attempts[slot].endTraced
        runningTasksSet.remove(slot: slot)
        let killed: Bool
        if case .killed = reason { killed = true } else { killed = false }
        attempts[slot].markFinished(killed ? .killed : .failed, at: now)
        let info = attempts[slot]
        let index = info.index
        progress[index].copiesRunning -= 1
        let failureReason = "Lost task \(info.id) in stage \(taskSet.id) (TID \(tid.rawValue)) "
            + "(\(info.host) executor \(info.executor)): \(reason.description)"
        if case .fetchFailed(_, _, let executor, let host, _) = reason {
            if !progress[index].successful {
                progress[index].successful = true
                tasksSuccessful += 1
            }
            isZombie = true
            effects.fetchFailure = (host, executor)
        }
        if isBarrier { isZombie = true }
        let task = description(ofSlot: slot)
        if !alreadyTraced { traceEnd(tid, reason: reason, now: now, outbox: &outbox) }
        outbox.notify(.taskEnded(task, reason))
        if !isZombie && reason.countsTowardTaskFailures {
            excludelist?.updateExcludedForFailedTask(host: info.host, executor: info.executor, index: index,
                                                     failureReason: failureReason, now: now)
            progress[index].failures += 1
            if progress[index].failures >= config.maxTaskFailures {
                abort("Task \(index) in stage \(taskSet.id) failed \(config.maxTaskFailures) times, "
                      + "most recent failure: \(failureReason)\nDriver stacktrace:", outbox: &outbox)
                return effects
            }
        }
        if !progress[index].successful { addPendingTask(index, speculatable: false, cluster: cluster) }
        return effects
    }

    /// Fails the task set: the DAG scheduler hears `taskSetFailed`; no more launches.
    func abort(_ message: String, outbox: inout TaskSchedulerOutbox) {
        outbox.notify(.taskSetFailed(taskSet.stage, message: message))
        isZombie = true
    }

    /// Stops launching without telling the DAG scheduler, which already knows (Spark's
    /// `suspend`, from `killAllTaskAttempts`).
    func suspend() { isZombie = true }

    /// Another attempt of the stage finished this partition: it need not run here
    /// (`markPartitionCompleted`).
    func markPartitionCompleted(_ partition: Int) {
        if partitionToIndex == nil {
            partitionToIndex = Dictionary(taskSet.tasks.enumerated().map { ($1.partition, $0) },
                                          uniquingKeysWith: { first, _ in first })
        }
        guard let index = partitionToIndex![partition], !progress[index].successful else { return }
        tasksSuccessful += 1
        progress[index].successful = true
        progress[index].failures = 0
        if tasksSuccessful == numTasks { isZombie = true }
    }
}

extension TaskSetManager {
    /// The end row of a failed or killed attempt (`task-failed`, `task-killed`): written
    /// when its executor reports it, the instant its resources are free.
    func traceEnd(_ tid: TaskID, reason: TaskEndReason, now: EngineInstant,
                           outbox: inout TaskSchedulerOutbox) {
        guard let slot = slot(of: tid) else { preconditionFailure("\(tid) is not in task set \(taskSet.id)") }
        precondition(!attempts[slot].endTraced, "\(tid): its end is traced twice")
        attempts[slot].endTraced = true
        let killed: Bool
        if case .killed = reason { killed = true } else { killed = false }
        outbox.trace(traceEvent(killed ? .taskKilled : .taskFailed, task: description(ofSlot: slot), now: now,
                                detail: reason.traceDetail))
    }
}

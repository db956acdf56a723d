/// Task ends as Spark's coarse-grained backend and result-getter threads order them.
///
/// `CoarseGrainedSchedulerBackend` handles a `StatusUpdate` by calling
/// `TaskSchedulerImpl.statusUpdate`, which frees the attempt (`cleanupTaskState`,
/// `removeRunningTask`) and hands a failure to a result-getter thread
/// (`TaskResultGetter.enqueueFailedTask`), then offers the freed executor at once
/// (`makeOffers(executorId)`). The failed attempt goes back to its pending list
/// (`handleFailedTask`) and offers are revived only when that thread gets to it: so the
/// freed slot goes first to another pending task, if any (real Spark 4.3 run c).
extension TaskScheduler {
    /// An ended attempt whose failure is not handled yet.
    struct DeferredFailure {
        let slot: Int
        /// The task set it belongs to (the slot may have been reused by then).
        let stage: StageAttemptID
        let task: TaskID
        let reason: TaskEndReason
    }

    /// The executor reports the attempt ended: what it held is free now and a success is
    /// handled now; a failure waits for `handleDeferredFailures` (the result-getter
    /// thread), after the offer the freed slot gets. True when a failure waits.
    public mutating func taskEndedViaResultGetter(_ tid: TaskID, reason: TaskEndReason,
                                                  now: EngineInstant) -> Bool {
        if case .success = reason {
            taskEnded(tid, reason: reason, now: now)
            return false
        }
        resources.release(tid)
        guard let slot = trackedSlot(of: tid) else { return false }
        cleanupTaskState(tid)
        let before = managers[slot]!.runningTasks
        managers[slot]!.removeRunningTask(tid)
        pools.adjustRunningTasks(from: managers[slot]!.pool, by: managers[slot]!.runningTasks - before)
        // The end is in the trace when the slot is free, so the trace's occupancy never
        // shows the freed core taken twice; what follows from it comes later.
        managers[slot]!.traceEnd(tid, reason: reason, now: now, outbox: &outbox)
        deferredFailures.append(DeferredFailure(slot: slot, stage: managers[slot]!.taskSet.stage, task: tid,
                                                reason: reason))
        return true
    }

    /// The result-getter thread handles the first waiting failure: the attempt goes back
    /// to its pending list (or fails its task set), and offers are revived for a task that
    /// must run again (`handleFailedTask`). False when none was waiting. The caller lets
    /// the DAG scheduler react before the next (one status at a time, as Spark's getter
    /// posts each to the DAG scheduler's event loop).
    public mutating func handleNextDeferredFailure(now: EngineInstant) -> Bool {
        guard !deferredFailures.isEmpty else { return false }
        // Taken off first: a task set with failures still waiting stays until they are.
        let failure = deferredFailures.removeFirst()
        guard let manager = managers[failure.slot], manager.taskSet.stage == failure.stage else { return true }
        let before = manager.runningTasks
        let effects = managers[failure.slot]!.handleFailedTask(failure.task, reason: failure.reason, now: now,
                                                               cluster: registry, outbox: &outbox, endTraced: true)
        if let fetch = effects.fetchFailure {
            healthTracker?.updateExcludedForFetchFailure(host: fetch.host, executor: fetch.executor, now: now)
        }
        if !managers[failure.slot]!.isZombie && !managers[failure.slot]!.someAttemptSucceeded(failure.task) {
            outbox.act(.reviveOffers)
        }
        settle(failure.slot, runningBefore: before, now: now)
        return true
    }
}

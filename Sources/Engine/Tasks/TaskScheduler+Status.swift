/// Executor changes, task status updates and speculation checks (Spark's
/// `TaskSchedulerImpl.executorAdded`, `executorLost`/`removeExecutor`, `statusUpdate`,
/// `handleSuccessfulTask`/`handleFailedTask`, `checkSpeculatableTasks`).
extension TaskScheduler {
    /// Registers an executor: its resources are offered from now on, and the next round
    /// recomputes every schedulable task set's locality levels (Spark's `newExecAvail`).
    public mutating func executorAdded(_ info: ExecutorInfo, now: EngineInstant) {
        register(info, bookResources: true)
    }

    /// Registers an executor; with `bookResources` its cores and GPUs are tracked for
    /// `makeOffers` (executors first seen in a caller's offer are not: the caller owns
    /// their resources, as Spark's tests passing ad-hoc `WorkerOffer`s do).
    mutating func register(_ info: ExecutorInfo, bookResources: Bool) {
        let change = registry.add(info.id, host: info.host, rack: info.rack, profile: info.resourceProfile)
        if bookResources {
            let number = registry.number(of: info.id)!
            resources.add(info, number: number, hostNumber: registry.hostNumber(ofExecutor: number))
        }
        for slot in managers.indices where managers[slot] != nil { managers[slot]!.livenessChanged(change) }
        newExecutorAvailable = true
        outbox.notify(.executorAdded(info.id, host: info.host))
    }

    /// Removes an executor (`executorLost` → `removeExecutor`).
    ///
    /// Its running attempts are forgotten at once (their later reports are ignored). With
    /// a pending reason the task sets are not told yet: their attempts neither fail nor
    /// re-queue until the real reason arrives (a second call). Otherwise every task set,
    /// zombies included, re-queues what it lost; the DAG scheduler hears of a live
    /// executor's loss once.
    public mutating func executorLost(_ id: ExecutorID, reason: ExecutorLossReason, now: EngineInstant) {
        let wasAlive = registry.isExecutorAlive(id)
        guard wasAlive || registry.executorHost[id] != nil else { return }
        let isPending = reason == .pending
        let (tasks, change) = registry.remove(id, keepHost: isPending)
        for tid in tasks { cleanupTaskState(tid) }
        if let number = registry.number(of: id) {
            if isPending { resources.disable(number) } else { resources.remove(number) }
        }
        if let change {
            for slot in managers.indices where managers[slot] != nil { managers[slot]!.livenessChanged(change) }
        }
        if !isPending {
            for slot in pools.managersInTreeOrder() {
                let before = managers[slot]!.runningTasks
                managers[slot]!.executorLost(id, reason: reason, now: now, cluster: registry, outbox: &outbox)
                settle(slot, runningBefore: before, now: now)
            }
        }
        healthTracker?.handleRemovedExecutor(id)
        if wasAlive {
            outbox.notify(.executorLost(id, reason: reason))
            outbox.act(.reviveOffers)
        }
    }

    /// The executor reports the attempt RUNNING: it is no longer "launching" (SPARK-39955).
    public mutating func taskRunning(_ tid: TaskID) {
        guard let slot = trackedSlot(of: tid), let attempt = managers[slot]!.slot(of: tid) else { return }
        managers[slot]!.attempts[attempt].launching = false
    }

    /// Starts loading what a task end on executor `number` will touch first (its cells in
    /// the registry and the resource book), so that those loads overlap the ones the end
    /// begins with (the TID's own records) instead of waiting behind them. Changes nothing;
    /// `mutating` only so that the scheduler is read in place (see
    /// `executorNumberInPlace(ofLaunched:)`).
    mutating func prefetchForTaskEnd(onExecutor number: Int32) {
        registry.prefetchCell(ofNumber: number)
        resources.prefetchCell(ofNumber: number)
    }

    /// The executor reports the attempt ended (`statusUpdate` with a finished state).
    ///
    /// Frees what the attempt held on its executor, then lets its task set handle the
    /// success or failure. A report for an attempt the scheduler has forgotten (its
    /// executor was removed, or a duplicate) is ignored. After a failure that must re-run,
    /// Spark revives offers.
    public mutating func taskEnded(_ tid: TaskID, reason: TaskEndReason, now: EngineInstant) {
        // The executor's two cells (the registry's, the resource book's) are read one right
        // after the other: at 100,000 executors both miss the cache, and side by side the
        // processor waits for them together. The two books are independent, so the order
        // changes nothing else.
        let slot = trackedSlot(of: tid)
        let executor = trackedExecutorNumber(of: tid)
        if slot != nil { cleanupTaskState(tid) }
        resources.release(tid)
        guard let slot else { return }
        // One reference for the whole end: each `managers[slot]!` retained and released
        // the manager again, and every retain is an atomic that waits for the stores
        // before it (this end's writes to cells that miss the cache at 100,000 executors).
        let manager = managers[slot]!
        // The offer of this executor that follows the end reads its host's pending list:
        // its cell is loaded while the end is handled, then the list's top entry.
        var offerNumbers: TaskSetManager.ListNumbers?
        if let executor {
            let host = registry.hostNumber(ofExecutor: executor)
            offerNumbers = .init(executor: executor, host: host >= 0 ? host : nil)
            manager.prefetchPendingLists(for: offerNumbers!)
        }
        let before = manager.runningTasks
        manager.removeRunningTask(tid)
        if case .success = reason {
            manager.handleSuccessfulTask(tid, result: reason, now: now, cluster: registry, outbox: &outbox)
        } else {
            let effects = manager.handleFailedTask(tid, reason: reason, now: now, cluster: registry, outbox: &outbox)
            if let fetch = effects.fetchFailure {
                healthTracker?.updateExcludedForFetchFailure(host: fetch.host, executor: fetch.executor, now: now)
            }
            if !manager.isZombie && !manager.someAttemptSucceeded(tid) {
                outbox.act(.reviveOffers)
            }
        }
        settle(slot, runningBefore: before, now: now)
        if let offerNumbers { manager.prefetchPendingListTops(for: offerNumbers) }
    }

    /// Looks for speculatable tasks in every task set, in pool order, and returns whether
    /// any was marked (`checkSpeculatableTasks`); Spark then revives offers.
    @discardableResult
    public mutating func checkSpeculatableTasks(now: EngineInstant) -> Bool {
        var found = false
        for slot in pools.managersInTreeOrder() {
            let marked = managers[slot]!.checkSpeculatableTasks(
                minTimeToSpeculation: configuration.speculation.minTaskRuntime, now: now, cluster: registry,
                outbox: &outbox)
            found = found || marked
        }
        if found { outbox.act(.reviveOffers) }
        return found
    }

    /// One task set's check with an explicit `minTimeToSpeculation` (TaskSetManagerSuite
    /// calls `manager.checkSpeculatableTasks(0)`).
    @discardableResult
    public mutating func checkSpeculatableTasks(for attempt: StageAttemptID, minTimeToSpeculation: Int64,
                                                now: EngineInstant) -> Bool {
        guard let slot = taskSetsByStage[attempt.stage]?[attempt.attempt] else { return false }
        return managers[slot]!.checkSpeculatableTasks(minTimeToSpeculation: minTimeToSpeculation, now: now,
                                                      cluster: registry, outbox: &outbox)
    }
}

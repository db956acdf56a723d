/// Answering one executor's offer: which pending task, at which level, and the launch.
extension TaskSetManager {
    /// What `resourceOffer` decided (Spark returns the same triple).
    struct OfferResult {
        /// The launched attempt (never set for barrier tasks, which launch at round end).
        var task: TaskDescription?
        /// The offer was refused although tasks are pending, at maxLocality ANY: delay
        /// scheduling rejected it (SPARK-18886's "delay schedule reject").
        var delayReject: Bool
        /// The index taken from the pending lists (barrier tasks: kept pending launch).
        var dequeuedIndex: Int?
    }

    /// Offers one executor with a locality cap; takes at most one task
    /// (`TaskSetManager.resourceOffer`).
    ///
    /// With `maxLocality == .noPref` the cap is used as is; otherwise delay scheduling
    /// narrows it to the level allowed now.
    ///
    /// `numbers`, the registry numbers of the executor and its host where the caller has
    /// them, let the pending lists be found without hashing ids.
    ///
    /// - Complexity: amortised O(1) without exclusion (stale list entries are dropped once).
    func resourceOffer(executor: ExecutorID, host: HostID, numbers: ListNumbers = ListNumbers(),
                       maxLocality: TaskLocality, cpus: Int, gpus: [GPUGrant], now: EngineInstant,
                       cluster: ExecutorRegistry, nextTaskID: inout Int,
                       outbox: inout TaskSchedulerOutbox) -> OfferResult {
        let offerExcluded = excludelist.map {
            $0.isNodeExcludedForTaskSet(host) || $0.isExecutorExcludedForTaskSet(executor)
        } ?? false
        guard !isZombie, !offerExcluded else { return OfferResult(task: nil, delayReject: false, dequeuedIndex: nil) }
        var allowed = maxLocality
        if maxLocality != .noPref {
            allowed = min(allowedLocalityLevel(now: now, cluster: cluster), maxLocality)
        }
        var result = OfferResult(task: nil, delayReject: false, dequeuedIndex: nil)
        if let (index, locality, speculative) = dequeueTask(executor: executor, host: host, numbers: numbers,
                                                             maxLocality: allowed, cluster: cluster) {
            result.dequeuedIndex = index
            if config.legacyLocalityWaitReset && maxLocality != .noPref {
                resetDelayScheduleTimer(locality, now: now)
            }
            if isBarrier {
                barrierPendingLaunchTasks[index] = BarrierPendingLaunchTask(
                    executor: executor, host: host, index: index, locality: locality, gpus: gpus)
            } else {
                let task = prepareLaunchingTask(executor: executor, host: host, index: index, locality: locality,
                                                speculative: speculative, cpus: cpus, gpus: gpus, launchTime: now,
                                                nextTaskID: &nextTaskID)
                emitLaunch(task, now: now, outbox: &outbox)
                result.task = task
            }
        }
        let hasPendingTasks = !pendingTasks.all.isEmpty || !pendingSpeculatableTasks.all.isEmpty
        result.delayReject = result.dequeuedIndex == nil && maxLocality == .any && hasPendingTasks
        return result
    }

    /// A regular task if any fits, else a speculative copy (`dequeueTask`).
    func dequeueTask(executor: ExecutorID, host: HostID, numbers: ListNumbers,
                     maxLocality: TaskLocality, cluster: ExecutorRegistry) -> (Int, TaskLocality, Bool)? {
        if let found = dequeueTask(executor, host, numbers, maxLocality, speculative: false, cluster) { return found }
        return dequeueTask(executor, host, numbers, maxLocality, speculative: true, cluster)
    }

    /// Starts loading the pending-list cells an offer of executor `numbers` will read
    /// first (a task end on it is being handled; the offer follows). Changes nothing.
    func prefetchPendingLists(for numbers: ListNumbers) {
        if let executor = numbers.executor { pendingTasks.forExecutor.prefetchCell(number: executor) }
        if let host = numbers.host { pendingTasks.forHost.prefetchCell(number: host) }
    }

    /// The second step of `prefetchPendingLists(for:)`, once the cells have had time to
    /// arrive: starts loading the lists' top entries. Changes nothing.
    func prefetchPendingListTops(for numbers: ListNumbers) {
        if let executor = numbers.executor { pendingTasks.forExecutor.prefetchTop(number: executor) }
        if let host = numbers.host { pendingTasks.forHost.prefetchTop(number: host) }
    }

    /// The registry numbers of an offer's executor and host, where known.
    struct ListNumbers {
        var executor: Int32?
        var host: Int32?
    }

    /// Looks in the executor's list, then the host's, the no-pref list (before racks, to
    /// keep traffic in the rack), the rack's and the list of all, as far as `maxLocality`
    /// allows (`dequeueTaskHelper`). A no-pref task is reported PROCESS_LOCAL.
    private func dequeueTask(_ executor: ExecutorID, _ host: HostID, _ numbers: ListNumbers,
                             _ maxLocality: TaskLocality, speculative: Bool,
                             _ cluster: ExecutorRegistry) -> (Int, TaskLocality, Bool)? {
        if speculative && speculatableTasks.isEmpty { return nil }
        // The lists are changed in place while the scan reads other fields of `self` (a
        // class: each stored property is its own access, so they do not overlap). Moving
        // them out and back made and destroyed an empty set of lists at every offer.
        let found = speculative
            ? locate(executor, host, numbers, maxLocality, speculative, in: &pendingSpeculatableTasks, cluster)
            : locate(executor, host, numbers, maxLocality, speculative, in: &pendingTasks, cluster)
        guard let (index, locality) = found else { return nil }
        if speculative { speculatableTasks.remove(index) }
        return (index, locality, speculative)
    }

    private func locate(_ executor: ExecutorID, _ host: HostID, _ numbers: ListNumbers, _ maxLocality: TaskLocality,
                        _ speculative: Bool, in lists: inout PendingTasksByLocality,
                        _ cluster: ExecutorRegistry) -> (Int, TaskLocality)? {
        // A local function and non-escaping closure literals, not a closure value: a stored
        // closure would capture (copy) the whole task set manager at every offer.
        func take<List: PendingTaskStack>(_ list: inout List) -> Int? {
            dequeueTaskFromList(executor: executor, host: host, list: &list, speculative: speculative)
        }
        if let index = lists.forExecutor.withList(executor, number: numbers.executor, { take(&$0) }) {
            return (index, .processLocal)
        }
        if maxLocality >= .nodeLocal, let index = lists.forHost.withList(host, number: numbers.host, { take(&$0) }) {
            return (index, .nodeLocal)
        }
        if maxLocality >= .noPref, let index = take(&lists.noPrefs) { return (index, .processLocal) }
        if maxLocality >= .rackLocal, let rack = cluster.rack(forHost: host),
           let index = lists.forRack.withList(rack, { take(&$0) }) { return (index, .rackLocal) }
        if maxLocality >= .any, let index = take(&lists.all) { return (index, .any) }
        return nil
    }

    /// Pops the first launchable index from the end of `list`, dropping stale entries on
    /// the way; skips (and keeps) entries excluded here, and for a speculative copy those
    /// that already ran on this host (`dequeueTaskFromList`).
    func dequeueTaskFromList<List: PendingTaskStack>(executor: ExecutorID, host: HostID, list: inout List,
                                                     speculative: Bool) -> Int? {
        var offset = list.count
        while offset > 0 {
            offset -= 1
            let index = list[offset]
            if isTaskExcluded(index, executor: executor, host: host)
                || (speculative && hasAttempt(of: index, onHost: host)) { continue }
            if offset == list.count - 1 { list.removeLast() } else { list.remove(at: offset) }
            guard !progress[index].successful else { continue }
            if progress[index].copiesRunning == 0
                && (barrierPendingLaunchTasks.isEmpty || barrierPendingLaunchTasks[index] == nil) { return index }
            if speculative && progress[index].copiesRunning == 1 { return index }
        }
        return nil
    }

    func isTaskExcluded(_ index: Int, executor: ExecutorID, host: HostID) -> Bool {
        // Tested for nil first: binding the optional copied the whole list at every entry.
        if excludelist == nil { return false }
        guard let excludelist else { return false }
        return excludelist.isNodeExcluded(host, forTask: index)
            || excludelist.isExecutorExcluded(executor, forTask: index)
    }

    /// Spark's `hasAttemptOnHost`: speculative copies go to another host.
    func hasAttempt(of index: Int, onHost host: HostID) -> Bool {
        var slot = progress[index].lastAttempt
        while slot >= 0 {
            if attempts[slot].host == host { return true }
            slot = attempts[slot].previousAttempt
        }
        return false
    }

    /// Books a launch: next TID, attempt number, running copy (`prepareLaunchingTask`).
    func prepareLaunchingTask(executor: ExecutorID, host: HostID, index: Int, locality: TaskLocality,
                                       speculative: Bool, cpus: Int, gpus: [GPUGrant], launchTime: EngineInstant,
                                       nextTaskID: inout Int) -> TaskDescription {
        let tid = TaskID(nextTaskID)
        nextTaskID += 1
        precondition(attempts.last.map { $0.taskID < tid } ?? true, "TIDs must grow")
        progress[index].copiesRunning += 1
        let previous = progress[index].lastAttempt
        let attemptNumber = previous >= 0 ? attempts[previous].attemptNumber + 1 : 0
        let addresses = gpus.map(\.address)
        attempts.append(TaskInfo(taskID: tid, index: index, attemptNumber: attemptNumber, executor: executor,
                                 host: host,
                                 locality: locality, speculative: speculative, launchTime: launchTime,
                                 gpuAddresses: addresses, previousAttempt: previous))
        progress[index].lastAttempt = attempts.count - 1
        addRunningTask(tid, slot: attempts.count - 1)
        return TaskDescription(taskID: tid, stage: taskSet.stage, partition: partition(ofIndex: index),
                               attemptNumber: attemptNumber, executor: executor, host: host, locality: locality,
                               speculative: speculative, cpus: cpus, gpuAddresses: addresses)
    }

    /// Tells the DAG scheduler and the trace that `task` launched.
    func emitLaunch(_ task: TaskDescription, now: EngineInstant, outbox: inout TaskSchedulerOutbox) {
        outbox.notify(.taskStarted(task))
        var event = traceEvent(.taskLaunched, task: task, now: now, locality: task.locality)
        event.speculative = task.speculative
        event.gpuAddresses = task.gpuAddresses
        outbox.trace(event)
    }

    func traceEvent(_ kind: SchedulerTraceEvent.Kind, task: TaskDescription, now: EngineInstant,
                    locality: TaskLocality? = nil, detail: String? = nil) -> SchedulerTraceEvent {
        SchedulerTraceEvent(time: now, kind: kind, job: taskSet.jobName, stage: taskSet.stageName,
                            stageAttempt: taskSet.stage.attempt, partition: task.partition,
                            taskAttempt: task.attemptNumber, executor: task.executor, host: task.host,
                            locality: locality, detail: detail)
    }

    /// Spark's `addRunningTask` (the scheduler updates the pools' counts).
    func addRunningTask(_ tid: TaskID, slot: Int) {
        runningTasksSet.insert(tid, slot: slot)
    }

    /// Spark's `removeRunningTask`.
    func removeRunningTask(_ tid: TaskID) {
        if let slot = slot(of: tid) { runningTasksSet.remove(slot: slot) }
    }

    /// The launch description of a past attempt (for end notifications).
    func description(ofSlot slot: Int) -> TaskDescription {
        let info = attempts[slot]
        return TaskDescription(taskID: info.taskID, stage: taskSet.stage,
                               partition: partition(ofIndex: info.index),
                               attemptNumber: info.attemptNumber, executor: info.executor, host: info.host,
                               locality: info.locality, speculative: info.speculative, cpus: taskSet.resources.cpus,
                               gpuAddresses: info.gpuAddresses)
    }
}

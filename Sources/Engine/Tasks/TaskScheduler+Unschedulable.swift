/// Task sets that exclusion left with nowhere to run (SPARK-22148: Spark's
/// `getCompletelyExcludedTaskIfAny`, `unschedulableTaskSetToExpiryTime` and its abort timer).
extension TaskScheduler {
    /// After a round in which the task set launched nothing: if one of its pending tasks is
    /// excluded on every live executor, abort at once when no executor is idle (dynamic
    /// allocation is not modelled), else give it `unschedulableTaskSetTimeout` to become
    /// schedulable (Spark would also kill an idle excluded executor through its allocation
    /// client; there is none here). A launch anywhere clears every such deadline.
    mutating func checkSchedulable(_ slot: Int, launchedAny: Bool, now: EngineInstant) {
        if launchedAny {
            unschedulableDeadlines.removeAll()
            return
        }
        guard let health = healthTracker,
              let index = managers[slot]!.completelyExcludedTask(cluster: registry, health: health) else { return }
        if registry.hasIdleExecutor {
            if unschedulableDeadlines[slot] == nil {
                let timeout = EngineDuration(nanoseconds: configuration.exclusion.unschedulableTaskSetTimeout)
                unschedulableDeadlines[slot] = (now + timeout, index)
            }
        } else {
            managers[slot]!.abortSinceCompletelyExcluded(index, outbox: &outbox)
            finishIfDone(slot, now: now)
        }
    }

    /// The earliest instant an unschedulable task set may be aborted (for the glue's timer).
    public var nextUnschedulableAbortCheck: EngineInstant? {
        unschedulableDeadlines.values.map(\.deadline).min()
    }

    /// Aborts the task sets whose unschedulable deadline has passed (Spark's abort timer
    /// task). Also run at the start of every offer round.
    public mutating func abortUnschedulableTaskSets(now: EngineInstant) {
        guard !unschedulableDeadlines.isEmpty else { return }
        for slot in unschedulableDeadlines.keys.sorted() {
            guard let (deadline, index) = unschedulableDeadlines[slot], deadline <= now else { continue }
            unschedulableDeadlines[slot] = nil
            guard managers[slot] != nil else { continue }
            managers[slot]!.abortSinceCompletelyExcluded(index, outbox: &outbox)
            finishIfDone(slot, now: now)
        }
    }
}

extension TaskSetManager {
    /// A pending task that every live executor excludes, by node or executor, at the
    /// application, task set or task level (`getCompletelyExcludedTaskIfAny`). Only the
    /// last pending task is examined, as Spark does.
    func completelyExcludedTask(cluster: ExecutorRegistry, health: HealthTracker) -> Int? {
        guard let excludelist, !cluster.hostExecutors.isEmpty,
              let index = pendingTasks.all.last(where: { needsScheduling($0) }) else { return nil }
        for (host, executors) in cluster.hostExecutors {
            let nodeExcluded = health.isNodeExcluded(host) || excludelist.isNodeExcludedForTaskSet(host)
                || excludelist.isNodeExcluded(host, forTask: index)
            if nodeExcluded { continue }
            let allExcluded = executors.allSatisfy {
                health.isExecutorExcluded($0) || excludelist.isExecutorExcludedForTaskSet($0)
                    || excludelist.isExecutorExcluded($0, forTask: index)
            }
            if !allExcluded { return nil }
        }
        return index
    }

    /// Spark's `abortSinceCompletelyExcludedOnFailure` message.
    func abortSinceCompletelyExcluded(_ index: Int, outbox: inout TaskSchedulerOutbox) {
        let partition = taskSet.tasks[index].partition
        abort("\nAborting TaskSet \(taskSet.id) because task \(index) (partition \(partition))\n"
              + "cannot run anywhere due to node and executor excludeOnFailure.\nMost recent failure:\n"
              + "\(excludelist?.latestFailureReason ?? "null")\n\n"
              + "ExcludeOnFailure behavior can be configured via spark.excludeOnFailure.*.\n", outbox: &outbox)
    }
}

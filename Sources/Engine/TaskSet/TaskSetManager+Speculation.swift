/// Executor loss and speculation (Spark's `TaskSetManager.executorLost`,
/// `checkSpeculatableTasks`).
extension TaskSetManager {
    /// Re-queues what the lost executor held (`executorLost`).
    ///
    /// Without an external shuffle service, the output of a finished shuffle-map attempt
    /// died with the executor: the partition becomes pending again and the DAG scheduler
    /// hears `Resubmitted`. Running attempts fail with `ExecutorLostFailure`, which counts
    /// toward `maxTaskFailures` only if the exit was caused by the app and the task had
    /// reported RUNNING (SPARK-39955: a task still launching is a network failure).
    /// Attempts are visited in Spark's `taskInfos` hash order.
    func executorLost(_ executor: ExecutorID, reason: ExecutorLossReason, now: EngineInstant,
                               cluster: ExecutorRegistry, outbox: inout TaskSchedulerOutbox) {
        let capacity = ScalaHashOrder.capacity(forMaximumSize: attempts.count)
        // Every attempt is scanned, as Spark's loop over `taskInfos` does: an index by
        // executor cost a string-keyed append on every launch for this rare event.
        let onExecutor = attempts.indices.filter { attempts[$0].executor == executor }
        let slots = ScalaHashOrder.ordered(onExecutor, capacity: capacity) {
            ScalaHashOrder.hash(of: attempts[$0].taskID.rawValue)
        }
        let mayLoseShuffleOutput = taskSet.tasks[0].isShuffleMap && !config.shuffleServiceEnabled
        if mayLoseShuffleOutput && !isZombie {
            for slot in slots {
                let info = attempts[slot]
                guard progress[info.index].successful, !info.isRunning, !killedByOtherAttempt.contains(info.taskID) else {
                    continue
                }
                progress[info.index].successful = false
                progress[info.index].copiesRunning -= 1
                tasksSuccessful -= 1
                addPendingTask(info.index, speculatable: false, cluster: cluster)
                outbox.notify(.taskResubmitted(description(ofSlot: slot)))
            }
        }
        for slot in slots where attempts[slot].isRunning {
            let causedByApp: Bool
            switch reason {
            case .processLost(let byApp, _): causedByApp = byApp && !attempts[slot].launching
            case .killedByDriver, .hostLost: causedByApp = false
            case .pending: preconditionFailure("executorLost with a pending reason")
            }
            handleFailedTask(attempts[slot].taskID,
                             reason: .executorLost(executor, causedByApp: causedByApp,
                                                   message: Self.message(of: reason)),
                             now: now, cluster: cluster, outbox: &outbox)
        }
        recomputeLocality()
    }

    /// The loss reason as Spark's `ExecutorLossReason.toString` gives it.
    static func message(of reason: ExecutorLossReason) -> String {
        switch reason {
        case .processLost(_, let message): return message
        case .killedByDriver: return "Executor killed by driver."
        case .hostLost, .pending: return reason.description
        }
    }

    /// Marks running tasks that have run too long as speculatable and returns whether any
    /// was (`checkSpeculatableTasks`).
    ///
    /// Once `quantile × tasks` have succeeded, the threshold is `multiplier × median`
    /// successful duration, at least `minTimeToSpeculation`; before that, a configured
    /// `spark.speculation.task.duration.threshold` applies when the whole task set fits
    /// one executor (SPARK-29976). Zombies, barrier sets and single tasks without a
    /// threshold are never speculated.
    func checkSpeculatableTasks(minTimeToSpeculation: Int64, now: EngineInstant, cluster: ExecutorRegistry,
                                         outbox: inout TaskSchedulerOutbox) -> Bool {
        let settings = config.speculation
        let thresholdSpecified = (settings.taskDurationThreshold ?? 0) > 0
        if isZombie || isBarrier || (numTasks == 1 && !thresholdSpecified) { return false }
        let minFinished = max(Int((settings.quantile * Double(numTasks)).rounded(.down)), 1)
        if successfulTaskDurations.count >= minFinished {
            let median = Double(successfulTaskDurations.percentile())
            let threshold = max(settings.multiplier * median, Double(minTimeToSpeculation))
            return submitSpeculatableTasks(threshold: threshold, customized: false, now: now, cluster: cluster,
                                           outbox: &outbox)
        }
        let slots = config.slotsPerExecutorByProfile[taskSet.resourceProfile] ?? 1
        if thresholdSpecified, numTasks <= slots {
            return submitSpeculatableTasks(threshold: Double(settings.taskDurationThreshold!), customized: true,
                                           now: now, cluster: cluster, outbox: &outbox)
        }
        return false
    }

    /// Spark's `checkAndSubmitSpeculatableTasks`, over running tasks in `runningTasksSet`'s
    /// hash order.
    private func submitSpeculatableTasks(threshold: Double, customized: Bool, now: EngineInstant,
                                                  cluster: ExecutorRegistry,
                                                  outbox: inout TaskSchedulerOutbox) -> Bool {
        let capacity = ScalaHashOrder.capacity(forMaximumSize: maximumRunningTasks)
        let running = ScalaHashOrder.ordered(runningTasksSet.members, capacity: capacity) {
            ScalaHashOrder.hash(of: $0.rawValue)
        }
        var found = false
        for tid in running {
            let info = attempts[slot(of: tid)!]
            let index = info.index
            guard !progress[index].successful, progress[index].copiesRunning == 1, !speculatableTasks.contains(index) else { continue }
            let runtime = Double((now - info.launchTime).nanoseconds)
            guard runtime > threshold, customized || isInefficient(runtime: runtime, threshold: threshold) else {
                continue
            }
            addPendingTask(index, speculatable: true, cluster: cluster)
            speculatableTasks.insert(index)
            outbox.notify(.speculativeTaskSubmitted(taskSet.stage, partition: taskSet.tasks[index].partition))
            found = true
        }
        return found
    }

    /// Spark 3.4's efficiency rule: a candidate is speculated only if it ran more than
    /// `longRunTaskFactor × threshold` or processes records slower than
    /// `processRateMultiplier ×` the average. Tasks here report no record counts, so the
    /// running rate is 0 and the average stays at Spark's initial `Double.MaxValue`: every
    /// candidate is inefficient, and the median rule alone decides.
    private func isInefficient(runtime: Double, threshold: Double) -> Bool {
        guard config.speculation.enabled && config.speculation.efficiencyEnabled else { return true }
        let runningRate = 0.0
        let averageRate = Double.greatestFiniteMagnitude
        return runtime > config.speculation.efficiencyLongRunTaskFactor * threshold
            || runningRate < averageRate * config.speculation.efficiencyProcessRateMultiplier
    }
}

/// The end of a barrier task set's turn in a round (the barrier block of Spark's
/// `TaskSchedulerImpl.resourceOffers`, SPARK-24374).
extension TaskScheduler {
    /// Spark's message when legacy delay scheduling leaves a barrier round partial.
    static func legacyBarrierMessage(stage: StageID, pending: Int, total: Int) -> String {
        "Fail resource offers for barrier stage \(stage.rawValue) because only \(pending) out of a total number "
            + "of \(total) tasks got resource offers. We highly recommend you to use the non-legacy delay "
            + "scheduling by setting spark.locality.wait.legacyResetOnTaskLaunch to false to get rid of this error."
    }

    /// Launches every barrier task that got an offer this round if all of them did, with
    /// one launch time and the same `barrierAddresses` (executor hosts ordered by
    /// partition); otherwise gives the round's resources back and returns the tasks to
    /// pending, to wait for a later round. Under legacy delay scheduling a partial round
    /// aborts the task set instead, as Spark does (it cannot converge there).
    mutating func completeBarrierRound(_ slot: Int, round: inout RoundState, now: EngineInstant) {
        let pending = managers[slot]!.barrierPendingInHashOrder()
        let numTasks = managers[slot]!.numTasks
        defer { managers[slot]?.barrierPendingLaunchTasks.removeAll() }
        guard pending.count == numTasks else {
            for task in pending {
                round.cpus[task.offerIndex] += task.cores
                GPUAmount.release(task.gpus, to: &round.gpus[task.offerIndex])
            }
            if configuration.legacyLocalityWaitReset {
                let stage = managers[slot]!.taskSet.stage.stage
                managers[slot]!.abort(Self.legacyBarrierMessage(stage: stage, pending: pending.count, total: numTasks),
                                      outbox: &outbox)
                finishIfDone(slot, now: now)
            } else {
                for task in pending {
                    managers[slot]!.addPendingTask(task.index, speculatable: false, cluster: registry)
                }
            }
            return
        }
        var launched: [(offerIndex: Int, task: TaskDescription)] = []
        for task in pending {
            let description = managers[slot]!.prepareLaunchingTask(
                executor: task.executor, host: task.host, index: task.index, locality: task.locality,
                speculative: false, cpus: task.cores, gpus: task.gpus, launchTime: now, nextTaskID: &nextTaskID)
            recordLaunch(description.taskID, executor: round.numbers[task.offerIndex], slot: slot)
            resources.acquire(description.taskID, executor: round.numbers[task.offerIndex], cpus: task.cores,
                              gpus: task.gpus)
            launched.append((task.offerIndex, description))
        }
        let addresses = launched.sorted { $0.task.partition < $1.task.partition }
            .map { round.offers[$0.offerIndex].host }
        for (offerIndex, task) in launched {
            var withAddresses = task
            withAddresses.barrierAddresses = addresses
            managers[slot]!.emitLaunch(withAddresses, now: now, outbox: &outbox)
            round.launched.append((offerIndex, withAddresses))
        }
    }
}

extension TaskSetManager {
    /// Remembers the most barrier tasks ever pending at once (the size of Spark's
    /// `barrierPendingLaunchTasks` hash table, which `clear()` does not shrink).
    func noteBarrierPendingSize() {
        maximumBarrierPending = max(maximumBarrierPending, barrierPendingLaunchTasks.count)
    }

    /// The pending barrier tasks in Spark's `barrierPendingLaunchTasks.values` order.
    func barrierPendingInHashOrder() -> [BarrierPendingLaunchTask] {
        let capacity = ScalaHashOrder.capacity(forMaximumSize: maximumBarrierPending)
        return ScalaHashOrder.ordered(Array(barrierPendingLaunchTasks.values), capacity: capacity) {
            ScalaHashOrder.hash(of: $0.index)
        }
    }
}

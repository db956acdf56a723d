import Engine
import Report
import Sim

/// Barrier calls: a task blocks in `barrier()`/`allGather()` until its sync completes or
/// fails, and learns either at a poll tick (docs/scenario.md `engine.barrier_poll_interval`).
extension SimulatedExecutorBackend {
    /// The task calls its next sync and blocks.
    func callSync(_ id: TaskID, _ call: Scenario.SyncCall) {
        let task = tasks[id]!
        tasks[id]!.phase = .blocked(calledAt: now)
        let stage = task.description.stage
        switch barrier.call(call, task: id, stage: stage, numTasks: task.stage.partitions) {
        case .waiting(let first):
            if first {
                let epoch = barrier.epoch(of: stage)
                syncTimeouts[stage] = schedule(.syncTimeout(stage, epoch: epoch), at: now + options.syncTimeout)
            }
        case .released(let epoch, let call, let released):
            cancelSyncTimeout(stage)
            deployment.trace.recordLab(TraceRow(
                timeNanoseconds: now.nanosecondsSinceStart, event: .barrierSync, job: task.stage.job,
                stage: task.stage.name, stageAttempt: stage.attempt, sync: .init(call: call.rawValue, epoch: epoch)))
            settle(released, .released)
        case .failed(let message, let failed):
            cancelSyncTimeout(stage)
            settle(failed, .failed(message))
        }
    }

    /// Sync `epoch` of `stage` timed out: its waiting tasks fail at their next poll.
    func syncTimedOut(_ stage: StageAttemptID, epoch: Int) {
        syncTimeouts[stage] = nil
        guard case .failed(let message, let failed)? = barrier.timeout(stage, epoch: epoch,
                                                                       timeout: options.syncTimeout) else { return }
        settle(failed, .failed(message))
    }

    private func cancelSyncTimeout(_ stage: StageAttemptID) {
        if let event = syncTimeouts.removeValue(forKey: stage) { deployment.cluster.simulation.cancel(event) }
    }

    /// Tells the blocked tasks among `ids` (those still alive) how their sync ended; each
    /// learns it at its next poll tick.
    private func settle(_ ids: [TaskID], _ outcome: RunningTask.SyncOutcome) {
        for id in ids {
            guard let task = tasks[id], case .blocked(let calledAt) = task.phase else { continue }
            task.syncOutcome = outcome
            tasks[id] = task
            schedulePoll(id, calledAt: calledAt)
        }
    }

    /// Makes sure the blocked task polls at its first tick not before now: the instant
    /// `calledAt + k × interval`, k ≥ 1 (now itself with interval 0). A poll already due
    /// earlier stays.
    func schedulePoll(_ id: TaskID, calledAt: SimInstant) {
        let tick = Self.pollTick(calledAt: calledAt, notBefore: now, interval: options.pollInterval)
        if let step = tasks[id]!.step {
            if step.instant <= tick { return }
            deployment.cluster.simulation.cancel(step)
        }
        tasks[id]!.step = schedule(.poll(id), at: tick)
    }

    /// The first `calledAt + k × interval` (k ≥ 1) at or after `notBefore`; `notBefore`
    /// itself when the interval is 0.
    static func pollTick(calledAt: SimInstant, notBefore: SimInstant, interval: SimDuration) -> SimInstant {
        guard interval > .zero else { return notBefore }
        let waited = (notBefore - calledAt).nanoseconds
        let k = max(1, (waited + interval.nanoseconds - 1) / interval.nanoseconds)
        return calledAt + interval * k
    }

    /// A blocked task polls: a kill that reached it wins, then the sync's outcome.
    func poll(_ id: TaskID) {
        tasks[id]!.step = nil
        let task = tasks[id]!
        if let reason = task.pendingKill {
            end(id, .killed(reason))
            return
        }
        switch task.syncOutcome {
        case .failed(let message):
            end(id, .exception(message))
        case .released:
            tasks[id]!.syncOutcome = .pending
            advance(id)
        case .pending:
            preconditionFailure("SimulatedExecutorBackend: \(id) polled with nothing to learn")
        }
    }
}

import Engine
import Sim

/// Spark's `BarrierCoordinator` for the simulated executors: collects the `barrier()` and
/// `allGather()` calls of each barrier stage attempt and says when a sync completes or
/// fails. It decides; the backend schedules (poll ticks, timeouts) and traces.
///
/// Per stage attempt, epochs count from 0. A sync completes when all the stage's tasks
/// have called in the current epoch (the instant of the last call). It fails when
/// `spark.barrier.sync.timeout` passes from the epoch's first call, or when a call of the
/// other kind arrives in the epoch; after a failure every later call of that stage
/// attempt fails at once (Spark clears the attempt's state, `barrierEpoch = -1`).
///
/// - Complexity: O(1) per call, O(n) to release or fail the n waiting tasks.
/// - Mirrors `BarrierCoordinator.ContextBarrierState.handleRequest` (SPARK-24374, allGather SPARK-30667).
struct BarrierSyncCoordinator {
    /// What a call or a timeout leads to.
    enum Outcome: Equatable {
        /// The call waits; `firstOfEpoch` = a timeout must be started for the epoch.
        case waiting(firstOfEpoch: Bool)
        /// Every task called: these (in call order) resume; the sync was epoch `epoch`.
        case released(epoch: Int, call: Scenario.SyncCall, tasks: [TaskID])
        /// The sync failed: these tasks (in call order) fail with `message`.
        case failed(message: String, tasks: [TaskID])
    }

    private struct State {
        let numTasks: Int
        var epoch = 0
        var waiting: [TaskID] = []
        var call: Scenario.SyncCall?
        var failed = false
    }

    /// Per stage attempt (lookup only).
    private var states: [StageAttemptID: State] = [:]

    /// `task` of `stage` (with `numTasks` tasks) calls `call`.
    mutating func call(_ call: Scenario.SyncCall, task: TaskID, stage: StageAttemptID, numTasks: Int) -> Outcome {
        var state = states[stage] ?? State(numTasks: numTasks)
        defer { states[stage] = state }
        if state.failed {
            return .failed(message: Self.finishedMessage(stage, task: task), tasks: [task])
        }
        if let kind = state.call, kind != call {
            let tasks = state.waiting + [task]
            state = State(numTasks: numTasks, epoch: -1, failed: true)
            return .failed(message: Self.mixedMessage(stage), tasks: tasks)
        }
        state.waiting.append(task)
        state.call = call
        guard state.waiting.count == state.numTasks else { return .waiting(firstOfEpoch: state.waiting.count == 1) }
        let released = Outcome.released(epoch: state.epoch, call: call, tasks: state.waiting)
        state.epoch += 1
        state.waiting = []
        state.call = nil
        return released
    }

    /// Epoch `epoch` of `stage` reached its timeout: the waiting tasks fail, unless the
    /// sync completed (or failed) meanwhile.
    mutating func timeout(_ stage: StageAttemptID, epoch: Int, timeout: SimDuration) -> Outcome? {
        guard var state = states[stage], !state.failed, state.epoch == epoch, !state.waiting.isEmpty else {
            return nil
        }
        let tasks = state.waiting
        state = State(numTasks: state.numTasks, epoch: -1, failed: true)
        states[stage] = state
        return .failed(message: Self.timeoutMessage(stage, epoch: epoch, timeout: timeout), tasks: tasks)
    }

    /// The current epoch of `stage` (for the timeout a first call starts).
    func epoch(of stage: StageAttemptID) -> Int { states[stage]?.epoch ?? 0 }

    /// Spark's `ContextBarrierId.toString`.
    static func barrierID(_ stage: StageAttemptID) -> String {
        "Stage \(stage.stage.rawValue) (Stage Attempt \(stage.attempt))"
    }

    static func timeoutMessage(_ stage: StageAttemptID, epoch: Int, timeout: SimDuration) -> String {
        "org.apache.spark.SparkException: The coordinator didn't get all barrier sync requests for barrier epoch "
            + "\(epoch) from \(barrierID(stage)) within \(timeout.nanoseconds / 1_000_000_000) second(s)."
    }

    static func mixedMessage(_ stage: StageAttemptID) -> String {
        "org.apache.spark.SparkException: Different barrier sync types found for the sync \(barrierID(stage)): "
            + "BARRIER, ALL_GATHER. Please use the same barrier sync type within a single sync."
    }

    static func finishedMessage(_ stage: StageAttemptID, task: TaskID) -> String {
        "org.apache.spark.SparkException: The request to sync of \(barrierID(stage)) with barrier epoch -1 has "
            + "already finished. Maybe task \(task.rawValue) is not properly killed."
    }
}

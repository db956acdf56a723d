import Engine
import Sim

/// Where a training task's time goes, for `iteration_costs.csv`.
enum CostPart: Int, CaseIterable {
    case compute, communication, scheduling, driver
}

/// One step of a training task's program (SCENARIO "Training workloads" in README.md).
///
/// A scripted task is a duration of work with barrier calls in it; a training task is a
/// small program whose next step depends on the model (how many passes the trainer still
/// wants), so the backend asks for it one step at a time (`TrainingDriver.nextStep`).
enum ProgramStep: Equatable {
    /// Work on the task's host for this long at normal speed (stretched by stragglers).
    case work(SimDuration, CostPart)
    /// The first use of broadcast `id` on this executor fetches `bytes` from the driver's
    /// host; later tasks of the executor find it cached (TorrentBroadcast's block manager),
    /// and tasks starting while it is on its way wait for the same fetch.
    case fetchBroadcast(id: Int, bytes: Int64)
    /// The task's result (`bytes`) goes to the driver (a ResultStage task's result).
    case sendToDriver(bytes: Int64)
    /// An allreduce of `bytes` among the barrier stage attempt's tasks for pass `pass`,
    /// run on the simulated network when every task has arrived; no Spark poll tick.
    case allreduce(pass: Int, bytes: Int64)
    /// `BarrierTaskContext.allGather` through Spark's coordinator (poll tick and all).
    case allGather
    /// The task's work is over; it ends (success, unless a fault picked it).
    case finish
}

/// Where a training task is in its program (kept in `RunningTask.program`).
struct ProgramCursor {
    /// Phases the driver walks a task through; `.start` before its first step.
    enum Phase: Equatable {
        case start
        case fetch, compute, send
        case pythonStartup, exchange
        case reduce(pass: Int)
        case update(pass: Int)
        case checkpoint(pass: Int)
        case passCompute(pass: Int)
        /// Deep learning: iteration `k` (from 1) is running.
        case iteration(Int)
        case done
    }

    var phase = Phase.start
    /// When the current step started (its log entry's start).
    var stepStart = SimInstant.zero
    /// The cost part of the current step.
    var part: CostPart?
    /// When the task's code started running (after the launch overhead); nil before.
    var runStart: SimInstant?
}

/// Which stage of a training job a stage is, and whose program it runs.
struct StageProgram {
    enum Role: Equatable {
        /// Task-parallel pass `job`: the data stage (one task per partition).
        case partials(job: Int)
        /// Task-parallel pass `job`: treeAggregate level `level` (>= 1), `inputs` per task.
        case combine(job: Int, level: Int)
        /// Barrier training attempt `job`: one task per worker, looping over passes.
        case barrier(job: Int)
        /// Deep-learning attempt `job`: one task per GPU, a fixed list of iterations.
        case steps(job: Int)
    }

    unowned let driver: TrainingDriver
    let role: Role
}

/// A training task as the driver sees it when choosing its next step.
struct ProgramTask {
    let id: TaskID
    let partition: Int
    let executor: String
    let host: HostIndex
    let stageAttempt: StageAttemptID
    let cpus: Int
}

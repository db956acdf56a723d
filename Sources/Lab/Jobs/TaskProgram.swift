import Engine
import Sim

/// Where a training task's time goes, for `iteration_costs.csv`.
enum CostPart: Int, CaseIterable {
    case compute, communication, scheduling, driver
    /// A Python worker starting (Hydrogen's barrier tasks, a Python stage).
    case pythonStartup
    /// Rows crossing from the JVM to Python (pickled or as Arrow batches).
    case exchange
}

/// One typed step of a task's program, as the simulated executors run it.
///
/// Every task the engine launches runs a program: a scripted task is stretches of work
/// with its barrier calls between them; a training task's next step depends on the
/// model (how many passes the trainer still wants), so the backend asks for steps one at
/// a time (`TaskProgram.nextStep`). The backend gives each step its cost: work on the
/// task's host (under stragglers and `cluster.cpu.variation`), transfers on the flow
/// network, collectives among barrier peers, syncs through Spark's coordinator.
enum TaskStep: Equatable {
    /// Fetch this task's shuffle blocks: one transfer per non-empty map output of every
    /// parent stage, all in parallel (Spark's shuffle reader). A program's first step.
    case readShuffle
    /// Work on the task's host for this long at normal speed; on a host with
    /// `cluster.cpu.physical_cores` it shares the cores with the other tasks' CPU work.
    case compute(SimDuration, CostPart)
    /// Time the task spends on its host without needing a core (a sleep, waiting on I/O or
    /// on another process): neither shared nor slowed by stragglers.
    case wait(SimDuration)
    /// A PySpark task takes an idle Python worker of its executor, or starts a new one
    /// (`engine.control_plane.python_worker_startup` of CPU work): workers are reused
    /// (`spark.python.worker.reuse`), one per task running Python at once.
    case pythonWorker
    /// The executor's first Python task starts its Python worker (PySpark's daemon and
    /// worker fork, imports) before any user code runs.
    case pythonStartup(SimDuration)
    /// Rows cross from the JVM to the Python worker (pickled rows or Arrow batches).
    case exchange(SimDuration)
    /// The first use of broadcast `id` on this executor fetches `bytes` from the driver's
    /// host; later tasks of the executor find it cached (TorrentBroadcast's block manager),
    /// and tasks starting while it is on its way wait for the same fetch.
    case fetchBroadcast(id: String, bytes: Int64)
    /// The task's result (`bytes`) goes to the driver (a ResultStage task's result).
    case sendToDriver(bytes: Int64)
    /// The task's cached input partition (`bytes`) lives in another executor's block
    /// manager, on host `host`: it is fetched from there before the work.
    case readCachedBlock(bytes: Int64, host: String)
    /// An allreduce of `bytes` per rank among the barrier stage attempt's tasks for pass
    /// `pass`, on the simulated network once every task has arrived; no Spark poll tick.
    case allreduce(pass: Int, bytes: Int64, algorithm: CollectiveAlgorithm)
    /// Deep learning: this rank's backward pass produced gradient group `group` (counted
    /// among the groups that have gradients) of step `step`; Horovod's runtime takes it
    /// from here and the task goes on at once.
    case gradientsReady(step: Int, group: Int)
    /// Deep learning: wait until every fusion buffer of step `step` has been allreduced.
    case awaitAllreduces(step: Int)
    /// `BarrierTaskContext.barrier()` or `allGather()` through Spark's coordinator (with
    /// its poll tick, timeout and mixed-call failure).
    case sync(Scenario.SyncCall)
    /// The work is over; the task ends (success, unless a fault picked it). A shuffle-map
    /// task writes its output (`TaskProgram.sizesByReducer`) as it succeeds.
    case finish

    /// Work done on the task's own host: timed as compute.
    var hostWork: SimDuration? {
        switch self {
        case .compute(let duration, _), .pythonStartup(let duration), .exchange(let duration): return duration
        default: return nil
        }
    }

    /// Host work that needs a core of its own (shared when the host has fewer physical
    /// cores than tasks doing such work).
    var needsCore: Bool {
        switch self {
        case .compute(_, .compute), .pythonStartup, .exchange: return true
        default: return false
        }
    }

    /// Where the step's time goes on a training task's critical path.
    var costPart: CostPart? {
        switch self {
        case .compute(_, let part): return part
        case .pythonStartup, .pythonWorker: return .pythonStartup
        case .wait: return .compute
        case .exchange: return .exchange
        case .fetchBroadcast, .sendToDriver, .readCachedBlock, .allreduce, .sync, .gradientsReady, .awaitAllreduces:
            return .communication
        case .readShuffle, .finish: return nil
        }
    }
}

/// The program every task of one stage runs, asked one step at a time.
///
/// A class so that a dynamic program (a training driver's) can keep state across tasks;
/// the backend holds it through the stage's `StageWork`.
protocol TaskProgram: AnyObject {
    /// The step after the one `task` just finished at `now` (`.readShuffle` first).
    func nextStep(_ task: ProgramTask, cursor: inout ProgramCursor, now: SimInstant) -> TaskStep
    /// The map output sizes partition `partition` writes, one per reducer.
    func sizesByReducer(partition: Int, reducers: Int) -> [Int64]
    /// The task is about to report success (before its map output is registered).
    func taskSucceeded(_ task: ProgramTask, at now: SimInstant)
}

extension TaskProgram {
    func taskSucceeded(_ task: ProgramTask, at now: SimInstant) {}
}

/// Where a task is in its program (kept by the backend with the running task).
struct ProgramCursor {
    /// Phases a program walks a task through; `.start` before its first step.
    enum Phase: Equatable {
        case start
        /// Scripted: the shuffle reads are done or a sync released the task.
        case stretch
        /// Scripted: blocked in the barrier call at `nextSync`.
        case syncing
        /// Scripted: the waiting part of a stretch; its CPU part comes next.
        case waiting
        /// Training: the input partition is being fetched from a remote cache or recomputed.
        case cache
        case fetch, compute, send
        case pythonStartup, exchange
        case reduce(pass: Int)
        case update(pass: Int)
        case checkpoint(pass: Int)
        case passCompute(pass: Int)
        /// Deep learning: where a rank is in its training step.
        case deepLearning(DeepLearningPhase)
        case done
    }

    var phase = Phase.start
    /// The shuffle reads were asked for (every program's first step).
    var readShuffle = false
    /// When the current step started (its log entry's start).
    var stepStart = SimInstant.zero
    /// The cost part of the current step.
    var part: CostPart?
    /// When the task's code started running (after the launch overhead); nil before.
    var runStart: SimInstant?
    /// When the scheduler launched the task (set by the executors at launch).
    var launchedAt: SimInstant?
    /// Scripted: work done before the current stretch.
    var workDone = SimDuration.zero
    /// Scripted: index of the next barrier call in the partition's list.
    var nextSync = 0
    /// Scripted Python stage: the task has its Python worker.
    var hasPythonWorker = false
    /// Deep learning: this rank's speed factor for its current step (its compute's
    /// multiplier, drawn once per step).
    var stepScale = 1.0
}

/// A task as its program sees it when choosing its next step.
struct ProgramTask {
    let id: TaskID
    let partition: Int
    let executor: String
    /// The executor's host, by name and by index in the topology.
    let hostName: String
    let host: HostIndex
    let stageAttempt: StageAttemptID
    let cpus: Int
    /// The executor's cores: how many tasks of `cpus` it runs at once.
    let executorCores: Int
}

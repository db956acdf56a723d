import Engine
import Sim

/// The simulated executors' own events on the shared queue (`LabEvent.backend`).
///
/// Each running task has at most one pending step (`start`, `segmentEnd`, `poll`) and at
/// most one pending injected fault; both are cancelled when the task dies, so a wake that
/// is delivered always finds its task in the state that scheduled it.
enum BackendWake {
    /// The launch overhead is over: the task starts (reports RUNNING, starts its reads).
    case start(TaskID)
    /// The task's current step is done (its work, or the transfer or collective it waited
    /// for): it asks its program for the next.
    case segmentEnd(TaskID)
    /// A task blocked in a barrier call checks its sync (Spark's BarrierTaskContext poll).
    case poll(TaskID)
    /// An injected fault with `after:` fires.
    case fault(TaskID)
    /// A task end decided off the task's own path (a kill) reaches the scheduler, after
    /// whatever the scheduler was doing when it asked: a kill is a message, as in Spark.
    case report(TaskID, TaskEndReason)
    /// Barrier sync `epoch` of a stage attempt reaches `spark.barrier.sync.timeout`.
    case syncTimeout(StageAttemptID, epoch: Int)
    /// HeartbeatReceiver's check finds the executor's last heartbeat (at `lastSeen`) older
    /// than `spark.network.timeout`: the driver removes it.
    case heartbeatExpired(executor: String, lastSeen: SimInstant)
    /// Horovod's background thread of a deep-learning stage attempt wakes (a cycle).
    case horovodCycle(StageAttemptID)
    /// That stage attempt's NCCL stream: a buffer handed over, or a latency over.
    case horovodStream(StageAttemptID)
}

/// One task attempt on a simulated executor, from launch to its end.
///
/// A class: the backend reads and updates a running task several times per step, and a
/// struct in the task table was copied (with every array and string it holds retained)
/// at each read. Only the backend holds it, in `tasks`, until the task ends.
final class RunningTask {
    enum Phase: Equatable {
        /// Waiting out `engine.task_launch_overhead`.
        case launching
        /// Shuffle reads in flight; work starts when the last ends.
        case reading
        /// Working until the next barrier call or the end.
        case working
        /// In `barrier()`/`allGather()` since `calledAt`; resumes at a poll tick.
        case blocked(calledAt: SimInstant)
    }

    /// What a blocked task finds at its next poll.
    enum SyncOutcome: Equatable {
        case pending
        case released
        case failed(String)
    }

    let description: TaskDescription
    let stage: StageWork
    let host: HostIndex
    let attempt: TaskAttemptKey
    let fault: InjectedTaskFault?
    /// `random-task-failures` picked this attempt: it fails when its work ends.
    let failsAtRandom: Bool
    /// Its executor's cores (how many tasks of its `cpus` the executor runs at once).
    let executorCores: Int
    var phase = Phase.launching
    /// The bytes the task's program sent to the driver as its result.
    var resultBytes: Int64 = 0
    /// The pending step (start, segment end or poll).
    var step: EventID?
    /// The pending `after:` fault.
    var faultEvent: EventID?
    /// The current step is CPU work on its host's shared cores (`ProcessorSharing`).
    var sharesCore = false
    /// A scripted Python stage's task holds one of its executor's Python workers.
    var holdsPythonWorker = false
    /// The task's shuffle reads in read order, each with its transfer while in flight (nil
    /// once done).
    var reads: [ShuffleRead] = []
    var readTransfers: [TransferID?] = []
    var readsInFlight = 0
    /// A read from a silent host: it never completes (counted in `readsInFlight`); the
    /// task finds out when the driver removes that host's executor.
    var stalledRead: ShuffleRead?
    var syncOutcome = SyncOutcome.pending
    /// A kill that reached the task while it was blocked; it takes effect at the next poll.
    var pendingKill: String?
    /// The task's place in its stage's program.
    var program = ProgramCursor()

    init(description: TaskDescription, stage: StageWork, host: HostIndex, attempt: TaskAttemptKey,
         fault: InjectedTaskFault?, failsAtRandom: Bool, executorCores: Int) {
        self.executorCores = executorCores
        self.description = description
        self.stage = stage
        self.host = host
        self.attempt = attempt
        self.fault = fault
        self.failsAtRandom = failsAtRandom
    }

    var id: TaskID { description.taskID }
    var partition: Int { description.partition }
}

/// One map output a reduce task is fetching.
struct ShuffleRead: Equatable {
    let mapStage: String
    let mapPartition: Int
    let executor: String
    let host: String
    let bytes: Int64
}

/// A stage attempt's task binary on one executor.
struct TaskBinaryKey: Hashable {
    let executor: String
    let stage: StageAttemptID
}

import Engine
import Sim

/// Fetches broadcasts once per executor (TorrentBroadcast caches the value in the
/// executor's block manager; tasks that need it while it is on its way wait for it).
struct BroadcastCache {
    enum State {
        case fetching(waiters: [TaskID])
        case cached
    }

    /// Per (broadcast, executor) (lookup only).
    private(set) var states: [Key: State] = [:]
    /// Fetches in flight by the index their transfer's tag carries.
    private(set) var inFlight: [Key] = []

    struct Key: Hashable {
        let broadcast: Int
        let executor: String
    }

    func state(_ key: Key) -> State? { states[key] }

    /// Starts waiting for a fetch; returns the tag index of a new fetch to start, or nil
    /// when one is already on its way.
    mutating func wait(_ task: TaskID, for key: Key) -> Int? {
        if case .fetching(let waiters)? = states[key] {
            states[key] = .fetching(waiters: waiters + [task])
            return nil
        }
        precondition(states[key] == nil, "BroadcastCache: \(key) is cached")
        states[key] = .fetching(waiters: [task])
        inFlight.append(key)
        return inFlight.count - 1
    }

    /// The fetch with tag index `index` arrived: its waiters, in arrival order.
    mutating func arrived(_ index: Int) -> [TaskID] {
        let key = inFlight[index]
        guard case .fetching(let waiters)? = states[key] else { preconditionFailure("BroadcastCache: \(key) twice") }
        states[key] = .cached
        return waiters
    }
}

/// The allreduces of the current barrier stage attempt: who has arrived for each pass,
/// and the collectives running on the network.
struct AllreduceTable {
    struct Running {
        let group: CollectiveGroupID
        /// The workers' tasks in rank (partition) order.
        let members: [TaskID]
    }

    /// Per (stage attempt, pass): arrived tasks by partition (lookup only).
    private var arrivals: [Key: [TaskID?]] = [:]
    /// In start order.
    var running: [Running] = []

    struct Key: Hashable {
        let stage: StageAttemptID
        let pass: Int
    }

    /// `task` (partition `partition` of `workers`) arrived; every task in rank order once
    /// all have, else nil.
    mutating func arrive(_ task: TaskID, partition: Int, workers: Int, key: Key) -> [TaskID]? {
        var slots = arrivals[key] ?? Array(repeating: nil, count: workers)
        precondition(slots[partition] == nil, "AllreduceTable: partition \(partition) arrived twice for \(key)")
        slots[partition] = task
        guard slots.allSatisfy({ $0 != nil }) else {
            arrivals[key] = slots
            return nil
        }
        arrivals[key] = nil
        return slots.map { $0! }
    }
}

/// The step-by-step interface the simulated executors use.
extension TrainingDriver {
    /// The step after `task`'s current one ended at `now`: logs the ended step on the
    /// task's timeline (the launch and its shuffle reads before the first), then asks the
    /// style's program.
    func nextStep(_ program: StageProgram, task: ProgramTask, cursor: inout ProgramCursor,
                  now: SimInstant) -> ProgramStep {
        if cursor.phase == .start {
            let runStart = cursor.runStart ?? now
            let launch = SimInstant(nanosecondsSinceStart: runStart.nanosecondsSinceStart - setup.launchOverhead.nanoseconds)
            launches[task.id] = launch
            logs[task.id] = [CriticalPath.Interval(part: .scheduling, start: launch, end: runStart),
                             CriticalPath.Interval(part: .communication, start: runStart, end: now)]
        } else if let part = cursor.part {
            logs[task.id, default: []].append(CriticalPath.Interval(part: part, start: cursor.stepStart, end: now))
        }
        let step: ProgramStep
        switch program.role {
        case .barrier: step = barrierStep(task: task, cursor: &cursor, now: now)
        case .steps: step = programStep(task: task, cursor: &cursor, now: now)
        case .partials, .combine: step = taskParallelStep(program.role, task: task, cursor: &cursor)
        }
        cursor.stepStart = now
        switch step {
        case .work(_, let part): cursor.part = part
        case .fetchBroadcast, .sendToDriver, .allreduce, .allGather: cursor.part = .communication
        case .finish: cursor.part = nil
        }
        return step
    }

    /// Map output sizes of a training stage's task.
    func sizesByReducer(_ role: StageProgram.Role, partition: Int, reducers: Int) -> [Int64] {
        switch role {
        case .partials: return taskParallelSizes(level: 0, partition: partition, reducers: reducers)
        case .combine(_, let level): return taskParallelSizes(level: level, partition: partition, reducers: reducers)
        case .barrier, .steps: return Array(repeating: 0, count: reducers)
        }
    }

    /// A training task is about to report success.
    func taskSucceeded(_ role: StageProgram.Role, task: RunningTask, at now: SimInstant) {
        switch role {
        case .partials(let job) where job == jobCount - 1: taskParallelSucceeded(level: 0, task: task, at: now)
        case .combine(let job, let level) where job == jobCount - 1:
            taskParallelSucceeded(level: level, task: task, at: now)
        default: break
        }
    }
}

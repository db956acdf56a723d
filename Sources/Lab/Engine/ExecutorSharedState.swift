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

    struct Key: Hashable {
        let broadcast: String
        let executor: String
    }

    func state(_ key: Key) -> State? { states[key] }

    /// Starts waiting for a fetch; true when a new fetch must start, false when one is
    /// already on its way.
    mutating func wait(_ task: TaskID, for key: Key) -> Bool {
        if case .fetching(let waiters)? = states[key] {
            states[key] = .fetching(waiters: waiters + [task])
            return false
        }
        precondition(states[key] == nil, "BroadcastCache: \(key) is cached")
        states[key] = .fetching(waiters: [task])
        return true
    }

    /// The fetch of `key` arrived: its waiters, in arrival order.
    mutating func arrived(_ key: Key) -> [TaskID] {
        guard case .fetching(let waiters)? = states[key] else { preconditionFailure("BroadcastCache: \(key) twice") }
        states[key] = .cached
        return waiters
    }
}

/// The allreduces of running barrier stage attempts: who has arrived for each pass,
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


/// What a transfer the executors started is for: the typed tag of a network transfer,
/// kept by transfer id while it is in flight (the network's own tag stays opaque).
enum TransferPurpose: Equatable {
    /// Read `index` (in the task's read order) of a task's shuffle input.
    case shuffleRead(TaskID, index: Int)
    /// A broadcast fetched from the driver by an executor.
    case broadcast(BroadcastCache.Key)
    /// A task's result on its way to the driver.
    case taskResult(TaskID)
    /// A cached block on its way from another executor to a task.
    case cachedBlock(TaskID)
    /// A flow of a deep-learning stage attempt's allreduce (`HorovodCoordinator`).
    case horovod(StageAttemptID)
}

/// An allreduce as it started: the stage attempt and pass whose tasks ran it, and its
/// collective on the network (whose outcome says how long it took).
struct AllreduceStart: Equatable {
    let stageKey: String
    let stageAttempt: Int
    let pass: Int
    let group: CollectiveGroupID
}

import OrderedCollections

/// Which executors, hosts and racks are alive, as the task scheduler sees them
/// (`TaskSchedulerImpl`'s `executorIdToRunningTaskIds`, `executorIdToHost`,
/// `hostToExecutors`, `hostsByRack`); task set managers read it to decide locality.
struct ExecutorRegistry {
    /// Present = alive (Spark's `executorIdToRunningTaskIds`), with the running TIDs.
    private(set) var runningTasks: [ExecutorID: Set<TaskID>] = [:]
    /// Kept after a loss whose reason is pending, until the reason arrives.
    private(set) var executorHost: [ExecutorID: HostID] = [:]
    private(set) var executorProfile: [ExecutorID: Int] = [:]
    /// Live executors per host, in registration order.
    private(set) var hostExecutors: [HostID: OrderedSet<ExecutorID>] = [:]
    /// Live hosts per rack.
    private(set) var rackHostCount: [RackID: Int] = [:]
    private(set) var hostRacks: [HostID: RackID]

    init(hostRacks: [HostID: RackID]) { self.hostRacks = hostRacks }

    func isExecutorAlive(_ executor: ExecutorID) -> Bool { runningTasks[executor] != nil }
    func hasExecutorsAlive(onHost host: HostID) -> Bool { !(hostExecutors[host]?.isEmpty ?? true) }
    func hasHostAlive(onRack rack: RackID) -> Bool { (rackHostCount[rack] ?? 0) > 0 }
    func rack(forHost host: HostID) -> RackID? { hostRacks[host] }
    func executorsAlive(onHost host: HostID) -> [ExecutorID] { Array(hostExecutors[host] ?? []) }
    func profile(of executor: ExecutorID) -> Int { executorProfile[executor] ?? 0 }

    /// Registers a live executor; returns how liveness changed.
    mutating func add(_ executor: ExecutorID, host: HostID, rack: RackID?, profile: Int) -> LivenessChange {
        precondition(runningTasks[executor] == nil, "executor \(executor) registered twice")
        if let rack, hostRacks[host] == nil { hostRacks[host] = rack }
        runningTasks[executor] = []
        executorHost[executor] = host
        executorProfile[executor] = profile
        let hostWasAlive = hasExecutorsAlive(onHost: host)
        hostExecutors[host, default: []].append(executor)
        var rackChanged = false
        if !hostWasAlive, let rack = hostRacks[host] {
            rackChanged = !hasHostAlive(onRack: rack)
            rackHostCount[rack, default: 0] += 1
        }
        return LivenessChange(executor: executor, host: host, rack: hostRacks[host], alive: true,
                              hostChanged: !hostWasAlive, rackChanged: rackChanged)
    }

    /// Marks the executor dead (Spark's `removeExecutor`); returns its running TIDs and how
    /// liveness changed. With `keepHost` (loss reason pending) its host stays known.
    mutating func remove(_ executor: ExecutorID, keepHost: Bool) -> (tasks: Set<TaskID>, change: LivenessChange?) {
        let tasks = runningTasks.removeValue(forKey: executor)
        guard let host = executorHost[executor] else { return (tasks ?? [], nil) }
        if !keepHost { executorHost[executor] = nil }
        guard tasks != nil else { return ([], nil) }
        hostExecutors[host]?.remove(executor)
        var hostChanged = false
        var rackChanged = false
        if hostExecutors[host]?.isEmpty ?? true {
            hostExecutors[host] = nil
            hostChanged = true
            if let rack = hostRacks[host] {
                rackHostCount[rack, default: 0] -= 1
                if rackHostCount[rack]! <= 0 {
                    rackHostCount[rack] = nil
                    rackChanged = true
                }
            }
        }
        return (tasks!, LivenessChange(executor: executor, host: host, rack: hostRacks[host], alive: false,
                                       hostChanged: hostChanged, rackChanged: rackChanged))
    }

    /// Forgets a dead executor whose loss reason was pending.
    mutating func forget(_ executor: ExecutorID) {
        precondition(runningTasks[executor] == nil, "forgetting live executor \(executor)")
        executorHost[executor] = nil
    }

    mutating func taskLaunched(_ tid: TaskID, on executor: ExecutorID) {
        runningTasks[executor]?.insert(tid)
    }

    mutating func taskEnded(_ tid: TaskID, on executor: ExecutorID) {
        runningTasks[executor]?.remove(tid)
    }
}

/// An executor became alive or dead, and whether its host and rack changed with it.
struct LivenessChange {
    let executor: ExecutorID
    let host: HostID
    let rack: RackID?
    let alive: Bool
    let hostChanged: Bool
    let rackChanged: Bool
}

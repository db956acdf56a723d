import CPrefetch
import OrderedCollections

/// Which executors, hosts and racks are alive, as the task scheduler sees them
/// (`TaskSchedulerImpl`'s `executorIdToRunningTaskIds`, `executorIdToHost`,
/// `hostToExecutors`, `hostsByRack`); task set managers read it to decide locality.
///
/// Every executor id gets a number when it first registers, in registration order, and
/// keeps it for the run (a re-registered id gets its old number back). The per-task path
/// (a launch, an end) works on numbers and dense arrays, never on string-keyed tables:
/// at 10,000 executors string hashing was a tenth of the scheduler's time.
struct ExecutorRegistry {
    /// Executor id → number, for every id ever registered.
    private(set) var numbers: [ExecutorID: Int32] = [:]
    /// Number → executor id.
    private(set) var names: [ExecutorID] = []
    /// By number: alive (Spark's `executorIdToRunningTaskIds` has the key), the resource
    /// profile and the running TIDs (an executor runs a few at once: the first four inside
    /// the cell), side by side so that a launch, an end and the offer after it read one
    /// cell (the profile in an array of its own missed the cache at 100,000 executors).
    private var slots: [ExecutorSlot] = []
    /// Host → number, for every host an executor ever registered on, and by executor
    /// number the host it registered on last (-1: none), so that a task set finds a host's
    /// pending list by number.
    private var hostNumbers: [HostID: Int32] = [:]
    private var hostNumberByExecutor: [Int32] = []
    /// Kept after a loss whose reason is pending, until the reason arrives.
    private(set) var executorHost: [ExecutorID: HostID] = [:]
    /// Live executors per host, in registration order.
    private(set) var hostExecutors: [HostID: OrderedSet<ExecutorID>] = [:]
    /// Live hosts per rack.
    private(set) var rackHostCount: [RackID: Int] = [:]
    private(set) var hostRacks: [HostID: RackID]

    init(hostRacks: [HostID: RackID]) { self.hostRacks = hostRacks }

    /// The executor's number, if it ever registered.
    func number(of executor: ExecutorID) -> Int32? { numbers[executor] }
    func name(of number: Int32) -> ExecutorID { names[Int(number)] }

    func isExecutorAlive(_ executor: ExecutorID) -> Bool { numbers[executor].map { slots[Int($0)].alive } ?? false }
    /// A host's set is dropped when its last executor goes, so having a key is having a
    /// live executor; looking up the key alone does not copy (retain and release) the set,
    /// which a task set's creation does once per task.
    func hasExecutorsAlive(onHost host: HostID) -> Bool { hostExecutors.index(forKey: host) != nil }
    func hasHostAlive(onRack rack: RackID) -> Bool { (rackHostCount[rack] ?? 0) > 0 }
    func rack(forHost host: HostID) -> RackID? { hostRacks[host] }
    func executorsAlive(onHost host: HostID) -> [ExecutorID] { Array(hostExecutors[host] ?? []) }
    func profile(ofNumber number: Int32) -> Int { Int(slots[Int(number)].profile) }
    /// The host's number, if an executor ever registered on it.
    func hostNumber(of host: HostID) -> Int32? { hostNumbers[host] }

    /// The number of the host executor `number` registered on last (-1: never registered).
    func hostNumber(ofExecutor number: Int32) -> Int32 { hostNumberByExecutor[Int(number)] }

    /// Whether some live executor runs nothing (O(executors); exclusion checks only).
    var hasIdleExecutor: Bool { slots.indices.contains { slots[$0].alive && slots[$0].running.isEmpty } }

    /// Registers a live executor; returns how liveness changed.
    mutating func add(_ executor: ExecutorID, host: HostID, rack: RackID?, profile: Int) -> LivenessChange {
        precondition(!isExecutorAlive(executor), "executor \(executor) registered twice")
        if let rack, hostRacks[host] == nil { hostRacks[host] = rack }
        let number = numbers[executor] ?? assignNumber(to: executor)
        slots[Int(number)].alive = true
        slots[Int(number)].running.removeAll()
        precondition(profile >= 0 && profile <= Int(Int32.max), "resource profile \(profile)")
        slots[Int(number)].profile = Int32(profile)
        hostNumberByExecutor[Int(number)] = hostNumbers[host] ?? assignHostNumber(to: host)
        executorHost[executor] = host
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

    /// The executor's number, given now if it never registered (an attempt launched on an
    /// executor only a caller's offer named, as Spark's suites do).
    mutating func numberAssigningIfNew(_ executor: ExecutorID) -> Int32 {
        numbers[executor] ?? assignNumber(to: executor)
    }

    private mutating func assignNumber(to executor: ExecutorID) -> Int32 {
        precondition(names.count < Int(Int32.max), "more than 2^31 executors")
        let number = Int32(names.count)
        numbers[executor] = number
        names.append(executor)
        slots.append(ExecutorSlot())
        hostNumberByExecutor.append(-1)
        return number
    }

    private mutating func assignHostNumber(to host: HostID) -> Int32 {
        let number = Int32(hostNumbers.count)
        hostNumbers[host] = number
        return number
    }

    /// Marks the executor dead (Spark's `removeExecutor`); returns its running TIDs and how
    /// liveness changed. With `keepHost` (loss reason pending) its host stays known.
    mutating func remove(_ executor: ExecutorID, keepHost: Bool) -> (tasks: [TaskID], change: LivenessChange?) {
        let number = numbers[executor]
        let wasAlive = number.map { slots[Int($0)].alive } ?? false
        var tasks: [TaskID] = []
        if wasAlive, let number {
            tasks = slots[Int(number)].running.elements
            slots[Int(number)].running.removeAll()
            slots[Int(number)].alive = false
        }
        guard let host = executorHost[executor] else { return (tasks, nil) }
        if !keepHost { executorHost[executor] = nil }
        guard wasAlive else { return ([], nil) }
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
        return (tasks, LivenessChange(executor: executor, host: host, rack: hostRacks[host], alive: false,
                                      hostChanged: hostChanged, rackChanged: rackChanged))
    }

    /// Forgets a dead executor whose loss reason was pending.
    mutating func forget(_ executor: ExecutorID) {
        precondition(!isExecutorAlive(executor), "forgetting live executor \(executor)")
        executorHost[executor] = nil
    }

    mutating func taskLaunched(_ tid: TaskID, onNumber number: Int32) {
        guard slots[Int(number)].alive else { return }
        slots[Int(number)].running.append(tid)
    }

    /// Starts loading executor `number`'s cell ahead of a task end on it (at 100,000
    /// executors the cell is rarely in cache). Changes nothing.
    func prefetchCell(ofNumber number: Int32) {
        guard number >= 0, Int(number) < slots.count else { return }
        slots.withUnsafeBufferPointer { sparksim_prefetch_for_write($0.baseAddress! + Int(number)) }
    }

    mutating func taskEnded(_ tid: TaskID, onNumber number: Int32) {
        guard slots[Int(number)].alive, let i = slots[Int(number)].running.firstIndex(of: tid) else { return }
        slots[Int(number)].running.swapRemove(at: i)
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

/// One registered executor's liveness, profile and running attempts (`ExecutorRegistry.slots`).
private struct ExecutorSlot {
    var alive = false
    var profile: Int32 = 0
    var running = InlineTaskIDList()
}

/// Schedules the tasks of one task set: delay scheduling across locality levels, retries
/// up to `spark.task.maxFailures`, speculation, exclusion (Spark's `TaskSetManager`).
///
/// The task scheduler owns it alone, calls its methods with an event (an offer, a task
/// end, an executor loss) and collects what it produced in an outbox (notifications for
/// the DAG scheduler, backend actions, trace rows). It never reaches into the scheduler;
/// what it needs to know about the cluster comes in as an `ExecutorRegistry` argument.
///
/// A class, not a value: it holds two dozen arrays and tables, and as a struct in the
/// scheduler's slot table every read of one field through `managers[slot]!` copied all of
/// them (a retain and a release each), about a fifth of the scheduler's time at 10,000
/// executors (`results/bench/profile-2026-12-06.md`). Nothing else holds a reference
/// that outlives a call, except `TaskScheduler.taskSetManager(for:)`'s callers (tests).
///
/// Life cycle: active → zombie (every task succeeded, a fetch failure, abort, a newer
/// attempt of the stage, a barrier task failed) → finished (zombie with no running task;
/// the scheduler then drops it). Zombies launch nothing but still account for the
/// attempts they have running.
public final class TaskSetManager {
    public let taskSet: TaskSet
    let config: TaskSchedulerConfiguration
    public var numTasks: Int { taskSet.tasks.count }

    // MARK: Per task (by index)

    /// Running copies, success, failures and newest attempt of each task, by index.
    var progress: [TaskProgress]
    public internal(set) var tasksSuccessful = 0
    /// Partition → index, built on first use (Spark's `partitionToIndex`).
    var partitionToIndex: [Int: Int]?
    /// Every task's partition is its index (a stage's first attempt): a launch and an end
    /// then read the partition without touching the task's spec, one cache miss fewer per
    /// task at ten million tasks.
    let partitionsAreIndices: Bool

    // MARK: Attempts

    /// Every attempt launched, in TID order (TIDs only grow), found by binary search.
    var attempts: [TaskInfo] = []
    /// Spark's `runningTasksSet`, and the most it ever held (its hash table's size).
    var runningTasksSet = RunningAttempts()
    var maximumRunningTasks: Int { runningTasksSet.maximumCount }
    /// Attempts killed because another attempt of the task succeeded.
    var killedByOtherAttempt: Set<TaskID> = []

    // MARK: Scheduling state

    public internal(set) var isZombie = false
    var pendingTasks = PendingTasksByLocality()
    var pendingSpeculatableTasks = PendingTasksByLocality()
    /// Indices marked speculatable and not yet launched as a copy.
    var speculatableTasks: Set<Int> = []
    var successfulTaskDurations = PercentileHeap()
    /// Barrier tasks given an offer in the current round, by index (launched together
    /// at the round's end, or returned to pending).
    var barrierPendingLaunchTasks: [Int: BarrierPendingLaunchTask] = [:]
    var maximumBarrierPending = 0
    public internal(set) var myLocalityLevels: [TaskLocality] = []
    var localityWaits: [Int64] = []
    var currentLocalityIndex = 0
    var lastLocalityWaitResetTime: EngineInstant
    public internal(set) var excludelist: TaskSetExcludelist?

    // MARK: Kept by the task scheduler

    /// `TaskSchedulerImpl.noRejectsSinceLastReset` for this task set (nil = never set).
    var noRejectsSinceLastReset: Bool?
    /// The pool holding this manager, and its insertion sequence (for stable ordering).
    var pool = 0
    var sequence = 0

    /// Builds the pending lists (lowest index popped first) and the valid locality levels.
    init(taskSet: TaskSet, config: TaskSchedulerConfiguration, cluster: ExecutorRegistry, now: EngineInstant) {
        self.taskSet = taskSet
        self.config = config
        let n = taskSet.tasks.count
        progress = Array(repeating: TaskProgress(), count: n)
        partitionsAreIndices = taskSet.tasks.indices.allSatisfy { taskSet.tasks[$0].partition == $0 }
        // Room for one attempt per task from the start: growing by doubling would hold the
        // old and the new buffer at once (2.7 GB of attempts at 10M tasks).
        attempts.reserveCapacity(n)
        runningTasksSet.reserveCapacity(attempts: n)
        lastLocalityWaitResetTime = now
        if config.exclusion.taskSetRecordsFailures {
            excludelist = TaskSetExcludelist(settings: config.exclusion)
        }
        pendingTasks.beginStaging(tasks: n)
        for index in stride(from: n - 1, through: 0, by: -1) {
            addPendingTask(index, resolveRacks: false, speculatable: false, cluster: cluster)
        }
        pendingTasks.commitStaged()
        resolveRacksInBulk(cluster: cluster)
        myLocalityLevels = computeValidLocalityLevels()
        localityWaits = myLocalityLevels.map { config.localityWait($0, isBarrier: taskSet.isBarrier) }
    }

    /// The Spark name used by FAIR ordering ties (`"TaskSet_" + taskSet.id`).
    public var name: String { "TaskSet_\(taskSet.id)" }
    public var runningTasks: Int { runningTasksSet.count }
    public var isBarrier: Bool { taskSet.isBarrier }
    /// Spark's `isSchedulable`: offered resources in a round at all.
    public var isSchedulable: Bool { !isZombie && !(pendingTasks.isEmpty && pendingSpeculatableTasks.isEmpty) }
    /// A zombie with nothing running: the scheduler forgets it (`taskSetFinished`).
    public var isFinished: Bool { isZombie && runningTasksSet.isEmpty }

    /// The partition of the task at `index`.
    func partition(ofIndex index: Int) -> Int { partitionsAreIndices ? index : taskSet.tasks[index].partition }

    /// Whether the index still needs an attempt (Spark's `copiesRunning == 0 && !successful`).
    func needsScheduling(_ index: Int) -> Bool { progress[index].needsScheduling }

    /// Adds a task to every pending list it belongs on (`addPendingTask`); zombies add nothing.
    func addPendingTask(_ index: Int, resolveRacks: Bool = true, speculatable: Bool,
                                 cluster: ExecutorRegistry) {
        if isZombie { return }
        let locations = taskSet.tasks[index].preferredLocations
        if speculatable {
            Self.add(index, locations, to: &pendingSpeculatableTasks, resolveRacks: resolveRacks, cluster: cluster)
        } else {
            Self.add(index, locations, to: &pendingTasks, resolveRacks: resolveRacks, cluster: cluster)
        }
    }

    private static func add(_ index: Int, _ locations: [TaskLocation], to lists: inout PendingTasksByLocality,
                            resolveRacks: Bool, cluster: ExecutorRegistry) {
        for location in locations {
            switch location {
            case .executor(_, let executor):
                if !lists.forExecutor.pushOnExistingList(index, key: executor) {
                    lists.forExecutor.createList(index, key: executor, number: cluster.number(of: executor),
                                                 isAlive: cluster.isExecutorAlive(executor))
                }
            case .hdfsCache(let host):
                for executor in cluster.executorsAlive(onHost: host) {
                    lists.forExecutor.push(index, key: executor, number: cluster.number(of: executor), isAlive: true)
                }
            case .host:
                break
            }
            let host = location.host
            if !lists.forHost.pushOnExistingList(index, key: host) {
                lists.forHost.createList(index, key: host, number: cluster.hostNumber(of: host),
                                         isAlive: cluster.hasExecutorsAlive(onHost: host))
            }
            if resolveRacks, let rack = cluster.rack(forHost: host), !lists.forRack.pushOnExistingList(index, key: rack) {
                lists.forRack.createList(index, key: rack, number: nil, isAlive: cluster.hasHostAlive(onRack: rack))
            }
        }
        if locations.isEmpty { lists.noPrefs.append(index) }
        lists.all.append(index)
    }

    /// Appends each host's list to its rack's list, hosts in the JVM's `HashMap` order, as
    /// Spark's `addPendingTasks` resolves racks once per host at creation.
    private func resolveRacksInBulk(cluster: ExecutorRegistry) {
        let hosts = ScalaHashOrder.ordered(pendingTasks.forHost.insertionOrderedKeys,
                                           capacity: ScalaHashOrder.capacity(
                                               forMaximumSize: pendingTasks.forHost.insertionOrderedKeys.count),
                                           hash: ScalaHashOrder.hash(of:))
        for host in hosts {
            guard let rack = cluster.rack(forHost: host), let list = pendingTasks.forHost.list(forKey: host) else { continue }
            pendingTasks.forRack.push(contentsOf: list, key: rack, isAlive: cluster.hasHostAlive(onRack: rack))
        }
    }

    /// The slot of `tid` in `attempts`: its offset from the first attempt's TID when this
    /// set's TIDs are consecutive (a task set launching alone, the common case: O(1)),
    /// else by binary search.
    func slot(of tid: TaskID) -> Int? {
        guard let first = attempts.first else { return nil }
        let guess = tid.rawValue - first.taskID.rawValue
        if guess >= 0 && guess < attempts.count && attempts[guess].taskID == tid { return guess }
        var low = 0
        var high = attempts.count
        while low < high {
            let mid = (low + high) / 2
            if attempts[mid].taskID < tid { low = mid + 1 } else { high = mid }
        }
        return low < attempts.count && attempts[low].taskID == tid ? low : nil
    }

    /// The attempt with this TID, if this manager launched it.
    func info(_ tid: TaskID) -> TaskInfo? { slot(of: tid).map { attempts[$0] } }

    /// Spark's `someAttemptSucceeded(tid)`.
    func someAttemptSucceeded(_ tid: TaskID) -> Bool {
        guard let info = info(tid) else { return false }
        return progress[info.index].successful
    }
}

/// A barrier task given an offer in the current round (Spark's `BarrierPendingLaunchTask`).
struct BarrierPendingLaunchTask {
    let executor: ExecutorID
    let host: HostID
    let index: Int
    let locality: TaskLocality
    let gpus: [GPUGrant]
    /// The offer (in the round's shuffled order) that gave the resources, and the cores.
    var offerIndex = 0
    var cores = 0
}

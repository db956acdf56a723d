/// Spark's `TaskSchedulerImpl` with the resource bookkeeping of its coarse-grained
/// backend: task sets in pools, offer rounds, task ends, executor changes, speculation.
///
/// A value driven by the glue: each mutating method takes one event and appends what
/// it produced to an outbox, which the glue drains with `drainOutputs()` and performs in
/// order (DAG notifications, backend kills, trace rows). `resourceOffers` also returns
/// the launches. Time comes in as `now`; randomness (offer shuffles) from the injected
/// `SchedulerRandom`.
public struct TaskScheduler {
    public let configuration: TaskSchedulerConfiguration
    let random: any SchedulerRandom

    /// Task set managers by slot; freed slots are reused.
    var managers: [TaskSetManager?] = []
    private var freeSlots: [Int] = []
    /// Stage → attempt → slot (Spark's `taskSetsByStageIdAndAttempt`).
    var taskSetsByStage: [StageID: [Int: Int]] = [:]
    /// Spark's `taskIdToTaskSetManager` and `taskIdToExecutorId` for attempts whose end
    /// has not been reported (cleared early when their executor is removed), as a dense
    /// array by TID (TIDs are 0, 1, 2... in launch order): the manager slot and the
    /// executor's registry number side by side (a task end reads one cell, not two arrays).
    var trackedTasks: [TrackedTask] = []
    /// Attempts tracked in `trackedTasks`.
    var trackedTaskCount = 0
    var registry: ExecutorRegistry
    var resources = ExecutorResources()
    var healthTracker: HealthTracker?
    var pools: PoolTree
    /// The next TID (Spark's `nextTaskId`, global from 0 in launch order).
    var nextTaskID = 0
    /// An executor registered since the last round: the next round recomputes locality.
    var newExecutorAvailable = false
    private var nextSequence = 0
    /// Task sets excluded everywhere, with the instant they abort unless a launch happens
    /// first, and the task found unschedulable (Spark's `unschedulableTaskSetToExpiryTime`).
    var unschedulableDeadlines: [Int: (deadline: EngineInstant, index: Int)] = [:]
    /// Failed attempts freed from their executors and waiting for the result-getter
    /// thread (`taskEndedViaResultGetter`), in the order they ended.
    var deferredFailures: [DeferredFailure] = []
    var outbox = TaskSchedulerOutbox()
    /// The round state every offer round refills (see `RoundState`).
    var roundScratch = RoundState()
    /// The periodic round's (executor number, free cores) entries, kept for their capacity.
    var fullRoundScratch: [UInt64] = []

    public init(configuration: TaskSchedulerConfiguration, random: any SchedulerRandom) {
        self.configuration = configuration
        self.random = random
        registry = ExecutorRegistry(hostRacks: configuration.hostRacks)
        pools = PoolTree(mode: configuration.schedulingMode, pools: configuration.pools)
        if configuration.exclusion.applicationEnabled {
            healthTracker = HealthTracker(settings: configuration.exclusion)
        }
    }

    /// Everything produced since the last drain, in order.
    public mutating func drainOutputs() -> [TaskSchedulerOutput] {
        var drained: [TaskSchedulerOutput] = []
        drainOutputs(into: &drained)
        return drained
    }

    /// Swaps what was produced since the last drain into `buffer`, which must be empty;
    /// the outbox keeps `buffer`'s capacity, so a caller that hands the same buffer back
    /// every time (emptied, capacity kept) makes no allocation per drain.
    public mutating func drainOutputs(into buffer: inout [TaskSchedulerOutput]) {
        precondition(buffer.isEmpty, "drainOutputs(into:) needs an empty buffer")
        swap(&buffer, &outbox.items)
    }

    // MARK: Task sets (called by the DAG scheduler)

    /// Adds a stage attempt's tasks; older attempts of the stage become zombies, so only
    /// the newest is active (`submitTasks`). Spark then revives offers.
    public mutating func submitTasks(_ taskSet: TaskSet, now: EngineInstant) {
        let stage = taskSet.stage.stage
        // Submitting an attempt again (Spark's tests do) replaces it; the old manager turns
        // zombie below and lives on, unindexed, until its running attempts end.
        let manager = TaskSetManager(taskSet: taskSet, config: configuration, cluster: registry, now: now)
        manager.pool = pools.poolForTaskSet(named: taskSet.pool)
        manager.sequence = nextSequence
        nextSequence += 1
        let slot = freeSlots.popLast() ?? managers.count
        if slot == managers.count { managers.append(manager) } else { managers[slot] = manager }
        for other in (taskSetsByStage[stage] ?? [:]).values.sorted() {
            managers[other]!.isZombie = true
            finishIfDone(other, now: now)
        }
        taskSetsByStage[stage, default: [:]][taskSet.stage.attempt] = slot
        pools.add(manager: slot, to: manager.pool)
        outbox.act(.reviveOffers)
    }

    /// Kills every running attempt of every attempt of the stage and stops them launching
    /// more (`killAllTaskAttempts`, which suspends the managers in Spark 4).
    public mutating func killAllTaskAttempts(stage: StageID, reason: String, now: EngineInstant) {
        for (_, slot) in (taskSetsByStage[stage] ?? [:]).sorted(by: { $0.key < $1.key }) {
            for tid in runningInHashOrder(slot) {
                guard let executor = trackedExecutor(of: tid) else { continue }
                outbox.act(.killTask(tid, executor: executor, reason: reason))
            }
            managers[slot]!.suspend()
            finishIfDone(slot, now: now)
        }
    }

    /// Makes one stage attempt a zombie without killing its running attempts (Spark's
    /// `TaskSetManager.suspend`): it launches nothing more, its running tasks still report.
    public mutating func markZombie(_ attempt: StageAttemptID, now: EngineInstant) {
        guard let slot = taskSetsByStage[attempt.stage]?[attempt.attempt] else { return }
        managers[slot]!.suspend()
        finishIfDone(slot, now: now)
    }

    /// An attempt of the stage completed the partition: active attempts need not run it
    /// (`notifyPartitionCompletion` → `handlePartitionCompleted`).
    public mutating func notifyPartitionCompletion(stage: StageID, partition: Int, now: EngineInstant) {
        for (_, slot) in (taskSetsByStage[stage] ?? [:]).sorted(by: { $0.key < $1.key })
        where !managers[slot]!.isZombie {
            managers[slot]!.markPartitionCompleted(partition)
            finishIfDone(slot, now: now)
        }
    }

    /// Asks the backend to kill one attempt (`killTaskAttempt`); false if unknown.
    @discardableResult
    public mutating func killTaskAttempt(_ tid: TaskID, reason: String) -> Bool {
        guard let executor = trackedExecutor(of: tid) else { return false }
        outbox.act(.killTask(tid, executor: executor, reason: reason))
        return true
    }

    // MARK: Bookkeeping shared by the extensions

    /// A manager's running TIDs in Spark's `runningTasksSet` iteration order.
    func runningInHashOrder(_ slot: Int) -> [TaskID] {
        let manager = managers[slot]!
        return ScalaHashOrder.ordered(manager.runningTasksSet.members,
                                      capacity: ScalaHashOrder.capacity(forMaximumSize: manager.maximumRunningTasks)) {
            ScalaHashOrder.hash(of: $0.rawValue)
        }
    }

    /// Records a launched attempt (`addRunningTask`).
    mutating func recordLaunch(_ tid: TaskID, executor: Int32, slot: Int) {
        let t = tid.rawValue
        while trackedTasks.count <= t { trackedTasks.append(TrackedTask()) }
        precondition(!trackedTasks[t].isTracked, "\(tid) launched twice")
        precondition(executor >= 0, "\(tid) launched without an executor number")
        trackedTasks[t] = TrackedTask(managerSlot: Int32(slot), executor: executor)
        trackedTaskCount += 1
        registry.taskLaunched(tid, onNumber: executor)
        pools.adjustRunningTasks(from: managers[slot]!.pool, by: 1)
    }

    /// The manager slot of a tracked attempt (Spark's `taskIdToTaskSetManager.get`).
    func trackedSlot(of tid: TaskID) -> Int? {
        let t = tid.rawValue
        guard t >= 0, t < trackedTasks.count, trackedTasks[t].isTracked else { return nil }
        return Int(trackedTasks[t].managerSlot)
    }

    /// The executor of a tracked attempt (Spark's `taskIdToExecutorId.get`).
    func trackedExecutor(of tid: TaskID) -> ExecutorID? {
        trackedExecutorNumber(of: tid).map { registry.name(of: $0) }
    }

    /// The registry number of a tracked attempt's executor.
    public func trackedExecutorNumber(of tid: TaskID) -> Int32? {
        let t = tid.rawValue
        guard t >= 0, t < trackedTasks.count, trackedTasks[t].isTracked else { return nil }
        return trackedTasks[t].executor
    }

    /// Forgets an attempt at the scheduler level (`cleanupTaskState`).
    mutating func cleanupTaskState(_ tid: TaskID) {
        guard let executor = trackedExecutorNumber(of: tid) else { return }
        trackedTasks[tid.rawValue] = TrackedTask()
        trackedTaskCount -= 1
        registry.taskEnded(tid, onNumber: executor)
    }

    /// Keeps the pools' running counts in step after a manager changed, and drops it once
    /// finished (`taskSetFinished`), feeding application-level exclusion when it succeeded.
    mutating func settle(_ slot: Int, runningBefore: Int, now: EngineInstant) {
        pools.adjustRunningTasks(from: managers[slot]!.pool, by: managers[slot]!.runningTasks - runningBefore)
        finishIfDone(slot, now: now)
    }

    mutating func finishIfDone(_ slot: Int, now: EngineInstant) {
        // A task set with a failure the result-getter thread has not handled yet stays
        // (Spark's getter holds the manager itself and handles the failure on it).
        guard let manager = managers[slot], manager.isFinished, !deferredFailures.contains(where: { $0.slot == slot })
        else { return }
        if manager.tasksSuccessful == manager.numTasks, let failures = manager.excludelist?.executorFailures {
            healthTracker?.updateExcludedForSuccessfulTaskSet(failures: failures, now: now)
        }
        let attempt = manager.taskSet.stage
        if taskSetsByStage[attempt.stage]?[attempt.attempt] == slot {
            taskSetsByStage[attempt.stage]?[attempt.attempt] = nil
        }
        if taskSetsByStage[attempt.stage]?.isEmpty == true { taskSetsByStage[attempt.stage] = nil }
        pools.remove(manager: slot, from: manager.pool)
        unschedulableDeadlines[slot] = nil
        managers[slot] = nil
        freeSlots.append(slot)
    }

    // MARK: Inspection

    /// A copy of the manager of a stage attempt, while it is active or has tasks running.
    public func taskSetManager(for attempt: StageAttemptID) -> TaskSetManager? {
        taskSetsByStage[attempt.stage]?[attempt.attempt].flatMap { managers[$0] }
    }

    /// The attempts of a stage the scheduler still holds, by attempt number.
    public func attempts(ofStage stage: StageID) -> [Int] {
        (taskSetsByStage[stage] ?? [:]).keys.sorted()
    }

    /// No task set, no running attempt, no booked resource (Spark's
    /// `assertDataStructuresEmpty` for the task scheduler).
    public var isIdle: Bool {
        managers.allSatisfy { $0 == nil } && taskSetsByStage.isEmpty && trackedTaskCount == 0
            && resources.grantCount == 0 && pools.nodes.allSatisfy { $0.runningTasks == 0 }
    }

    /// The application-level exclusion state, when enabled.
    public var health: HealthTracker? { healthTracker }
}

/// A launched attempt as the task scheduler tracks it until its end is reported: its
/// task set's manager slot and its executor's registry number (-1 in both: not tracked).
struct TrackedTask {
    var managerSlot: Int32 = -1
    var executor: Int32 = -1

    var isTracked: Bool { managerSlot >= 0 }
}

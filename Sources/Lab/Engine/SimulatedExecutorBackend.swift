import Engine
import Sim

/// How the simulated executors behave beyond the scenario's stages and faults.
struct BackendOptions {
    /// `engine.task_launch_overhead`: from the launch decision to the task running.
    var launchOverhead = SimDuration.zero
    /// The extra deserialisation of an executor JVM's first tasks (control plane).
    var executorWarmup = SimDuration.zero
    /// `engine.barrier_poll_interval`: how a task blocked in a sync learns it is over.
    var pollInterval = SimDuration.seconds(1)
    /// `spark.barrier.sync.timeout`, counted from an epoch's first call.
    var syncTimeout = SimDuration.seconds(365 * 86_400)
    /// `spark.shuffle.service.enabled`: map outputs stay readable while their host lives.
    var shuffleServiceEnabled = false
    /// `spark.task.maxDirectResultSize`: a larger result is fetched from the block manager.
    var maxDirectResultSize: Int64 = 1 << 20
    /// `cluster.cpu.physical_cores`: cores each host's tasks share (nil: one per task).
    var physicalCores: Int?
    /// `cluster.cpu.variation`: noise on each stretch of task work (nil: none).
    var workVariation: WorkVariation?
    /// `cluster.cpu.host_slowdown`: each host's persistent factor on that work (nil: none).
    var hostSlowdowns: HostSlowdowns?
    /// How the driver notices a silent executor (Spark's HeartbeatReceiver).
    var heartbeats = HeartbeatSettings()
}

/// The executors of the simulated cluster, as the engine's `ExecutorBackend`: they run
/// the tasks the engine launches and report how each ends.
///
/// A launched task waits out the launch overhead, reports RUNNING, then runs its stage's
/// program step by step (`TaskStep`): its shuffle reads (one network transfer per
/// non-empty map output, all in parallel), work on its host under straggler slowdowns,
/// barrier calls, broadcast fetches, results sent to the driver, allreduces among its
/// barrier peers; and reports its end: success (with a `MapStatus` for a shuffle-map
/// task) or the failure an injected fault gives it. Kills and executor losses stop a
/// task at once (a task blocked in a sync at its next poll). See docs/scenario.md's
/// `engine:` section.
///
/// The engine is never re-entered: a report decided while the engine is calling in (a
/// kill) is an event at the same instant; reports decided on the backend's own events
/// (a task's end, an executor loss) go to the engine directly.
///
/// - Complexity: O(log n) per task step for the event queue; O(r) per task for its r
///   shuffle reads; an executor loss O(t + b log b) for the t tasks running, b of them
///   with a broken read.
final class SimulatedExecutorBackend: ExecutorBackend {
    unowned let deployment: SimulatedDeployment
    let executors: ExecutorCatalog
    let options: BackendOptions
    let faults: TaskFaultTable
    let randomFailures: RandomWorkFailures
    /// Tasks launched and not yet ended (lookup only; iteration goes through
    /// `tasksByExecutor` or sorted ids).
    var tasks: [TaskID: RunningTask] = [:]
    /// Per executor, its tasks in launch order.
    var tasksByExecutor: [String: [TaskID]] = [:]
    var mapOutputs = MapOutputRegistry()
    var barrier = BarrierSyncCoordinator()
    /// The pending timeout of each stage attempt's current sync epoch.
    var syncTimeouts: [StageAttemptID: EventID] = [:]
    /// What each transfer in flight is for (lookup only).
    var transfers: [TransferID: TransferPurpose] = [:]
    /// Broadcasts cached on, or on their way to, each executor.
    var broadcasts = BroadcastCache()
    /// Allreduces waiting for their ranks or running on the network.
    var allreduces = AllreduceTable()
    /// Every allreduce started, in start order: which stage attempt's pass it was.
    private(set) var allreduceLog: [AllreduceStart] = []
    /// Horovod's runtime of each deep-learning stage attempt running (lookup only).
    var horovod: [StageAttemptID: HorovodCoordinator] = [:]
    /// Hosts that stopped answering (lookup only): their tasks are frozen.
    var silentHosts: Set<HostIndex> = []
    /// Hosts lost by a `host-lost` fault (lookup only): their shuffle service went too.
    var lostHosts: Set<String> = []
    /// When each executor registered with the driver (lookup only): its heartbeats count
    /// from there.
    var registeredAt: [String: SimInstant] = [:]
    private(set) var launchedCount = 0
    /// Per executor (lookup only): the instant its JVM's warm-up ends, set when its first
    /// task arrives; tasks that arrive before then finish deserialising then.
    var warmUntil: [String: SimInstant] = [:]
    /// Per executor and stage attempt (lookup only): when its task binary is fetched and
    /// deserialised there.
    var taskBinaryReady: [TaskBinaryKey: SimInstant] = [:]
    /// Per host with `physical_cores` (lookup only): the CPU work sharing its cores.
    var cpuSharing: [HostIndex: ProcessorSharing] = [:]
    /// Per executor (lookup only): its Python workers not running a task.
    var idlePythonWorkers: [String: Int] = [:]

    init(_ deployment: SimulatedDeployment, executors: ExecutorCatalog, options: BackendOptions,
         faults: TaskFaultTable, randomFailures: RandomWorkFailures) {
        self.deployment = deployment
        self.executors = executors
        self.options = options
        self.faults = faults
        self.randomFailures = randomFailures
    }

    /// Tasks launched and not yet ended.
    var runningCount: Int { tasks.count }

    /// Records that an allreduce started on the network.
    func logAllreduce(_ start: AllreduceStart) { allreduceLog.append(start) }

    var now: SimInstant { deployment.cluster.simulation.now }

    func launch(_ task: TaskDescription) {
        guard let key = deployment.stageKey(of: task.stage.stage), let stage = deployment.stageWork(key) else {
            preconditionFailure("SimulatedExecutorBackend: \(task.stage) has no stage work")
        }
        guard let executor = deployment.cluster.topology.executor(id: task.executor),
              deployment.cluster.topology.executors[executor].isLive else {
            preconditionFailure("SimulatedExecutorBackend: \(task.taskID) launched on dead executor \(task.executor)")
        }
        precondition(tasks[task.taskID] == nil, "SimulatedExecutorBackend: \(task.taskID) launched twice")
        let attempt = TaskAttemptKey(stage: key, stageAttempt: task.stage.attempt, partition: task.partition,
                                     attempt: task.attemptNumber)
        let spec = deployment.cluster.topology.executors[executor]
        let running = RunningTask(
            description: task, stage: stage, host: spec.host, attempt: attempt, fault: faults.fault(for: attempt),
            failsAtRandom: randomFailures.probability > 0 && randomFailures.shouldFail(key: attempt.randomFailureKey),
            executorCores: spec.spec.cores)
        running.program.launchedAt = now
        // A task sent to a silent host never starts: nothing there answers.
        if !silentHosts.contains(running.host) {
            running.step = schedule(.start(task.taskID), at: deserialized(task) + options.launchOverhead)
        }
        tasks[task.taskID] = running
        tasksByExecutor[task.executor, default: []].append(task.taskID)
        launchedCount += 1
    }

    /// When a task launched now is deserialised on its executor: the driver's scheduling
    /// thread serialises and sends it (behind a stage's task binary and earlier launches),
    /// the message crosses to the executor, which deserialises it; the tasks an executor
    /// JVM receives before its warm-up is over finish deserialising when it is.
    private func deserialized(_ task: TaskDescription) -> SimInstant {
        let costs = deployment.controlPlane
        let arrives = deployment.driverThreads.onScheduler(costs.taskLaunch, at: now) + costs.rpcLatency
        let binaryKey = TaskBinaryKey(executor: task.executor, stage: task.stage)
        let binary: SimInstant
        if let known = taskBinaryReady[binaryKey] {
            binary = max(arrives, known)
        } else {
            binary = arrives + costs.taskBinary
            taskBinaryReady[binaryKey] = binary
        }
        let ready = binary + costs.taskDeserialize
        guard let warm = warmUntil[task.executor] else {
            warmUntil[task.executor] = ready + options.executorWarmup
            return ready + options.executorWarmup
        }
        return arrives < warm ? max(ready, warm) : ready
    }

    func kill(_ task: TaskID, executor: ExecutorID, reason: String) {
        guard let running = tasks[task] else { return }
        if case .blocked(let calledAt) = running.phase, options.pollInterval > .zero {
            if running.pendingKill == nil { running.pendingKill = reason }
            tasks[task] = running
            schedulePoll(task, calledAt: calledAt)
            return
        }
        remove(task)
        schedule(.report(task, .killed(reason)), at: now)
    }

    /// Delivers one of the backend's own events.
    func handle(_ wake: BackendWake) {
        switch wake {
        case .start(let id): start(id)
        case .segmentEnd(let id): segmentEnded(id)
        case .poll(let id): poll(id)
        case .fault(let id): faultFired(id)
        case .report(let id, let reason): deployment.deliver(.taskEnded(id, reason))
        case .syncTimeout(let stage, let epoch): syncTimedOut(stage, epoch: epoch)
        case .heartbeatExpired(let executor, let lastSeen): heartbeatExpired(executor, lastSeen: lastSeen)
        case .horovodCycle(let stage): horovodCycle(stage)
        case .horovodStream(let stage): horovodStream(stage)
        }
    }

    /// The launch overhead is over: RUNNING, then the program's first step. A task given
    /// a broken GPU fails right away, before any read or work.
    private func start(_ id: TaskID) {
        tasks[id]!.step = nil
        deployment.deliver(.taskRunning(id))
        guard let task = tasks[id] else { return }  // killed while the engine heard RUNNING
        if let gpu = failedGPU(of: task) {
            end(id, gpuFailure(gpu, of: task))
            return
        }
        switch task.fault {
        case .failure(let after?), .fetchFailure(_, _, let after?):
            task.faultEvent = schedule(.fault(id), at: now + after)
            tasks[id] = task
        default:
            break
        }
        task.program.runStart = now
        tasks[id] = task
        advance(id)
    }

    /// An injected fault with `after:` fires, whatever the task is doing (reading,
    /// working or blocked in a sync): the task's code fails there and then.
    private func faultFired(_ id: TaskID) {
        tasks[id]!.faultEvent = nil
        guard let fault = tasks[id]!.fault else { preconditionFailure("fault fired for \(id) without a fault") }
        end(id, failure(of: fault, task: tasks[id]!))
    }

    /// The task ends on its own path: its events and transfers go, and the engine hears
    /// once its status update has made the control plane's way to the driver: the result
    /// serialised on the executor, the message across, a result-getter thread (plus a
    /// block-manager round trip for a result above `spark.task.maxDirectResultSize`),
    /// then the driver's scheduling thread.
    func end(_ id: TaskID, _ reason: TaskEndReason) {
        let task = remove(id)
        releasePythonWorker(of: task)
        let costs = deployment.controlPlane
        let indirect = task.resultBytes > options.maxDirectResultSize
        let getter = costs.resultGetter + (indirect ? costs.rpcLatency + costs.rpcLatency : .zero)
        let fetched = deployment.driverThreads.onResultGetter(
            getter, at: now + costs.resultSerialize + costs.rpcLatency)
        let handled = deployment.driverThreads.onScheduler(costs.taskEnd, at: fetched)
        if handled > now {
            schedule(.report(id, reason), at: handled)
        } else {
            deployment.deliver(.taskEnded(id, reason))
        }
    }

    /// Forgets a task: cancels its pending step, fault and transfers.
    @discardableResult
    func remove(_ id: TaskID) -> RunningTask {
        guard let task = tasks.removeValue(forKey: id) else { preconditionFailure("remove: \(id) is not running") }
        if let step = task.step { deployment.cluster.simulation.cancel(step) }
        if task.sharesCore { endSharedWork(id, host: task.host) }
        if let fault = task.faultEvent { deployment.cluster.simulation.cancel(fault) }
        for case let transfer? in task.readTransfers {
            deployment.cluster.cancelTransfer(transfer)
            transfers[transfer] = nil
        }
        horovodMemberRemoved(task)
        tasksByExecutor[task.description.executor]?.removeAll { $0 == id }
        if tasksByExecutor[task.description.executor]?.isEmpty == true {
            tasksByExecutor[task.description.executor] = nil
        }
        return task
    }

    @discardableResult
    func schedule(_ wake: BackendWake, at instant: SimInstant) -> EventID {
        deployment.cluster.simulation.schedule(.backend(wake), at: instant)
    }
}

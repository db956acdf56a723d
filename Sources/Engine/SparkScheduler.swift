import DequeModule

/// Spark's driver-side scheduler as one object: the DAG scheduler, the task scheduler
/// and the coarse-grained backend's offer logic, glued the way `SparkContext` wires
/// `DAGScheduler`, `TaskSchedulerImpl` and `CoarseGrainedSchedulerBackend`.
///
/// It has one entry point, `handle(_:)`, fed with `SchedulerEvent`s, and talks to the
/// world only through the injected `SchedulerEnvironment`: it never knows whether the
/// clock is simulated. The two schedulers are value types returning their decisions;
/// this class performs them in the order they were produced.
///
/// Offers follow docs/scenario.md's backend rules: all executors when a task set is
/// submitted, when an executor is added, and at every `spark.scheduler.revive.interval`
/// counted from time 0; only the executor whose task ended when a task ends; all executors
/// after a speculation check that marked a task. Offers requested at one instant are made
/// once every event already pending at that instant has been applied (an `.offerRound`
/// timer due now), so same-instant task ends are all seen first.
public final class SparkScheduler {
    var dag: DAGScheduler
    var tasks: TaskScheduler
    let environment: SchedulerEnvironment
    let reviveInterval: EngineDuration
    let speculationInterval: EngineDuration?

    /// Offers requested for the current instant: all executors, and/or these ones.
    var fullRoundRequested = false
    /// Registry numbers of the executors to offer alone, in request order, and by number
    /// whether one is queued (the list holds each once).
    var executorsToOffer: [Int32] = []
    var queuedForOffer: [Bool] = []
    var offerRoundPending = false
    var reviveArmed = false
    var speculationArmed = false
    /// By TID: the registry number of the executor the attempt was launched on (for the
    /// task-end offer), -1 once its end arrived.
    var executorOfTask: [Int32] = []
    /// Task-scheduler notifications for the DAG scheduler, handled in arrival order once
    /// the current input's own decisions are performed (Spark posts them to the
    /// DAGScheduler's event loop rather than calling it synchronously).
    var dagEventQueue: Deque<TaskSchedulerNotification> = []
    /// The spare buffer `drainTaskScheduler` trades with the task scheduler's outbox.
    var drainBuffer: [TaskSchedulerOutput] = []
    /// Jobs that ended, in order: (name, succeeded, message).
    public private(set) var endedJobs: [(name: String, succeeded: Bool, message: String?)] = []

    public init(conf: SparkConf, taskScheduler configuration: TaskSchedulerConfiguration,
                environment: SchedulerEnvironment) {
        dag = DAGScheduler(conf: conf, onLocalMaster: configuration.onLocalMaster)
        tasks = TaskScheduler(configuration: configuration, random: environment.random)
        self.environment = environment
        reviveInterval = EngineDuration(nanoseconds: max(conf.reviveIntervalNanoseconds, 1))
        speculationInterval = conf.speculationEnabled
            ? EngineDuration(nanoseconds: max(conf.speculationIntervalNanoseconds, 1)) : nil
    }

    var now: EngineInstant { environment.clock.now }

    /// The stage key (`job0.map`) of a stage id, for backends that run per-stage work.
    public func stageKey(of stage: StageID) -> String? { dag.stages[stage]?.spec.key }

    /// True when no task set is active and no job is waiting.
    public var isIdle: Bool { tasks.isIdle && dag.jobs.isEmpty }

    /// Applies one input. Everything it causes (launches, kills, timers, trace rows) goes
    /// out through the environment before it returns.
    public func handle(_ event: SchedulerEvent) {
        apply(event)
        processDAGEvents()
    }

    private func apply(_ event: SchedulerEvent) {
        switch event {
        case .submitJob(let job) where job.isMapStageJob:
            perform(dag.handleMapStageSubmitted(job, now: now, maxConcurrentTasks: slots))
        case .submitJob(let job):
            perform(dag.handleJobSubmitted(job, now: now, maxConcurrentTasks: slots))
        case .executorAdded(let info):
            tasks.executorAdded(info, now: now)
            drainTaskScheduler()
            requestFullRound()
        case .executorLost(let id, let reason):
            tasks.executorLost(id, reason: reason, now: now)
            drainTaskScheduler()
        case .taskRunning(let tid):
            tasks.taskRunning(tid)
            drainTaskScheduler()
        case .taskEnded(let tid, let reason):
            var executor: Int32?
            if tid.rawValue >= 0, tid.rawValue < executorOfTask.count, executorOfTask[tid.rawValue] >= 0 {
                executor = executorOfTask[tid.rawValue]
                executorOfTask[tid.rawValue] = -1
                tasks.prefetchForTaskEnd(onExecutor: executor!)
            }
            let failureWaits = tasks.taskEndedViaResultGetter(tid, reason: reason, now: now)
            drainTaskScheduler()
            if let executor {
                requestOffer(for: executor)
            } else if failureWaits {
                scheduleOfferRound()
            }
        case .timer(let timer):
            handleTimer(timer)
        }
    }

    /// Checks both schedulers' invariants (tests run it after every event).
    public func checkInvariants() {
        tasks.checkInvariants()
        dag.checkInvariants()
    }

    func slots(_ stage: StageSpec) -> Int {
        tasks.maxConcurrentTasks(resources: stage.resources, profile: stage.resourceProfile)
    }
}

// MARK: - Performing decisions

extension SparkScheduler {
    /// Performs DAG actions in order; those that reach the task scheduler may produce
    /// notifications that reach the DAG scheduler again, handled depth first as Spark's
    /// synchronous calls are.
    func perform(_ actions: [DAGAction]) {
        for action in actions {
            switch action {
            case .submitTaskSet(let taskSet):
                tasks.submitTasks(taskSet, now: now)
                drainTaskScheduler()
                requestFullRound()
                armPeriodicTimers()
            case .killAllTaskAttempts(let stage, let reason):
                tasks.killAllTaskAttempts(stage: stage, reason: reason, now: now)
                drainTaskScheduler()
            case .notifyPartitionCompletion(let stage, let partition):
                tasks.notifyPartitionCompletion(stage: stage, partition: partition, now: now)
                drainTaskScheduler()
            case .scheduleTimer(let timer, let instant):
                _ = environment.timers.schedule(timer, at: instant)
            case .trace(let event):
                environment.trace.record(event)
            case .jobEnded(_, let name, let succeeded, let message):
                endedJobs.append((name, succeeded, message))
            }
        }
    }

    func drainTaskScheduler() {
        // One buffer passed back and forth with the task scheduler's outbox: no allocation
        // per drain. Nothing below calls back into the task scheduler, so drains never nest.
        var outputs: [TaskSchedulerOutput] = []
        swap(&outputs, &drainBuffer)
        tasks.drainOutputs(into: &outputs)
        defer {
            outputs.removeAll(keepingCapacity: true)
            swap(&outputs, &drainBuffer)
        }
        // Each output is moved out of the buffer, not copied: a copy retains every string
        // and array in it and emptying the buffer releases them again (callgrind, 2,000
        // executors: 5% of the instructions). A payload-free placeholder takes its place,
        // so emptying the buffer below releases nothing twice.
        let count = outputs.count
        // A burst (a first round's launches) is queued for the DAG scheduler at once: room
        // for it now, not by doubling as it arrives (each doubling copies the queue).
        if count > Self.burstNotifications { dagEventQueue.reserveCapacity(dagEventQueue.count + count) }
        outputs.withUnsafeMutableBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for i in 0..<count {
                let output = (base + i).move()
                (base + i).initialize(to: .action(.reviveOffers))
                deliver(output)
            }
        }
    }

    private func deliver(_ output: TaskSchedulerOutput) {
        switch output {
        case .trace(let event):
            environment.trace.record(event)
        case .action(.killTask(let tid, let executor, let reason)):
            environment.backend.kill(tid, executor: executor, reason: reason)
        case .action(.reviveOffers):
            requestFullRound()
        case .notification(let notification):
            dagEventQueue.append(notification)
        }
    }

    /// Delivers queued notifications to the DAG scheduler until none is left (handling one
    /// may queue more, e.g. a resubmitted stage's task set failing at once).
    ///
    /// After a burst (the first round over a large cluster queues two notifications per
    /// launch, hundreds of thousands) the queue's storage is dropped: popping walks the
    /// ring's start around its whole capacity, so with a large ring every later append
    /// landed on a cold cache line (cachegrind, 20,000 executors: about a seventh of the
    /// run's last-level write misses). A small ring stays in cache.
    func processDAGEvents() {
        let burst = dagEventQueue.count > Self.burstNotifications
        while let notification = dagEventQueue.popFirst() {
            perform(dagActions(for: notification))
        }
        if burst { dagEventQueue = [] }
    }

    /// Queue lengths above which `processDAGEvents` lets the storage go afterwards.
    private static let burstNotifications = 4_096

    private func dagActions(for notification: TaskSchedulerNotification) -> [DAGAction] {
        switch notification {
        case .taskStarted(let task):
            return dag.handleTaskStarted(stage: task.stage, partition: task.partition, now: now)
        case .taskEnded(let task, let reason):
            return dag.handleTaskCompletion(stage: task.stage, partition: task.partition, reason: reason, now: now)
        case .taskResubmitted(let task):
            return dag.handleTaskResubmitted(stage: task.stage, partition: task.partition, now: now)
        case .taskSetFailed(let attempt, let message):
            return dag.handleTaskSetFailed(stage: attempt, message: message, now: now)
        case .speculativeTaskSubmitted(let attempt, let partition):
            return dag.handleSpeculativeTaskSubmitted(stage: attempt, partition: partition, now: now)
        case .executorAdded(let executor, let host):
            return dag.handleExecutorAdded(executor, host: host, now: now)
        case .executorLost(let executor, let reason):
            return dag.handleExecutorLost(executor, reason: reason, now: now)
        }
    }
}

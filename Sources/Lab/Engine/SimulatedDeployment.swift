import Engine
import Sim

/// A simulated Spark deployment: the engine, its environment over the simulation, the
/// simulated executors and the cluster, on one event queue, running whatever one job
/// source submits.
///
/// Lab's counterpart of FoundationDB's `SimulatedCluster`: the one place that knows both
/// worlds. It pulls one event at a time off the shared queue and hands it to its owner
/// (cluster, executors, engine timers, job submissions). The engine is only ever called
/// from here, one event at a time, never re-entered; the cluster never calls out, it
/// returns what changed and the deployment passes that on. Job ends reach the source
/// through the engine's typed job events (`EngineEventListener`), never through the trace.
final class SimulatedDeployment {
    /// Why a run stopped.
    enum Stop: String {
        /// Every job succeeded or failed (and the instant it happened was played out).
        case allJobsEnded = "all-jobs-ended"
        /// Nothing was left to happen, with jobs unfinished.
        case nothingPending = "nothing-pending"
        /// No task ran, no submission was due and nothing was traced for the stall limit:
        /// the jobs left can never run (e.g. they need resources no executor has).
        case stalled
        /// The observer asked to stop (an invariant broke: what follows proves nothing).
        case abandoned
    }

    var cluster: SimulatedCluster
    let source: any JobSource
    let trace = TraceRecorder()
    let random: StreamRandom
    /// The host the driver runs on: the first host of the cluster (client mode on the
    /// first machine); broadcasts come from here and task results go here.
    let driverHost: HostIndex
    private(set) var clock: SimulatedClock!
    private(set) var timers: SimulatedTimers!
    private(set) var backend: SimulatedExecutorBackend!
    private var listener: EngineEventListener!
    /// The control plane's costs, and the driver threads that serve them.
    let controlPlane: ControlPlaneCosts
    var driverThreads: DriverThreads
    private let executors: ExecutorCatalog
    private var engine: (any SchedulingEngine)?
    private var inEngine = false
    /// Every job handed to the engine or queued for it, in submission order;
    /// `LabEvent.submitJob(i)` names `submitted[i]`.
    private var submitted: [JobSpec] = []
    private var pendingSubmissions = 0
    private(set) var jobsEnded = 0
    /// Sees every event before and after it is handled (the swarm's invariant checks).
    var observer: (any DeploymentObserver)?

    init(_ setup: DeploymentSetup, source: any JobSource, taskFaults: TaskFaultTable, streams: RandomStreams,
         horizon: SimInstant) {
        cluster = SimulatedCluster(setup.cluster, faults: setup.faults, streams: streams, horizon: horizon)
        self.source = source
        executors = ExecutorCatalog(setup)
        random = StreamRandom(streams: streams)
        driverHost = cluster.topology.hosts[0].index
        controlPlane = setup.engine.controlPlane
        driverThreads = DriverThreads(resultGetterThreads: setup.spark.resultGetterThreads)
        clock = SimulatedClock(self)
        timers = SimulatedTimers(self)
        let options = BackendOptions(
            launchOverhead: setup.engine.taskLaunchOverhead,
            executorWarmup: setup.engine.controlPlane.warmup(localMaster: setup.runsOnLocalMaster),
            pollInterval: setup.engine.barrierPollInterval,
            syncTimeout: SimDuration(nanoseconds: setup.spark.barrierSyncTimeoutNanoseconds),
            shuffleServiceEnabled: setup.spark.shuffleServiceEnabled,
            maxDirectResultSize: setup.spark.maxDirectResultSizeBytes,
            physicalCores: setup.cluster.cpu?.physicalCores,
            workVariation: WorkVariation(coefficient: setup.cluster.cpu?.variation ?? 0, streams: streams),
            hostSlowdowns: setup.hostSlowdowns,
            heartbeats: HeartbeatSettings(
                interval: SimDuration(nanoseconds: setup.spark.executorHeartbeatIntervalNanoseconds),
                timeout: SimDuration(nanoseconds: setup.spark.networkTimeoutNanoseconds),
                checkInterval: SimDuration(nanoseconds: setup.spark.networkTimeoutIntervalNanoseconds)))
        backend = SimulatedExecutorBackend(self, executors: executors, options: options, faults: taskFaults,
                                           randomFailures: cluster.faults.plan.workFailures)
        listener = EngineEventListener(
            trace: trace,
            onStageSubmitted: { [unowned self] in self.stageSubmitted() },
            onJobEnd: { [unowned self] job, succeeded in self.jobEnded(job, succeeded: succeeded) })
        trace.takeClusterRows(cluster.trace)
    }

    /// What the engine is built with.
    var environment: SchedulerEnvironment {
        SchedulerEnvironment(clock: clock, timers: timers, backend: backend, random: random, trace: listener)
    }

    /// Hands the run to `engine`: the source's planned submissions are queued (in list
    /// order, so jobs due at one instant arrive in that order), then the engine hears of
    /// every executor present at time 0, so its offer rounds at time 0 come after them
    /// all; then the driver program starts.
    func start(_ engine: any SchedulingEngine) {
        precondition(self.engine == nil, "SimulatedDeployment: started twice")
        self.engine = engine
        let now = cluster.simulation.now
        queue(source.plannedJobs(from: now))
        for executor in cluster.topology.liveExecutors {
            let id = cluster.topology.executors[executor].id
            backend.registeredAt[id] = now
            deliver(.executorAdded(executors.info(id)))
        }
        queue(source.driverStarted(at: now))
    }

    /// Every job there will be has ended.
    private var allJobsEnded: Bool {
        source.isFinished && pendingSubmissions == 0 && jobsEnded >= submitted.count
    }

    /// Hands one input to the engine. Traps if the engine is already handling one.
    func deliver(_ event: SchedulerEvent) {
        guard let engine else { preconditionFailure("SimulatedDeployment: no engine yet for \(event)") }
        precondition(!inEngine, "SimulatedDeployment: the engine was re-entered with \(event)")
        inEngine = true
        engine.handle(event)
        inEngine = false
    }

    func stageKey(of stage: StageID) -> String? { engine?.stageKey(of: stage) }

    /// The work of a stage the source submitted.
    func stageWork(_ key: String) -> StageWork? { source.stage(key) }

    /// Delivers the next event; false when none is pending.
    @discardableResult
    func step() -> Bool {
        guard let event = cluster.step() else { return false }
        observed(event.payload)
        return true
    }

    private func observed(_ event: LabEvent) {
        guard let observer else { return dispatch(event) }
        observer.willHandle(event, in: self)
        dispatch(event)
        observer.didHandle(event, in: self)
    }

    private func dispatch(_ event: LabEvent) {
        switch event {
        case .engineTimer(let timer, let handle):
            timers.fired(handle)
            deliver(.timer(timer))
        case .backend(let wake):
            backend.handle(wake)
        case .submitJob(let index):
            // The driver's scheduling thread handles the submission (JobSubmitted) first.
            let ready = driverThreads.onScheduler(controlPlane.jobSubmit, at: cluster.simulation.now)
            if ready > cluster.simulation.now {
                cluster.simulation.schedule(.jobReachesScheduler(index), at: ready)
            } else {
                jobReachesScheduler(index)
            }
        case .jobReachesScheduler(let index):
            jobReachesScheduler(index)
        case .network, .collective, .fault:
            let change = cluster.deliverClusterEvent(event)
            trace.takeClusterRows(cluster.trace)
            backend.clusterChanged(change)
        }
    }

    /// Runs until every job has ended, then plays out the rest of that instant (the kills
    /// and reports it causes). Stops early when nothing is pending, or when the run has
    /// stalled: no task running, no submission due, and no trace row for `stallLimit`.
    func run(stallLimit: SimDuration) -> Stop {
        while !allJobsEnded {
            if observer?.wantsToStop == true { return .abandoned }
            guard let next = cluster.simulation.nextEventInstant() else { return .nothingPending }
            if backend.runningCount == 0, pendingSubmissions == 0,
               next.nanosecondsSinceStart - trace.lastRowInstant > stallLimit.nanoseconds { return .stalled }
            step()
        }
        let end = cluster.simulation.now
        while let event = cluster.simulation.step(through: end) { observed(event.payload) }
        return .allJobsEnded
    }

    private func jobReachesScheduler(_ index: Int) {
        pendingSubmissions -= 1
        deliver(.submitJob(submitted[index]))
    }

    /// The engine submitted a stage: the driver thread serialises and broadcasts its task
    /// binary before any of its tasks can leave (they queue behind it).
    private func stageSubmitted() {
        _ = driverThreads.onScheduler(controlPlane.stageSubmit, at: cluster.simulation.now)
    }

    /// Queues each submission at its instant, in order.
    private func queue(_ submissions: [JobSubmission]) {
        for submission in submissions {
            submitted.append(submission.spec)
            pendingSubmissions += 1
            cluster.simulation.schedule(.submitJob(submitted.count - 1), at: submission.at)
        }
    }

    /// A job ended: the source says what comes next.
    private func jobEnded(_ job: String, succeeded: Bool) {
        jobsEnded += 1
        queue(source.jobEnded(job, succeeded: succeeded, at: cluster.simulation.now))
    }
}

/// Watches a deployment event by event (the swarm's cross-layer invariant checks): called
/// before and after each event of the shared queue is handled.
protocol DeploymentObserver: AnyObject {
    /// True once the run should end early (checked between events).
    var wantsToStop: Bool { get }
    func willHandle(_ event: LabEvent, in deployment: SimulatedDeployment)
    func didHandle(_ event: LabEvent, in deployment: SimulatedDeployment)
}

/// The engine's trace sink as the deployment installs it: every event goes to the
/// recorder, and stage submissions and job ends, typed, to the deployment as well (after
/// the row is recorded).
final class EngineEventListener: SchedulerTraceSink {
    private let trace: TraceRecorder
    private let onStageSubmitted: () -> Void
    private let onJobEnd: (String, Bool) -> Void

    init(trace: TraceRecorder, onStageSubmitted: @escaping () -> Void, onJobEnd: @escaping (String, Bool) -> Void) {
        self.trace = trace
        self.onStageSubmitted = onStageSubmitted
        self.onJobEnd = onJobEnd
    }

    func record(_ event: SchedulerTraceEvent) {
        trace.record(event)
        switch event.kind {
        case .stageSubmitted:
            onStageSubmitted()
        case .jobSucceeded, .jobFailed:
            guard let job = event.job else { preconditionFailure("EngineEventListener: a job end without a job") }
            onJobEnd(job, event.kind == .jobSucceeded)
        default:
            break
        }
    }
}

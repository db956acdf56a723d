import Engine
import Sim

/// A simulated Spark deployment: the engine, its environment over the simulation, the
/// simulated executors and the cluster, on one event queue.
///
/// Lab's counterpart of FoundationDB's `SimulatedCluster`: the one place that knows both
/// worlds. It pulls one event at a time off the shared queue and hands it to its owner
/// (cluster, executors, engine timers, job submissions). The engine is only ever called
/// from here, one event at a time, never re-entered; the cluster never calls out, it
/// returns what changed and the deployment passes that on.
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
    }

    var cluster: SimulatedCluster
    let plan: ScriptedPlan
    let trace = TraceRecorder()
    let random: StreamRandom
    private(set) var clock: SimulatedClock!
    private(set) var timers: SimulatedTimers!
    private(set) var backend: SimulatedExecutorBackend!
    private var engine: (any SchedulingEngine)?
    private var inEngine = false
    private let jobIndex: [String: Int]
    private var pendingSubmissions = 0
    /// A driver program that submits jobs one after another (training); nil for a
    /// scripted plan, whose jobs are all known up front.
    private(set) var driver: TrainingDriver?
    /// Jobs the driver submitted, in order; `.submitJob(i)` names `plan.jobs.count + i`.
    private var driverJobs: [JobSpec] = []

    init(_ scenario: Scenario, plan: ScriptedPlan, streams: RandomStreams, horizon: SimInstant) {
        cluster = SimulatedCluster(scenario, streams: streams, horizon: horizon)
        self.plan = plan
        random = StreamRandom(streams: streams)
        jobIndex = Dictionary(uniqueKeysWithValues: plan.jobs.enumerated().map { ($0.element.spec.name, $0.offset) })
        clock = SimulatedClock(self)
        timers = SimulatedTimers(self)
        let options = BackendOptions(
            launchOverhead: scenario.engine.taskLaunchOverhead, pollInterval: scenario.engine.barrierPollInterval,
            syncTimeout: SimDuration(nanoseconds: scenario.spark.barrierSyncTimeoutNanoseconds),
            shuffleServiceEnabled: scenario.spark.shuffleServiceEnabled,
            workVariation: WorkVariation(coefficient: scenario.cluster.cpu?.variation ?? 0, streams: streams))
        backend = SimulatedExecutorBackend(self, plan: plan, options: options, faults: plan.taskFaults,
                                           randomFailures: cluster.faults.plan.workFailures)
        trace.takeClusterRows(cluster.trace)
        trace.onJobEnd = { [unowned self] job in self.jobEnded(job) }
    }

    /// What the engine is built with.
    var environment: SchedulerEnvironment {
        SchedulerEnvironment(clock: clock, timers: timers, backend: backend, random: random, trace: trace)
    }

    /// Hands the run to `engine`: the timed job submissions are queued (in list order, so
    /// jobs due at one instant arrive in that order), then the engine hears of every
    /// executor present at time 0, so its offer rounds at time 0 come after them all.
    func start(_ engine: any SchedulingEngine) {
        precondition(self.engine == nil, "SimulatedDeployment: started twice")
        self.engine = engine
        for (index, job) in plan.jobs.enumerated() {
            if case .at(let instant) = job.trigger { scheduleSubmission(index, at: instant) }
        }
        for executor in cluster.topology.liveExecutors {
            deliver(.executorAdded(plan.executorInfo(cluster.topology.executors[executor].id)))
        }
        if let job = driver?.start(at: cluster.simulation.now) { submitDriverJob(job, at: cluster.simulation.now) }
    }

    /// Runs `driver`'s jobs instead of (after) the plan's: set before `start`.
    func attach(_ driver: TrainingDriver) {
        precondition(engine == nil && self.driver == nil, "SimulatedDeployment: driver attached late or twice")
        self.driver = driver
    }

    private func submitDriverJob(_ job: JobSpec, at instant: SimInstant) {
        driverJobs.append(job)
        scheduleSubmission(plan.jobs.count + driverJobs.count - 1, at: instant)
    }

    /// Every job there will be has ended: the plan's, and the driver's once it is done.
    private var allJobsEnded: Bool {
        guard let driver else { return trace.jobsEnded >= plan.jobs.count }
        return driver.isFinished && pendingSubmissions == 0 && trace.jobsEnded >= plan.jobs.count + driverJobs.count
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

    /// Delivers the next event; false when none is pending.
    @discardableResult
    func step() -> Bool {
        guard let event = cluster.step() else { return false }
        dispatch(event.payload)
        return true
    }

    private func dispatch(_ event: LabEvent) {
        switch event {
        case .engineTimer(let timer, let handle):
            timers.fired(handle)
            deliver(.timer(timer))
        case .backend(let wake):
            backend.handle(wake)
        case .submitJob(let index):
            pendingSubmissions -= 1
            deliver(.submitJob(index < plan.jobs.count ? plan.jobs[index].spec : driverJobs[index - plan.jobs.count]))
        case .network, .collective, .fault:
            let change = cluster.deliverClusterEvent(event)
            trace.takeClusterRows(cluster.trace)
            backend.clusterChanged(change)
            if let driver { backend.programClusterChanged(change, driver: driver) }
        }
    }

    /// Runs until every job has ended, then plays out the rest of that instant (the kills
    /// and reports it causes). Stops early when nothing is pending, or when the run has
    /// stalled: no task running, no submission due, and no trace row for `stallLimit`.
    func run(stallLimit: SimDuration) -> Stop {
        while !allJobsEnded {
            guard let next = cluster.simulation.nextEventInstant() else { return .nothingPending }
            if backend.runningCount == 0, pendingSubmissions == 0,
               next.nanosecondsSinceStart - trace.lastRowInstant > stallLimit.nanoseconds { return .stalled }
            step()
        }
        let end = cluster.simulation.now
        while let event = cluster.simulation.step(through: end) { dispatch(event.payload) }
        return .allJobsEnded
    }

    private func scheduleSubmission(_ index: Int, at instant: SimInstant) {
        pendingSubmissions += 1
        cluster.simulation.schedule(.submitJob(index), at: instant)
    }

    /// Submits the jobs waiting for `job` (`after:`), in list order, at this instant.
    private func jobEnded(_ job: String) {
        if let driver, driverJobs.last?.name == job {
            let succeeded = trace.rows.last?.event == .jobSucceeded
            if let (next, at) = driver.jobEnded(succeeded: succeeded, at: cluster.simulation.now) {
                submitDriverJob(next, at: at)
            }
            return
        }
        guard let ended = jobIndex[job] else { return }
        for (index, waiting) in plan.jobs.enumerated() where waiting.trigger == .after(ended) {
            scheduleSubmission(index, at: cluster.simulation.now)
        }
    }
}

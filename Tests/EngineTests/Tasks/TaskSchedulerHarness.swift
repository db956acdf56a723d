import Testing
@testable import Engine

/// Virtual milliseconds as an engine instant (the conformance file counts in ms).
func ms(_ value: Int64) -> EngineInstant { EngineInstant(nanoseconds: value * 1_000_000) }

/// A `SchedulerRandom` that plays back fixed draws (and traps when it runs out).
final class ScriptedRandom: SchedulerRandom {
    var draws: [Int]
    init(_ draws: [Int] = []) { self.draws = draws }
    func nextInt(below upperBound: Int) -> Int {
        precondition(!draws.isEmpty, "ScriptedRandom: no draw left for nextInt(below: \(upperBound))")
        return draws.removeFirst() % upperBound
    }
}

/// Preference shorthands: `exec("host1", "exec1")` is Spark's `TaskLocation("host1", "exec1")`.
func exec(_ host: HostID, _ executor: ExecutorID) -> TaskLocation { .executor(host: host, executor: executor) }
func host(_ host: HostID) -> TaskLocation { .host(host) }

/// A task scheduler on a hand-made clock, recording what it emits and checking its
/// invariants after every call (Spark's `FakeTaskScheduler` + `FakeDAGScheduler`).
final class Harness {
    var scheduler: TaskScheduler
    var notifications: [TaskSchedulerNotification] = []
    var actions: [TaskSchedulerAction] = []
    var traces: [SchedulerTraceEvent] = []

    init(_ settings: [(String, SparkConfigValue)] = [], maxFailures: Int? = nil, pools: [PoolSpec] = [],
         random: ScriptedRandom? = nil, configure: (inout TaskSchedulerConfiguration) -> Void = { _ in }) {
        let conf: SparkConf
        do { conf = try SparkConf(settings) } catch { preconditionFailure("bad test conf: \(error)") }
        var configuration = TaskSchedulerConfiguration(conf: conf, maxTaskFailures: maxFailures ?? conf.taskMaxFailures,
                                                       pools: pools, shuffleOffers: random != nil)
        configure(&configuration)
        scheduler = TaskScheduler(configuration: configuration, random: random ?? ScriptedRandom())
    }

    func drain() {
        for output in scheduler.drainOutputs() {
            switch output {
            case .notification(let n): notifications.append(n)
            case .action(let a): actions.append(a)
            case .trace(let t): traces.append(t)
            }
        }
        scheduler.checkInvariants()
    }

    func addExecutor(_ id: ExecutorID, host: HostID, rack: RackID? = nil, cores: Int = 8,
                              gpus: [String] = [], profile: Int = 0, at time: EngineInstant = .zero) {
        scheduler.executorAdded(ExecutorInfo(id: id, host: host, rack: rack, cores: cores, gpuAddresses: gpus,
                                             resourceProfile: profile), now: time)
        drain()
    }

    func loseExecutor(_ id: ExecutorID, _ reason: ExecutorLossReason, at time: EngineInstant = .zero) {
        scheduler.executorLost(id, reason: reason, now: time)
        drain()
    }

    @discardableResult
    func submit(stage: Int, attempt: Int = 0, job: Int = 0, prefs: [[TaskLocation]], barrier: Bool = false,
                         resources: TaskResourceRequest = TaskResourceRequest(cpus: 1), profile: Int = 0,
                         pool: String = "default", shuffleMap: Bool = false, partitions: [Int]? = nil,
                         at time: EngineInstant = .zero) -> StageAttemptID {
        let id = StageAttemptID(stage: StageID(stage), attempt: attempt)
        let parts = partitions ?? Array(prefs.indices)
        let tasks = zip(parts, prefs).map { TaskSpec(partition: $0, preferredLocations: $1, isShuffleMap: shuffleMap) }
        scheduler.submitTasks(TaskSet(stage: id, jobID: JobID(job), jobName: "job\(job)", stageName: "stage\(stage)",
                                      pool: pool, tasks: tasks, isBarrier: barrier, resources: resources,
                                      resourceProfile: profile), now: time)
        drain()
        return id
    }

    @discardableResult
    func submit(stage: Int, attempt: Int = 0, job: Int = 0, tasks count: Int, barrier: Bool = false,
                         resources: TaskResourceRequest = TaskResourceRequest(cpus: 1), profile: Int = 0,
                         pool: String = "default", shuffleMap: Bool = false,
                         at time: EngineInstant = .zero) -> StageAttemptID {
        submit(stage: stage, attempt: attempt, job: job, prefs: Array(repeating: [], count: count), barrier: barrier,
               resources: resources, profile: profile, pool: pool, shuffleMap: shuffleMap, at: time)
    }

    /// A direct offer (`TaskSetManager.resourceOffer` with a cap).
    func offer(_ attempt: StageAttemptID, _ executor: ExecutorID, _ host: HostID, _ cap: TaskLocality,
                        at time: EngineInstant = .zero) -> TaskDescription? {
        let task = scheduler.resourceOffer(to: attempt, executor: executor, host: host, maxLocality: cap, now: time)
        drain()
        return task
    }

    /// A round (`TaskSchedulerImpl.resourceOffers`).
    func round(_ offers: [WorkerOffer], full: Bool, at time: EngineInstant = .zero) -> [TaskDescription] {
        let launched = scheduler.resourceOffers(offers, isAllFreeResources: full, now: time)
        drain()
        return launched
    }

    func succeed(_ tid: Int, at time: EngineInstant = .zero, mapStatus: MapStatus? = nil) {
        scheduler.taskEnded(TaskID(tid), reason: .success(mapStatus), now: time)
        drain()
    }

    func fail(_ tid: Int, _ reason: TaskEndReason, at time: EngineInstant = .zero) {
        scheduler.taskEnded(TaskID(tid), reason: reason, now: time)
        drain()
    }

    func running(_ tid: Int) {
        scheduler.taskRunning(TaskID(tid))
        drain()
    }

    /// `TaskSetManager.checkSpeculatableTasks(minTime)` on one stage attempt.
    func speculate(_ attempt: StageAttemptID, minTime: Int64, at time: EngineInstant) -> Bool {
        let found = scheduler.checkSpeculatableTasks(for: attempt, minTimeToSpeculation: minTime, now: time)
        drain()
        return found
    }

    /// `TaskSchedulerImpl.checkSpeculatableTasks` (the periodic check).
    func speculateAll(at time: EngineInstant) -> Bool {
        let found = scheduler.checkSpeculatableTasks(now: time)
        drain()
        return found
    }

    /// `taskSetFailed` messages so far.
    var failedTaskSets: [(StageAttemptID, String)] {
        notifications.compactMap {
            if case .taskSetFailed(let stage, let message) = $0 { return (stage, message) }
            return nil
        }
    }

    var kills: [(TaskID, ExecutorID, String)] {
        actions.compactMap {
            if case .killTask(let tid, let executor, let reason) = $0 { return (tid, executor, reason) }
            return nil
        }
    }

    func manager(_ attempt: StageAttemptID) -> TaskSetManager? { scheduler.taskSetManager(for: attempt) }
}

/// One offer of `cores` free cores (and GPU addresses, all free).
func workerOffer(_ executor: ExecutorID, _ host: HostID, cores: Int = 1, gpus: [String] = []) -> WorkerOffer {
    WorkerOffer(executor: executor, host: host, cores: cores, gpus: gpus.map { GPUShare(address: $0, free: 1) })
}

extension TaskDescription {
    /// (TID, partition, attempt, executor, locality) for compact expectations.
    var summary: String { "\(taskID.rawValue):p\(partition).\(attemptNumber)@\(executor)/\(locality)" }
}

import Testing
@testable import Engine

/// Drives a `DAGScheduler` without a task scheduler or simulator, as Spark's
/// `DAGSchedulerSuite` drives its `DAGScheduler` with a fake task scheduler: events go
/// in, the returned actions are recorded, timers fire when the test moves time on.
///
/// Naming follows the conformance set: executor `host<X>-exec` on `host<X>`; task sets
/// `taskSets[0]`, `[1]`, … in submission order.
struct DAGHarness: DAGFixtures {
    var dag: DAGScheduler
    var now = EngineInstant.zero
    /// What `maxConcurrentTasks` answers for every stage (the cluster's slots).
    var slots = 1_000
    /// Every action in order.
    private(set) var log: [DAGAction] = []
    /// Every task set submitted, in order.
    private(set) var taskSets: [TaskSet] = []
    /// Timers requested and not fired yet, in request order.
    private(set) var pendingTimers: [(timer: EngineTimer, at: EngineInstant)] = []

    init(_ settings: [(String, SparkConfigValue)] = []) {
        let conf: SparkConf
        do { conf = try SparkConf(settings) } catch { preconditionFailure("bad test conf: \(error)") }
        dag = DAGScheduler(conf: conf)
    }

    // MARK: Inputs

    @discardableResult
    mutating func submit(_ job: JobSpec, lineages: [String: StageLineage] = [:]) -> JobID {
        let id = JobID(dag.submittedJobCount)
        let slots = slots
        record(dag.handleJobSubmitted(job, now: now, lineages: lineages, maxConcurrentTasks: { _ in slots }))
        return id
    }

    @discardableResult
    mutating func submitMapStage(_ job: JobSpec) -> JobID {
        let id = JobID(dag.submittedJobCount)
        let slots = slots
        record(dag.handleMapStageSubmitted(job, now: now, maxConcurrentTasks: { _ in slots }))
        return id
    }

    /// Ends the task of `taskSet` at `index` (its `index`-th task, as Spark's tests do).
    mutating func complete(_ taskSet: TaskSet, task index: Int, _ reason: TaskEndReason) {
        let partition = taskSet.tasks[index].partition
        record(dag.handleTaskCompletion(stage: taskSet.stage, partition: partition, reason: reason, now: now))
    }

    /// Ends the first `reasons.count` tasks of `taskSet`, in order (Spark's `complete`).
    mutating func complete(_ taskSet: TaskSet, _ reasons: [TaskEndReason]) {
        for (index, reason) in reasons.enumerated() { complete(taskSet, task: index, reason) }
    }

    /// Every task of `taskSet` succeeds with its map output on the given hosts
    /// (`hostA`, `hostB`, … by default): Spark's `completeShuffleMapStageSuccessfully`.
    mutating func completeMapStage(_ taskSet: TaskSet, reducers: Int, hosts: [String] = []) {
        let reasons = taskSet.tasks.indices.map { index in
            TaskEndReason.success(mapStatus(index < hosts.count ? hosts[index] : defaultHost(index), reducers))
        }
        complete(taskSet, reasons)
    }

    /// Every task of `taskSet` succeeds (a result stage).
    mutating func completeResultStage(_ taskSet: TaskSet) {
        complete(taskSet, taskSet.tasks.map { _ in .success(nil) })
    }

    mutating func taskSetFailed(_ taskSet: TaskSet, _ message: String) {
        record(dag.handleTaskSetFailed(stage: taskSet.stage, message: message, now: now))
    }

    mutating func executorLost(_ executor: ExecutorID, _ reason: ExecutorLossReason = .killedByDriver) {
        record(dag.handleExecutorLost(executor, reason: reason, now: now))
    }

    mutating func executorAdded(_ executor: ExecutorID, host: HostID) {
        record(dag.handleExecutorAdded(executor, host: host, now: now))
    }

    mutating func resubmitted(_ taskSet: TaskSet, task index: Int) {
        record(dag.handleTaskResubmitted(stage: taskSet.stage, partition: taskSet.tasks[index].partition, now: now))
    }

    /// Moves time to `instant`, firing every timer due by then in (time, request) order.
    mutating func advance(to instant: EngineInstant) {
        while let next = pendingTimers.enumerated()
            .filter({ $0.element.at <= instant })
            .min(by: { ($0.element.at, $0.offset) < ($1.element.at, $1.offset) }) {
            pendingTimers.remove(at: next.offset)
            now = next.element.at
            let slots = slots
            record(dag.handleTimer(next.element.timer, now: now, maxConcurrentTasks: { _ in slots }))
        }
        now = instant
    }

    mutating func advance(byMilliseconds ms: Int64) { advance(to: now + .milliseconds(ms)) }

    private mutating func record(_ actions: [DAGAction]) {
        for action in actions {
            log.append(action)
            switch action {
            case .submitTaskSet(let taskSet): taskSets.append(taskSet)
            case .scheduleTimer(let timer, let at): pendingTimers.append((timer, at))
            default: break
            }
        }
        dag.checkInvariants()
    }

    // MARK: Views of the log

    var traces: [SchedulerTraceEvent] {
        log.compactMap { if case .trace(let event) = $0 { return event } else { return nil } }
    }

    func traces(_ kind: SchedulerTraceEvent.Kind) -> [SchedulerTraceEvent] { traces.filter { $0.kind == kind } }

    var endedJobs: [(id: JobID, succeeded: Bool, message: String?)] {
        log.compactMap {
            if case .jobEnded(let id, _, let succeeded, let message) = $0 { return (id, succeeded, message) }
            return nil
        }
    }

    var kills: [(stage: StageID, reason: String)] {
        log.compactMap {
            if case .killAllTaskAttempts(let stage, let reason) = $0 { return (stage, reason) }
            return nil
        }
    }

    var partitionCompletions: [(stage: StageID, partition: Int)] {
        log.compactMap {
            if case .notifyPartitionCompletion(let stage, let partition) = $0 { return (stage, partition) }
            return nil
        }
    }

    /// The map hosts registered for a shuffle, by map partition (nil = missing).
    func outputHosts(_ key: String, maps: Int) -> [String?] {
        (0..<maps).map { dag.mapOutputTracker.mapStatus(key, mapPartition: $0)?.host }
    }
}

// MARK: Fixtures

/// Builders for DAG tests, as protocol extensions so that their short names stay out of
/// the test target's global namespace (other suites share the module).
protocol DAGFixtures {}

extension DAGFixtures {
    func defaultHost(_ index: Int) -> String { "host" + String(UnicodeScalar(UInt8(65 + index))) }

    /// Spark's `makeMapStatus(host, reduces, sizes = 2)`.
    func mapStatus(_ host: String, _ reducers: Int, size: Int64 = 2) -> MapStatus {
        MapStatus(executor: "\(host)-exec", host: host, sizesByReducer: Array(repeating: size, count: reducers))
    }

    /// A fetch failure of `map` from `host`'s executor (Spark's `FetchFailed(makeBlockManagerId(host), …)`).
    func fetchFailed(_ mapStageKey: String, map: Int, from host: String,
                     _ message: String = "ignored") -> TaskEndReason {
        .fetchFailed(mapStageKey: mapStageKey, mapPartition: map, executor: "\(host)-exec", host: host,
                     message: message)
    }

    func stage(_ name: String, job: String = "job0", partitions: Int, parents: [String] = [], barrier: Bool = false,
               preferred: [[TaskLocation]] = []) -> StageSpec {
        StageSpec(key: "\(job).\(name)", name: name, jobName: job, partitions: partitions, parents: parents,
                  preferredLocations: preferred, isBarrier: barrier)
    }

    /// S0 (`map`, `maps` partitions) → S1 (`reduce`, `reduces` partitions).
    func shuffleJob(_ name: String = "job0", maps: Int = 2, reduces: Int = 2, barrierMap: Bool = false) -> JobSpec {
        JobSpec(name: name, stages: [
            stage("map", job: name, partitions: maps, barrier: barrierMap),
            stage("reduce", job: name, partitions: reduces, parents: ["\(name).map"]),
        ])
    }

    /// An instant `ms` milliseconds after time 0.
    func at(ms: Int64) -> EngineInstant { .zero + .milliseconds(ms) }

    /// The partitions a task set runs, in order.
    func partitions(_ taskSet: TaskSet) -> [Int] { taskSet.tasks.map(\.partition) }

    /// The stage ids of task sets, in order.
    func stageIDs(_ taskSets: [TaskSet]) -> [Int] { taskSets.map(\.stage.stage.rawValue) }

    /// A stage attempt, spelled as Spark's tests check it.
    func attempt(stage: Int, _ attempt: Int) -> StageAttemptID {
        StageAttemptID(stage: StageID(stage), attempt: attempt)
    }
}

import Engine
import OrderedCollections
@testable import Lab

/// A deliberately simple scheduler for testing the lab's wiring without Spark's: FIFO over
/// tasks, first executor (in registration order) with enough free cores, no locality, a
/// failed task retried up to `maxFailures` times, a fetch failure fails the job. It asks
/// for an `offerRound` timer whenever something changes, as the real engine does, so the
/// timers are exercised too.
///
/// Every input is logged (`inputs`, with the instant it arrived); `onInput` lets a test
/// act while the engine handles one (kill a task, say).
final class FakeEngine: SchedulingEngine {
    struct Pending { let stage: Int; let partition: Int; let attempt: Int }
    struct Running { let pending: Pending; let executor: String }

    let environment: SchedulerEnvironment
    let maxFailures: Int
    private(set) var inputs: [(time: Int64, event: SchedulerEvent)] = []
    private(set) var launched: [TaskDescription] = []
    var onInput: ((FakeEngine, SchedulerEvent) -> Void)?
    /// Also record `executor-added` rows (the recorder must drop them as duplicates).
    var traceMembership = false

    private var free: OrderedDictionary<String, (info: ExecutorInfo, cores: Int)> = [:]
    private var stages: [StageSpec] = []
    private var stageIDs: [String: Int] = [:]
    private var completed: [Int: Set<Int>] = [:]
    private var submittedStages: Set<Int> = []
    private var queue: [Pending] = []
    private(set) var running: [TaskID: Running] = [:]
    private var jobs: [(spec: JobSpec, result: Int, ended: Bool)] = []
    private var roundRequested = false

    init(_ environment: SchedulerEnvironment, maxFailures: Int = 4) {
        self.environment = environment
        self.maxFailures = maxFailures
    }

    static func factory(_ made: @escaping (FakeEngine) -> Void = { _ in }) -> SchedulingEngineFactory {
        { settings, environment in
            let engine = FakeEngine(environment, maxFailures: settings.maxTaskFailures)
            made(engine)
            return engine
        }
    }

    func stageKey(of stage: StageID) -> String? {
        stages.indices.contains(stage.rawValue) ? stages[stage.rawValue].key : nil
    }

    func kill(_ id: TaskID, reason: String) {
        guard let task = running[id] else { return }
        environment.backend.kill(id, executor: task.executor, reason: reason)
    }

    func handle(_ event: SchedulerEvent) {
        inputs.append((environment.clock.now.nanoseconds, event))
        switch event {
        case .executorAdded(let info):
            free[info.id] = (info, info.cores)
            if traceMembership { record(.executorAdded, executor: info.id, host: info.host) }
        case .executorLost(let id, _):
            free[id] = nil
            for (tid, task) in running.sorted(by: { $0.key < $1.key }) where task.executor == id {
                running[tid] = nil
                retry(task.pending)
            }
        case .submitJob(let spec):
            submit(spec)
        case .taskRunning:
            break
        case .taskEnded(let id, let reason):
            taskEnded(id, reason)
        case .timer(.offerRound):
            roundRequested = false
            offer()
        case .timer:
            break
        }
        onInput?(self, event)
        switch event {
        case .timer, .taskRunning: break  // a round or a status: nothing freed, nothing new
        default: requestRound()
        }
    }

    private func submit(_ spec: JobSpec) {
        for stage in spec.stages where stageIDs[stage.key] == nil {
            stageIDs[stage.key] = stages.count
            stages.append(stage)
        }
        jobs.append((spec, stageIDs[spec.resultStage.key]!, false))
        record(.jobSubmitted, job: spec.name)
        submitReadyStages()
    }

    private func submitReadyStages() {
        for job in jobs where !job.ended {
            for key in job.spec.stages.map(\.key) {
                let id = stageIDs[key]!
                let ready = stages[id].parents.allSatisfy { isComplete(stageIDs[$0]!) }
                guard ready, !submittedStages.contains(id) else { continue }
                submittedStages.insert(id)
                queue += (0..<stages[id].partitions).map { Pending(stage: id, partition: $0, attempt: 0) }
            }
        }
    }

    private func isComplete(_ stage: Int) -> Bool { completed[stage, default: []].count == stages[stage].partitions }

    private func taskEnded(_ id: TaskID, _ reason: TaskEndReason) {
        guard let task = running.removeValue(forKey: id) else { return }
        free[task.executor]?.cores += stages[task.pending.stage].resources.cpus
        let stage = stages[task.pending.stage]
        switch reason {
        case .success:
            record(.taskFinished, stage: stage, task.pending, executor: task.executor)
            completed[task.pending.stage, default: []].insert(task.pending.partition)
            for index in jobs.indices where !jobs[index].ended && isComplete(jobs[index].result) {
                jobs[index].ended = true
                record(.jobSucceeded, job: jobs[index].spec.name)
            }
            submitReadyStages()
        case .fetchFailed:
            record(.taskFailed, stage: stage, task.pending, executor: task.executor, detail: reason.traceDetail)
            failJobs(of: task.pending.stage, "fetch failed")
        case .killed:
            record(.taskKilled, stage: stage, task.pending, executor: task.executor, detail: reason.traceDetail)
        default:
            record(.taskFailed, stage: stage, task.pending, executor: task.executor, detail: reason.traceDetail)
            retry(task.pending)
        }
    }

    private func retry(_ task: Pending) {
        if task.attempt + 1 >= maxFailures {
            failJobs(of: task.stage, "task failed \(maxFailures) times")
        } else {
            queue.append(Pending(stage: task.stage, partition: task.partition, attempt: task.attempt + 1))
        }
    }

    private func failJobs(of stage: Int, _ why: String) {
        for index in jobs.indices where !jobs[index].ended && jobs[index].spec.stages.contains(where: {
            stageIDs[$0.key] == stage }) {
            jobs[index].ended = true
            record(.jobFailed, job: jobs[index].spec.name, detail: why)
        }
        queue.removeAll { $0.stage == stage }
    }

    private func requestRound() {
        guard !roundRequested, !queue.isEmpty else { return }
        roundRequested = true
        _ = environment.timers.schedule(.offerRound, at: environment.clock.now)
    }

    private func offer() {
        var waiting: [Pending] = []
        for task in queue {
            let stage = stages[task.stage]
            guard let executor = free.values.first(where: { $0.cores >= stage.resources.cpus })?.info else {
                waiting.append(task)
                continue
            }
            free[executor.id]!.cores -= stage.resources.cpus
            let description = TaskDescription(
                taskID: TaskID(launched.count), stage: StageAttemptID(stage: StageID(task.stage), attempt: 0),
                partition: task.partition, attemptNumber: task.attempt, executor: executor.id, host: executor.host,
                locality: .processLocal, speculative: false, cpus: stage.resources.cpus)
            launched.append(description)
            running[description.taskID] = Running(pending: task, executor: executor.id)
            record(.taskLaunched, stage: stage, task, executor: executor.id)
            environment.backend.launch(description)
        }
        queue = waiting
    }

    private func record(_ kind: SchedulerTraceEvent.Kind, job: String? = nil, stage: StageSpec? = nil,
                        _ task: Pending? = nil, executor: String? = nil, host: String? = nil, detail: String? = nil) {
        environment.trace.record(SchedulerTraceEvent(
            time: environment.clock.now, kind: kind, job: job ?? stage?.jobName, stage: stage?.name,
            stageAttempt: stage == nil ? nil : 0, partition: task?.partition, taskAttempt: task?.attempt,
            executor: executor, host: host ?? executor.flatMap { free[$0]?.info.host }, detail: detail))
    }
}

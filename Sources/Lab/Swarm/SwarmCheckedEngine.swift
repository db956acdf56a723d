import Engine

/// Spark's scheduler with its own invariants (`checkInvariants()`, which traps) run after
/// every input, and the swarm's checks of its state against what it was told: no attempt
/// counted running on an executor that is no longer registered (a lost executor's tasks
/// must fail), and no map output registered on a lost executor (or, with the external
/// shuffle service, on a lost host).
///
/// It also keeps what the trace checks need to know of each stage, from the jobs the
/// engine was given (not from its bookkeeping): barrier or not, GPU amount per task,
/// and the size of every barrier task set it created.
final class SwarmCheckedEngine: SchedulingEngine {
    struct StageFacts {
        var isBarrier: Bool
        /// Ten-thousandths of one GPU address each task holds per address it is given.
        var gpuShare: Int
        var partitions: Int
    }

    let scheduler: SparkScheduler
    private let shuffleServiceEnabled: Bool
    private let report: (String) -> Void
    /// By `job.stage` as the trace names it.
    private(set) var stages: [String: StageFacts] = [:]
    /// By stage key: `job.stage` as the trace names it.
    private(set) var traceName: [String: String] = [:]
    /// The task count of each barrier task set the engine created.
    private(set) var barrierTaskSetSizes: [StageAttemptID: Int] = [:]
    /// Hosts the engine was told are lost (their shuffle service went with them).
    private var lostHosts: Set<HostID> = []

    init(_ scheduler: SparkScheduler, shuffleServiceEnabled: Bool, report: @escaping (String) -> Void) {
        self.scheduler = scheduler
        self.shuffleServiceEnabled = shuffleServiceEnabled
        self.report = report
    }

    func handle(_ event: SchedulerEvent) {
        switch event {
        case .submitJob(let job):
            for stage in job.stages {
                let name = "\(stage.jobName).\(stage.name)"
                traceName[stage.key] = name
                let gpus = stage.resources.gpus
                stages[name] = StageFacts(isBarrier: stage.isBarrier,
                                          gpuShare: gpus >= 1 ? 10_000 : Int((gpus * 10_000).rounded(.down)),
                                          partitions: stage.partitions)
            }
        case .executorLost(_, .hostLost(let host)):
            lostHosts.insert(host)
        default:
            break
        }
        scheduler.handle(event)
        scheduler.checkInvariants()
        checkAgainstMembership(after: event)
        scheduler.forEachBarrierTaskSet { stage, tasks in barrierTaskSetSizes[stage] = tasks }
    }

    func stageKey(of stage: StageID) -> String? { scheduler.stageKey(of: stage) }

    private func checkAgainstMembership(after event: SchedulerEvent) {
        for (task, executor) in scheduler.runningAttempts where !scheduler.isExecutorRegistered(executor) {
            report("after \(Self.describe(event)): \(task) is still running on \(executor), which is no longer "
                + "registered (a lost executor's tasks must fail)")
        }
        scheduler.forEachMapOutput { shuffle, partition, status in
            let readable = shuffleServiceEnabled
                ? !lostHosts.contains(status.host) : scheduler.isExecutorRegistered(status.executor)
            if !readable {
                report("after \(Self.describe(event)): map output \(partition) of \(shuffle) is registered on "
                    + "\(status.executor) at \(status.host), which is lost"
                    + (shuffleServiceEnabled ? " with its shuffle service" : ""))
            }
        }
    }

    private static func describe(_ event: SchedulerEvent) -> String {
        switch event {
        case .submitJob(let job): "job \(job.name) submitted"
        case .executorAdded(let info): "executor \(info.id) added"
        case .executorLost(let id, let reason): "executor \(id) lost (\(reason))"
        case .taskRunning(let task): "\(task) running"
        case .taskEnded(let task, _): "\(task) ended"
        case .timer(let timer): "timer \(timer)"
        }
    }
}

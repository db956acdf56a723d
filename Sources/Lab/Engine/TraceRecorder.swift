import Engine
import Report
import Sim

/// One trace for one run: the engine's scheduling events, the cluster's own rows
/// (executors added and lost, faults) and the simulated executors' rows (barrier syncs),
/// in the order the simulation processed them.
///
/// The cluster writes its rows into its own list as it handles an event; the deployment
/// moves them here (`takeClusterRows`) before anyone reacts to that event, so a fault's
/// row always precedes the engine rows it causes.
///
/// Executor membership is the cluster's to report: when the engine also records an
/// `executor-added` or `executor-lost` row for an executor the cluster reported at the
/// same instant, the engine's copy is dropped, so each change appears once. Engine rows
/// about membership changes the cluster did not make (none today) are kept.
final class TraceRecorder: SchedulerTraceSink {
    private(set) var rows: [TraceRow] = []
    /// How many of the cluster's rows have been taken.
    private var clusterRowsTaken = 0
    /// Membership rows the cluster wrote at `membershipInstant` (lookup only).
    private var clusterMembership: Set<MembershipKey> = []
    private var membershipInstant: Int64 = -1

    private(set) var jobsSucceeded = 0
    private(set) var jobsFailed = 0
    private(set) var tasksLaunched = 0
    private(set) var taskFailures = 0
    /// The instant of the last job end (the makespan), nil before any job ended.
    private(set) var lastJobEnd: Int64?

    var jobsEnded: Int { jobsSucceeded + jobsFailed }
    /// The instant of the last row recorded (0 before any).
    var lastRowInstant: Int64 { rows.last?.timeNanoseconds ?? 0 }

    private struct MembershipKey: Hashable {
        let event: TraceEvent
        let executor: String
    }

    /// The engine's event kind as Report's: the one place the two enums meet.
    static func event(_ kind: SchedulerTraceEvent.Kind) -> TraceEvent {
        switch kind {
        case .executorAdded: return .executorAdded
        case .executorLost: return .executorLost
        case .jobSubmitted: return .jobSubmitted
        case .stageSubmitted: return .stageSubmitted
        case .taskLaunched: return .taskLaunched
        case .taskFinished: return .taskFinished
        case .taskFailed: return .taskFailed
        case .taskKilled: return .taskKilled
        case .stageCompleted: return .stageCompleted
        case .stageFailed: return .stageFailed
        case .stageResubmitted: return .stageResubmitted
        case .jobSucceeded: return .jobSucceeded
        case .jobFailed: return .jobFailed
        case .barrierSync: return .barrierSync
        }
    }

    func record(_ event: SchedulerTraceEvent) {
        let row = TraceRow(
            timeNanoseconds: event.time.nanoseconds, event: Self.event(event.kind), job: event.job, stage: event.stage,
            stageAttempt: event.stageAttempt, partition: event.partition, taskAttempt: event.taskAttempt,
            executor: event.executor, host: event.host, locality: event.locality?.description,
            speculative: event.speculative, gpus: event.gpuAddresses, note: event.detail)
        switch event.kind {
        case .executorAdded, .executorLost:
            if membershipInstant == row.timeNanoseconds, let executor = row.executor,
               clusterMembership.contains(MembershipKey(event: row.event, executor: executor)) { return }
        case .taskLaunched: tasksLaunched += 1
        case .taskFailed: taskFailures += 1
        case .jobSucceeded, .jobFailed:
            if event.kind == .jobSucceeded { jobsSucceeded += 1 } else { jobsFailed += 1 }
            lastJobEnd = row.timeNanoseconds
        default: break
        }
        rows.append(row)
    }

    /// Appends the rows `clusterTrace` gained since the last call.
    func takeClusterRows(_ clusterTrace: [TraceRow]) {
        guard clusterRowsTaken < clusterTrace.count else { return }
        for row in clusterTrace[clusterRowsTaken...] {
            if row.event == .executorAdded || row.event == .executorLost, let executor = row.executor {
                if membershipInstant != row.timeNanoseconds {
                    membershipInstant = row.timeNanoseconds
                    clusterMembership.removeAll(keepingCapacity: true)
                }
                clusterMembership.insert(MembershipKey(event: row.event, executor: executor))
            }
            rows.append(row)
        }
        clusterRowsTaken = clusterTrace.count
    }

    /// A row of the simulated executors' own (a barrier sync completing).
    func recordLab(_ row: TraceRow) { rows.append(row) }
}

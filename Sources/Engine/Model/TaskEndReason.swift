/// Where a map task's output lives and how big each reducer's share is (Spark's
/// `MapStatus`): what fetches read and what reduce locality weighs.
public struct MapStatus: Hashable, Sendable {
    public var executor: ExecutorID
    public var host: HostID
    /// Bytes for each reduce partition of the shuffle.
    public var sizesByReducer: [Int64]

    public init(executor: ExecutorID, host: HostID, sizesByReducer: [Int64]) {
        self.executor = executor
        self.host = host
        self.sizesByReducer = sizesByReducer
    }
}

/// How a task attempt ended (Spark's `TaskEndReason`), as the executor reports it.
public enum TaskEndReason: Hashable, Sendable, CustomStringConvertible {
    /// Finished; a shuffle-map task carries its map status.
    case success(MapStatus?)
    /// Could not read a map output (Spark's `FetchFailed`): the map stage's output is
    /// missing and both stages are resubmitted.
    case fetchFailed(mapStageKey: String, mapPartition: Int, executor: ExecutorID, host: HostID, message: String)
    /// The task's code threw (Spark's `ExceptionFailure`).
    case exception(String)
    /// The result could not be fetched (Spark's `TaskResultLost`).
    case resultLost
    /// Killed on purpose (speculative twin won, stage cancelled, barrier sibling failed).
    case killed(String)
    /// Its executor died (Spark's `ExecutorLostFailure`).
    case executorLost(ExecutorID, causedByApp: Bool, message: String)

    /// Whether the failure counts toward `spark.task.maxFailures` (Spark's `countTowardsTaskFailures`).
    public var countsTowardTaskFailures: Bool {
        switch self {
        case .success, .killed, .fetchFailed: return false
        case .exception, .resultLost: return true
        case .executorLost(_, let causedByApp, _): return causedByApp
        }
    }

    /// The short reason written in trace.csv's `detail`.
    public var traceDetail: String {
        switch self {
        case .success: return ""
        case .fetchFailed: return "fetch-failed"
        case .exception: return "exception"
        case .resultLost: return "result-lost"
        case .killed(let why): return why
        case .executorLost: return "executor-lost"
        }
    }

    /// Spark's `toErrorString`, used in abort messages.
    public var description: String {
        switch self {
        case .success: return "Success"
        case .fetchFailed(let key, let map, let executor, let host, let message):
            return "FetchFailed(\(host) executor \(executor), shuffle \(key), map \(map)): \(message)"
        case .exception(let message): return message
        case .resultLost: return "TaskResultLost (result lost from block manager)"
        case .killed(let why): return "TaskKilled (\(why))"
        case .executorLost(let executor, let causedByApp, let message):
            let behaviour = causedByApp ? "caused by one of the running tasks" : "unrelated to the running tasks"
            return "ExecutorLostFailure (executor \(executor) exited \(behaviour)) Reason: \(message)"
        }
    }
}

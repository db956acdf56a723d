import OrderedCollections

/// The failures of one task set on one executor (Spark's `ExecutorFailuresInTaskSet`).
public struct ExecutorFailuresInTaskSet: Hashable, Sendable {
    public let node: HostID
    /// Task index → (failures, latest failure time), in first-failure order.
    public private(set) var failuresByTask: OrderedDictionary<Int, TaskFailureRecord> = [:]

    public struct TaskFailureRecord: Hashable, Sendable {
        public var count: Int
        public var latestFailure: EngineInstant
    }

    init(node: HostID) { self.node = node }

    mutating func updateWithFailure(taskIndex: Int, at time: EngineInstant) {
        let previous = failuresByTask[taskIndex] ?? TaskFailureRecord(count: 0, latestFailure: time)
        failuresByTask[taskIndex] = TaskFailureRecord(count: previous.count + 1,
                                                      latestFailure: max(previous.latestFailure, time))
    }

    var numUniqueTasksWithFailures: Int { failuresByTask.count }

    func numFailures(ofTask index: Int) -> Int { failuresByTask[index]?.count ?? 0 }
}

/// Exclusion within one task set: (task, executor) and (task, node) pairs, and whole
/// executors and nodes for the task set (Spark's `TaskSetExcludelist`).
///
/// It also records failures for application-level exclusion, which `HealthTracker` reads
/// only when the task set succeeds. With only application-level exclusion on, it runs
/// "dry" (SPARK-49252): it records but excludes nothing.
///
/// - Complexity: lookups O(1); a failure costs O(executors with failures on its node).
public struct TaskSetExcludelist: Sendable {
    let settings: ExclusionSettings
    let isDryRun: Bool
    public private(set) var executorFailures: OrderedDictionary<ExecutorID, ExecutorFailuresInTaskSet> = [:]
    private var nodeToExecutorsWithFailures: [HostID: OrderedSet<ExecutorID>] = [:]
    private var nodeToExcludedTaskIndexes: [HostID: Set<Int>] = [:]
    private var excludedExecutors: Set<ExecutorID> = []
    private var excludedNodes: Set<HostID> = []
    /// Spark's `getLatestFailureReason`.
    public private(set) var latestFailureReason: String?

    init(settings: ExclusionSettings) {
        self.settings = settings
        isDryRun = !settings.taskAndStageEnabled
    }

    /// `isExecutorExcludedForTask`: the task failed `maxTaskAttemptsPerExecutor` times here.
    public func isExecutorExcluded(_ executor: ExecutorID, forTask index: Int) -> Bool {
        guard !isDryRun, let failures = executorFailures[executor] else { return false }
        return failures.numFailures(ofTask: index) >= settings.maxTaskAttemptsPerExecutor
    }

    /// `isNodeExcludedForTask`.
    public func isNodeExcluded(_ node: HostID, forTask index: Int) -> Bool {
        !isDryRun && (nodeToExcludedTaskIndexes[node]?.contains(index) ?? false)
    }

    /// `isExecutorExcludedForTaskSet`.
    public func isExecutorExcludedForTaskSet(_ executor: ExecutorID) -> Bool {
        !isDryRun && excludedExecutors.contains(executor)
    }

    /// `isNodeExcludedForTaskSet`.
    public func isNodeExcludedForTaskSet(_ node: HostID) -> Bool {
        !isDryRun && excludedNodes.contains(node)
    }

    /// Records a failure that counts toward `spark.task.maxFailures` and applies the
    /// per-task, per-executor and per-node limits (`updateExcludedForFailedTask`).
    mutating func updateExcludedForFailedTask(host: HostID, executor: ExecutorID, index: Int, failureReason: String,
                                              now: EngineInstant) {
        latestFailureReason = failureReason
        if executorFailures[executor] == nil { executorFailures[executor] = ExecutorFailuresInTaskSet(node: host) }
        executorFailures[executor]!.updateWithFailure(taskIndex: index, at: now)
        nodeToExecutorsWithFailures[host, default: []].append(executor)
        // Task attempts on the node, not distinct executors, as Spark counts them.
        let failuresOnHost = nodeToExecutorsWithFailures[host]!.reduce(0) {
            $0 + (executorFailures[$1]?.numFailures(ofTask: index) ?? 0)
        }
        if failuresOnHost >= settings.maxTaskAttemptsPerNode {
            nodeToExcludedTaskIndexes[host, default: []].insert(index)
        }
        let uniqueFailures = executorFailures[executor]!.numUniqueTasksWithFailures
        guard uniqueFailures >= settings.maxFailedTasksPerExecutorInStage,
              excludedExecutors.insert(executor).inserted else { return }
        let excludedOnNode = nodeToExecutorsWithFailures[host]!.filter { excludedExecutors.contains($0) }.count
        if excludedOnNode >= settings.maxFailedExecutorsPerNodeInStage {
            excludedNodes.insert(host)
        }
    }
}

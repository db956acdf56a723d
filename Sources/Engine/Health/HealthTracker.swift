import OrderedCollections

/// Application-level exclusion of executors and nodes (Spark's `HealthTracker`).
///
/// Task failures count here only once their task set succeeds (a failing stage says
/// nothing certain about the executor); an executor with `maxFailedTasksPerExecutor`
/// failures within the timeout is excluded for `spark.excludeOnFailure.timeout`, a node
/// with `maxFailedExecutorsPerNode` excluded executors likewise. Excluded executors and
/// nodes receive no offers until they expire. Not modelled: killing excluded executors
/// (`killExcludedExecutors`, which needs an allocation client) and decommissioning.
public struct HealthTracker: Sendable {
    struct ExcludedExecutor: Hashable, Sendable {
        var node: HostID
        var expiry: EngineInstant
    }

    /// One executor's failures in successful task sets, each with its expiry time
    /// (Spark's `ExecutorFailureList`).
    struct FailureList: Sendable {
        var expiries: [EngineInstant] = []

        mutating func drop(before instant: EngineInstant) {
            expiries.removeAll { $0 < instant }
        }
    }

    let settings: ExclusionSettings
    private var failureLists: [ExecutorID: FailureList] = [:]
    public private(set) var excludedExecutors: OrderedDictionary<ExecutorID, EngineInstant> = [:]
    private var excludedExecutorNodes: [ExecutorID: HostID] = [:]
    public private(set) var excludedNodes: OrderedDictionary<HostID, EngineInstant> = [:]
    /// Kept across executor removal, so successive bad executors on a node add up.
    private var nodeToExcludedExecutors: [HostID: OrderedSet<ExecutorID>] = [:]
    private var nextExpiry: EngineInstant?

    init(settings: ExclusionSettings) { self.settings = settings }

    public func isExecutorExcluded(_ executor: ExecutorID) -> Bool { excludedExecutors[executor] != nil }
    public func isNodeExcluded(_ node: HostID) -> Bool { excludedNodes[node] != nil }

    /// Includes again what has been excluded for longer than the timeout
    /// (`applyExcludeOnFailureTimeout`, run before each offer round).
    mutating func applyExcludeOnFailureTimeout(now: EngineInstant) {
        guard let next = nextExpiry, now > next else { return }
        for (executor, expiry) in excludedExecutors where expiry < now {
            excludedExecutors.removeValue(forKey: executor)
            if let node = excludedExecutorNodes.removeValue(forKey: executor) {
                nodeToExcludedExecutors[node]?.remove(executor)
                if nodeToExcludedExecutors[node]?.isEmpty == true { nodeToExcludedExecutors[node] = nil }
            }
        }
        for (node, expiry) in excludedNodes where expiry < now {
            excludedNodes.removeValue(forKey: node)
        }
        updateNextExpiry()
    }

    private mutating func updateNextExpiry() {
        nextExpiry = (Array(excludedExecutors.values) + Array(excludedNodes.values)).min()
    }

    /// `updateExcludedForFetchFailure` (only with `application.fetchFailure.enabled`).
    mutating func updateExcludedForFetchFailure(host: HostID, executor: ExecutorID, now: EngineInstant) {
        guard settings.fetchFailureEnabled else { return }
        let expiry = now + EngineDuration(nanoseconds: settings.timeout)
        if settings.shuffleServiceEnabled {
            if excludedNodes[host] == nil {
                excludedNodes[host] = expiry
                updateNextExpiry()
            }
        } else if excludedExecutors[executor] == nil {
            exclude(executor: executor, node: host, until: expiry)
            updateNextExpiry()
        }
    }

    /// Counts a successful task set's failures per executor and excludes executors (and
    /// then nodes) over the limits (`updateExcludedForSuccessfulTaskSet`).
    mutating func updateExcludedForSuccessfulTaskSet(
        failures: OrderedDictionary<ExecutorID, ExecutorFailuresInTaskSet>, now: EngineInstant
    ) {
        let timeout = EngineDuration(nanoseconds: settings.timeout)
        for (executor, inTaskSet) in failures {
            var list = failureLists[executor] ?? FailureList()
            for record in inTaskSet.failuresByTask.values { list.expiries.append(record.latestFailure + timeout) }
            list.drop(before: now)
            failureLists[executor] = list
            guard list.expiries.count >= settings.maxFailedTasksPerExecutor, excludedExecutors[executor] == nil
            else { continue }
            let expiry = now + timeout
            failureLists[executor] = nil
            exclude(executor: executor, node: inTaskSet.node, until: expiry)
            let onNode = nodeToExcludedExecutors[inTaskSet.node]?.count ?? 0
            if onNode >= settings.maxFailedExecutorsPerNode, excludedNodes[inTaskSet.node] == nil {
                excludedNodes[inTaskSet.node] = expiry
            }
        }
        updateNextExpiry()
    }

    private mutating func exclude(executor: ExecutorID, node: HostID, until expiry: EngineInstant) {
        excludedExecutors[executor] = expiry
        excludedExecutorNodes[executor] = node
        nodeToExcludedExecutors[node, default: []].append(executor)
    }

    /// Forgets the executor's pending failures, not its exclusion (`handleRemovedExecutor`).
    mutating func handleRemovedExecutor(_ executor: ExecutorID) {
        failureLists[executor] = nil
    }
}

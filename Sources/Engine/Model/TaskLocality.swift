/// Spark's locality levels, from most to least local (`TaskLocality`).
///
/// `noPref` is only ever an *allowed* level: a task taken from the no-preference queue is
/// reported `processLocal`, as Spark reports it (docs/trace.md).
public enum TaskLocality: Int, Hashable, Comparable, Sendable, CaseIterable, CustomStringConvertible {
    case processLocal = 0
    case nodeLocal = 1
    case noPref = 2
    case rackLocal = 3
    case any = 4

    public static func < (a: TaskLocality, b: TaskLocality) -> Bool { a.rawValue < b.rawValue }

    /// Whether a task found at level `self` may run under the cap `constraint`
    /// (Spark's `TaskLocality.isAllowed`).
    public func isAllowed(under constraint: TaskLocality) -> Bool { self <= constraint }

    /// The spelling of Spark's logs and of trace.csv.
    public var description: String {
        switch self {
        case .processLocal: return "PROCESS_LOCAL"
        case .nodeLocal: return "NODE_LOCAL"
        case .noPref: return "NO_PREF"
        case .rackLocal: return "RACK_LOCAL"
        case .any: return "ANY"
        }
    }
}

/// Where a partition would like to run (Spark's `TaskLocation`).
public enum TaskLocation: Hashable, Sendable, CustomStringConvertible {
    /// Cached on this executor: PROCESS_LOCAL there, NODE_LOCAL on its host.
    case executor(host: HostID, executor: ExecutorID)
    /// On this host (e.g. an HDFS block): NODE_LOCAL on any of its executors.
    case host(HostID)
    /// In HDFS's cache on this host: PROCESS_LOCAL on every executor of the host.
    case hdfsCache(HostID)

    public var host: HostID {
        switch self {
        case .executor(let host, _), .host(let host), .hdfsCache(let host): return host
        }
    }

    public var description: String {
        switch self {
        case .executor(let host, let executor): return "executor_\(host)_\(executor)"
        case .host(let host): return host
        case .hdfsCache(let host): return "hdfs_cache_\(host)"
        }
    }
}

/// An executor as the cluster announces it to the scheduler.
public struct ExecutorInfo: Hashable, Sendable {
    public var id: ExecutorID
    public var host: HostID
    /// nil when the cluster has no racks (then RACK_LOCAL never applies).
    public var rack: RackID?
    public var cores: Int
    /// GPU addresses `"0"..."n-1"` (Spark's `ResourceInformation` for `gpu`).
    public var gpuAddresses: [String]
    /// The resource profile the executor was launched for (0 = default).
    public var resourceProfile: Int

    public init(id: ExecutorID, host: HostID, rack: RackID?, cores: Int, gpuAddresses: [String] = [],
                resourceProfile: Int = 0) {
        precondition(cores >= 0, "ExecutorInfo \(id): \(cores) cores")
        self.id = id
        self.host = host
        self.rack = rack
        self.cores = cores
        self.gpuAddresses = gpuAddresses
        self.resourceProfile = resourceProfile
    }
}

/// Why an executor went away (Spark's `ExecutorLossReason`): whether the running tasks'
/// failures count toward `spark.task.maxFailures` depends on it.
public enum ExecutorLossReason: Hashable, Sendable, CustomStringConvertible {
    /// The process died; `causedByApp` = the application's tasks are to blame (counts).
    case processLost(causedByApp: Bool, message: String)
    /// The driver killed it (e.g. exclusion, dynamic allocation); does not count.
    case killedByDriver
    /// The host was decommissioned / lost with it; does not count.
    case hostLost(HostID)
    /// The reason is not known yet (Spark's `LossReasonPending`): tasks wait for it.
    case pending

    public var description: String {
        switch self {
        case .processLost(let byApp, let message): return byApp ? "exited, caused by app: \(message)" : message
        case .killedByDriver: return "killed by driver"
        case .hostLost(let host): return "host \(host) lost"
        case .pending: return "loss reason pending"
        }
    }
}

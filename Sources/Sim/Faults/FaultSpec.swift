/// A cluster-level fault, as data: what goes wrong, where and when.
///
/// It mirrors the cluster-level kinds of the scenario's `faults:` section in Sim's own
/// vocabulary (executors, hosts, links, work items; no tasks or stages), so the Lab maps
/// its decoded faults onto these one for one. Faults that name a task attempt or a shuffle
/// fetch are the backend adapter's business, not Sim's. Every case is inert until a
/// `FaultPlan` materialises it; a plan of no specs injects nothing.
public enum FaultSpec: Hashable, Sendable {
    /// The executor dies at `at`.
    case executorLost(executor: String, at: SimInstant)
    /// Every executor on the host dies at `at`.
    case hostLost(host: String, at: SimInstant)
    /// The host stops answering (kernel panic, partition): nothing reports it; its
    /// executors stay registered until the driver notices their heartbeats stopped.
    case hostUnreachable(host: String, at: SimInstant)
    /// A new executor (possibly on a new host or rack) joins at `at`.
    case executorAdded(ExecutorSpec, at: SimInstant)
    /// Work on `host` runs `slowdown` (≥ 1) times slower in [from, until); nil = forever.
    case straggler(host: String, slowdown: Double, from: SimInstant, until: SimInstant?)
    /// `host`'s link runs at `factor` (in (0, 1]) of its rate in [from, until); nil = forever.
    case linkDegraded(host: String, factor: Double, from: SimInstant, until: SimInstant?)
    /// GPU `address` of the executor stops working at `at` and stays broken: work on it
    /// fails from then on. The executor itself lives on, still holding the GPU.
    case gpuFailed(executor: String, address: Int, at: SimInstant)
    /// Each work item fails with `probability`, decided per item by `RandomWorkFailures`.
    case randomWorkFailures(probability: Double)
    /// Each executor dies after a random time to failure of mean `mtbf`.
    case randomExecutorLoss(mtbf: SimDuration, distribution: LossDistribution)

    /// What kind of fault this is.
    public var kind: FaultKind {
        switch self {
        case .executorLost: return .executorLost
        case .hostLost: return .hostLost
        case .hostUnreachable: return .hostUnreachable
        case .executorAdded: return .executorAdded
        case .straggler: return .straggler
        case .linkDegraded: return .linkDegraded
        case .gpuFailed: return .gpuFailed
        case .randomWorkFailures: return .randomWorkFailures
        case .randomExecutorLoss: return .randomExecutorLoss
        }
    }
}

/// The kinds of `FaultSpec`, with the names records and traces use.
public enum FaultKind: String, Hashable, Sendable, CustomStringConvertible {
    case executorLost = "executor-lost"
    case hostLost = "host-lost"
    case hostUnreachable = "host-unreachable"
    case executorAdded = "executor-added"
    case straggler = "straggler"
    case linkDegraded = "link-degraded"
    case gpuFailed = "gpu-failed"
    case randomWorkFailures = "random-work-failures"
    case randomExecutorLoss = "random-executor-loss"

    public var description: String { rawValue }
}

/// The distribution of an executor's time to failure; both have mean = the MTBF.
public enum LossDistribution: Hashable, Sendable, CustomStringConvertible {
    /// Memoryless failures: exponential with mean = MTBF.
    case exponential
    /// Weibull with this shape (< 1: infant mortality, > 1: wear-out) and the scale that
    /// makes its mean the MTBF: scale = MTBF / Γ(1 + 1/shape).
    case weibull(shape: Double)

    /// `exponential`, `weibull shape 1.5`.
    public var description: String {
        switch self {
        case .exponential: return "exponential"
        case .weibull(let shape): return "weibull shape \(shape)"
        }
    }
}

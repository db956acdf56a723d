/// One timed step of a fault plan: what happens at an instant.
///
/// Interval faults (stragglers, degraded links) give two events, a start and an end (none
/// for an interval that never ends); a random executor loss gives one event per executor
/// whose drawn failure falls within the plan's horizon.
public struct FaultEvent: Hashable, Sendable, CustomStringConvertible {
    public let instant: SimInstant
    /// The position in `FaultPlan.specs` (file order) of the spec it comes from.
    public let specIndex: Int
    /// The order in which the plan created the event; breaks the remaining ties.
    public let ordinal: Int
    public let action: FaultAction

    public init(instant: SimInstant, specIndex: Int, ordinal: Int, action: FaultAction) {
        self.instant = instant
        self.specIndex = specIndex
        self.ordinal = ordinal
        self.action = action
    }

    /// Plan order: by instant, then file order, then creation order.
    public static func precedes(_ a: FaultEvent, _ b: FaultEvent) -> Bool {
        (a.instant, a.specIndex, a.ordinal) < (b.instant, b.specIndex, b.ordinal)
    }

    public var description: String { "\(instant) \(action)" }
}

/// What a fault event does when it fires.
public enum FaultAction: Hashable, Sendable, CustomStringConvertible {
    /// An explicit `executorLost`.
    case loseExecutor(String)
    /// A failure drawn for `executor` by `randomExecutorLoss`.
    case loseExecutorAtRandom(executor: String, mtbf: SimDuration, distribution: LossDistribution)
    case loseHost(String)
    /// A `hostUnreachable`: the host goes silent.
    case silenceHost(String)
    case addExecutor(ExecutorSpec)
    case startStraggler(host: String, slowdown: SlowdownFactor, until: SimInstant?)
    case endStraggler(host: String, slowdown: SlowdownFactor)
    case startLinkDegradation(host: String, factor: LinkFactor, until: SimInstant?)
    case endLinkDegradation(host: String, factor: LinkFactor)
    /// A `gpuFailed`: GPU `address` of `executor` breaks for good.
    case failGPU(executor: String, address: Int)

    public var kind: FaultKind {
        switch self {
        case .loseExecutor: return .executorLost
        case .loseExecutorAtRandom: return .randomExecutorLoss
        case .loseHost: return .hostLost
        case .silenceHost: return .hostUnreachable
        case .addExecutor: return .executorAdded
        case .startStraggler, .endStraggler: return .straggler
        case .startLinkDegradation, .endLinkDegradation: return .linkDegraded
        case .failGPU: return .gpuFailed
        }
    }

    public var description: String {
        switch self {
        case .loseExecutor(let id): return "lose executor \(id)"
        case .loseExecutorAtRandom(let id, _, _): return "lose executor \(id) at random"
        case .loseHost(let id): return "lose host \(id)"
        case .silenceHost(let id): return "silence host \(id)"
        case .addExecutor(let spec): return "add executor \(spec.id) on \(spec.host)"
        case .startStraggler(let host, let slowdown, _): return "start straggler \(host) x\(slowdown)"
        case .endStraggler(let host, let slowdown): return "end straggler \(host) x\(slowdown)"
        case .startLinkDegradation(let host, let factor, _): return "start link degradation \(host) x\(factor)"
        case .endLinkDegradation(let host, let factor): return "end link degradation \(host) x\(factor)"
        case .failGPU(let executor, let address): return "fail GPU \(address) of \(executor)"
        }
    }
}

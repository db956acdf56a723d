/// What a trace says about one fault that took effect: when, what kind, on what, and a
/// line a person can read (`straggler host2 x3.0 until 1min`).
///
/// The detail texts are part of the trace contract (golden files compare them), so they
/// are built from exact values only: ids, factors in their exact decimal spelling, and
/// instants in Spark's duration spelling (`DurationFormat.spark`).
public struct FaultRecord: Hashable, Sendable, CustomStringConvertible {
    public let instant: SimInstant
    public let kind: FaultKind
    /// The executor concerned, if the fault is about one.
    public let executor: String?
    /// The host concerned: the fault's host, or the lost/added executor's host when known.
    public let host: String?
    public let detail: String

    public init(instant: SimInstant, kind: FaultKind, executor: String?, host: String?, detail: String) {
        self.instant = instant
        self.kind = kind
        self.executor = executor
        self.host = host
        self.detail = detail
    }

    /// What the fault is about: the executor if any, else the host.
    public var subject: String? { executor ?? host }

    /// `t=5s fault executor-lost exec2`.
    public var description: String { "\(instant) fault \(detail)" }
}

extension FaultRecord {
    /// `until 1min` / `indefinitely`.
    static func untilText(_ until: SimInstant?) -> String {
        until.map { "until \(DurationFormat.spark($0.nanosecondsSinceStart))" } ?? "indefinitely"
    }

    /// The detail line of `action`; `combined` is the host's factor once the action has
    /// taken effect, noted when it differs from what the action alone would give.
    static func detail(of action: FaultAction, combined: String?) -> String {
        switch action {
        case .loseExecutor(let id):
            return "executor-lost \(id)"
        case .loseExecutorAtRandom(let id, let mtbf, let distribution):
            return "executor-lost \(id) (random-executor-loss, mtbf \(mtbf) \(distribution))"
        case .loseHost(let id):
            return "host-lost \(id)"
        case .silenceHost(let id):
            return "host-unreachable \(id)"
        case .addExecutor(let spec):
            return "executor-added \(spec.id)"
        case .startStraggler(let host, let slowdown, let until):
            let note = combined.flatMap { $0 == slowdown.description ? nil : " (host x\($0))" } ?? ""
            return "straggler \(host) x\(slowdown) \(untilText(until))\(note)"
        case .endStraggler(let host, let slowdown):
            let note = combined.flatMap { $0 == SlowdownFactor.none.description ? nil : " (host x\($0))" } ?? ""
            return "straggler \(host) x\(slowdown) ended\(note)"
        case .startLinkDegradation(let host, let factor, let until):
            let note = combined.flatMap { $0 == factor.description ? nil : " (link x\($0))" } ?? ""
            return "link-degraded \(host) x\(factor) \(untilText(until))\(note)"
        case .endLinkDegradation(let host, let factor):
            let note = combined.flatMap { $0 == LinkFactor.full.description ? nil : " (link x\($0))" } ?? ""
            return "link-degraded \(host) x\(factor) ended\(note)"
        case .failGPU(let executor, let address):
            return "gpu-failed \(executor) gpu=\(address)"
        }
    }
}

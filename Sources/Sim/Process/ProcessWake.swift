/// The event that resumes a process: what `ProcessRuntime` schedules on the simulation.
public struct ProcessWake: Hashable, Sendable, CustomStringConvertible {
    public let process: ProcessID
    public let reason: WakeReason

    public init(process: ProcessID, reason: WakeReason) {
        self.process = process
        self.reason = reason
    }

    public var description: String { "wake \(process) (\(reason))" }
}

/// A simulation payload that can carry process wake-ups, so that processes share one
/// event queue (one order of events) with the rest of a model. A model's event enum
/// conforms with a case such as `case process(ProcessWake)`; `ProcessWake` itself
/// conforms, for simulations that run nothing but processes.
public protocol ProcessWakeCarrying {
    init(processWake: ProcessWake)
}

extension ProcessWake: ProcessWakeCarrying {
    public init(processWake: ProcessWake) { self = processWake }
}

/// Where a process stands, as `ProcessRuntime.state(of:)` reports it.
public enum ProcessState: Hashable, Sendable {
    /// A wake-up is queued (after spawn, a fired signal or a reported completion).
    case ready
    /// Sleeping until this instant.
    case sleeping(until: SimInstant)
    /// Waiting for this signal to fire.
    case waiting(SignalID)
    /// Waiting for this request to complete.
    case performing(RequestID)
    /// Returned `.finish`.
    case finished
    /// Ended by `ProcessRuntime.kill`.
    case killed

    /// Whether the process has ended, one way or the other.
    public var isTerminated: Bool { self == .finished || self == .killed }
}

/// One line of a runtime's trace: the timeline tests and debugging read.
public struct ProcessTraceEntry: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: Hashable, Sendable {
        case resumed(WakeReason)
        case fired(SignalID)
        case finished
        case killed
    }

    public let instant: SimInstant
    /// The process concerned; nil for a signal fired from outside any process.
    public let process: ProcessID?
    public let kind: Kind

    public init(instant: SimInstant, process: ProcessID?, kind: Kind) {
        self.instant = instant
        self.process = process
        self.kind = kind
    }

    public var description: String {
        let who = process.map { "\($0)" } ?? "outside"
        switch kind {
        case .resumed(let reason): return "\(instant) \(who) resumed: \(reason)"
        case .fired(let signal): return "\(instant) \(who) fired \(signal)"
        case .finished: return "\(instant) \(who) finished"
        case .killed: return "\(instant) \(who) killed"
        }
    }
}

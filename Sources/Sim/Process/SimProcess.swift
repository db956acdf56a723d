/// A simulated activity written as a state machine: the kernel resumes it with the
/// reason it woke, and it answers with what it does next.
///
/// Why state machines, and not `async`/`await`: Swift's default executor schedules
/// tasks on a thread pool in an order nobody promises, so two runs of the same model
/// could interleave differently, and a custom deterministic executor would be a second
/// scheduler hidden behind the event queue. A process that *returns* its next action
/// needs no executor at all: the runtime calls `resume` from inside the handling of an
/// ordinary event, so the event queue's `(instant, sequence)` order is the only order
/// there is. The process is a plain value, so its state can be printed, compared and
/// checked between steps; and a resume is a function call, with no task or
/// continuation allocated per wait. SimPy's generators and TigerBeetle's and
/// swift-nio's state machines follow the same idea.
///
/// `Request` is the kind of work a process can ask a resource model to do and wait
/// for (`ProcessAction.perform`): compute FLOPs on a device, transfer bytes between
/// hosts... The process layer is generic over it, so cost models plug in as
/// `RequestServer`s without touching it.
public protocol SimProcess<Request> {
    associatedtype Request

    /// Runs the process from its last action to its next one. `reason` says why it woke
    /// (`.start` the first time). The process may fire signals through `context`;
    /// the returned action says what it waits for next, or that it is done.
    mutating func resume(_ reason: WakeReason, context: inout ProcessContext) -> ProcessAction<Request>
}

/// What a process does next; every case but `.finish` suspends it until a wake-up.
public enum ProcessAction<Request> {
    /// Wake with `.timerExpired` after this long (zero: later in the current instant).
    case sleep(SimDuration)
    /// Wake with `.timerExpired` at this instant (not before now).
    case sleepUntil(SimInstant)
    /// Wake with `.signalled(signal)` the next time `signal` fires.
    case waitFor(SignalID)
    /// Hand `request` to the runtime's `RequestServer`; wake with `.completed(id)` when
    /// the server says it is done.
    case perform(Request)
    /// The process ends; it is never resumed again.
    case finish
}

/// Why a process is being resumed.
public enum WakeReason: Hashable, Sendable, CustomStringConvertible {
    /// The first resume after `spawn`.
    case start
    /// A `.sleep` / `.sleepUntil` ran out.
    case timerExpired
    /// The signal the process waited for fired.
    case signalled(SignalID)
    /// The request made by the last `.perform` completed; its id.
    case completed(RequestID)

    public var description: String {
        switch self {
        case .start: "start"
        case .timerExpired: "timer"
        case .signalled(let signal): "signalled(\(signal))"
        case .completed(let request): "completed(\(request))"
        }
    }
}

/// What a process can see and do during one resume besides returning its action.
///
/// Effects are recorded and applied by the runtime when `resume` returns, in the order
/// they were made: nothing re-enters the runtime while a process is running.
public struct ProcessContext {
    /// The current virtual time.
    public let now: SimInstant
    /// The process being resumed.
    public let process: ProcessID
    /// Signals fired during this resume, in order.
    public private(set) var firedSignals: [SignalID] = []

    init(now: SimInstant, process: ProcessID) {
        self.now = now
        self.process = process
    }

    /// Fires `signal` once this resume returns: every process waiting for it then wakes,
    /// in the order they started waiting.
    public mutating func fire(_ signal: SignalID) { firedSignals.append(signal) }
}

/// Identifies a spawned process within its `ProcessRuntime` (spawn order, from 0).
public struct ProcessID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    public var description: String { "process#\(rawValue)" }
}

/// Identifies a signal within its `ProcessRuntime` (creation order, from 0).
public struct SignalID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    public var description: String { "signal#\(rawValue)" }
}

/// Identifies one request handed to a `RequestServer` (issue order, from 0).
public struct RequestID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: Int
    public init(rawValue: Int) { self.rawValue = rawValue }
    public static func < (a: Self, b: Self) -> Bool { a.rawValue < b.rawValue }
    public var description: String { "request#\(rawValue)" }
}

/// Serves the requests that processes make with `ProcessAction.perform`: the seam where
/// cost models (compute on a device, transfers over links) plug into the process layer.
///
/// A server answers each request with when it completes. A fixed cost (FLOPs over a
/// device's rate) is known at once: `.after(duration)`. A shared resource (a link whose
/// rate is split among the flows crossing it) learns the completion time only as other
/// requests come and go: it answers `.reportedLater`, and its owner calls
/// `ProcessRuntime.complete(_:in:)` when the request is done.
public protocol RequestServer<Request> {
    associatedtype Request

    /// Starts serving `request`, made by `process` at `now`, and says when it completes.
    mutating func begin(_ request: Request, id: RequestID, by process: ProcessID,
                        now: SimInstant) -> RequestCompletion

    /// The process waiting for `id` was killed: stop serving it (release its share).
    /// The default does nothing, which suits servers without shared state.
    mutating func abandon(_ id: RequestID, now: SimInstant)
}

extension RequestServer {
    public mutating func abandon(_ id: RequestID, now: SimInstant) {}
}

/// When a request completes, as a server reports it.
public enum RequestCompletion: Hashable, Sendable {
    /// At this instant (not before now).
    case at(SimInstant)
    /// This long after now.
    case after(SimDuration)
    /// Unknown yet: the server's owner calls `ProcessRuntime.complete(_:in:)` later.
    case reportedLater
}

/// A server whose every request takes a duration computed from the request alone,
/// with no queueing or sharing: the simplest cost model (e.g. FLOPs / device rate).
public struct FixedCostServer<Request>: RequestServer {
    private let cost: (Request) -> SimDuration

    /// `cost` must return a non-negative duration.
    public init(cost: @escaping (Request) -> SimDuration) { self.cost = cost }

    public mutating func begin(_ request: Request, id: RequestID, by process: ProcessID,
                               now: SimInstant) -> RequestCompletion {
        .after(cost(request))
    }
}

/// The server for processes that never perform requests (`Request == Never`).
public struct NoRequestServer: RequestServer {
    public init() {}

    public mutating func begin(_ request: Never, id: RequestID, by process: ProcessID,
                               now: SimInstant) -> RequestCompletion {}
}

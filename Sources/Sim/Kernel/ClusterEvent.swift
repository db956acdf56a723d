/// The events Sim's cluster components schedule for themselves: the network's timer, a
/// collective's reduction, a fault's wake-up.
///
/// Why one enum and one protocol: every component shares a model's one event queue (one
/// order of events) with the rest of the model, so each needs to put its own events into
/// the model's payload type. One protocol (`ClusterEventCarrying`) says how, for all of
/// them; the model routes each case back to the component that scheduled it.
public enum ClusterEvent: Hashable, Sendable, CustomStringConvertible {
    /// `Network.handle(_:in:)`.
    case network(NetworkEvent)
    /// `CollectiveRunner.handle(_:network:in:)`.
    case collective(CollectiveEvent)
    /// `FaultInjector.handle(_:in:)`.
    case fault(FaultWake)

    public var description: String {
        switch self {
        case .network(let event): return event.description
        case .collective(let event): return event.description
        case .fault(let wake): return wake.description
        }
    }
}

/// A simulation payload that can carry the cluster components' own events: a model's event
/// enum conforms by mapping each `ClusterEvent` case to one of its own (`case
/// network(NetworkEvent)`, ...). `ClusterEvent` itself conforms, for models that run
/// nothing but Sim's components.
public protocol ClusterEventCarrying {
    init(clusterEvent: ClusterEvent)
}

extension ClusterEvent: ClusterEventCarrying {
    public init(clusterEvent: ClusterEvent) { self = clusterEvent }
}

import Sim

/// Everything that can happen in a lab run, in one enum so that every component shares
/// one event queue and so one total order of events (ties by scheduling order).
enum LabEvent: NetworkEventCarrying, CollectiveEventCarrying, FaultEventCarrying {
    case network(NetworkEvent)
    case collective(CollectiveEvent)
    case fault(FaultWake)

    init(networkEvent: NetworkEvent) { self = .network(networkEvent) }
    init(collectiveEvent: CollectiveEvent) { self = .collective(collectiveEvent) }
    init(faultWake: FaultWake) { self = .fault(faultWake) }
}

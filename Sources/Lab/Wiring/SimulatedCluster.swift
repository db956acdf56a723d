import Report
import Sim

/// The virtual cluster of one run: topology, flow network, collectives and injected
/// faults on one simulation, with every membership change and fault written to the trace.
///
/// This is the Sim side of Lab's wiring. Fault effects reach the component they concern
/// here, and only here: a lost host's transfers are aborted, a degraded link slows the
/// network, an added executor on a new host gets a network port.
struct SimulatedCluster {
    var simulation = Simulation<LabEvent>()
    var topology: ClusterTopology
    var network: Network
    var collectives = CollectiveRunner()
    var faults: FaultInjector
    private(set) var trace: [TraceRow] = []
    private(set) var abortedTransfers = 0
    private var linkSampler = LinkSampler()

    /// Builds `cluster` with the plan of `faults` drawn from `streams`, and records the
    /// executors present at time 0.
    /// - Parameter horizon: random executor losses are drawn up to this instant.
    init(_ cluster: Scenario.Cluster, faults scenarioFaults: [Scenario.Fault], streams: RandomStreams,
         horizon: SimInstant) {
        topology = ClusterWiring.topology(cluster)
        network = ClusterWiring.network(cluster, topology: topology)
        let specs = scenarioFaults.compactMap { FaultWiring.spec($0, cluster: cluster) }
        faults = FaultInjector(plan: FaultPlan(specs: specs, topology: topology, streams: streams, horizon: horizon))
        for executor in topology.executors { recordAdded(executor, at: .zero) }
        faults.start(in: &simulation)
    }

    /// Delivers events until none is pending.
    mutating func runUntilEmpty() {
        while let event = step() { deliver(event.payload) }
    }

    /// Delivers events while `condition` holds and events are pending.
    mutating func run(while condition: (SimulatedCluster) -> Bool) {
        while condition(self), let event = step() { deliver(event.payload) }
    }

    /// Takes the next event off the agenda (the clock moves to it), after sampling link
    /// usage up to that instant, before the event changes the network. Every run loop
    /// steps through here.
    mutating func step() -> ScheduledEvent<LabEvent>? {
        guard let event = simulation.step() else { return nil }
        linkSampler.advance(to: simulation.now.nanosecondsSinceStart, network: network)
        return event
    }

    /// Utilisation over time of the busiest links, up to now (`links.svg`).
    mutating func linkUtilisation() -> [LinkUtilisationSample] {
        linkSampler.finish(at: simulation.now.nanosecondsSinceStart, network: network)
        let usage = network.linkUsage(at: simulation.now)
        return linkSampler.utilisation(of: usage, names: usage.map { linkName($0.link) })
    }

    /// What one cluster event changed that a scheduler backend must hear about.
    struct Change {
        /// Transfers that completed now and belong to no collective (a task's shuffle reads),
        /// in ascending id order.
        var completedTransfers: [CompletedTransfer] = []
        /// Transfers cut short because a host at one end was lost, in ascending id order.
        var abortedTransfers: [AbortedTransfer] = []
        /// The fault that took effect, when the event was one.
        var fault: FaultRecord?
        /// Executors that left the topology, in the order they were removed.
        var lostExecutors: [ExecutorIndex] = []
        /// The executor that joined.
        var addedExecutor: ExecutorIndex?
        /// The GPU that broke: its live executor and address.
        var failedGPU: (executor: ExecutorIndex, address: Int)?
        /// The host that stopped answering (its transfers stopped with it).
        var unreachableHost: HostIndex?
    }

    private mutating func deliver(_ event: LabEvent) { _ = deliverClusterEvent(event) }

    /// Delivers one event of the cluster's own (network timer, collective step, fault) and
    /// says what it changed, for the caller to pass on once this call has returned: the
    /// cluster never calls out, so a scheduler reacting to a change may use the cluster
    /// again (start or cancel transfers, schedule events) without re-entering it.
    mutating func deliverClusterEvent(_ event: LabEvent) -> Change {
        var change = Change()
        switch event {
        case .network(let timer):
            for transfer in network.handle(timer, in: &simulation) {
                if collectives.owns(transfer) {
                    collectives.transferCompleted(transfer, network: &network, in: &simulation)
                } else {
                    change.completedTransfers.append(transfer)
                }
            }
        case .collective(let collective):
            collectives.handle(collective, network: &network, in: &simulation)
        case .fault(let wake):
            let outcome = faults.handle(wake, topology: &topology, in: &simulation)
            if let record = outcome.record { recordFault(record) }
            change.fault = outcome.record
            apply(outcome.effect, to: &change)
        case .engineTimer, .backend, .submitJob, .jobReachesScheduler:
            preconditionFailure("SimulatedCluster: \(event) is not a cluster event")
        }
        return change
    }

    /// Starts a transfer that belongs to no collective (its completion comes back in a
    /// `Change`).
    mutating func startTransfer(bytes: Int64, from source: HostIndex, to destination: HostIndex,
                                tag: UInt64) -> TransferID {
        network.startTransfer(bytes: bytes, from: source, to: destination, tag: tag, in: &simulation)
    }

    /// Removes an executor the driver gave up on (its host went silent): it leaves the
    /// topology and the fault plan, with a trace row saying why.
    mutating func removeSilentExecutor(_ index: ExecutorIndex, reason: String) {
        guard topology.removeExecutor(index) else { return }
        let executor = topology.executors[index]
        faults.executorLeft(executor.id, in: &simulation)
        trace.append(TraceRow(timeNanoseconds: simulation.now.nanosecondsSinceStart, event: .executorLost,
                              executor: executor.id, host: topology.hosts[executor.host].id, note: reason))
    }

    /// Stops a transfer that has not completed (a no-op when it already ended).
    mutating func cancelTransfer(_ id: TransferID) {
        network.cancelTransfer(id, in: &simulation)
    }

    /// Per-link accounting now, each link named by its host's or rack's scenario id.
    func linkRows() -> [LinkRecord] {
        network.linkUsage(at: simulation.now).map { usage in
            LinkRecord(name: linkName(usage.link), isHostUplink: usage.link.kind == .hostUp,
                       nominalBytesPerSecond: usage.nominalBytesPerSecond, factor: usage.factor,
                       bytesCarried: usage.bytesCarried, busyNanoseconds: usage.busyTime.nanoseconds,
                       peakConcurrentTransfers: usage.peakConcurrentTransfers)
        }
    }

    /// `host0-1.up`, `rack0.down`: a link named by its host's or rack's scenario id.
    func linkName(_ link: LinkID) -> String {
        let owner: String
        let direction: String
        switch link.kind {
        case .hostUp: (owner, direction) = (topology.hosts[link.index].id, "up")
        case .hostDown: (owner, direction) = (topology.hosts[link.index].id, "down")
        case .hostLoopback: (owner, direction) = (topology.hosts[link.index].id, "loopback")
        case .rackUp: (owner, direction) = (topology.racks[link.index].id, "up")
        case .rackDown: (owner, direction) = (topology.racks[link.index].id, "down")
        }
        return "\(owner).\(direction)"
    }

    private mutating func apply(_ effect: FaultEffect, to change: inout Change) {
        let now = simulation.now
        switch effect {
        case .none, .slowdownChanged:
            break
        case .executorsLost(let lost):
            change.lostExecutors = lost
            for index in lost {
                let executor = topology.executors[index]
                trace.append(TraceRow(timeNanoseconds: now.nanosecondsSinceStart, event: .executorLost,
                                      executor: executor.id, host: topology.hosts[executor.host].id,
                                      note: "fault"))
                if topology.hosts[executor.host].liveExecutors.isEmpty {
                    let aborted = network.abortTransfers(touching: executor.host, in: &simulation)
                    abortedTransfers += aborted.count
                    change.abortedTransfers += aborted
                }
            }
        case .executorAdded(let index):
            while network.topology.hostCount < topology.hosts.count {
                _ = network.addHost(rack: topology.hosts[network.topology.hostCount].rack)
            }
            recordAdded(topology.executors[index], at: now)
            change.addedExecutor = index
        case .linkFactorChanged(let host, let factor):
            if let index = topology.host(id: host) {
                network.setLinkFactor(host: index, factor: factor.fraction, in: &simulation)
            }
        case .gpuFailed(let executor, let address):
            change.failedGPU = (executor, address)
        case .hostUnreachable(let host):
            guard let index = topology.host(id: host) else { break }
            change.unreachableHost = index
            // Nothing more moves to or from it; who waited on it finds out later.
            let aborted = network.abortTransfers(touching: index, in: &simulation)
            abortedTransfers += aborted.count
            change.abortedTransfers += aborted
        }
    }

    private mutating func recordAdded(_ executor: ClusterTopology.Executor, at instant: SimInstant) {
        let spec = executor.spec
        trace.append(TraceRow(timeNanoseconds: instant.nanosecondsSinceStart, event: .executorAdded,
                              executor: spec.id, host: spec.host,
                              note: "cores=\(spec.cores) gpus=\(spec.gpus.count)"))
    }

    private mutating func recordFault(_ record: FaultRecord) {
        trace.append(TraceRow(timeNanoseconds: record.instant.nanosecondsSinceStart, event: .fault,
                              executor: record.executor, host: record.host, note: record.detail))
    }
}

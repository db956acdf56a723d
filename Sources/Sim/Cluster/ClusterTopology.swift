import OrderedCollections

/// An executor of the cluster, numbered from 0 in the order executors joined; a removed
/// executor keeps its number (numbers are never reused), so arrays indexed by it stay valid.
public typealias ExecutorIndex = Int

/// Racks, hosts and executors of the virtual cluster, and which executors are alive.
///
/// Racks and hosts get dense indexes in first-seen order (`RackIndex`, `HostIndex`, the
/// numbers `NetworkTopology` uses: `hostRacks` is exactly what it is built from), and
/// executors in add order. Hosts and racks are never removed, even when every executor on
/// them is gone: their indexes name network links, and a lost host may get executors again.
///
/// Lookups by id go through dictionaries (lookup only); every listing is an array or an
/// ordered set in index order, so nothing depends on hash order.
///
/// - Complexity: lookups O(1) expected; `addExecutor` O(1) amortised; removing an executor
///   O(live executors) (it leaves an ordered set) — membership changes are rare, lookups
///   are not.
public struct ClusterTopology: Sendable {
    /// A rack and its hosts, in the order they were first seen.
    public struct Rack: Hashable, Sendable {
        public let index: RackIndex
        public let id: String
        public fileprivate(set) var hosts: [HostIndex]
    }

    /// A host, its rack, and its live executors in add order.
    public struct Host: Hashable, Sendable {
        public let index: HostIndex
        public let id: String
        public let rack: RackIndex
        public fileprivate(set) var liveExecutors: [ExecutorIndex]
    }

    /// An executor that joined the cluster at some point; `isLive` says whether it still is.
    public struct Executor: Hashable, Sendable {
        public let index: ExecutorIndex
        public let spec: ExecutorSpec
        public let host: HostIndex
        public let rack: RackIndex
        public fileprivate(set) var isLive: Bool
        /// Addresses of its GPUs that have failed, ascending. A failed GPU stays in
        /// `spec.gpus`: the hardware is still there, it just no longer computes.
        public fileprivate(set) var failedGPUs: [Int] = []

        public var id: String { spec.id }

        /// Whether the GPU with `address` has failed (false for an address it does not have).
        public func hasFailedGPU(_ address: Int) -> Bool { failedGPUs.contains(address) }
    }

    public private(set) var racks: [Rack] = []
    public private(set) var hosts: [Host] = []
    /// Every executor that ever joined, by index (= add order), live or not.
    public private(set) var executors: [Executor] = []
    /// The live executors, in add order.
    public private(set) var liveExecutors: OrderedSet<ExecutorIndex> = []
    private var rackByID: [String: RackIndex] = [:]
    private var hostByID: [String: HostIndex] = [:]
    private var executorByID: [String: ExecutorIndex] = [:]

    /// A cluster of `executors`, added in the order given (racks and hosts created in
    /// first-seen order).
    public init(executors: [ExecutorSpec] = []) {
        for executor in executors { addExecutor(executor) }
    }

    /// The rack with id `id`, if any executor ever named it.
    public func rack(id: String) -> RackIndex? { rackByID[id] }
    /// The host with id `id`, if any executor ever named it.
    public func host(id: String) -> HostIndex? { hostByID[id] }
    /// The executor with id `id`, live or not, if it ever joined.
    public func executor(id: String) -> ExecutorIndex? { executorByID[id] }

    /// Whether the executor with id `id` is in the cluster now.
    public func isLive(executor id: String) -> Bool {
        executorByID[id].map { executors[$0].isLive } ?? false
    }

    /// `hostRacks[h]` is host h's rack: the shape `NetworkTopology(hostRacks:)` takes.
    public var hostRacks: [RackIndex] { hosts.map(\.rack) }

    /// Adds an executor, creating its rack and host when first named, and returns its index.
    ///
    /// Preconditions: the id was never used (Spark never reuses executor ids), and an
    /// existing host stays in the rack it was first seen in.
    @discardableResult
    public mutating func addExecutor(_ spec: ExecutorSpec) -> ExecutorIndex {
        precondition(executorByID[spec.id] == nil,
                     "ClusterTopology: executor \(spec.id) was already added")
        let rack = rackIndex(creating: spec.rack)
        let host = hostIndex(creating: spec.host, rack: rack)
        precondition(hosts[host].rack == rack,
                     "ClusterTopology: host \(spec.host) is in rack \(racks[hosts[host].rack].id), "
                         + "not \(spec.rack)")
        let index = executors.count
        executors.append(Executor(index: index, spec: spec, host: host, rack: rack, isLive: true))
        executorByID[spec.id] = index
        hosts[host].liveExecutors.append(index)
        liveExecutors.append(index)
        return index
    }

    /// Removes a live executor; returns false (a no-op) when it is already gone.
    @discardableResult
    public mutating func removeExecutor(_ index: ExecutorIndex) -> Bool {
        precondition(executors.indices.contains(index), "ClusterTopology: no executor #\(index)")
        guard executors[index].isLive else { return false }
        executors[index].isLive = false
        liveExecutors.remove(index)
        let host = executors[index].host
        hosts[host].liveExecutors.removeAll { $0 == index }
        return true
    }

    /// Marks GPU `address` of an executor as failed; returns false (a no-op) when it
    /// already had. A dead executor's GPUs may fail too: nothing runs on them.
    ///
    /// Precondition: the executor has a GPU with that address.
    @discardableResult
    public mutating func failGPU(_ address: Int, ofExecutor index: ExecutorIndex) -> Bool {
        precondition(executors.indices.contains(index), "ClusterTopology: no executor #\(index)")
        precondition(executors[index].spec.gpus.indices.contains(address),
                     "ClusterTopology: executor \(executors[index].id) has no GPU \(address)")
        guard !executors[index].hasFailedGPU(address) else { return false }
        executors[index].failedGPUs.append(address)
        executors[index].failedGPUs.sort()
        return true
    }

    /// Removes every live executor of `host` and returns them in add order (empty when the
    /// host had none). The host itself stays, with its index.
    public mutating func removeExecutors(onHost host: HostIndex) -> [ExecutorIndex] {
        precondition(hosts.indices.contains(host), "ClusterTopology: no host #\(host)")
        let lost = hosts[host].liveExecutors
        for index in lost {
            executors[index].isLive = false
            liveExecutors.remove(index)
        }
        hosts[host].liveExecutors = []
        return lost
    }

    private mutating func rackIndex(creating id: String) -> RackIndex {
        if let existing = rackByID[id] { return existing }
        let index = racks.count
        racks.append(Rack(index: index, id: id, hosts: []))
        rackByID[id] = index
        return index
    }

    private mutating func hostIndex(creating id: String, rack: RackIndex) -> HostIndex {
        if let existing = hostByID[id] { return existing }
        let index = hosts.count
        hosts.append(Host(index: index, id: id, rack: rack, liveExecutors: []))
        hostByID[id] = index
        racks[rack].hosts.append(index)
        return index
    }
}

extension ClusterTopology {
    /// Checks that indexes, lookups and live lists agree (for tests, after every event).
    ///
    /// - Complexity: O(racks + hosts + executors).
    public func checkInvariants() {
        precondition(rackByID.count == racks.count && hostByID.count == hosts.count
                         && executorByID.count == executors.count, "ClusterTopology: lookup size mismatch")
        for (i, rack) in racks.enumerated() {
            precondition(rack.index == i && rackByID[rack.id] == i, "ClusterTopology: rack \(rack.id) misnumbered")
            precondition(rack.hosts == rack.hosts.sorted(), "ClusterTopology: rack \(rack.id) hosts out of order")
            precondition(rack.hosts.allSatisfy { hosts[$0].rack == i },
                         "ClusterTopology: rack \(rack.id) lists a host of another rack")
        }
        var liveSeen = 0
        for (h, host) in hosts.enumerated() {
            precondition(host.index == h && hostByID[host.id] == h, "ClusterTopology: host \(host.id) misnumbered")
            precondition(racks[host.rack].hosts.contains(h), "ClusterTopology: host \(host.id) missing from its rack")
            precondition(host.liveExecutors == host.liveExecutors.sorted(),
                         "ClusterTopology: host \(host.id) executors out of add order")
            for e in host.liveExecutors {
                precondition(executors[e].isLive && executors[e].host == h,
                             "ClusterTopology: host \(host.id) lists executor #\(e) wrongly")
            }
            liveSeen += host.liveExecutors.count
        }
        for (e, executor) in executors.enumerated() {
            precondition(executor.index == e && executorByID[executor.id] == e,
                         "ClusterTopology: executor \(executor.id) misnumbered")
            precondition(executor.rack == hosts[executor.host].rack, "ClusterTopology: executor \(executor.id) rack")
            precondition(executor.isLive == liveExecutors.contains(e), "ClusterTopology: live set disagrees")
            precondition(zip(executor.failedGPUs, executor.failedGPUs.dropFirst()).allSatisfy { $0 < $1 }
                             && executor.failedGPUs.allSatisfy(executor.spec.gpus.indices.contains),
                         "ClusterTopology: executor \(executor.id) failed GPUs out of order or range")
        }
        precondition(liveSeen == liveExecutors.count, "ClusterTopology: host live lists disagree with live set")
        precondition(liveExecutors.elementsEqual(liveExecutors.sorted()), "ClusterTopology: live set out of add order")
    }
}

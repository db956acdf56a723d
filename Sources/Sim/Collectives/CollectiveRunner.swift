/// Names one collective started on a `CollectiveRunner` (a "group" of ranks), numbered
/// from 0 in the order they were started.
public struct CollectiveGroupID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: Int

    public static func < (a: CollectiveGroupID, b: CollectiveGroupID) -> Bool { a.rawValue < b.rawValue }

    public var description: String { "collective#\(rawValue)" }
}

/// The runner's own timer: a reduction of `group`'s operation ends. Carried by the
/// model's event type so that collectives share the one event queue with the network and
/// everything else (`ClusterEventCarrying`).
public struct CollectiveEvent: Hashable, Sendable, CustomStringConvertible {
    public let group: CollectiveGroupID
    let operation: Int32

    public var description: String { "\(group) reduction \(operation) done" }
}

/// How one collective went.
public struct CollectiveOutcome: Hashable, Sendable, CustomStringConvertible {
    public let group: CollectiveGroupID
    /// When it was started.
    public let start: SimInstant
    /// When each rank finished its last operation (sent, received or reduced its last
    /// bytes), as `MPI_Allreduce` returns at that rank; `start` for a rank with nothing to do.
    public let rankFinish: [SimInstant]
    /// When the last rank finished: from then on every rank holds the result.
    public let completion: SimInstant
    /// Network transfers it started.
    public let transfers: Int
    /// Bytes those transfers carried (in full, even for transfers an abort cut short).
    public let bytesSent: Int64
    /// When `CollectiveRunner.abort` stopped it, nil if it ran to the end. An aborted
    /// collective's `completion` is the abort instant, and so is the finish of every rank
    /// that had not finished.
    public let abortedAt: SimInstant?

    /// `completion - start`.
    public var duration: SimDuration { completion - start }

    public var description: String {
        "\(group) \(duration) transfers=\(transfers) bytes=\(bytesSent)" + (abortedAt == nil ? "" : " aborted")
    }
}

/// Runs collectives on a `Network`: starts each transfer when its dependencies have
/// completed, times reductions with its own events, and records when every rank is done.
///
/// The runner owns no simulation and no network: every call takes them `inout`, and the
/// model routes to it the network's completed transfers that it `owns` and the
/// `CollectiveEvent`s it scheduled. So several collectives (independent groups) run at
/// once on one network, competing for links with each other and with any other traffic.
/// `CollectiveSimulation` is such a model, ready-made.
///
/// Tags: a transfer's tag is `namespace << 56 | group << 32 | operation`, so the model can
/// tell the runner's transfers from its own (`owns`) without a lookup table.
///
/// - Complexity: per completed transfer or reduction O(1 + dependents + transfers it
///   starts); memory O(operations) per running collective, released when it ends.
public struct CollectiveRunner {
    /// The top byte of every tag this runner gives the network.
    public let tagNamespace: UInt8
    private var groups: [Group] = []
    private var actions: [ExecutionAction] = []
    /// Collectives started and not yet finished.
    public private(set) var runningCount = 0

    private struct Group {
        let rankHosts: [HostIndex]
        var schedule: ScheduleExecution?
        var torrent: TorrentExecution?
        var transfers = 0
        var bytesSent: Int64 = 0
        var outcome: CollectiveOutcome?
        /// What an abort must cancel, by operation.
        var inFlight: InFlightSet<TransferID>
        var pendingReductions: InFlightSet<EventID>

        init(rankHosts: [HostIndex], operations: Int) {
            self.rankHosts = rankHosts
            inFlight = InFlightSet(operations: operations)
            pendingReductions = InFlightSet(operations: operations)
        }
    }

    public init(tagNamespace: UInt8 = 0xC0) { self.tagNamespace = tagNamespace }

    /// Starts `schedule` now, rank r on host `rankHosts[r]`, reductions costed by `reduction`.
    public mutating func start<Payload: ClusterEventCarrying>(
        _ schedule: CollectiveSchedule, rankHosts: [HostIndex], reduction: ReductionCost = .free,
        network: inout Network, in simulation: inout Simulation<Payload>
    ) -> CollectiveGroupID {
        let id = addGroup(rankHosts: rankHosts, ranks: schedule.ranks, operations: schedule.operations.count,
                          network: network)
        var execution = ScheduleExecution(schedule: schedule, reduction: reduction, start: simulation.now)
        execution.begin(into: &actions)
        groups[id.rawValue].schedule = execution
        perform(id, network: &network, in: &simulation)
        return id
    }

    /// Starts a torrent broadcast now from rank 0, drawing piece orders and holders from
    /// `random` (give it a stream of its own, e.g. `"network.torrent-broadcast"`).
    public mutating func start<Payload: ClusterEventCarrying>(
        _ broadcast: TorrentBroadcast, rankHosts: [HostIndex], random: RandomStream,
        network: inout Network, in simulation: inout Simulation<Payload>
    ) -> CollectiveGroupID {
        let id = addGroup(rankHosts: rankHosts, ranks: broadcast.ranks,
                          operations: (broadcast.ranks - 1) * broadcast.pieceCount, network: network)
        var execution = TorrentExecution(broadcast, rankHosts: rankHosts, random: random, start: simulation.now)
        execution.begin(into: &actions)
        groups[id.rawValue].torrent = execution
        perform(id, network: &network, in: &simulation)
        return id
    }

    /// Whether `transfer` was started by this runner.
    public func owns(_ transfer: CompletedTransfer) -> Bool { UInt8(transfer.tag >> 56) == tagNamespace }

    /// Reports one of this runner's transfers as completed (the model passes on what
    /// `Network.handle` returned, for the transfers this runner `owns`).
    public mutating func transferCompleted<Payload: ClusterEventCarrying>(
        _ transfer: CompletedTransfer, network: inout Network, in simulation: inout Simulation<Payload>
    ) {
        precondition(owns(transfer), "CollectiveRunner: \(transfer) is not this runner's")
        let group = Self.group(ofTag: transfer.tag), operation = Int32(truncatingIfNeeded: transfer.tag)
        precondition(groups[group.rawValue].inFlight.remove(operation),
                     "CollectiveRunner: \(transfer) was not in flight")
        complete(group, operation, network: &network, in: &simulation)
    }

    /// Delivers one of this runner's events (a reduction has ended).
    public mutating func handle<Payload: ClusterEventCarrying>(
        _ event: CollectiveEvent, network: inout Network, in simulation: inout Simulation<Payload>
    ) {
        precondition(groups[event.group.rawValue].pendingReductions.remove(event.operation),
                     "CollectiveRunner: \(event) was not pending")
        complete(event.group, event.operation, network: &network, in: &simulation)
    }

    /// The collective an aborted transfer belonged to, if this runner started it (after
    /// `Network.abortTransfers(touching:)`, the model aborts those collectives).
    public func group(of transfer: AbortedTransfer) -> CollectiveGroupID? {
        UInt8(transfer.tag >> 56) == tagNamespace ? Self.group(ofTag: transfer.tag) : nil
    }

    /// Stops `group` now: cancels its transfers still in flight and its pending
    /// reductions (in start order), and records an aborted outcome. Returns false (a
    /// no-op) if it had already finished or been aborted. Why: a barrier stage whose task
    /// dies abandons its allreduce, and the survivors' flows must stop taking bandwidth.
    @discardableResult
    public mutating func abort<Payload: ClusterEventCarrying>(
        _ group: CollectiveGroupID, network: inout Network, in simulation: inout Simulation<Payload>
    ) -> Bool {
        let slot = groups[group.rawValue]
        guard slot.outcome == nil else { return false }
        for id in slot.inFlight.sortedHandles() { network.cancelTransfer(id, in: &simulation) }
        for id in slot.pendingReductions.sortedHandles() { simulation.cancel(id) }
        let now = simulation.now
        let (start, finished) = slot.schedule.map { ($0.start, $0.finishedRanks) }
            ?? slot.torrent.map { ($0.start, $0.finishedRanks) } ?? (now, [])
        let rankFinish = finished.map { $0 ?? now }
        groups[group.rawValue] = Group(rankHosts: slot.rankHosts, operations: 0)
        groups[group.rawValue].outcome = CollectiveOutcome(
            group: group, start: start, rankFinish: rankFinish, completion: now, transfers: slot.transfers,
            bytesSent: slot.bytesSent, abortedAt: now)
        runningCount -= 1
        return true
    }

    /// Traps unless the bookkeeping agrees: `runningCount` counts the groups without an
    /// outcome; a running group has an execution of one kind, and no more operations
    /// under way than it has left; a finished one holds nothing under way.
    ///
    /// - Complexity: O(groups).
    public func checkInvariants() {
        var running = 0
        for group in groups {
            let underWay = group.inFlight.count + group.pendingReductions.count
            if group.outcome == nil {
                running += 1
                precondition((group.schedule == nil) != (group.torrent == nil), "CollectiveRunner: execution kind")
                if let execution = group.schedule {
                    precondition(underWay <= execution.operationsLeft, "CollectiveRunner: more under way than left")
                }
            } else {
                precondition(group.schedule == nil && group.torrent == nil && underWay == 0,
                             "CollectiveRunner: a finished collective still holds work")
            }
        }
        precondition(running == runningCount, "CollectiveRunner: runningCount \(runningCount) != \(running)")
    }

    private static func group(ofTag tag: UInt64) -> CollectiveGroupID {
        CollectiveGroupID(rawValue: Int((tag >> 32) & 0xFF_FFFF))
    }

    /// The outcome of `group`, once every rank has finished; nil while it runs.
    public func outcome(of group: CollectiveGroupID) -> CollectiveOutcome? { groups[group.rawValue].outcome }

    private mutating func addGroup(rankHosts: [HostIndex], ranks: Int, operations: Int,
                                   network: Network) -> CollectiveGroupID {
        precondition(rankHosts.count == ranks, "CollectiveRunner: \(rankHosts.count) hosts for \(ranks) ranks")
        precondition(rankHosts.allSatisfy { $0 >= 0 && $0 < network.topology.hostCount },
                     "CollectiveRunner: a rank's host is not in the network")
        precondition(groups.count < 1 << 24, "CollectiveRunner: more than 2^24 collectives")
        groups.append(Group(rankHosts: rankHosts, operations: operations))
        runningCount += 1
        return CollectiveGroupID(rawValue: groups.count - 1)
    }

    private mutating func complete<Payload: ClusterEventCarrying>(
        _ group: CollectiveGroupID, _ operation: Int32, network: inout Network, in simulation: inout Simulation<Payload>
    ) {
        let now = simulation.now
        if groups[group.rawValue].schedule != nil {
            groups[group.rawValue].schedule!.complete(operation, now: now, into: &actions)
        } else if groups[group.rawValue].torrent != nil {
            groups[group.rawValue].torrent!.complete(operation, now: now, into: &actions)
        } else {
            preconditionFailure("CollectiveRunner: \(group) is not running")
        }
        perform(group, network: &network, in: &simulation)
    }

    /// Starts the transfers and schedules the reductions an execution asked for, then
    /// records the outcome if it has finished.
    private mutating func perform<Payload: ClusterEventCarrying>(
        _ group: CollectiveGroupID, network: inout Network, in simulation: inout Simulation<Payload>
    ) {
        let hosts = groups[group.rawValue].rankHosts
        let prefix = UInt64(tagNamespace) << 56 | UInt64(group.rawValue) << 32
        for action in actions {
            switch action {
            case .transfer(let operation, let source, let destination, let bytes):
                let id = network.startTransfer(
                    bytes: bytes, from: hosts[Int(source)], to: hosts[Int(destination)],
                    tag: prefix | UInt64(UInt32(bitPattern: operation)), in: &simulation)
                groups[group.rawValue].inFlight.insert(id, for: operation)
                groups[group.rawValue].transfers += 1
                groups[group.rawValue].bytesSent += bytes
            case .reduction(let operation, let duration):
                let event = simulation.schedule(
                    Payload(clusterEvent: .collective(CollectiveEvent(group: group, operation: operation))), after: duration)
                groups[group.rawValue].pendingReductions.insert(event, for: operation)
            }
        }
        actions.removeAll(keepingCapacity: true)
        recordOutcomeIfFinished(group)
    }

    /// Records the outcome and releases the execution once every rank has finished.
    private mutating func recordOutcomeIfFinished(_ group: CollectiveGroupID) {
        let index = group.rawValue
        guard groups[index].schedule?.isFinished ?? groups[index].torrent?.isFinished ?? false else { return }
        let slot = groups[index]
        let (start, ranks) = slot.schedule.map { ($0.start, $0.rankFinish) }
            ?? slot.torrent.map { ($0.start, $0.rankFinish) }!
        groups[index] = Group(rankHosts: slot.rankHosts, operations: 0)
        groups[index].outcome = CollectiveOutcome(
            group: group, start: start, rankFinish: ranks, completion: ranks.max() ?? start,
            transfers: slot.transfers, bytesSent: slot.bytesSent, abortedAt: nil)
        runningCount -= 1
    }
}

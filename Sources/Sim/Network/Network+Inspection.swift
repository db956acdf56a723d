/// Read-only views of the network for reports and tests: per-link accounting, current
/// rates, and the invariants that hold between events.
extension Network {
    /// What every link has done up to `now`, hosts first then racks (`LinkID` order).
    /// Bytes of transfers still moving are counted up to `now`.
    ///
    /// - Complexity: O(L log L + F·R) for L links and F moving transfers.
    public func linkUsage(at now: SimInstant) -> [LinkUsage] {
        let t = now.nanosecondsSinceStart
        var carried = links.map { Double($0.bytesCarried) }
        for slot in flows.indices where !flows[slot].isFree && flows[slot].isMoving {
            let flow = flows[slot]
            let moved = Double(flow.bytes) - remaining(of: Int32(slot), at: t)
            for k in 0..<flow.path.count { carried[Int(flow.path[k])] += moved }
        }
        let usage = links.indices.map { l in
            let link = links[l]
            let ongoing = link.flows.isEmpty ? 0 : Swift.max(0, t - link.busySince)
            return LinkUsage(link: topology.linkIDs[l], nominalBytesPerSecond: link.nominal, factor: link.factor,
                             bytesCarried: Int64(carried[l].rounded()),
                             busyTime: .nanoseconds(link.busyNanoseconds + ongoing),
                             peakConcurrentTransfers: link.peakFlows)
        }
        return usage.sorted { $0.link < $1.link }
    }

    /// The rate (bytes per second) a transfer moves at now; 0 during its latency, nil
    /// once it has ended. Exact only between events (after the timer has fired).
    public func rate(of id: TransferID) -> Double? {
        guard let slot = liveSlot(id) else { return nil }
        return flows[Int(slot)].isMoving ? rates[Int(slot)] : 0
    }

    /// Whether shares are up to date: false between a change (a start, an end, a factor)
    /// and the timer that the change scheduled for the same instant.
    public var isSettled: Bool { dirtyLinks.isEmpty }

    /// Every transfer moving bytes now, ascending by id, with its rate and links.
    public func movingTransfers() -> [(id: TransferID, bytesPerSecond: Double, links: [LinkID])] {
        flows.indices.filter { !flows[$0].isFree && flows[$0].isMoving }
            .map { slot in
                let flow = flows[slot]
                return (TransferID(sequence: flow.sequence, slot: Int32(slot)), rates[slot],
                        (0..<flow.path.count).map { topology.linkIDs[Int(flow.path[$0])] })
            }
            .sorted { $0.id < $1.id }
    }

    /// The current rate in bytes per second of a link (+infinity when unlimited).
    public func capacity(of link: LinkID) -> Double {
        guard let index = topology.linkNumber(of: link) else {
            preconditionFailure("Network: no link \(link)")
        }
        return links[index].capacity
    }

    /// Checks the bookkeeping (for tests, after any call): link lists and transfer
    /// positions agree, counts match, the agenda holds exactly the transfers that have a
    /// next step, and (when settled) no link carries more than its capacity.
    public func checkInvariants() {
        agenda.checkInvariants()
        precondition(links.count == topology.linkCount, "Network: link table out of step with topology")
        var moving = 0, active = 0
        for slot in flows.indices where !flows[slot].isFree {
            active += 1
            let flow = flows[slot]
            guard flow.isMoving else {
                precondition(agenda.contains(slot: Int32(slot)), "Network: transfer in latency not on agenda")
                continue
            }
            moving += 1
            for k in 0..<flow.path.count {
                let list = links[Int(flow.path[k])].flows
                precondition(list[Int(flow.positions[k])] == Int32(slot), "Network: stale link position")
            }
            precondition(flow.remaining >= 0 && rates[slot] >= 0, "Network: negative remaining or rate")
            var limited = SharingRoute()
            for k in 0..<flow.path.count where links[Int(flow.path[k])].isLimited { limited.append(flow.path[k]) }
            precondition(limited == routes[slot], "Network: sharing route disagrees with path")
        }
        precondition(moving == movingCount && active == activeCount, "Network: counts disagree")
        let listed = links.reduce(0) { $0 + $1.flows.count }
        let expected = flows.reduce(0) { $0 + ($1.isFree || !$1.isMoving ? 0 : $1.path.count) }
        precondition(listed == expected, "Network: link lists hold ended transfers")
        guard isSettled else { return }
        for link in links where link.isLimited {
            let load = link.flows.reduce(0.0) { $0 + rates[Int($1)] }
            precondition(load <= link.capacity * (1 + 1e-9) + 1e-6, "Network: link over capacity")
        }
    }
}

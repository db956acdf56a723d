/// A transfer's life: queued for its latency, moving bytes (on its links' lists), then
/// completed or aborted. These are the non-generic halves of the public entry points in
/// `Network.swift`, so that the work is compiled once, in this module.
extension Network {
    /// A transfer whose remaining bytes are at most this (relative to its size, plus a
    /// millionth of a byte) when its rate changes has finished: floating-point rounding
    /// must not turn "done now" into "done in 1 ns".
    static func isDone(remaining: Double, bytes: Int64) -> Bool {
        remaining <= Double(bytes) * 1e-12 + 1e-6
    }

    @usableFromInline
    mutating func enqueueTransfer(bytes: Int64, from source: HostIndex, to destination: HostIndex,
                                  tag: UInt64, now: SimInstant) -> TransferID {
        precondition(bytes >= 0, "Network: negative transfer size \(bytes)")
        let path = topology.linkPath(from: source, to: destination)
        let sequence = nextSequence
        nextSequence += 1
        let flow = FlowState(sequence: sequence, tag: tag, bytes: bytes, source: Int32(source),
                             destination: Int32(destination), start: now.nanosecondsSinceStart,
                             path: path, remaining: Double(bytes), updatedAt: now.nanosecondsSinceStart)
        let slot: Int32
        if let reused = freeSlots.popLast() {
            slot = reused
            flows[Int(slot)] = flow
        } else {
            precondition(flows.count < Int(Int32.max), "Network: too many transfers")
            slot = Int32(flows.count)
            flows.append(flow)
            routes.append(SharingRoute())
            marks.append(0)
            rates.append(0)
            newRates.append(0)
            bottlenecks.append(-1)
        }
        activeCount += 1
        statistics.transfersStarted += 1
        let (due, overflow) = now.nanosecondsSinceStart.addingReportingOverflow(path.latency.nanoseconds)
        precondition(!overflow, "Network: latency overflows the clock")
        agenda.update(slot: slot, due: due, sequence: sequence)
        return TransferID(sequence: sequence, slot: slot)
    }

    /// The live slot of `id`, or nil if that transfer has ended.
    func liveSlot(_ id: TransferID) -> Int32? {
        guard Int(id.slot) < flows.count, flows[Int(id.slot)].sequence == id.sequence else { return nil }
        return id.slot
    }

    @usableFromInline
    mutating func abort(_ id: TransferID, now: SimInstant) -> AbortedTransfer? {
        guard let slot = liveSlot(id) else { return nil }
        let t = now.nanosecondsSinceStart
        if flows[Int(slot)].isMoving {
            bringUpToDate(slot, at: t)
            leaveLinks(slot, at: t)
        }
        agenda.remove(slot: slot)
        let flow = flows[Int(slot)]
        let moved = Swift.max(0, Swift.min(flow.bytes, flow.bytes - Int64(flow.remaining.rounded(.up))))
        for k in 0..<flow.path.count { links[Int(flow.path[k])].bytesCarried += moved }
        release(slot)
        return AbortedTransfer(id: id, tag: flow.tag, bytes: flow.bytes, bytesMoved: moved,
                               source: Int(flow.source), destination: Int(flow.destination),
                               start: SimInstant(nanosecondsSinceStart: flow.start), end: now)
    }

    @usableFromInline
    mutating func abortAll(touching host: HostIndex, now: SimInstant) -> [AbortedTransfer] {
        var ids: [TransferID] = []
        for slot in flows.indices where !flows[slot].isFree {
            let flow = flows[slot]
            if flow.source == Int32(host) || flow.destination == Int32(host) {
                ids.append(TransferID(sequence: flow.sequence, slot: Int32(slot)))
            }
        }
        ids.sort()
        return ids.compactMap { abort($0, now: now) }
    }

    @usableFromInline
    mutating func applyLinkFactor(host: HostIndex, factor: Double) {
        precondition(factor >= 0 && factor.isFinite, "Network: link factor \(factor) is not a finite factor >= 0")
        let nic = topology.hostLinks[host]
        for link in [nic.up, nic.down] where links[Int(link)].isLimited {
            links[Int(link)].factor = factor
            links[Int(link)].capacity = links[Int(link)].nominal * factor
            markDirty(link)
        }
    }

    /// When the timer should next fire: now if shares are stale, else the agenda's head.
    @usableFromInline
    func nextTimerInstant(now: SimInstant) -> SimInstant? {
        if !dirtyLinks.isEmpty { return now }
        guard let head = agenda.min else { return nil }
        return SimInstant(nanosecondsSinceStart: Swift.max(head.due, now.nanosecondsSinceStart))
    }

    /// Does everything due at or before `now`: ends latencies, completes transfers,
    /// recomputes shares, until nothing is left for this instant.
    @usableFromInline
    mutating func advance(to now: SimInstant) -> [CompletedTransfer] {
        let t = now.nanosecondsSinceStart
        var completed: [CompletedTransfer] = []
        while true {
            while let head = agenda.min, head.due <= t {
                _ = agenda.popMin()
                if flows[Int(head.slot)].isMoving || !beginMoving(head.slot, at: t) {
                    completed.append(complete(head.slot, at: now))
                }
            }
            if dirtyLinks.isEmpty { break }
            reshare(at: t)
        }
        completed.sort { $0.id < $1.id }
        return completed
    }

    /// Puts a transfer whose latency has ended on its links. Returns false when it has
    /// nothing to share (no bytes, or no limited link on its route): it completes now.
    mutating func beginMoving(_ slot: Int32, at t: Int64) -> Bool {
        let flow = flows[Int(slot)]
        var route = SharingRoute()
        for k in 0..<flow.path.count where links[Int(flow.path[k])].isLimited { route.append(flow.path[k]) }
        guard route.count > 0, flow.bytes > 0 else { return false }
        flows[Int(slot)].isMoving = true
        flows[Int(slot)].updatedAt = t
        routes[Int(slot)] = route
        rates[Int(slot)] = 0
        bottlenecks[Int(slot)] = -1
        movingCount += 1
        for k in 0..<flow.path.count {
            let link = Int(flow.path[k])
            flows[Int(slot)].positions[k] = Int32(links[link].flows.count)
            links[link].flows.append(slot)
            if links[link].flows.count == 1 { links[link].busySince = t }
            links[link].peakFlows = Swift.max(links[link].peakFlows, links[link].flows.count)
            markDirty(Int32(link))
        }
        return true
    }

    /// Ends a transfer whose last byte arrives at `now`.
    mutating func complete(_ slot: Int32, at now: SimInstant) -> CompletedTransfer {
        let t = now.nanosecondsSinceStart
        if flows[Int(slot)].isMoving {
            bringUpToDate(slot, at: t)
            leaveLinks(slot, at: t)
        }
        let flow = flows[Int(slot)]
        for k in 0..<flow.path.count { links[Int(flow.path[k])].bytesCarried += flow.bytes }
        release(slot)
        return CompletedTransfer(id: TransferID(sequence: flow.sequence, slot: slot), tag: flow.tag,
                                 bytes: flow.bytes, source: Int(flow.source), destination: Int(flow.destination),
                                 start: SimInstant(nanosecondsSinceStart: flow.start), end: now)
    }

    /// Moves a transfer's bytes forward to `t` at its current rate.
    @inline(__always)
    mutating func bringUpToDate(_ slot: Int32, at t: Int64) {
        flows[Int(slot)].remaining = remaining(of: slot, at: t)
        flows[Int(slot)].updatedAt = t
    }

    /// Bytes a transfer still has to move at `t` (its remaining bytes are updated lazily).
    @inline(__always)
    func remaining(of slot: Int32, at t: Int64) -> Double {
        let flow = flows[Int(slot)]
        let rate = rates[Int(slot)]
        guard t > flow.updatedAt, rate > 0, flow.isMoving else { return flow.remaining }
        return Swift.max(0, flow.remaining - rate * Double(t - flow.updatedAt) / 1e9)
    }

    /// Takes a moving transfer off its links (swap-remove, fixing the moved one's index).
    mutating func leaveLinks(_ slot: Int32, at t: Int64) {
        let flow = flows[Int(slot)]
        for k in 0..<flow.path.count {
            let link = Int(flow.path[k])
            let position = Int(flow.positions[k])
            let last = links[link].flows.removeLast()
            if last != slot {
                links[link].flows[position] = last
                let other = flows[Int(last)].path
                for j in 0..<other.count where Int(other[j]) == link { flows[Int(last)].positions[j] = Int32(position) }
            }
            if links[link].flows.isEmpty { links[link].busyNanoseconds += t - links[link].busySince }
            markDirty(Int32(link))
        }
        flows[Int(slot)].isMoving = false
        movingCount -= 1
    }

    mutating func release(_ slot: Int32) {
        flows[Int(slot)].sequence = FlowState.freeSequence
        freeSlots.append(slot)
        activeCount -= 1
    }

    /// Records that `link`'s transfers need new shares (unlimited links never constrain).
    mutating func markDirty(_ link: Int32) {
        guard links[Int(link)].isLimited, !links[Int(link)].isDirty else { return }
        links[Int(link)].isDirty = true
        dirtyLinks.append(link)
    }

    /// Creates link states for links the topology gained.
    mutating func syncLinks() {
        while links.count < topology.linkCount {
            links.append(LinkState(nominal: topology.nominalBytesPerSecond[links.count]))
        }
    }
}

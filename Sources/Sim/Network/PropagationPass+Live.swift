/// Bringing a link into a propagation pass ("going live"): its state at the moment a
/// change first reaches it, rebuilt from its recorded history, then the rest of that
/// history delivered one step at a time.
extension PropagationPass {
    /// Makes `link` live from `start` (nil: from the beginning of the fill, for a dirty
    /// link). Up to `start` the link's history is the recorded one (nothing that differs
    /// has reached it), so its remaining capacity, unfixed count and pending entry are
    /// rebuilt by replaying that history's steps before `start`, in order; then its
    /// pending entry, the next recorded step still to come, and its own recorded fix (a
    /// checkpoint) are queued. With `deferred`, the fix under way queues them once it has
    /// charged the link (`queueLiveEvents`), and not at all if that empties it.
    ///
    /// - Complexity: O(h) for h steps of history replayed, plus O(d + k log k) when the
    ///   history must first be rebuilt from the d transfers on the link (a dirty link, or
    ///   one a re-filling pass covered last), plus O(log E) per event queued.
    func goLive(_ link: Int32, at start: OrderKey?, deferred: Bool = false, _ work: inout SharingScratch) {
        let l = Int(link)
        links[l].mark = epoch
        work.componentLinks.append(link)
        links[l].remainingCapacity = links[l].capacity
        links[l].unfixed = Int32(links[l].flows.count)
        links[l].version = 0
        links[l].cursor = 0
        links[l].nextHistory.removeAll(keepingCapacity: true)
        if start == nil || !links[l].hasHistory { rebuildHistory(of: link, before: start, &work) }
        guard links[l].unfixed > 0 else { return }
        var entry = (share: share(of: l), version: UInt32(0))
        if let start {
            while Int(links[l].cursor) < links[l].history.count {
                let step = links[l].history[Int(links[l].cursor)]
                let record = links[Int(step.link)].record
                let key = OrderKey(share: record.order, link: step.link)
                guard key < start else { break }
                precondition(links[Int(step.link)].mark != epoch
                                 || (links[Int(step.link)].fixedIn == epoch && sameBits(links[Int(step.link)].order, record.order)),
                             "PropagationPass: link \(step.link) changed its fix before link \(l) went live")
                entry = popOwnEntry(l, entry, before: key)
                charge(l, share: record.share, count: step.count, from: step.link)
                precondition(links[l].unfixed > 0, "PropagationPass: link \(l) emptied before it went live")
                links[l].cursor += 1
            }
            entry = popOwnEntry(l, entry, before: start)
        }
        let pending = PropagationEvent(order: entry.share, share: entry.share, link: link, target: link,
                                       tag: entry.version, kind: .entry)
        if deferred { work.deferredEntries.append(pending) } else { queueLiveEvents(pending, after: start, &work) }
    }

    /// Queues a live link's pending entry, the next step of its history, and its
    /// checkpoint if its recorded fix is still ahead of `start`.
    func queueLiveEvents(_ pending: PropagationEvent, after start: OrderKey?, _ work: inout SharingScratch) {
        let link = pending.link
        work.events.push(pending)
        queueNextStep(of: Int(link), &work)
        let record = links[Int(link)].record
        if record.isBottleneck, start.map({ $0 < OrderKey(share: record.order, link: link) }) ?? true {
            work.events.push(PropagationEvent(order: record.order, share: record.share, link: link, target: link,
                                            tag: 0, kind: .checkpoint))
        }
    }

    /// Queues the next recorded step of live link `l` whose bottleneck is not live (a live
    /// one charges its own fix, whenever it happens).
    func queueNextStep(of l: Int, _ work: inout SharingScratch) {
        while Int(links[l].cursor) < links[l].history.count {
            let step = links[l].history[Int(links[l].cursor)]
            guard links[Int(step.link)].mark == epoch else {
                let record = links[Int(step.link)].record
                work.events.push(PropagationEvent(order: record.order, share: record.share, link: step.link,
                                                target: Int32(l), tag: UInt32(step.count), kind: .incoming))
                return
            }
            links[l].cursor += 1
        }
    }

    /// Rebuilds `link`'s recorded history from its transfers: each one fixed at another
    /// link, counted per bottleneck and sorted by that bottleneck's recorded order. A
    /// transfer new since the last fill has none; one fixed at `start` itself belongs to
    /// the fix under way, which charges this link once it is live.
    private func rebuildHistory(of link: Int32, before start: OrderKey?, _ work: inout SharingScratch) {
        work.pastFixes.removeAll(keepingCapacity: true)
        let stamp = work.nextTally(links: links)
        links[Int(link)].flows.withUnsafeBufferPointer { onLink in
            for slot in onLink {
                let b = bottlenecks[Int(slot)]
                guard b >= 0 else {
                    precondition(start == nil, "PropagationPass: a new transfer on link \(link), which is not dirty")
                    continue
                }
                if b == link { continue }
                let record = links[Int(b)].record
                if marks[Int(slot)] == fixedMark {
                    guard let start else { preconditionFailure("PropagationPass: fixed before the pass began") }
                    if !(OrderKey(share: links[Int(b)].order, link: b) < start) { continue }
                    precondition(sameBits(record.order, links[Int(b)].order) && sameBits(record.share, links[Int(b)].share),
                                 "PropagationPass: link \(b) changed its fix before link \(link) went live")
                } else {
                    precondition(record.isBottleneck, "PropagationPass: transfer recorded at a link that fixed none")
                }
                if links[Int(b)].tallyStamp != stamp {
                    links[Int(b)].tallyStamp = stamp
                    links[Int(b)].tally = 0
                    work.pastFixes.append(PastFix(link: b, order: record.order, share: record.share))
                }
                links[Int(b)].tally += 1
            }
        }
        work.pastFixes.sort { $0.key < $1.key }
        links[Int(link)].history.removeAll(keepingCapacity: true)
        for fix in work.pastFixes {
            links[Int(link)].history.append(RecordedFix(link: fix.link, count: links[Int(fix.link)].tally))
        }
    }

    /// Pops `link`'s own pending entries that come before `key`; before the link goes live
    /// each is stale (a current one would have fixed the link, ending its history), and
    /// none dips (a dip is fixed at once).
    private func popOwnEntry(_ l: Int, _ entry: (share: Double, version: UInt32), before key: OrderKey)
        -> (share: Double, version: UInt32)
    {
        var entry = entry
        while OrderKey(share: entry.share, link: Int32(l)) < key {
            precondition(entry.version != links[l].version, "PropagationPass: link \(l) fixed before it went live")
            let fresh = share(of: l)
            precondition(!(fresh < entry.share), "PropagationPass: link \(l) dipped before it went live")
            entry = (fresh, links[l].version)
        }
        return entry
    }
}

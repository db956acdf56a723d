/// Progressive filling re-run from a change, over only the links the change reaches
/// (issue 18, item 4): the same shares, bit for bit, as `SharingPass` over the whole
/// component, without touching what the change cannot alter.
///
/// Why: SimGrid's selective update recomputes the transitive closure of a modified
/// constraint (`update_modified_set_rec`), which is what `SharingPass` does: in an
/// all-to-all of unequal sizes every completion re-fills one component of every transfer,
/// though most rates come out unchanged (at 128 hosts, 80% of the transfers visited).
/// Here a change starts where it happens and spreads only as far as the filling's
/// history differs, the way an incremental shortest-path algorithm re-settles only the
/// nodes whose distance changed.
///
/// How: a fill is a sequence of events in `OrderKey` order (see `FillRecord`): pops of
/// each link's single pending heap entry, and fixes, each fix taking a share from the
/// other links of the transfers it fixes. A link's shares depend only on its capacity,
/// its transfers and the fixes that reach it before its own, in order; so a link whose
/// inputs did not change repeats its recorded history, and so does every transfer fixed
/// there. The pass replays the fill in order with a heap of `PropagationEvent`s, in which
/// only "live" links act: the dirty links from the start, and any other link from the
/// moment a fix reaching it differs from the record (a transfer fixed at another link,
/// at another share or order, or no longer fixed where it was: `checkpoint`). A link
/// going live is first brought to that moment by replaying its recorded history (the
/// fixes that reached it, per bottleneck, in order: `LinkState.history`), then the rest
/// of that history reaches it one step at a time (`incoming`), skipping bottlenecks that
/// have gone live (those charge their own fix). Every subtraction a live link sees is the
/// one progressive filling makes, in the same order (the shares one fix takes from a link
/// are all equal, so their order within the fix is immaterial), so every share is the
/// same double.
///
/// Invariant between passes: every link that carries transfers holds the record (and
/// each transfer its bottleneck) of a fill from scratch of the current transfers. A pass
/// re-records every link it reaches; a link it does not reach had the same history in
/// the new fill, so its record stays true. The preconditions below check the consequences
/// (a link never goes live after its recorded end; each fix fixes exactly its count).
///
/// Marks: a link marked `epoch` is live; a transfer marked `epoch + 1` was fixed in this
/// pass (its `bottlenecks` entry is then this pass's, else the record's).
///
/// - Complexity: O((F' R + L' + E) log E) for the F' transfers fixed at live links, their
///   R ≤ 4 links, the L' live links and E events (entries, checkpoints, history steps),
///   plus O(d) for a dirty link of d transfers; in an all-to-all of unequal sizes F' is
///   about the number of rates that change (at 128 hosts, 22.9M fixed for 22.8M changes,
///   where re-filling visits 115M).
struct PropagationPass {
    let links: UnsafeMutableBufferPointer<LinkState>
    let marks: UnsafeMutableBufferPointer<UInt32>
    let newRates: UnsafeMutableBufferPointer<Double>
    let bottlenecks: UnsafeMutableBufferPointer<Int32>
    let routes: UnsafeBufferPointer<SharingRoute>
    let epoch: UInt32

    var fixedMark: UInt32 { epoch + 1 }

    /// Re-runs the fill from `dirty` (links whose transfers or capacity changed). Leaves
    /// the live links in `work.componentLinks`, the transfers fixed at them (their new
    /// rates in `newRates`) in `work.componentFlows`, and the live links' records updated.
    func run(dirty: [Int32], into work: inout SharingScratch) {
        work.componentLinks.removeAll(keepingCapacity: true)
        work.componentFlows.removeAll(keepingCapacity: true)
        work.events.removeAll()
        for link in dirty {
            links[Int(link)].isDirty = false
            if links[Int(link)].mark != epoch { goLive(link, at: nil, &work) }
        }
        while let event = work.events.pop() {
            switch event.kind {
            case .entry: pop(event, &work)
            case .checkpoint: checkpoint(event.link, &work)
            case .incoming: deliver(event, &work)
            }
        }
        for link in work.componentLinks {
            let l = Int(link)
            precondition(links[l].unfixed == 0, "PropagationPass: link \(l) left with unfixed transfers")
            if links[l].fixedIn == epoch {
                links[l].record = FillRecord(isBottleneck: true, share: links[l].share, order: links[l].order)
            } else {
                links[l].record.isBottleneck = false
            }
            swap(&links[l].history, &links[l].nextHistory)
            links[l].hasHistory = true
        }
    }

    /// A live link's pending entry reaches the top: as in `SharingPass`, a stale one is
    /// refreshed (its order kept at the stale share if the refresh dips below it), a
    /// current one fixes the link.
    private func pop(_ event: PropagationEvent, _ work: inout SharingScratch) {
        let l = Int(event.link)
        guard links[l].unfixed > 0 else { return }
        if event.tag != links[l].version {
            precondition(event.order == event.share, "PropagationPass: a dipped entry went stale")
            let fresh = share(of: l)
            work.events.push(PropagationEvent(order: fresh < event.share ? event.share : fresh, share: fresh,
                                            link: event.link, target: event.link, tag: links[l].version,
                                            kind: .entry))
            return
        }
        fix(l, at: event.key, share: event.share, &work)
    }

    /// Fixes every transfer on live link `l` not yet fixed at `key`, passes the changed
    /// ones on (their other links go live), then charges all of them to their live links.
    ///
    /// A link whose fix differs from its record in order or share changes every transfer
    /// it fixes; one that fixes as recorded changes only transfers recorded elsewhere.
    /// Either way a link goes live at its first changed transfer of this fix, before any
    /// transfer of the fix is charged to it (its rebuilt state leaves out the whole fix).
    private func fix(_ l: Int, at key: OrderKey, share: Double, _ work: inout SharingScratch) {
        links[l].fixedIn = epoch
        links[l].share = share
        links[l].order = key.share
        let record = links[l].record
        let unchanged = record.isBottleneck && sameBits(record.order, key.share) && sameBits(record.share, share)
        let first = work.componentFlows.count
        work.changedFlows.removeAll(keepingCapacity: true)
        work.deferredEntries.removeAll(keepingCapacity: true)
        links[l].flows.withUnsafeBufferPointer { onLink in
            for slot in onLink where isUnfixed(slot, at: key) {
                if unchanged && bottlenecks[Int(slot)] != Int32(l) { work.changedFlows.append(slot) }
                marks[Int(slot)] = fixedMark
                bottlenecks[Int(slot)] = Int32(l)
                newRates[Int(slot)] = share
                work.componentFlows.append(slot)
            }
        }
        precondition(work.componentFlows.count - first == Int(links[l].unfixed),
                     "PropagationPass: link \(l) fixed a number of transfers other than its count")
        var i = 0
        while i < work.changedFlows.count {
            let route = routes[Int(work.changedFlows[i])]
            for k in 0..<route.count where Int(route[k]) != l && links[Int(route[k])].mark != epoch {
                goLive(route[k], at: key, deferred: true, &work)
            }
            i += 1
        }
        // Charge per link: the fix takes the same share from each, so one loop of `count`
        // subtractions is what one subtraction per transfer would give.
        let stamp = work.nextCharge(links: links)
        work.chargedLinks.removeAll(keepingCapacity: true)
        i = first
        while i < work.componentFlows.count {
            let route = routes[Int(work.componentFlows[i])]
            i += 1
            for k in 0..<route.count where Int(route[k]) != l {
                let o = Int(route[k])
                if links[o].mark != epoch {
                    if unchanged { continue }
                    goLive(route[k], at: key, deferred: true, &work)
                }
                if links[o].chargeStamp != stamp {
                    links[o].chargeStamp = stamp
                    links[o].chargeCount = 0
                    work.chargedLinks.append(route[k])
                }
                links[o].chargeCount += 1
            }
        }
        for o in work.chargedLinks {
            charge(Int(o), share: share, count: links[Int(o)].chargeCount, from: Int32(l))
        }
        links[l].unfixed = 0
        i = 0
        while i < work.deferredEntries.count {
            let pending = work.deferredEntries[i]
            i += 1
            if links[Int(pending.link)].unfixed > 0 { queueLiveEvents(pending, after: key, &work) }
        }
    }

    /// Whether `slot`, on a link fixing at `key`, has no rate yet: not fixed in this pass,
    /// and not fixed by the recorded fix of a link that is not live, before `key`.
    @inline(__always)
    private func isUnfixed(_ slot: Int32, at key: OrderKey) -> Bool {
        if marks[Int(slot)] == fixedMark { return false }
        let b = bottlenecks[Int(slot)]
        guard b >= 0, links[Int(b)].mark != epoch else { return true }
        return !(OrderKey(share: links[Int(b)].record.order, link: b) < key)
    }

    /// The recorded fix of live link `link` did not happen as recorded: the transfers it
    /// fixed then and that are still unfixed have changed, so their other links go live.
    private func checkpoint(_ link: Int32, _ work: inout SharingScratch) {
        let l = Int(link)
        guard links[l].fixedIn != epoch else { return }
        let key = OrderKey(share: links[l].record.order, link: link)
        var position = 0
        while position < links[l].flows.count {
            let slot = links[l].flows[position]
            position += 1
            guard marks[Int(slot)] != fixedMark, bottlenecks[Int(slot)] == link else { continue }
            let route = routes[Int(slot)]
            for k in 0..<route.count where route[k] != link && links[Int(route[k])].mark != epoch {
                goLive(route[k], at: key, &work)
            }
        }
    }

    /// The next recorded step of live link `target` comes due: the recorded fix of a link
    /// that is not live reaches it (skipped if that link has gone live since: it then
    /// charges its own fix). The following step is queued after it.
    private func deliver(_ event: PropagationEvent, _ work: inout SharingScratch) {
        let o = Int(event.target)
        guard links[o].unfixed > 0 else { return }
        if links[Int(event.link)].mark != epoch {
            charge(o, share: event.share, count: Int32(event.tag), from: event.link)
        }
        links[o].cursor += 1
        queueNextStep(of: o, &work)
    }

    /// Takes `count` transfers fixed at `share` by link `bottleneck` off live link `o`, one
    /// subtraction each, as `SharingPass.fixTransfers` does, and writes the step into the
    /// link's new history.
    @inline(__always)
    func charge(_ o: Int, share: Double, count: Int32, from bottleneck: Int32) {
        precondition(links[o].unfixed >= count, "PropagationPass: link \(o) charged for transfers it does not hold")
        for _ in 0..<count { links[o].remainingCapacity -= share }
        links[o].unfixed -= count
        links[o].version &+= 1
        if let last = links[o].nextHistory.last, last.link == bottleneck {
            links[o].nextHistory[links[o].nextHistory.count - 1].count += count
        } else {
            links[o].nextHistory.append(RecordedFix(link: bottleneck, count: count))
        }
    }

    @inline(__always)
    func share(of l: Int) -> Double {
        Swift.max(0, links[l].remainingCapacity) / Double(links[l].unfixed)
    }
}

/// Max-min fair shares by progressive filling, recomputed over one connected component.
///
/// Max-min fairness: no transfer's rate can grow without shrinking the rate of a transfer
/// that has no more than it. Progressive filling reaches it: raise every rate together;
/// when a link fills, its transfers are fixed at the link's fair share; continue with the
/// others. Equivalently, repeatedly take the link with the smallest share
/// (remaining capacity / unfixed transfers), fix its unfixed transfers at that share,
/// and subtract them from their other links. A link's share never decreases as others
/// are fixed (a transfer fixed at the minimum share s takes s ≤ that link's share), so
/// the heap of links can be lazy: an entry whose link has changed since it was pushed
/// is refreshed when it reaches the top, and the first up-to-date entry on top is the
/// true minimum.
///
/// Incrementality: only links whose transfer set or rate changed are "dirty"; shares
/// elsewhere cannot change unless connected to them through shared links, so the
/// recomputation covers the transitive closure (links → transfers → links, breadth
/// first) of the dirty links, and nothing else. Unlimited links couple nothing.
///
/// Determinism: the component is discovered in the order of dirty links and of each
/// link's transfer list, heap ties go to the lower link number, and a transfer whose
/// new rate equals its old one (bit for bit) is left untouched, keeping its lazily
/// updated remaining bytes and its completion instant.
///
/// - Complexity: O(F·R + L log L + S log L) for F transfers and L links in the
///   component, routes of R ≤ 4 links and S stale heap entries (S ≤ F·R); no allocation
///   once the scratch arrays have grown.
extension Network {
    mutating func reshare(at t: Int64) {
        let epoch = scratch.nextEpoch(links: &links, flows: &flows)
        collectComponent(epoch: epoch)
        statistics.recomputations += 1
        statistics.transfersVisited += scratch.componentFlows.count
        statistics.linksVisited += scratch.componentLinks.count
        statistics.largestComponent = Swift.max(statistics.largestComponent, scratch.componentFlows.count)
        fillProgressively(epoch: epoch)
        applyNewRates(at: t)
    }

    /// Breadth-first closure of the dirty links over "transfer crosses link".
    private mutating func collectComponent(epoch: UInt32) {
        scratch.componentLinks.removeAll(keepingCapacity: true)
        scratch.componentFlows.removeAll(keepingCapacity: true)
        for link in dirtyLinks {
            links[Int(link)].isDirty = false
            if links[Int(link)].epoch != epoch {
                links[Int(link)].epoch = epoch
                scratch.componentLinks.append(link)
            }
        }
        dirtyLinks.removeAll(keepingCapacity: true)
        var next = 0
        while next < scratch.componentLinks.count {
            let link = Int(scratch.componentLinks[next])
            next += 1
            for slot in links[link].flows where flows[Int(slot)].epoch != epoch {
                flows[Int(slot)].epoch = epoch
                scratch.componentFlows.append(slot)
                let path = flows[Int(slot)].path
                for k in 0..<path.count {
                    let other = Int(path[k])
                    if links[other].epoch != epoch && links[other].isLimited {
                        links[other].epoch = epoch
                        scratch.componentLinks.append(Int32(other))
                    }
                }
            }
        }
    }

    /// Progressive filling over the collected component; leaves each transfer's result
    /// in `newRate`.
    private mutating func fillProgressively(epoch: UInt32) {
        scratch.heap.removeAll(keepingCapacity: true)
        for link in scratch.componentLinks {
            let l = Int(link)
            links[l].remainingCapacity = links[l].capacity
            links[l].unfixed = Int32(links[l].flows.count)
            links[l].version = 0
            if links[l].unfixed > 0 { scratch.push(ShareEntry(share: share(of: l), link: link, version: 0)) }
        }
        while let top = scratch.pop() {
            let l = Int(top.link)
            if links[l].unfixed == 0 { continue }
            if top.version != links[l].version {
                scratch.push(ShareEntry(share: share(of: l), link: top.link, version: links[l].version))
                continue
            }
            fixTransfers(on: l, at: top.share, epoch: epoch)
        }
    }

    /// Fixes every unfixed transfer on bottleneck link `l` at `share` and charges it to
    /// its other links.
    private mutating func fixTransfers(on l: Int, at share: Double, epoch: UInt32) {
        for slot in links[l].flows where flows[Int(slot)].fixedEpoch != epoch {
            flows[Int(slot)].fixedEpoch = epoch
            flows[Int(slot)].newRate = share
            let path = flows[Int(slot)].path
            for k in 0..<path.count {
                let other = Int(path[k])
                if other != l && links[other].isLimited {
                    links[other].remainingCapacity -= share
                    links[other].unfixed -= 1
                    links[other].version &+= 1
                }
            }
        }
        links[l].unfixed = 0
    }

    @inline(__always)
    private func share(of l: Int) -> Double {
        Swift.max(0, links[l].remainingCapacity) / Double(links[l].unfixed)
    }

    /// Moves each transfer whose rate changed up to `t` at its old rate, then sets its new
    /// rate and completion instant.
    private mutating func applyNewRates(at t: Int64) {
        for slot in scratch.componentFlows {
            let rate = flows[Int(slot)].newRate
            if rate == flows[Int(slot)].rate { continue }
            bringUpToDate(slot, at: t)
            flows[Int(slot)].rate = rate
            statistics.rateChanges += 1
            scheduleCompletion(slot, at: t)
        }
    }

    /// Puts a moving transfer on the agenda at the first nanosecond by which its bytes
    /// are all through (rounded up), now if it is already done, or off the agenda when
    /// its rate is zero.
    mutating func scheduleCompletion(_ slot: Int32, at t: Int64) {
        let flow = flows[Int(slot)]
        if Self.isDone(remaining: flow.remaining, bytes: flow.bytes) {
            agenda.update(slot: slot, due: t, sequence: flow.sequence)
            return
        }
        guard flow.rate > 0, let nanoseconds = Self.nanosecondsToMove(flow.remaining, at: flow.rate),
              nanoseconds < Int64.max - t
        else {
            agenda.remove(slot: slot)
            return
        }
        agenda.update(slot: slot, due: t + nanoseconds, sequence: flow.sequence)
    }

    /// Whole nanoseconds to move `bytes` at `rate` bytes per second, rounded up, at least 1;
    /// nil when it does not fit in `Int64`.
    ///
    /// Why the product first: `bytes * 1e9 / rate` is exact whenever the true quotient is
    /// (both operands are exact integers in practice), where `bytes / rate * 1e9` can land
    /// a hair above a whole number and round up a full nanosecond. A quotient within 1e-6 ns
    /// above a whole number is taken as that number: rounding noise, not time.
    static func nanosecondsToMove(_ bytes: Double, at rate: Double) -> Int64? {
        let exact = bytes * 1e9 / rate
        guard exact < 9.2e18 else { return nil }
        var whole = exact.rounded(.up)
        if whole - exact > 1 - 1e-6 { whole -= 1 }
        return Swift.max(1, Int64(whole))
    }
}

/// One heap entry of progressive filling: a link's share when pushed, and the link's
/// version then (a mismatch marks it stale).
struct ShareEntry {
    var share: Double
    var link: Int32
    var version: UInt32

    @inline(__always)
    func precedes(_ other: ShareEntry) -> Bool {
        share < other.share || (share == other.share && link < other.link)
    }
}

/// Reusable arrays for `reshare`, so that a recomputation allocates nothing once warm.
struct SharingScratch {
    var epoch: UInt32 = 0
    var componentLinks: [Int32] = []
    var componentFlows: [Int32] = []
    var heap: [ShareEntry] = []

    /// A fresh epoch mark; on wrap-around, clears every mark so none is mistaken as current.
    mutating func nextEpoch(links: inout [LinkState], flows: inout [FlowState]) -> UInt32 {
        if epoch == UInt32.max {
            for i in links.indices { links[i].epoch = 0 }
            for i in flows.indices { flows[i].epoch = 0; flows[i].fixedEpoch = 0 }
            epoch = 0
        }
        epoch += 1
        return epoch
    }

    mutating func push(_ entry: ShareEntry) {
        heap.append(entry)
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            guard entry.precedes(heap[parent]) else { break }
            heap[child] = heap[parent]
            child = parent
        }
        heap[child] = entry
    }

    mutating func pop() -> ShareEntry? {
        guard let top = heap.first else { return nil }
        let last = heap.removeLast()
        guard !heap.isEmpty else { return top }
        var parent = 0
        let count = heap.count
        while true {
            var child = 2 * parent + 1
            if child >= count { break }
            if child + 1 < count && heap[child + 1].precedes(heap[child]) { child += 1 }
            guard heap[child].precedes(last) else { break }
            heap[parent] = heap[child]
            parent = child
        }
        heap[parent] = last
        return top
    }
}

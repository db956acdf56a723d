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
/// true minimum (in exact arithmetic; in floating point a refresh can dip an ulp below
/// the share just popped, which `FillRecord` explains and the passes reproduce).
///
/// Incrementality: only links whose transfer set or rate changed are "dirty"; shares
/// elsewhere cannot change unless connected to them through shared links, so
/// `SharingPass` covers the transitive closure (links → transfers → links, breadth
/// first) of the dirty links, and nothing else, one component at a time (SimGrid's
/// selective update). Unlimited links couple nothing. `PropagationPass` goes further:
/// within the component it re-runs only the links whose filling history the change
/// alters, from the moment it does, with the same result bit for bit.
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
    /// Recomputes the shares of every transfer a dirty link reaches: by `PropagationPass`
    /// when the change is in a crowded place (see `prefersPropagation`), else by
    /// `SharingPass`. Both give the same rates, bit for bit; they differ in what they visit.
    mutating func reshare(at t: Int64) {
        let propagate = prefersPropagation()
        runSharingPass(propagating: propagate)
        statistics.recomputations += 1
        if propagate { statistics.propagations += 1 }
        statistics.transfersVisited += scratch.componentFlows.count
        statistics.linksVisited += scratch.componentLinks.count
        if !propagate { statistics.largestComponent = Swift.max(statistics.largestComponent, scratch.largestComponent) }
        applyNewRates(at: t)
    }

    /// Runs one pass over the dirty links, leaving the links it covered in
    /// `scratch.componentLinks` and the transfers it fixed, with their rates in
    /// `newRates`, in `scratch.componentFlows`.
    mutating func runSharingPass(propagating propagate: Bool) {
        let epoch = scratch.nextEpoch(links: &links, marks: &marks)
        // Move the arrays out of `self` so that the pass can hold raw buffers to all of
        // them at once (no exclusivity conflict, no bounds or uniqueness checks per access).
        var linkArray: [LinkState] = [], markArray: [UInt32] = [], rateArray: [Double] = []
        var routeArray: [SharingRoute] = [], work = SharingScratch(), dirty: [Int32] = []
        var bottleneckArray: [Int32] = []
        swap(&linkArray, &links); swap(&markArray, &marks); swap(&rateArray, &newRates)
        swap(&routeArray, &routes); swap(&work, &scratch); swap(&dirty, &dirtyLinks)
        swap(&bottleneckArray, &bottlenecks)
        linkArray.withUnsafeMutableBufferPointer { linkBuffer in
            markArray.withUnsafeMutableBufferPointer { markBuffer in
                rateArray.withUnsafeMutableBufferPointer { rateBuffer in
                    bottleneckArray.withUnsafeMutableBufferPointer { bottleneckBuffer in
                        routeArray.withUnsafeBufferPointer { routeBuffer in
                            if propagate {
                                PropagationPass(links: linkBuffer, marks: markBuffer, newRates: rateBuffer,
                                                bottlenecks: bottleneckBuffer, routes: routeBuffer, epoch: epoch)
                                    .run(dirty: dirty, into: &work)
                            } else {
                                SharingPass(links: linkBuffer, marks: markBuffer, newRates: rateBuffer,
                                            bottlenecks: bottleneckBuffer, routes: routeBuffer, epoch: epoch)
                                    .run(dirty: dirty, into: &work)
                            }
                        }
                    }
                }
            }
        }
        dirty.removeAll(keepingCapacity: true)
        swap(&linkArray, &links); swap(&markArray, &marks); swap(&rateArray, &newRates)
        swap(&routeArray, &routes); swap(&work, &scratch); swap(&dirty, &dirtyLinks)
        swap(&bottleneckArray, &bottlenecks)
    }

    /// Whether to re-run the fill from the change (`PropagationPass`) rather than re-fill
    /// the components (`SharingPass`). Both are exact, so this only weighs cost:
    /// propagation pays where a change lands on crowded links (a completion in an
    /// all-to-all), where the rest of the component is large and mostly unaltered; where
    /// the dirty links carry few transfers each (a ring's steps: thousands of transfers,
    /// each alone on its links, starting at one instant) components are small and the
    /// plain fill, with no event heap, is cheaper.
    ///
    /// - Complexity: O(dirty links).
    private func prefersPropagation() -> Bool {
        switch sharingMode {
        case .fill: return false
        case .propagation: return true
        case .automatic:
            var carried = 0
            for link in dirtyLinks { carried += links[Int(link)].flows.count }
            return carried >= Self.propagationThreshold && carried >= Self.propagationCrowding * dirtyLinks.count
        }
    }

    /// Transfers on the dirty links from which `.automatic` propagates, in all and per link.
    static let propagationThreshold = 32
    static let propagationCrowding = 8

    /// Moves each transfer whose rate changed up to `t` at its old rate, then sets its new
    /// rate and completion instant.
    private mutating func applyNewRates(at t: Int64) {
        for slot in scratch.componentFlows {
            let rate = newRates[Int(slot)]
            if rate == rates[Int(slot)] { continue }
            bringUpToDate(slot, at: t)
            rates[Int(slot)] = rate
            statistics.rateChanges += 1
            scheduleCompletion(slot, at: t)
        }
    }

    /// Puts a moving transfer on the agenda at the first nanosecond by which its bytes
    /// are all through (rounded up), now if it is already done, or off the agenda when
    /// its rate is zero.
    mutating func scheduleCompletion(_ slot: Int32, at t: Int64) {
        let flow = flows[Int(slot)]
        let rate = rates[Int(slot)]
        if Self.isDone(remaining: flow.remaining, bytes: flow.bytes) {
            agenda.update(slot: slot, due: t, sequence: flow.sequence)
            return
        }
        guard rate > 0, let nanoseconds = Self.nanosecondsToMove(flow.remaining, at: rate),
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

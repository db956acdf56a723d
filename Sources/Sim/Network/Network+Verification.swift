/// The reference the incremental passes are held to: shares recomputed from scratch.
extension Network {
    /// Compares every moving transfer's rate with what progressive filling from scratch
    /// gives now (every link's component re-filled by `SharingPass`, nothing recorded
    /// read), bit for bit; nil when all agree. For tests, between events (when settled):
    /// whichever pass kept the rates, they must be exactly these.
    ///
    /// - Complexity: O(F·R + L log L) and a copy of the network.
    func mismatchWithSharesFromScratch() -> String? {
        guard isSettled else { return nil }
        var copy = self
        for l in copy.links.indices where !copy.links[l].flows.isEmpty { copy.markDirty(Int32(l)) }
        copy.runSharingPass(propagating: false)
        for slot in flows.indices where !flows[slot].isFree && flows[slot].isMoving {
            let want = copy.newRates[slot], have = rates[slot]
            if !sameBits(want, have) {
                return "transfer#\(flows[slot].sequence): rate \(have) B/s, from scratch \(want) B/s"
            }
        }
        return nil
    }
}

/// The limited links of a moving transfer's route (unlimited links never constrain a
/// share, so progressive filling skips them): at most four, inline.
struct SharingRoute: Hashable {
    private var l0: Int32 = -1, l1: Int32 = -1, l2: Int32 = -1, l3: Int32 = -1
    private(set) var count: Int32 = 0

    mutating func append(_ link: Int32) {
        switch count {
        case 0: l0 = link
        case 1: l1 = link
        case 2: l2 = link
        default:
            precondition(count == 3, "SharingRoute: more than four links")
            l3 = link
        }
        count += 1
    }

    @inline(__always)
    subscript(position: Int32) -> Int32 {
        switch position {
        case 0: return l0
        case 1: return l1
        case 2: return l2
        default: return l3
        }
    }
}

/// One heap entry of progressive filling: a link's share when pushed, and the link's
/// version then (a mismatch marks it stale).
struct ShareEntry: HeapOrdered {
    var share: Double
    var link: Int32
    var version: UInt32

    @inline(__always)
    func precedes(_ other: ShareEntry) -> Bool {
        share < other.share || (share == other.share && link < other.link)
    }
}

/// A recorded fix that reached a link before it went live: its bottleneck and that
/// fix's order and share (the count is the bottleneck's `tally`).
struct PastFix {
    var link: Int32
    var order: Double
    var share: Double

    var key: OrderKey { OrderKey(share: order, link: link) }
}

/// Reusable arrays for `reshare`, so that a recomputation allocates nothing once warm,
/// and the epoch that marks what one recomputation has visited.
struct SharingScratch {
    /// Marks of the current pass: `epoch` = in the component, `epoch + 1` = rate fixed.
    /// Marks only grow between wrap-arounds, so anything below `epoch` is unvisited.
    var epoch: UInt32 = 0
    var componentLinks: [Int32] = []
    var componentFlows: [Int32] = []
    var heap = PrecedenceHeap<ShareEntry>()
    /// Transfers in the largest component of the last pass.
    var largestComponent = 0
    // Propagation pass (see PropagationPass): its event heap, the transfers a fix changed,
    // and the fixes counted on a link whose history is rebuilt.
    var events = PrecedenceHeap<PropagationEvent>()
    var changedFlows: [Int32] = []
    var pastFixes: [PastFix] = []
    /// Links charged by the fix under way, and the pending entries of links that went
    /// live during it (queued once it has charged them).
    var chargedLinks: [Int32] = []
    var deferredEntries: [PropagationEvent] = []
    /// Stamps `LinkState.tally` (the recorded fixes counted per bottleneck on one link).
    var tallyStamp: UInt32 = 0
    /// Stamps `LinkState.chargeCount` (the transfers of one fix counted per link).
    var chargeStamp: UInt32 = 0

    /// Starts a pass; on wrap-around, clears every mark so that none is mistaken as current.
    mutating func nextEpoch(links: inout [LinkState], marks: inout [UInt32]) -> UInt32 {
        if epoch >= UInt32.max - 2 {
            for i in links.indices { (links[i].mark, links[i].fixedIn) = (0, 0) }
            for i in marks.indices { marks[i] = 0 }
            epoch = 0
        }
        epoch += 2
        return epoch
    }

    /// A fresh stamp for counting per link; on wrap-around, clears every link's stamp.
    mutating func nextTally(links: UnsafeMutableBufferPointer<LinkState>) -> UInt32 {
        if tallyStamp == UInt32.max {
            for i in links.indices { links[i].tallyStamp = 0 }
            tallyStamp = 0
        }
        tallyStamp += 1
        return tallyStamp
    }

    /// A fresh stamp for counting one fix's transfers per link (as `nextTally`).
    mutating func nextCharge(links: UnsafeMutableBufferPointer<LinkState>) -> UInt32 {
        if chargeStamp == UInt32.max {
            for i in links.indices { links[i].chargeStamp = 0 }
            chargeStamp = 0
        }
        chargeStamp += 1
        return chargeStamp
    }
}

/// What the last progressive filling that covered a link did, kept between fills so that
/// the next one can re-run only the part of the filling that a change reaches
/// (`PropagationPass`); with `Network.bottlenecks` (the link each transfer was fixed at).
///
/// Why an order and not just the share: the fill pops links from a lazy heap by
/// (share, link). In exact arithmetic a link's share never decreases as others are
/// fixed, so pops come in ascending (share, link) order. In floating point it can: when a
/// transfer is fixed at a share rounded up, its other links' refreshed shares can come out
/// an ulp *below* the share just popped (a "dip"; in a 64-host all-to-all about one
/// refresh in a hundred). A dipped entry is the heap's minimum, so it pops at once, and
/// being current it fixes the link right after the stale pop that created it. Giving that
/// fix the *stale* entry's share as its order restores the property exactly: every pop
/// and fix of a fill, taken in the order the heap produced them, has a non-decreasing
/// (order, link) key, and distinct links never tie. So "which of two events came first"
/// is a comparison of `OrderKey`s, which is what lets `PropagationPass` interleave a
/// re-run of a few links with the recorded fixes of all the others.
struct FillRecord {
    /// Whether the link fixed transfers (was their bottleneck); false when every transfer
    /// on it was fixed at other links first, or when it carried none.
    var isBottleneck = false
    /// The share it fixed its transfers at (their rate), when a bottleneck.
    var share: Double = 0
    /// The share part of the fix's `OrderKey`: `share`, or the share of the stale heap
    /// entry whose refresh dipped below it.
    var order: Double = 0
}

/// One step of a link's history: `count` of its transfers fixed at bottleneck `link`
/// (whose `FillRecord` gives the share and the order).
struct RecordedFix {
    var link: Int32
    var count: Int32
}

/// The place of an event in a progressive filling: (share, link), compared as the lazy
/// heap compares its entries (`ShareEntry.precedes`).
struct OrderKey {
    var share: Double
    var link: Int32

    @inline(__always)
    static func < (a: OrderKey, b: OrderKey) -> Bool {
        a.share < b.share || (a.share == b.share && a.link < b.link)
    }
}

/// Bit-for-bit equality of two doubles (tells 0 from -0), for "did this fix change at all".
@inline(__always)
func sameBits(_ a: Double, _ b: Double) -> Bool { a.bitPattern == b.bitPattern }

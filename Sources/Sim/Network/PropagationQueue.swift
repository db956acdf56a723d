/// One event of a propagation pass (see `PropagationPass`), at its place in the fill's
/// order: (order, link), then kind.
///
/// - `entry`: the pending heap entry of a re-run ("live") link `link`, as progressive
///   filling would hold it: its share, the link's version when pushed, and its order
///   (the share, or the stale share it dipped below; see `FillRecord`).
/// - `checkpoint`: the instant a live link fixed its transfers in the last fill; the
///   transfers it fixed then and has not fixed now have changed, and are passed on.
/// - `incoming`: the recorded fix of a link `link` that is not re-run, reaching the live
///   link `target`: `count` of its transfers, at `share` each.
///
/// At one (order, link) an entry comes before the checkpoint of the same link, so that a
/// link re-fixing exactly as before is seen to have done so. Kinds of one link never
/// otherwise meet: incoming events name links that are not live, the others live ones.
struct PropagationEvent: HeapOrdered {
    enum Kind: UInt8 {
        case entry = 0
        case checkpoint = 1
        case incoming = 2
    }

    var order: Double
    var share: Double
    var link: Int32
    var target: Int32
    /// The link's version (`entry`) or the number of transfers (`incoming`).
    var tag: UInt32
    var kind: Kind

    var key: OrderKey { OrderKey(share: order, link: link) }

    @inline(__always)
    func precedes(_ other: PropagationEvent) -> Bool {
        if order != other.order { return order < other.order }
        if link != other.link { return link < other.link }
        return kind.rawValue < other.kind.rawValue
    }
}

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
struct PropagationEvent {
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

extension SharingScratch {
    /// Adds an event to the propagation heap.
    ///
    /// - Complexity: O(log n).
    mutating func pushEvent(_ event: PropagationEvent) {
        events.append(event)
        events.withUnsafeMutableBufferPointer { heap in
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard event.precedes(heap[parent]) else { break }
                heap[child] = heap[parent]
                child = parent
            }
            heap[child] = event
        }
    }

    /// Removes and returns the first event. Events that tie on (order, link, kind) act on
    /// different links (a link has one pending entry, one checkpoint, one pending step of
    /// history), so the heap's choice among them changes nothing.
    ///
    /// - Complexity: O(log n).
    mutating func popEvent() -> PropagationEvent? {
        guard let top = events.first else { return nil }
        let last = events.removeLast()
        guard !events.isEmpty else { return top }
        events.withUnsafeMutableBufferPointer { heap in
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
        }
        return top
    }
}

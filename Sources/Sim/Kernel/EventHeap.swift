/// The event queue's priority queue: a binary min-heap in one contiguous array.
///
/// swift-collections' `Heap` is a min-max heap: every removal compares children and
/// grandchildren on alternating min and max levels, for a maximum the kernel never
/// reads. Profiled on PHOLD it was two thirds of the run (`results/bench/
/// profile-2026-12-06.md`); this heap removes the minimum the way Floyd's bottom-up
/// variant does (move the hole down along the smaller children to a leaf, then sift the
/// last entry up from there, usually a step or two), moving entries rather than copying
/// them, so a payload with references is never retained or released on the way.
///
/// Order is the caller's total order (`<`); with no two equal entries, any correct heap
/// delivers the same sequence, so the choice of heap never changes a result.
@usableFromInline
struct EventHeap<Element: Comparable> {
    @usableFromInline var storage: ContiguousArray<Element> = []

    @inlinable
    init(minimumCapacity: Int) { storage.reserveCapacity(minimumCapacity) }

    /// How many entries from the root are sifted through branch-free: those that fit in
    /// 256 KiB, well inside a core's L2 cache. Measured on PHOLD (this 2-core Xeon,
    /// 2 MiB of L2 a core): branch-free selection all the way down was 1.25x faster with
    /// 16k events in the heap but 2x slower with 1.6M, where each level's load waited
    /// for the last comparison; the split keeps most of the first and little of the
    /// second (`results/bench/engine-2026-12-06.md`).
    @inlinable static var branchFreeEntries: Int { (1 << 18) / Swift.max(1, MemoryLayout<Element>.stride) }

    @inlinable var count: Int { storage.count }
    @inlinable var isEmpty: Bool { storage.isEmpty }
    @inlinable var min: Element? { storage.first }

    @inlinable
    mutating func insert(_ element: Element) {
        storage.append(element)
        storage.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            let hole = buffer.count - 1
            guard hole > 0 else { return }
            Self.siftUp((base + hole).move(), from: hole, in: base)
        }
    }

    /// Puts `moving` into the hole at `start` or above it: each parent greater than
    /// `moving` moves down into the hole, which rises. Shared by insertion and by the
    /// last step of removal; `moving` is consumed, so a payload is moved, not copied.
    @inlinable
    static func siftUp(_ moving: consuming Element, from start: Int, in base: UnsafeMutablePointer<Element>) {
        var hole = start
        while hole > 0 {
            let parent = (hole - 1) >> 1
            guard moving < base[parent] else { break }
            (base + hole).initialize(to: (base + parent).move())
            hole = parent
        }
        (base + hole).initialize(to: moving)
    }

    /// Removes and returns the minimum. The heap must not be empty.
    @inlinable
    mutating func removeMin() -> Element {
        precondition(!storage.isEmpty, "EventHeap: removeMin on an empty heap")
        let last = storage.removeLast()
        guard !storage.isEmpty else { return last }
        return storage.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            let count = buffer.count
            let top = base.move()
            var hole = 0
            var child = 1
            // Near the root, where the entries stay in cache, the smaller child is picked
            // without a branch (a coin flip the predictor would miss half the time); deeper
            // down, where entries miss the cache, a branch lets the processor run ahead
            // and fetch the next level while the comparison is still waiting for memory.
            let branchFreeEnd = Swift.min(count - 1, Self.branchFreeEntries)
            while child < branchFreeEnd {
                child &+= base[child + 1] < base[child] ? 1 : 0
                (base + hole).initialize(to: (base + child).move())
                hole = child
                child = 2 * hole + 1
            }
            while child < count {
                if child + 1 < count && base[child + 1] < base[child] { child += 1 }
                (base + hole).initialize(to: (base + child).move())
                hole = child
                child = 2 * hole + 1
            }
            Self.siftUp(last, from: hole, in: base)
            return top
        }
    }

    /// Moves every entry for which `leaves` holds to the end of `other` and rebuilds the
    /// heap over the others (O(n): the far tier's spill, see `EventQueue`).
    @inlinable
    mutating func moveOut(where leaves: (Element) -> Bool, appendingTo other: inout ContiguousArray<Element>) {
        var kept = ContiguousArray<Element>()
        kept.reserveCapacity(storage.capacity)
        for entry in storage {
            if leaves(entry) { other.append(entry) } else { kept.append(entry) }
        }
        storage = kept
        heapify()
    }

    /// Replaces the (empty) heap with `entries`, in any order (O(n)).
    @inlinable
    mutating func fill(with entries: consuming ContiguousArray<Element>) {
        precondition(storage.isEmpty, "EventHeap: fill of a heap that is not empty")
        storage = entries
        heapify()
    }

    /// Floyd's construction: sifts every inner entry down, the last one first.
    @inlinable
    mutating func heapify() {
        storage.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress
            let count = buffer.count
            guard let base, count > 1 else { return }
            for start in stride(from: count / 2 - 1, through: 0, by: -1) {
                let moving = (base + start).move()
                var hole = start
                var child = 2 * hole + 1
                while child < count {
                    if child + 1 < count && base[child + 1] < base[child] { child += 1 }
                    guard base[child] < moving else { break }
                    (base + hole).initialize(to: (base + child).move())
                    hole = child
                    child = 2 * hole + 1
                }
                (base + hole).initialize(to: moving)
            }
        }
    }

    /// The entries in storage order (not sorted), for the far tier's sampling.
    @inlinable var entries: ContiguousArray<Element> { storage }

    /// Checks the heap property (for tests).
    func checkInvariants() {
        for i in 1..<Swift.max(storage.count, 1) {
            precondition(!(storage[i] < storage[(i - 1) / 2]), "EventHeap: entry \(i) above its parent")
        }
    }
}

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

    @inlinable var count: Int { storage.count }
    @inlinable var isEmpty: Bool { storage.isEmpty }
    @inlinable var min: Element? { storage.first }

    @inlinable
    mutating func insert(_ element: Element) {
        storage.append(element)
        storage.withUnsafeMutableBufferPointer { buffer in
            let base = buffer.baseAddress!
            var hole = buffer.count - 1
            guard hole > 0 else { return }
            let moving = (base + hole).move()
            while hole > 0 {
                let parent = (hole - 1) >> 1
                guard moving < base[parent] else { break }
                (base + hole).initialize(to: (base + parent).move())
                hole = parent
            }
            (base + hole).initialize(to: moving)
        }
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
            while child < count {
                if child + 1 < count && base[child + 1] < base[child] { child += 1 }
                (base + hole).initialize(to: (base + child).move())
                hole = child
                child = 2 * hole + 1
            }
            while hole > 0 {
                let parent = (hole - 1) >> 1
                guard last < base[parent] else { break }
                (base + hole).initialize(to: (base + parent).move())
                hole = parent
            }
            (base + hole).initialize(to: last)
            return top
        }
    }

    /// Checks the heap property (for tests).
    func checkInvariants() {
        for i in 1..<Swift.max(storage.count, 1) {
            precondition(!(storage[i] < storage[(i - 1) / 2]), "EventHeap: entry \(i) above its parent")
        }
    }
}

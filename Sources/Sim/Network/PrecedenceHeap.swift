/// What a `PrecedenceHeap` orders: `precedes` is a strict "comes first".
protocol HeapOrdered {
    func precedes(_ other: Self) -> Bool
}

/// The binary min-heap of progressive filling: links by share (`ShareEntry`) in a full
/// fill, and the events of a propagation pass (`PropagationEvent`). One heap for both,
/// with the sift order they always had (top-down removal), so that entries tying on the
/// key come out in the same order as before.
///
/// - Complexity: push and pop O(log n).
struct PrecedenceHeap<Element: HeapOrdered> {
    private(set) var elements: [Element] = []

    var isEmpty: Bool { elements.isEmpty }

    mutating func removeAll() { elements.removeAll(keepingCapacity: true) }

    mutating func push(_ element: Element) {
        elements.append(element)
        elements.withUnsafeMutableBufferPointer { heap in
            var child = heap.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard element.precedes(heap[parent]) else { break }
                heap[child] = heap[parent]
                child = parent
            }
            heap[child] = element
        }
    }

    /// Removes and returns the first element, nil when empty.
    mutating func pop() -> Element? {
        guard let top = elements.first else { return nil }
        let last = elements.removeLast()
        guard !elements.isEmpty else { return top }
        elements.withUnsafeMutableBufferPointer { heap in
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

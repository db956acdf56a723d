/// A pending list as `dequeueTaskFromList` reads it: task indices, the top at the end,
/// removable anywhere (an excluded entry stays while the one below it is taken).
///
/// The lists of all and of no preference are plain arrays; a keyed list is a segment of
/// its owner's shared storage (`KeyedPendingTasks`), so that its length sits in the cell
/// the offer already reads and its top is the only other memory touched.
protocol PendingTaskStack {
    var count: Int { get }
    subscript(_ offset: Int) -> Int { get }
    @discardableResult mutating func removeLast() -> Int
    @discardableResult mutating func remove(at offset: Int) -> Int
}

extension Array: PendingTaskStack where Element == Int {}

/// A keyed list lent out by `KeyedPendingTasks.withList`: valid only inside that call,
/// which writes the length back when the body returns.
struct PendingSegment: PendingTaskStack {
    private let base: UnsafeMutablePointer<Int32>
    private(set) var count: Int

    init(base: UnsafeMutablePointer<Int32>, count: Int) {
        self.base = base
        self.count = count
    }

    subscript(_ offset: Int) -> Int {
        precondition(offset >= 0 && offset < count, "PendingSegment: offset \(offset) outside 0..<\(count)")
        return Int(base[offset])
    }

    @discardableResult
    mutating func removeLast() -> Int {
        precondition(count > 0, "PendingSegment: removeLast on an empty list")
        count -= 1
        return Int(base[count])
    }

    /// Removes the entry at `offset`, keeping the order of those above it.
    @discardableResult
    mutating func remove(at offset: Int) -> Int {
        let removed = self[offset]
        (base + offset).update(from: base + offset + 1, count: count - offset - 1)
        count -= 1
        return removed
    }
}

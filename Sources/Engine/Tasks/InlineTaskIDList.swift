/// A short list of TIDs whose first four live inside the value (an executor runs a few
/// tasks at once), the rest in an array that exists only when needed.
///
/// It behaves exactly like `[TaskID]` under `append`, `firstIndex(of:)` and
/// `swapRemove(at:)`, in the same order, so that replacing an array with it changes no
/// result; what it saves is the separate buffer: at 100,000 executors reading an
/// executor's running tasks through an array cost a second cache miss on every launch
/// and every end.
struct InlineTaskIDList {
    private typealias Inline = InlineArray<4, TaskID>
    private static var inlineCapacity: Int { Inline.count }
    private var inline = Inline(repeating: TaskID(0))
    private var overflow: [TaskID] = []
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    subscript(position: Int) -> TaskID {
        get {
            precondition(position >= 0 && position < count, "InlineTaskIDList: position \(position) of \(count)")
            return position < Self.inlineCapacity ? inline[position] : overflow[position - Self.inlineCapacity]
        }
        set {
            precondition(position >= 0 && position < count, "InlineTaskIDList: position \(position) of \(count)")
            if position < Self.inlineCapacity {
                inline[position] = newValue
            } else {
                overflow[position - Self.inlineCapacity] = newValue
            }
        }
    }

    mutating func append(_ tid: TaskID) {
        count += 1
        if count > Self.inlineCapacity {
            overflow.append(tid)
        } else {
            self[count - 1] = tid
        }
    }

    func firstIndex(of tid: TaskID) -> Int? {
        for position in 0..<count where self[position] == tid { return position }
        return nil
    }

    /// Moves the last element into `position` and drops the last (`swapAt` then
    /// `removeLast` on an array).
    mutating func swapRemove(at position: Int) {
        let last = count - 1
        if position != last { self[position] = self[last] }
        if last >= Self.inlineCapacity { overflow.removeLast() }
        count = last
    }

    mutating func removeAll() {
        count = 0
        overflow = []
    }

    var elements: [TaskID] { (0..<count).map { self[$0] } }
}

/// The network's own agenda: for each transfer, the instant of its next step (its latency
/// ends, or its last byte arrives), ordered by (instant, transfer sequence).
///
/// Why not one kernel event per transfer: a change of shares moves the completion time of
/// every transfer in the affected component, and rescheduling kernel events would leave
/// a cancelled event in the kernel's heap per change and per transfer. Here a key is
/// updated in place (an indexed binary heap), and the kernel holds a single network
/// timer for the head of this queue.
///
/// Ties at one instant go to the lower transfer sequence, so transfers due together are
/// processed in the order they were started, on every run.
///
/// - Complexity: `update`, `remove`, `popMin` O(log n); `min` O(1).
struct TransferDueQueue {
    struct Entry {
        var due: Int64
        var sequence: UInt64
        var slot: Int32

        @inline(__always)
        func precedes(_ other: Entry) -> Bool {
            due < other.due || (due == other.due && sequence < other.sequence)
        }
    }

    private(set) var entries: [Entry] = []
    /// `positions[slot]` is the slot's index in `entries`, or -1 when not queued.
    private var positions: [Int32] = []

    var count: Int { entries.count }
    var min: Entry? { entries.first }

    func contains(slot: Int32) -> Bool {
        Int(slot) < positions.count && positions[Int(slot)] >= 0
    }

    /// Queues `slot` at `due`, or moves it there if already queued.
    mutating func update(slot: Int32, due: Int64, sequence: UInt64) {
        while positions.count <= Int(slot) { positions.append(-1) }
        let entry = Entry(due: due, sequence: sequence, slot: slot)
        let position = Int(positions[Int(slot)])
        if position < 0 {
            entries.append(entry)
            positions[Int(slot)] = Int32(entries.count - 1)
            siftUp(entries.count - 1)
        } else {
            let before = entries[position]
            entries[position] = entry
            if entry.precedes(before) { siftUp(position) } else { siftDown(position) }
        }
    }

    /// Takes `slot` out of the queue; a no-op if it is not queued.
    mutating func remove(slot: Int32) {
        guard contains(slot: slot) else { return }
        let position = Int(positions[Int(slot)])
        positions[Int(slot)] = -1
        let last = entries.removeLast()
        guard position < entries.count else { return }
        entries[position] = last
        positions[Int(last.slot)] = Int32(position)
        siftUp(position)
        siftDown(Int(positions[Int(last.slot)]))
    }

    /// Removes and returns the head.
    mutating func popMin() -> Entry? {
        guard let head = entries.first else { return nil }
        remove(slot: head.slot)
        return head
    }

    private mutating func siftUp(_ start: Int) {
        var child = start
        let entry = entries[child]
        while child > 0 {
            let parent = (child - 1) / 2
            guard entry.precedes(entries[parent]) else { break }
            entries[child] = entries[parent]
            positions[Int(entries[child].slot)] = Int32(child)
            child = parent
        }
        entries[child] = entry
        positions[Int(entry.slot)] = Int32(child)
    }

    private mutating func siftDown(_ start: Int) {
        var parent = start
        let entry = entries[parent]
        let count = entries.count
        while true {
            var child = 2 * parent + 1
            if child >= count { break }
            if child + 1 < count && entries[child + 1].precedes(entries[child]) { child += 1 }
            guard entries[child].precedes(entry) else { break }
            entries[parent] = entries[child]
            positions[Int(entries[parent].slot)] = Int32(parent)
            parent = child
        }
        entries[parent] = entry
        positions[Int(entry.slot)] = Int32(parent)
    }

    /// Checks heap order and the position table (for tests).
    func checkInvariants() {
        for (index, entry) in entries.enumerated() {
            precondition(positions[Int(entry.slot)] == Int32(index), "TransferDueQueue: stale position")
            if index > 0 {
                precondition(!entry.precedes(entries[(index - 1) / 2]), "TransferDueQueue: heap order")
            }
        }
        precondition(positions.filter { $0 >= 0 }.count == entries.count, "TransferDueQueue: position leak")
    }
}

/// Spark's `runningTasksSet` for one task set: the attempts its executors are running,
/// held by their slot in the manager's `attempts` (TID order).
///
/// A `Set<TaskID>` hashed every TID twice per task and rehashed its neighbours on each
/// removal (open addressing); at 20,000 executors that was 3% of the scheduler's time.
/// Here membership is one array cell per attempt slot (the member's position, or -1)
/// and the members are a dense array with swap-removal, so insert, remove and contains
/// are O(1) with no hashing. The members' order is not Spark's: callers that let the
/// order decide something sort them into Scala's hash order (`ScalaHashOrder`).
struct RunningAttempts {
    /// The running attempts' TIDs with their slots, in no meaningful order (side by side:
    /// a removal moves the last member with one read).
    private var entries: [Member] = []
    /// By attempt slot: the attempt's position in `entries`, or -1 when not running.
    private var positionBySlot: [Int32] = []
    /// The most members held at once (Spark's hash table never shrinks).
    private(set) var maximumCount = 0

    /// The running attempts' TIDs, in no meaningful order.
    var members: [TaskID] { entries.map(\.tid) }
    var count: Int { entries.count }
    var isEmpty: Bool { entries.isEmpty }

    /// Room for `attempts` attempt slots before the slot table grows.
    mutating func reserveCapacity(attempts: Int) { positionBySlot.reserveCapacity(attempts) }

    func contains(slot: Int) -> Bool { slot < positionBySlot.count && positionBySlot[slot] >= 0 }

    mutating func insert(_ tid: TaskID, slot: Int) {
        if slot >= positionBySlot.count {
            positionBySlot.append(contentsOf: repeatElement(-1, count: slot + 1 - positionBySlot.count))
        }
        precondition(positionBySlot[slot] < 0, "RunningAttempts: \(tid) inserted twice")
        positionBySlot[slot] = Int32(entries.count)
        entries.append(Member(tid: tid, slot: Int32(slot)))
        maximumCount = max(maximumCount, entries.count)
    }

    /// Removes the attempt in `slot` if it is a member; returns whether it was.
    @discardableResult
    mutating func remove(slot: Int) -> Bool {
        guard contains(slot: slot) else { return false }
        let position = Int(positionBySlot[slot])
        let moved = entries.removeLast()
        if position != entries.count {
            entries[position] = moved
            positionBySlot[Int(moved.slot)] = Int32(position)
        }
        positionBySlot[slot] = -1
        return true
    }
}

/// A running attempt in `RunningAttempts`: its TID and its slot in the manager's attempts.
private struct Member {
    let tid: TaskID
    let slot: Int32
}

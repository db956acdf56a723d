import DequeModule

/// Pending lists keyed by executor, host or rack.
///
/// Besides the lists, it keeps the keys in insertion order (so the lazy "any task left at
/// this level?" scan visits them in a fixed order and drops empty keys as it goes, as
/// Spark's `moreTasksToRunIn` does) and the number of keys that are alive, so that
/// `computeValidLocalityLevels` costs O(1) instead of Spark's scan over every key.
///
/// Lists sit at fixed positions; a key keeps its position when its list is dropped and
/// gets it back if tasks are pushed again. An offer names its executor and host by
/// registry number too, and `withList(_:number:_:)` finds the list through a dense
/// number → position table, hashing the key only the first time a number is seen: at
/// 100,000 hosts a string-keyed table cost a hash and three cache misses per offer.
///
/// Every list is a segment of one shared storage, its start, length and room in the
/// key's cell: an offer reads the cell and the top entry, where an array per key also
/// read the array's header (another miss at 100,000 hosts), and a task set's creation
/// lays its lists out at once (`beginStaging`, `commitStaged`) instead of growing each
/// by doubling. A list that outgrows its segment moves to the end of the storage with
/// twice the room; a dropped list keeps its segment for the key's next list, so the
/// storage holds at most about twice what the lists can hold.
struct KeyedPendingTasks {
    private var positionByKey: [String: Int32] = [:]
    /// By position: the key, and its list's cell (whether it has one now, as Spark's map
    /// has the key, with the segment), side by side so that an offer reads one cell.
    private var keys: [String] = []
    private var lists: [KeyedList] = []
    /// The lists' entries (task indices), each list in its cell's segment.
    private var storage: [Int32] = []
    /// Positions of present keys in the order their lists were created (exactly the keys
    /// that have a list: a list is created with its entry here and dropped with it).
    private var keyOrder = Deque<Int32>()
    /// Registry number → position, -1 when not known yet.
    private var positionByNumber: [Int32] = []
    /// Keys present that name a live executor / a host or rack with one.
    private(set) var aliveKeyCount = 0
    /// Pushes made while staging, not yet in their lists: (position, index) in push order.
    private var staged: [StagedPush]?

    var isEmpty: Bool { keyOrder.isEmpty }
    /// Keys in the order their lists were created (less those dropped since).
    var insertionOrderedKeys: [String] { keyOrder.map { keys[Int($0)] } }

    /// The list of `key`, bottom first, if it has one.
    func list(forKey key: String) -> [Int]? {
        precondition(staged == nil, "KeyedPendingTasks: read while staging")
        guard let position = positionByKey[key], lists[Int(position)].present else { return nil }
        let cell = lists[Int(position)]
        return storage[Int(cell.start)..<Int(cell.start + cell.count)].map { Int($0) }
    }

    /// Pushes `index` on the list of `key`, creating the list (and counting the key if
    /// alive) the first time.
    mutating func push(_ index: Int, key: String, number: Int32?, isAlive: Bool) {
        if !pushOnExistingList(index, key: key) { createList(index, key: key, number: number, isAlive: isAlive) }
    }

    /// Pushes `index` on the list of `key` if there is one (one hash of the key, then in
    /// place); false when there is none. With `createList`, a task set's creation asks
    /// the registry whether a key is alive once per new key, not once per task.
    mutating func pushOnExistingList(_ index: Int, key: String) -> Bool {
        guard let position = positionByKey[key], lists[Int(position)].present else { return false }
        append(index, at: position)
        return true
    }

    /// Creates the list of a key that has none, holding `index`; `number` is the key's
    /// registry number if it has one.
    mutating func createList(_ index: Int, key: String, number: Int32?, isAlive: Bool) {
        append(index, at: create(key, number: number, isAlive: isAlive))
    }

    /// Pushes a whole list (Spark's bulk rack resolution at task set creation).
    mutating func push(contentsOf indices: [Int], key: String, isAlive: Bool) {
        let position: Int32
        if let known = positionByKey[key], lists[Int(known)].present {
            position = known
        } else {
            position = create(key, number: nil, isAlive: isAlive)
        }
        for index in indices { append(index, at: position) }
    }

    /// Stages pushes from now on (see `commitStaged`).
    mutating func beginStaging() {
        precondition(staged == nil, "KeyedPendingTasks: staging twice")
        staged = []
    }

    /// Puts every staged push in its list, in push order: each list grows once, to its
    /// exact size, and no list is read in between.
    mutating func commitStaged() {
        guard let pushes = staged else { preconditionFailure("KeyedPendingTasks: commit without staging") }
        staged = nil
        var added = [Int32](repeating: 0, count: lists.count)
        for push in pushes { added[Int(push.position)] += 1 }
        storage.reserveCapacity(storage.count + pushes.count)
        for position in lists.indices where added[position] > 0 {
            reserve(Int(added[position]), at: position)
        }
        for push in pushes {
            let position = Int(push.position)
            storage[Int(lists[position].start + lists[position].count)] = push.index
            lists[position].count += 1
        }
    }

    /// Appends `index` to the present list at `position` (staged while staging).
    private mutating func append(_ index: Int, at position: Int32) {
        precondition(index >= 0 && index <= Int(Int32.max), "KeyedPendingTasks: task index \(index)")
        if staged != nil {
            staged!.append(StagedPush(position: position, index: Int32(index)))
            return
        }
        let p = Int(position)
        reserve(1, at: p)
        storage[Int(lists[p].start + lists[p].count)] = Int32(index)
        lists[p].count += 1
    }

    /// Makes room for `extra` more entries in the list at `position`, moving it to the end
    /// of the storage (with at least twice its room) when its segment is too small.
    private mutating func reserve(_ extra: Int, at position: Int) {
        let cell = lists[position]
        let needed = Int(cell.count) + extra
        guard needed > Int(cell.capacity) else { return }
        let room = Swift.max(needed, 2 * Int(cell.capacity))
        precondition(storage.count + room <= Int(UInt32.max), "KeyedPendingTasks: more than 2^32 entries")
        let start = storage.count
        for offset in 0..<Int(cell.count) { storage.append(storage[Int(cell.start) + offset]) }
        storage.append(contentsOf: repeatElement(0, count: room - Int(cell.count)))
        lists[position].start = UInt32(start)
        lists[position].capacity = UInt32(room)
    }

    /// Gives `key` an empty present list (its old segment if it had one) and returns its
    /// position.
    private mutating func create(_ key: String, number: Int32?, isAlive: Bool) -> Int32 {
        let position: Int32
        if let known = positionByKey[key] {
            precondition(!lists[Int(known)].present, "KeyedPendingTasks: \(key) has a list already")
            position = known
            lists[Int(known)].present = true
        } else {
            precondition(keys.count < Int(Int32.max), "KeyedPendingTasks: too many keys")
            position = Int32(keys.count)
            positionByKey[key] = position
            keys.append(key)
            lists.append(KeyedList(start: UInt32(storage.count), count: 0, capacity: 0, present: true))
        }
        if let number { remember(number, at: position) }
        keyOrder.append(position)
        if isAlive { aliveKeyCount += 1 }
        return position
    }

    private mutating func remember(_ number: Int32, at position: Int32) {
        let n = Int(number)
        if n >= positionByNumber.count {
            positionByNumber.append(contentsOf: repeatElement(-1, count: n + 1 - positionByNumber.count))
        }
        positionByNumber[n] = position
    }

    /// Runs `body` on the list of `key` in place; nil when there is no list. `number`,
    /// the key's registry number when the caller has it, finds the list without hashing
    /// the key. The body may remove entries, not add them.
    mutating func withList<R>(_ key: String, number: Int32? = nil, _ body: (inout PendingSegment) -> R?) -> R? {
        // No key hashed when there are no lists (the executor lists, usually).
        guard !keyOrder.isEmpty else { return nil }
        precondition(staged == nil, "KeyedPendingTasks: read while staging")
        var position: Int32 = -1
        if let number, Int(number) < positionByNumber.count { position = positionByNumber[Int(number)] }
        if position < 0 {
            guard let known = positionByKey[key] else { return nil }
            position = known
            if let number { remember(number, at: known) }
        }
        let p = Int(position)
        guard lists[p].present else { return nil }
        return withSegment(at: p, body)
    }

    /// Lends the list at `position` out as a segment and keeps what the body removed.
    private mutating func withSegment<R>(at position: Int, _ body: (inout PendingSegment) -> R) -> R {
        let cell = lists[position]
        var remaining = Int(cell.count)
        let result = storage.withUnsafeMutableBufferPointer { buffer in
            var segment = PendingSegment(base: buffer.baseAddress! + Int(cell.start), count: remaining)
            defer { remaining = segment.count }
            return body(&segment)
        }
        precondition(remaining <= Int(cell.count), "KeyedPendingTasks: a lent list grew")
        lists[position].count = UInt32(remaining)
        return result
    }

    /// A key's liveness changed (executor added or lost, host or rack gained or lost its
    /// last live member): keep `aliveKeyCount` in step.
    mutating func livenessChanged(key: String, alive: Bool) {
        guard let position = positionByKey[key], lists[Int(position)].present else { return }
        aliveKeyCount += alive ? 1 : -1
        precondition(aliveKeyCount >= 0, "KeyedPendingTasks: negative alive count")
    }

    /// Whether any list holds a task for which `needsScheduling` is true; drops stale
    /// entries from the end of each list visited and drops keys whose list has none
    /// (Spark's `moreTasksToRunIn` with `tasksNeedToBeScheduledFrom`).
    ///
    /// - Complexity: amortised O(1): every visited entry or key is either removed or ends
    ///   the scan.
    mutating func hasTaskNeedingScheduling(_ needsScheduling: (Int) -> Bool, isAlive: (String) -> Bool) -> Bool {
        precondition(staged == nil, "KeyedPendingTasks: read while staging")
        while let position = keyOrder.first {
            let hasOne = withSegment(at: Int(position)) { list in
                while list.count > 0 {
                    if needsScheduling(list[list.count - 1]) { return true }
                    list.removeLast()
                }
                return false
            }
            if hasOne { return true }
            keyOrder.removeFirst()
            lists[Int(position)].present = false
            if isAlive(keys[Int(position)]) { aliveKeyCount -= 1 }
        }
        return false
    }

    /// Recounts live keys from scratch, after checking the lists' cells (for
    /// `checkInvariants`).
    func countAliveKeys(_ isAlive: (String) -> Bool) -> Int {
        precondition(keyOrder.count == lists.filter(\.present).count, "KeyedPendingTasks: key order and lists disagree")
        precondition(lists.allSatisfy { $0.present || $0.count == 0 }, "KeyedPendingTasks: entries in a dropped list")
        precondition(lists.allSatisfy { $0.count <= $0.capacity && Int($0.start + $0.capacity) <= storage.count },
                     "KeyedPendingTasks: a list outside its segment")
        return keys.indices.reduce(0) { $0 + (lists[$1].present && isAlive(keys[$1]) ? 1 : 0) }
    }
}

/// One key's pending list in `KeyedPendingTasks`: its segment of the shared storage and
/// whether the key has a list now (a dropped list keeps its segment, empty).
private struct KeyedList {
    var start: UInt32
    var count: UInt32
    var capacity: UInt32
    var present: Bool
}

/// A push made while staging.
private struct StagedPush {
    var position: Int32
    var index: Int32
}

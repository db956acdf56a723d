import CPrefetch
import DequeModule

/// Pending lists keyed by executor, host or rack.
///
/// Besides the lists, it keeps the keys in insertion order (so the lazy "any task left at
/// this level?" scan visits them in a fixed order and drops empty keys as it goes, as
/// Spark's `moreTasksToRunIn` does) and the number of keys that are alive, so that
/// `computeValidLocalityLevels` costs O(1) instead of Spark's scan over every key.
///
/// Lists sit at fixed positions; a key keeps its position when its list is dropped and
/// gets it back if tasks are pushed again. A key with a registry number when its list is
/// first created (an executor or host that registered) has its cell at that number, so an
/// offer, which names its executor and host by number, reads the cell directly: at
/// 100,000 hosts a string-keyed table cost a hash and three cache misses per offer, and a
/// number → position table before the cell still cost one. A key that got its number
/// later is found by hashing once, then through a forwarding entry at its number. The
/// numbered cells take 16 bytes per number up to the largest numbered key's (1.6 MB for
/// a task set preferring hosts among 100,000), where the table they replace took 4.
///
/// Every list is a segment of one shared storage, its start, length and room in the
/// key's cell: an offer reads the cell and the top entry, where an array per key also
/// read the array's header (another miss at 100,000 hosts), and a task set's creation
/// lays its lists out at once (`beginStaging`, `commitStaged`) instead of growing each
/// by doubling. A list that outgrows its segment moves to the end of the storage with
/// twice the room; a dropped list keeps its segment for the key's next list, so the
/// storage holds at most about twice what the lists can hold.
struct KeyedPendingTasks {
    /// Every key's position: its number (>= 0) when its cell is among the numbered ones,
    /// otherwise `~i` for the i-th unnumbered cell.
    private var positionByKey: [String: Int32] = [:]
    /// Cells by registry number, vacant where no key with that number has a list or had
    /// one; a cell holds its key's list (whether it has one now, as Spark's map has the
    /// key, with the segment) or forwards to an unnumbered cell.
    private var numbered: [KeyedList] = []
    private var numberedKeys: [String] = []
    /// Cells of keys without a number when their list was first created, in that order.
    private var unnumbered: [KeyedList] = []
    private var unnumberedKeys: [String] = []
    /// Number → position of an unnumbered cell, for the numbered cells that forward.
    private var forwards: [Int32: Int32] = [:]
    /// The lists' entries (task indices), each list in its cell's segment.
    private var storage: [Int32] = []
    /// Positions of present keys in the order their lists were created (exactly the keys
    /// that have a list: a list is created with its entry here and dropped with it).
    private var keyOrder = Deque<Int32>()
    /// Keys present that name a live executor / a host or rack with one.
    private(set) var aliveKeyCount = 0
    /// Pushes made while staging, not yet in their lists: (position, index) in push order.
    private var staged: [StagedPush]?

    var isEmpty: Bool { keyOrder.isEmpty }
    /// Keys in the order their lists were created (less those dropped since).
    var insertionOrderedKeys: [String] { keyOrder.map { key(at: $0) } }

    /// The list of `key`, bottom first, if it has one.
    func list(forKey key: String) -> [Int]? {
        precondition(staged == nil, "KeyedPendingTasks: read while staging")
        guard let position = positionByKey[key], self[cell: position].present else { return nil }
        let cell = self[cell: position]
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
        guard let position = positionByKey[key], self[cell: position].present else { return false }
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
        if let known = positionByKey[key], self[cell: known].present {
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
        var addedNumbered = [Int32](repeating: 0, count: numbered.count)
        var addedUnnumbered = [Int32](repeating: 0, count: unnumbered.count)
        for push in pushes {
            if push.position >= 0 {
                addedNumbered[Int(push.position)] += 1
            } else {
                addedUnnumbered[Int(~push.position)] += 1
            }
        }
        storage.reserveCapacity(storage.count + pushes.count)
        // Numbered cells first, then unnumbered: where each segment lands changes no
        // list's contents or order.
        for number in numbered.indices where addedNumbered[number] > 0 {
            reserve(Int(addedNumbered[number]), at: Int32(number))
        }
        for i in unnumbered.indices where addedUnnumbered[i] > 0 {
            reserve(Int(addedUnnumbered[i]), at: ~Int32(i))
        }
        for push in pushes {
            let cell = self[cell: push.position]
            storage[Int(cell.start + cell.count)] = push.index
            self[cell: push.position].count += 1
        }
    }

    /// Appends `index` to the present list at `position` (staged while staging).
    private mutating func append(_ index: Int, at position: Int32) {
        precondition(index >= 0 && index <= Int(Int32.max), "KeyedPendingTasks: task index \(index)")
        if staged != nil {
            staged!.append(StagedPush(position: position, index: Int32(index)))
            return
        }
        reserve(1, at: position)
        let cell = self[cell: position]
        storage[Int(cell.start + cell.count)] = Int32(index)
        self[cell: position].count += 1
    }

    /// Makes room for `extra` more entries in the list at `position`, moving it to the end
    /// of the storage (with at least twice its room) when its segment is too small.
    private mutating func reserve(_ extra: Int, at position: Int32) {
        let cell = self[cell: position]
        let needed = Int(cell.count) + extra
        guard needed > Int(cell.capacity) else { return }
        let room = Swift.max(needed, 2 * Int(cell.capacity))
        precondition(storage.count + room <= Int(UInt32.max), "KeyedPendingTasks: more than 2^32 entries")
        let start = storage.count
        for offset in 0..<Int(cell.count) { storage.append(storage[Int(cell.start) + offset]) }
        storage.append(contentsOf: repeatElement(0, count: room - Int(cell.count)))
        self[cell: position].start = UInt32(start)
        self[cell: position].capacity = UInt32(room)
    }

    /// Gives `key` an empty present list (its old segment if it had one) and returns its
    /// position.
    private mutating func create(_ key: String, number: Int32?, isAlive: Bool) -> Int32 {
        let position: Int32
        let fresh = KeyedList(start: UInt32(storage.count), count: 0, capacity: 0, present: true, role: .owned)
        if let known = positionByKey[key] {
            precondition(!self[cell: known].present, "KeyedPendingTasks: \(key) has a list already")
            position = known
            self[cell: known].present = true
            if let number, known < 0 { forward(number, to: known) }
        } else if let number {
            precondition(number >= 0, "KeyedPendingTasks: number \(number)")
            let n = makeNumberedCell(number)
            precondition(numbered[n].role == .vacant, "KeyedPendingTasks: number \(number) names two keys")
            position = number
            numbered[n] = fresh
            numberedKeys[n] = key
            positionByKey[key] = position
        } else {
            precondition(unnumbered.count < Int(Int32.max), "KeyedPendingTasks: too many keys")
            position = ~Int32(unnumbered.count)
            unnumbered.append(fresh)
            unnumberedKeys.append(key)
            positionByKey[key] = position
        }
        keyOrder.append(position)
        if isAlive { aliveKeyCount += 1 }
        return position
    }

    /// Records that the key at unnumbered `position` has registry number `number`, so that
    /// offers naming the number find it without hashing the key.
    private mutating func forward(_ number: Int32, to position: Int32) {
        precondition(position < 0 && number >= 0, "KeyedPendingTasks: forwarding \(number) to \(position)")
        let n = makeNumberedCell(number)
        guard numbered[n].role == .vacant else { return }
        numbered[n].role = .forwarded
        forwards[number] = position
    }

    /// Makes sure the numbered cells reach `number` (vacant where new); returns its index.
    private mutating func makeNumberedCell(_ number: Int32) -> Int {
        let n = Int(number)
        if n >= numbered.count {
            numbered.append(contentsOf: repeatElement(.vacant, count: n + 1 - numbered.count))
            numberedKeys.append(contentsOf: repeatElement("", count: n + 1 - numberedKeys.count))
        }
        return n
    }

    /// Runs `body` on the list of `key` in place; nil when there is no list. `number`,
    /// the key's registry number when the caller has it, finds the list without hashing
    /// the key. The body may remove entries, not add them.
    mutating func withList<R>(_ key: String, number: Int32? = nil, _ body: (inout PendingSegment) -> R?) -> R? {
        // No key hashed when there are no lists (the executor lists, usually).
        guard !keyOrder.isEmpty else { return nil }
        precondition(staged == nil, "KeyedPendingTasks: read while staging")
        let position: Int32
        if let number, number >= 0, Int(number) < numbered.count, numbered[Int(number)].role != .vacant {
            position = numbered[Int(number)].role == .owned ? number : forwards[number]!
        } else {
            guard let known = positionByKey[key] else { return nil }
            position = known
            if let number, known < 0 { forward(number, to: known) }
        }
        guard self[cell: position].present else { return nil }
        return withSegment(at: position, body)
    }

    /// Starts loading the cell at `number` (an offer naming it is coming). Changes
    /// nothing; `mutating` only so that the lists are read in place.
    mutating func prefetchCell(number: Int32) {
        guard !keyOrder.isEmpty, number >= 0, Int(number) < numbered.count else { return }
        numbered.withUnsafeBufferPointer { sparksim_prefetch($0.baseAddress! + Int(number)) }
    }

    /// Starts loading the top entry of the list in the cell at `number`, if it holds one
    /// (reads the cell: call it some time after `prefetchCell`). Changes nothing.
    mutating func prefetchTop(number: Int32) {
        guard !keyOrder.isEmpty, number >= 0, Int(number) < numbered.count else { return }
        let cell = numbered[Int(number)]
        guard cell.role == .owned, cell.present, cell.count > 0 else { return }
        storage.withUnsafeBufferPointer { sparksim_prefetch($0.baseAddress! + Int(cell.start + cell.count - 1)) }
    }

    /// Lends the list at `position` out as a segment and keeps what the body removed.
    private mutating func withSegment<R>(at position: Int32, _ body: (inout PendingSegment) -> R) -> R {
        let cell = self[cell: position]
        var remaining = Int(cell.count)
        let result = storage.withUnsafeMutableBufferPointer { buffer in
            var segment = PendingSegment(base: buffer.baseAddress! + Int(cell.start), count: remaining)
            defer { remaining = segment.count }
            return body(&segment)
        }
        precondition(remaining <= Int(cell.count), "KeyedPendingTasks: a lent list grew")
        self[cell: position].count = UInt32(remaining)
        return result
    }

    /// The cell at `position` (numbered or not).
    private subscript(cell position: Int32) -> KeyedList {
        get { position >= 0 ? numbered[Int(position)] : unnumbered[Int(~position)] }
        set {
            if position >= 0 { numbered[Int(position)] = newValue } else { unnumbered[Int(~position)] = newValue }
        }
    }

    private func key(at position: Int32) -> String {
        position >= 0 ? numberedKeys[Int(position)] : unnumberedKeys[Int(~position)]
    }

    /// A key's liveness changed (executor added or lost, host or rack gained or lost its
    /// last live member): keep `aliveKeyCount` in step.
    mutating func livenessChanged(key: String, alive: Bool) {
        guard let position = positionByKey[key], self[cell: position].present else { return }
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
            let hasOne = withSegment(at: position) { list in
                while list.count > 0 {
                    if needsScheduling(list[list.count - 1]) { return true }
                    list.removeLast()
                }
                return false
            }
            if hasOne { return true }
            keyOrder.removeFirst()
            self[cell: position].present = false
            if isAlive(key(at: position)) { aliveKeyCount -= 1 }
        }
        return false
    }

    /// Recounts live keys from scratch, after checking the lists' cells (for
    /// `checkInvariants`).
    func countAliveKeys(_ isAlive: (String) -> Bool) -> Int {
        let cells = numbered + unnumbered
        precondition(keyOrder.count == cells.filter(\.present).count, "KeyedPendingTasks: key order and lists disagree")
        precondition(cells.allSatisfy { $0.present || $0.count == 0 }, "KeyedPendingTasks: entries in a dropped list")
        precondition(cells.allSatisfy { $0.role == .owned || !$0.present },
                     "KeyedPendingTasks: a list in a vacant cell")
        precondition(cells.allSatisfy { $0.count <= $0.capacity && Int($0.start + $0.capacity) <= storage.count },
                     "KeyedPendingTasks: a list outside its segment")
        precondition(forwards.allSatisfy { numbered[Int($0.key)].role == .forwarded && $0.value < 0 },
                     "KeyedPendingTasks: a forwarding entry without its cell")
        return keyOrder.reduce(0) { $0 + (isAlive(key(at: $1)) ? 1 : 0) }
    }
}

/// One key's pending list in `KeyedPendingTasks`: its segment of the shared storage and
/// whether the key has a list now (a dropped list keeps its segment, empty). 16 bytes.
private struct KeyedList {
    /// What a numbered cell holds (an unnumbered cell is always `owned`).
    enum Role: UInt8 {
        case vacant
        /// The list of the key with this number.
        case owned
        /// Nothing: the key with this number has an unnumbered cell (`forwards`).
        case forwarded
    }

    var start: UInt32
    var count: UInt32
    var capacity: UInt32
    var present: Bool
    var role: Role

    static let vacant = KeyedList(start: 0, count: 0, capacity: 0, present: false, role: .vacant)
}

/// A push made while staging.
private struct StagedPush {
    var position: Int32
    var index: Int32
}

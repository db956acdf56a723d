import DequeModule

/// Task indices waiting to run, per executor, host, rack, with no preference, and all
/// (Spark's `PendingTasksByLocality`).
///
/// Each list is a stack: indices are pushed at the end (in reverse index order at
/// creation, so the lowest index is popped first) and popped from the end. Lists keep
/// stale entries: a launched task stays in every list but the one it was taken from,
/// and a failed task is pushed again. Readers drop stale entries as they meet them
/// (Spark's `dequeueTaskFromList`), so every entry is removed at most once and an offer
/// costs amortised O(1), never O(tasks).
struct PendingTasksByLocality {
    var forExecutor = KeyedPendingTasks()
    var forHost = KeyedPendingTasks()
    var forRack = KeyedPendingTasks()
    var noPrefs: [Int] = []
    var all: [Int] = []

    /// Stale entries included (Spark's `all.nonEmpty`, which `isSchedulable` and the
    /// delay-reject rule read literally).
    var isEmpty: Bool { all.isEmpty }
}

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
struct KeyedPendingTasks {
    private var positionByKey: [String: Int32] = [:]
    /// By position: the key, and its list with whether it has one now (Spark's map has
    /// the key), side by side so that an offer reads one cell.
    private var keys: [String] = []
    private var lists: [KeyedList] = []
    /// Positions of present keys in the order their lists were created (exactly the keys
    /// that have a list: a list is created with its entry here and dropped with it).
    private var keyOrder = Deque<Int32>()
    /// Registry number → position, -1 when not known yet.
    private var positionByNumber: [Int32] = []
    /// Keys present that name a live executor / a host or rack with one.
    private(set) var aliveKeyCount = 0

    var isEmpty: Bool { keyOrder.isEmpty }
    /// Keys in the order their lists were created (less those dropped since).
    var insertionOrderedKeys: [String] { keyOrder.map { keys[Int($0)] } }

    /// The list of `key`, if it has one.
    func list(forKey key: String) -> [Int]? {
        guard let position = positionByKey[key], lists[Int(position)].present else { return nil }
        return lists[Int(position)].tasks
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
        lists[Int(position)].tasks.append(index)
        return true
    }

    /// Creates the list of a key that has none, holding `index`; `number` is the key's
    /// registry number if it has one.
    mutating func createList(_ index: Int, key: String, number: Int32?, isAlive: Bool) {
        create(key, number: number, isAlive: isAlive, holding: [index])
    }

    /// Pushes a whole list (Spark's bulk rack resolution at task set creation).
    mutating func push(contentsOf indices: [Int], key: String, isAlive: Bool) {
        if let position = positionByKey[key], lists[Int(position)].present {
            lists[Int(position)].tasks.append(contentsOf: indices)
        } else {
            create(key, number: nil, isAlive: isAlive, holding: indices)
        }
    }

    private mutating func create(_ key: String, number: Int32?, isAlive: Bool, holding indices: [Int]) {
        let position: Int32
        if let known = positionByKey[key] {
            precondition(!lists[Int(known)].present, "KeyedPendingTasks: \(key) has a list already")
            position = known
            lists[Int(known)] = KeyedList(tasks: indices, present: true)
        } else {
            precondition(keys.count < Int(Int32.max), "KeyedPendingTasks: too many keys")
            position = Int32(keys.count)
            positionByKey[key] = position
            keys.append(key)
            lists.append(KeyedList(tasks: indices, present: true))
        }
        if let number { remember(number, at: position) }
        keyOrder.append(position)
        if isAlive { aliveKeyCount += 1 }
    }

    private mutating func remember(_ number: Int32, at position: Int32) {
        let n = Int(number)
        if n >= positionByNumber.count {
            positionByNumber.append(contentsOf: repeatElement(-1, count: n + 1 - positionByNumber.count))
        }
        positionByNumber[n] = position
    }

    /// Runs `body` on the list of `key` in place (no copy); nil when there is no list.
    /// `number`, the key's registry number when the caller has it, finds the list
    /// without hashing the key.
    mutating func withList<R>(_ key: String, number: Int32? = nil, _ body: (inout [Int]) -> R?) -> R? {
        // No key hashed when there are no lists (the executor lists, usually).
        guard !keyOrder.isEmpty else { return nil }
        var position: Int32 = -1
        if let number, Int(number) < positionByNumber.count { position = positionByNumber[Int(number)] }
        if position < 0 {
            guard let known = positionByKey[key] else { return nil }
            position = known
            if let number { remember(number, at: known) }
        }
        guard lists[Int(position)].present else { return nil }
        return body(&lists[Int(position)].tasks)
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
        while let position = keyOrder.first {
            if Self.trimStale(&lists[Int(position)].tasks, needsScheduling) { return true }
            keyOrder.removeFirst()
            lists[Int(position)] = KeyedList(tasks: [], present: false)
            if isAlive(keys[Int(position)]) { aliveKeyCount -= 1 }
        }
        return false
    }

    private static func trimStale(_ list: inout [Int], _ needsScheduling: (Int) -> Bool) -> Bool {
        while let last = list.last {
            if needsScheduling(last) { return true }
            list.removeLast()
        }
        return false
    }

    /// Recounts live keys from scratch (for `checkInvariants`).
    func countAliveKeys(_ isAlive: (String) -> Bool) -> Int {
        precondition(keyOrder.count == lists.filter(\.present).count, "KeyedPendingTasks: key order and lists disagree")
        return keys.indices.reduce(0) { $0 + (lists[$1].present && isAlive(keys[$1]) ? 1 : 0) }
    }
}

/// One key's pending list in `KeyedPendingTasks`.
private struct KeyedList {
    var tasks: [Int]
    var present: Bool
}

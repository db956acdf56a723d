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
struct KeyedPendingTasks {
    private(set) var lists: [String: [Int]] = [:]
    private var keyOrder = Deque<String>()
    /// Keys present in `lists` that name a live executor / a host or rack with one.
    private(set) var aliveKeyCount = 0
    /// Where the first key of `keyOrder` sits in `lists`, once looked up: the scan below
    /// runs at every offer and usually stops at that key, so it is hashed once, not each
    /// time. A dictionary index stays valid while no key is added or removed (a list
    /// changed in place keeps it), so both of those forget it.
    private var firstKeyPosition: Dictionary<String, [Int]>.Index?

    var isEmpty: Bool { lists.isEmpty }
    /// Keys in the order their lists were created (less those dropped since).
    var insertionOrderedKeys: [String] { Array(keyOrder) }

    /// Pushes `index` on the list of `key`, creating the list (and counting the key if
    /// alive) the first time.
    mutating func push(_ index: Int, key: String, isAlive: Bool) {
        if !pushOnExistingList(index, key: key) { createList(index, key: key, isAlive: isAlive) }
    }

    /// Pushes `index` on the list of `key` if there is one (one hash of the key, then in
    /// place); false when there is none. With `createList`, a task set's creation asks
    /// the registry whether a key is alive once per new key, not once per task.
    mutating func pushOnExistingList(_ index: Int, key: String) -> Bool {
        guard let position = lists.index(forKey: key) else { return false }
        lists.values[position].append(index)
        return true
    }

    /// Creates the list of a key that has none, holding `index`.
    mutating func createList(_ index: Int, key: String, isAlive: Bool) {
        precondition(lists[key] == nil, "KeyedPendingTasks: \(key) has a list already")
        lists[key] = [index]
        firstKeyPosition = nil
        keyOrder.append(key)
        if isAlive { aliveKeyCount += 1 }
    }

    /// Pushes a whole list (Spark's bulk rack resolution at task set creation).
    mutating func push(contentsOf indices: [Int], key: String, isAlive: Bool) {
        if lists[key] == nil {
            lists[key] = indices
            firstKeyPosition = nil
            keyOrder.append(key)
            if isAlive { aliveKeyCount += 1 }
        } else {
            lists[key]!.append(contentsOf: indices)
        }
    }

    /// Runs `body` on the list of `key` in place (no copy); nil when there is no list.
    mutating func withList<R>(_ key: String, _ body: (inout [Int]) -> R?) -> R? {
        guard let position = lists.index(forKey: key) else { return nil }
        return body(&lists.values[position])
    }

    /// A key's liveness changed (executor added or lost, host or rack gained or lost its
    /// last live member): keep `aliveKeyCount` in step.
    mutating func livenessChanged(key: String, alive: Bool) {
        guard lists[key] != nil else { return }
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
        while let key = keyOrder.first {
            var found = false
            if firstKeyPosition == nil { firstKeyPosition = lists.index(forKey: key) }
            if let position = firstKeyPosition {
                found = Self.trimStale(&lists.values[position], needsScheduling)
            }
            if found { return true }
            keyOrder.removeFirst()
            firstKeyPosition = nil
            if lists.removeValue(forKey: key) != nil, isAlive(key) { aliveKeyCount -= 1 }
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
        lists.keys.reduce(0) { $0 + (isAlive($1) ? 1 : 0) }
    }
}

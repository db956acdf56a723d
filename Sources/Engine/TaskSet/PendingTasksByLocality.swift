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

    /// Starts a task set's creation: pushes to the keyed lists are staged and laid out at
    /// once by `commitStaged()`, each list in one segment of its exact size, instead of
    /// growing 100,000 lists one push at a time. `tasks` reserves the list of all.
    mutating func beginStaging(tasks: Int) {
        forExecutor.beginStaging()
        forHost.beginStaging()
        forRack.beginStaging()
        all.reserveCapacity(tasks)
    }

    /// Lays out every staged push, in push order within each list.
    mutating func commitStaged() {
        forExecutor.commitStaged()
        forHost.commitStaged()
        forRack.commitStaged()
    }
}

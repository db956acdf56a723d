/// What a task set manager tracks for one task (one index): Spark's `copiesRunning`,
/// `successful`, `numFailures` and the head of `taskAttempts(index)`, kept together.
///
/// Spark holds four arrays; here one 16-byte cell per task, so an offer that looks at a
/// task reads one cache line instead of four. At ten million tasks the four arrays were
/// 250 MB scattered across memory, and the reads at random indices (tasks prefer random
/// hosts) were cache misses each (`results/bench/engine-2026-12-06.md`). Counts are
/// stored in 32 bits: a task set holds fewer than 2^31 attempts.
struct TaskProgress {
    private var lastAttemptSlot: Int32 = -1
    private var runningCopies: Int32 = 0
    private var failureCount: Int32 = 0
    /// Some attempt succeeded (or failed with a fetch failure: not to be re-run here).
    var successful = false

    /// Slot in the manager's `attempts` of the newest attempt of the task, -1 if none.
    var lastAttempt: Int {
        get { Int(lastAttemptSlot) }
        set { lastAttemptSlot = Int32(newValue) }
    }

    /// Launched attempts not yet failed (a successful attempt keeps its count, as in Spark).
    var copiesRunning: Int {
        get { Int(runningCopies) }
        set { runningCopies = Int32(newValue) }
    }

    /// Failures that count towards `spark.task.maxFailures` (reset by a success).
    var failures: Int {
        get { Int(failureCount) }
        set { failureCount = Int32(newValue) }
    }

    /// Whether the task still needs an attempt (Spark's `copiesRunning == 0 && !successful`).
    var needsScheduling: Bool { runningCopies == 0 && !successful }
}

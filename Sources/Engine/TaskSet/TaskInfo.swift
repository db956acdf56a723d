import HeapModule

/// One task attempt as its task set manager remembers it (Spark's `TaskInfo`).
///
/// Attempts are kept for the task set's whole life: an executor loss can send a finished
/// shuffle-map attempt back to pending, and speculation avoids hosts that ran an attempt.
struct TaskInfo {
    /// How an attempt ended (Spark's `TaskState` for finished attempts).
    enum State: Equatable {
        /// Launched; `launching` until the executor reports it RUNNING (SPARK-39955).
        case running
        case finished
        case failed
        case killed
    }

    let taskID: TaskID
    let executor: ExecutorID
    let host: HostID
    let launchTime: EngineInstant
    var finishTime = EngineInstant.zero
    let gpuAddresses: [String]
    // Counts in 32 bits and the one-byte fields last: 88 bytes an attempt instead of 104
    // (160 MB less at ten million tasks). A task set holds fewer than 2^31 attempts.
    private let storedIndex: Int32
    private let storedAttemptNumber: Int32
    private let storedPreviousAttempt: Int32
    /// The level reported for the launch (no-pref tasks are reported PROCESS_LOCAL).
    let locality: TaskLocality
    let speculative: Bool
    var launching = true
    /// Its end row is in the trace already: its executor reported it, and the failure
    /// waits for the result-getter thread (`TaskScheduler+ResultGetter`).
    var endTraced = false
    var state = State.running

    /// Position in the task set (Spark's `index`), not the partition.
    var index: Int { Int(storedIndex) }
    var attemptNumber: Int { Int(storedAttemptNumber) }
    /// The previous attempt of the same index (a slot in the manager's `attempts`), or -1:
    /// Spark's `taskAttempts(index)` list, newest first, without one array per task.
    var previousAttempt: Int { Int(storedPreviousAttempt) }

    init(taskID: TaskID, index: Int, attemptNumber: Int, executor: ExecutorID, host: HostID, locality: TaskLocality,
         speculative: Bool, launchTime: EngineInstant, gpuAddresses: [String], previousAttempt: Int) {
        self.taskID = taskID
        self.storedIndex = Int32(index)
        self.storedAttemptNumber = Int32(attemptNumber)
        self.executor = executor
        self.host = host
        self.locality = locality
        self.speculative = speculative
        self.launchTime = launchTime
        self.gpuAddresses = gpuAddresses
        self.storedPreviousAttempt = Int32(previousAttempt)
    }

    var isRunning: Bool { state == .running }

    /// Spark's `TaskInfo.id`, as in "task 0.3 in stage 0.0".
    var id: String { "\(index).\(attemptNumber)" }

    var duration: EngineDuration {
        precondition(!isRunning, "duration of running \(taskID)")
        return finishTime - launchTime
    }

    mutating func markFinished(_ state: State, at time: EngineInstant) {
        precondition(isRunning && state != .running, "\(taskID) finished twice")
        self.state = state
        finishTime = time
    }
}

/// The percentile of inserted values, O(log n) insert and O(1) read (Spark's
/// `PercentileHeap`, percentage 0.5): `sorted[(count × 0.5).toInt]`, the upper median.
struct PercentileHeap {
    /// Values below the percentile (read from the max end).
    private var bottom = Heap<Int64>()
    /// The percentile and values above it (read from the min end).
    private var top = Heap<Int64>()

    var isEmpty: Bool { bottom.isEmpty && top.isEmpty }
    var count: Int { bottom.count + top.count }

    func percentile() -> Int64 {
        precondition(!isEmpty, "PercentileHeap: empty")
        return top.min!
    }

    mutating func insert(_ value: Int64) {
        guard let p = top.min else {
            top.insert(value)
            return
        }
        let growBottom = Int(Double(count + 1) * 0.5) > bottom.count
        if growBottom {
            if value < p {
                bottom.insert(value)
            } else {
                top.insert(value)
                bottom.insert(top.popMin()!)
            }
        } else {
            if value < p {
                bottom.insert(value)
                top.insert(bottom.popMax()!)
            } else {
                top.insert(value)
            }
        }
    }
}

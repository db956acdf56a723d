/// What a `trace.csv` row records (docs/trace.md's `event` column), as a value.
///
/// Why Report owns a copy of the engine's event kinds: Report may not import Engine, yet
/// every consumer (timeline, task table, job table, figures) has to tell events apart.
/// Lab maps the engine's kind onto this enum in one place (`TraceRecorder`); the raw
/// values are the names written to the file, so the text exists only when a file is.
public enum TraceEvent: String, Sendable, Equatable, Hashable, CaseIterable {
    // The engine's scheduling events.
    case executorAdded = "executor-added"
    case executorLost = "executor-lost"
    case jobSubmitted = "job-submitted"
    case stageSubmitted = "stage-submitted"
    case taskLaunched = "task-launched"
    case taskFinished = "task-finished"
    case taskFailed = "task-failed"
    case taskKilled = "task-killed"
    case stageCompleted = "stage-completed"
    case stageFailed = "stage-failed"
    case stageResubmitted = "stage-resubmitted"
    case jobSucceeded = "job-succeeded"
    case jobFailed = "job-failed"
    /// A barrier stage's `barrier()`/`allGather()` released (written by the simulated executors).
    case barrierSync = "barrier-sync"
    /// An injected fault acting on the cluster (written by the simulated cluster).
    case fault
}

/// A barrier sync that completed: which call released and its epoch within the stage
/// attempt (the row's detail `barrier epoch=0`).
public struct BarrierSyncRecord: Sendable, Equatable, Hashable {
    /// `barrier` or `allGather`, as the task called it.
    public var call: String
    public var epoch: Int

    public init(call: String, epoch: Int) {
        self.call = call
        self.epoch = epoch
    }
}

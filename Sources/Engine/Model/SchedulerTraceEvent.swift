/// One scheduling event for the trace (docs/trace.md), in the engine's own terms; Lab
/// turns it into a trace.csv row without interpretation.
public struct SchedulerTraceEvent: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
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
        case barrierSync = "barrier-sync"
    }

    public var time: EngineInstant
    public var kind: Kind
    public var job: String?
    public var stage: String?
    public var stageAttempt: Int?
    public var partition: Int?
    public var taskAttempt: Int?
    public var executor: ExecutorID?
    public var host: HostID?
    public var locality: TaskLocality?
    /// A launch of a speculative copy (`task-launched` only).
    public var speculative: Bool = false
    /// The GPU addresses a launch was given, in order (`task-launched` only).
    public var gpuAddresses: [String] = []
    /// Free text: a failure's reason, why an executor was lost.
    public var detail: String?

    public init(time: EngineInstant, kind: Kind, job: String? = nil, stage: String? = nil, stageAttempt: Int? = nil,
                partition: Int? = nil, taskAttempt: Int? = nil, executor: ExecutorID? = nil, host: HostID? = nil,
                locality: TaskLocality? = nil, detail: String? = nil) {
        self.time = time
        self.kind = kind
        self.job = job
        self.stage = stage
        self.stageAttempt = stageAttempt
        self.partition = partition
        self.taskAttempt = taskAttempt
        self.executor = executor
        self.host = host
        self.locality = locality
        self.detail = detail
    }
}

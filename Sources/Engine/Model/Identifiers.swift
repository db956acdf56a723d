/// Identifiers of the scheduler's objects. Plain integers, as in Spark, wrapped so that a
/// stage id is never passed where a job id is expected.

/// A job, numbered from 0 in submission order (Spark's `jobId`).
public struct JobID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: Int
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    public static func < (a: JobID, b: JobID) -> Bool { a.rawValue < b.rawValue }
    public var description: String { "job \(rawValue)" }
}

/// A stage, numbered from 0 in creation order (Spark's `stageId`).
public struct StageID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: Int
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    public static func < (a: StageID, b: StageID) -> Bool { a.rawValue < b.rawValue }
    public var description: String { "stage \(rawValue)" }
}

/// A task attempt, numbered globally from 0 in launch order (Spark's TID).
public struct TaskID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let rawValue: Int
    public init(_ rawValue: Int) { self.rawValue = rawValue }
    public static func < (a: TaskID, b: TaskID) -> Bool { a.rawValue < b.rawValue }
    public var description: String { "TID \(rawValue)" }
}

/// One attempt of one stage: what a task set runs (Spark's "stage 0.1").
public struct StageAttemptID: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let stage: StageID
    public let attempt: Int
    public init(stage: StageID, attempt: Int) {
        self.stage = stage
        self.attempt = attempt
    }
    public static func < (a: StageAttemptID, b: StageAttemptID) -> Bool {
        (a.stage, a.attempt) < (b.stage, b.attempt)
    }
    public var description: String { "stage \(stage.rawValue).\(attempt)" }
}

/// Executor and host ids are the cluster's strings (`exec1`, `host0-1`), as in Spark.
public typealias ExecutorID = String
public typealias HostID = String
public typealias RackID = String

/// The Spark listener events sparksim reads from an event log, as typed values: what an
/// import needs to re-create an application (its cluster, settings, jobs, stages, tasks
/// and failures) and what a replay compares against. Spark writes them with
/// `JsonProtocol` (one JSON object a line, `"Event"` naming the class); times are epoch
/// milliseconds as Spark records them.
enum SparkListenerEvent: Equatable {
    case logStart(sparkVersion: String)
    case applicationStart(appID: String?, appName: String, time: Int64)
    case applicationEnd(time: Int64)
    /// `spark.*` properties, in the order the log lists them.
    case environment(sparkProperties: [SparkProperty])
    case executorAdded(ExecutorRecord)
    case executorRemoved(executor: String, time: Int64, reason: String)
    case resourceProfileAdded(ResourceProfileRecord)
    case jobStart(JobStartRecord)
    case jobEnd(job: Int, time: Int64, succeeded: Bool)
    case stageSubmitted(StageInfoRecord)
    case stageCompleted(StageInfoRecord)
    case taskStart(stage: Int, stageAttempt: Int, task: TaskInfoRecord)
    case taskEnd(TaskEndRecord)
    /// An event sparksim does not use (counted, never fatal), by its `"Event"` name.
    case other(name: String)
}

/// One `spark.*` property of `SparkListenerEnvironmentUpdate`.
struct SparkProperty: Equatable {
    let key: String
    let value: String
}

/// `SparkListenerExecutorAdded`.
struct ExecutorRecord: Equatable {
    let id: String
    let host: String
    let cores: Int
    /// GPU addresses the executor reported (`Resources.gpu.addresses`).
    let gpus: Int
    let resourceProfile: Int
    let time: Int64
}

/// `SparkListenerResourceProfileAdded`: executor and task amounts by resource name.
struct ResourceProfileRecord: Equatable {
    let id: Int
    let executorCores: Int?
    let executorGPUs: Int?
    let taskCPUs: Int?
    let taskGPUs: Double?
}

/// One RDD of a stage's pipeline (`RDD Info`).
struct RDDRecord: Equatable {
    let id: Int
    let parents: [Int]
    /// Computing it runs Python code in a Python worker: a `PythonRDD` (PySpark's RDD
    /// API), or an operator of a Python UDF or pandas/Arrow function in its SQL scope.
    let runsPython: Bool
    /// Persisted (its storage level uses memory or disk).
    let cached: Bool

    static let pythonOperators = ["BatchEvalPython", "ArrowEvalPython", "InPandas", "InArrow", "PythonUDF",
                                  "PythonUDTF", "FlatMapGroupsInPandas", "PythonMapInArrow"]

    static func runsPython(name: String, scope: String) -> Bool {
        name == "PythonRDD" || (!scope.isEmpty && pythonOperators.contains { scope.contains($0) })
    }
}

/// A stage as `StageInfo` describes it (in a job start, a stage submission or completion).
struct StageInfoRecord: Equatable {
    let stage: Int
    let attempt: Int
    let name: String
    let tasks: Int
    let parents: [Int]
    /// The RDDs of the stage's pipeline (`RDD Info`): the largest id is the RDD the stage
    /// computes, which identifies a shuffle map stage across jobs.
    let rddIDs: [Int]
    /// The same RDDs with what an import needs of each.
    var rdds: [RDDRecord] = []
    let isBarrier: Bool
    let resourceProfile: Int
    let submissionTime: Int64?
    let completionTime: Int64?
    let failureReason: String?
}

/// `SparkListenerJobStart`.
struct JobStartRecord: Equatable {
    let job: Int
    let time: Int64
    let stages: [StageInfoRecord]
    /// `spark.scheduler.pool`, `spark.jobGroup.id`, `spark.job.description` when set.
    let pool: String?
    let group: String?
    let description: String?
}

/// `TaskInfo`.
struct TaskInfoRecord: Equatable {
    let taskID: Int64
    let index: Int
    let attempt: Int
    let launchTime: Int64
    let executor: String
    let host: String
    let locality: String
    let speculative: Bool
    let finishTime: Int64
    let failed: Bool
    let killed: Bool
}

/// `SparkListenerTaskEnd`: the task, how it ended, and the metrics a replay uses.
struct TaskEndRecord: Equatable {
    let stage: Int
    let stageAttempt: Int
    let info: TaskInfoRecord
    /// `Task End Reason.Reason`: Success, ExceptionFailure, FetchFailed, TaskKilled,
    /// ExecutorLostFailure, ...
    let reason: String
    let metrics: TaskMetricsRecord?
    /// For a `FetchFailed` end: which map output it could not fetch.
    var fetchFailure: FetchFailureRecord? = nil
}

/// A `FetchFailed` task end's missing map output: Spark 3.0+ names the map task by its
/// task attempt id (`Map ID`) and its partition (`Map Index`).
struct FetchFailureRecord: Equatable {
    let shuffle: Int
    let mapTask: Int64
    let mapIndex: Int
}

/// The task metrics sparksim uses, in milliseconds (times) and bytes.
struct TaskMetricsRecord: Equatable {
    var executorRunTime: Int64 = 0
    var executorCPUTimeNanoseconds: Int64 = 0
    var executorDeserializeTime: Int64 = 0
    var resultSerializationTime: Int64 = 0
    var resultSize: Int64 = 0
    var shuffleBytesWritten: Int64 = 0
    var shuffleRemoteBytesRead: Int64 = 0
    var shuffleLocalBytesRead: Int64 = 0
    var shuffleFetchWaitTime: Int64 = 0
}

/// Turns one event-log line into a `SparkListenerEvent`.
///
/// A line that is not a JSON object, or an event sparksim uses that lacks a field it
/// needs, is an `EventLogError` naming the file, the line and the field; an event of a
/// class sparksim does not use is `.other` whatever its fields.
struct SparkEventDecoder: Sendable {
    /// Subtrees sparksim never reads: skipped without being built.
    static let skippedKeys: Set<String> = [
        "Accumulables", "Task Executor Metrics", "Updated Blocks", "JVM Information", "System Properties",
        "Classpath Entries", "Hadoop Properties", "Metrics Properties", "Log Urls", "Attributes", "Details",
        "Push Based Shuffle", "Input Metrics", "Output Metrics",
    ]

    /// The log's repeated strings, made once (see `JSONStringCache`).
    private let strings = JSONStringCache(skipping: Self.skippedKeys)

    func decode(_ line: EventLogLine) throws(EventLogError) -> SparkListenerEvent {
        guard let object = JSONValue.parse(line.text, cache: strings) else {
            throw EventLogError(file: line.file, line: line.number, "not JSON (\(Self.brief(line.text)))")
        }
        guard case .object = object else { throw EventLogError(file: line.file, line: line.number, "not a JSON object") }
        let fields = JSONFields(object, line: line)
        let name = try fields.string("Event")
        switch name {
        case "SparkListenerLogStart":
            return .logStart(sparkVersion: try fields.string("Spark Version"))
        case "SparkListenerApplicationStart":
            return .applicationStart(appID: fields.optionalString("App ID"), appName: try fields.string("App Name"),
                                     time: try fields.int64("Timestamp"))
        case "SparkListenerApplicationEnd":
            return .applicationEnd(time: try fields.int64("Timestamp"))
        case "SparkListenerEnvironmentUpdate":
            let properties = try fields.stringObject("Spark Properties")
            return .environment(sparkProperties: properties.sorted { $0.key < $1.key }
                .map { SparkProperty(key: $0.key, value: $0.value) })
        case "SparkListenerExecutorAdded":
            return .executorAdded(try Self.executor(fields))
        case "SparkListenerExecutorRemoved":
            return .executorRemoved(executor: try fields.string("Executor ID"), time: try fields.int64("Timestamp"),
                                    reason: fields.optionalString("Removed Reason") ?? "")
        case "SparkListenerResourceProfileAdded":
            return .resourceProfileAdded(try Self.resourceProfile(fields))
        case "SparkListenerJobStart":
            return .jobStart(try Self.jobStart(fields))
        case "SparkListenerJobEnd":
            let result = try fields.nested("Job Result")
            return .jobEnd(job: try fields.int("Job ID"), time: try fields.int64("Completion Time"),
                           succeeded: try result.string("Result") == "JobSucceeded")
        case "SparkListenerStageSubmitted":
            let info = try fields.nested("Stage Info")
            return .stageSubmitted(try Self.stageInfo(info))
        case "SparkListenerStageCompleted":
            let info = try fields.nested("Stage Info")
            return .stageCompleted(try Self.stageInfo(info))
        case "SparkListenerTaskStart":
            let info = try fields.nested("Task Info")
            return .taskStart(stage: try fields.int("Stage ID"), stageAttempt: try fields.int("Stage Attempt ID"),
                              task: try Self.taskInfo(info))
        case "SparkListenerTaskEnd":
            return .taskEnd(try Self.taskEnd(fields))
        default:
            return .other(name: name)
        }
    }

    private static func brief(_ text: String) -> String {
        text.count > 40 ? String(text.prefix(40)) + "..." : text
    }

    private static func executor(_ fields: JSONFields) throws(EventLogError) -> ExecutorRecord {
        let info = try fields.nested("Executor Info")
        var gpus = 0
        if case .array(let addresses)? = info.value("Resources")?["gpu"]?["addresses"] { gpus = addresses.count }
        return ExecutorRecord(id: try fields.string("Executor ID"), host: try info.string("Host"),
                              cores: try info.int("Total Cores"), gpus: gpus,
                              resourceProfile: info.optionalInt("Resource Profile Id") ?? 0,
                              time: try fields.int64("Timestamp"))
    }

    private static func resourceProfile(_ fields: JSONFields) throws(EventLogError) -> ResourceProfileRecord {
        let executor = fields.value("Executor Resource Requests")
        let task = fields.value("Task Resource Requests")
        func amount(_ requests: JSONValue?, _ name: String) -> Double? { JSONFields.anyNumber(requests?[name]?["Amount"]) }
        return ResourceProfileRecord(id: try fields.int("Resource Profile Id"),
                                     executorCores: amount(executor, "cores").map { Int($0) },
                                     executorGPUs: amount(executor, "gpu").map { Int($0) },
                                     taskCPUs: amount(task, "cpus").map { Int($0) }, taskGPUs: amount(task, "gpu"))
    }

    private static func jobStart(_ fields: JSONFields) throws(EventLogError) -> JobStartRecord {
        var stages: [StageInfoRecord] = []
        for info in try fields.nestedList("Stage Infos") { stages.append(try stageInfo(info)) }
        let properties = fields.optionalNested("Properties")
        return JobStartRecord(job: try fields.int("Job ID"), time: try fields.int64("Submission Time"), stages: stages,
                              pool: properties?.optionalString("spark.scheduler.pool"),
                              group: properties?.optionalString("spark.jobGroup.id"),
                              description: properties?.optionalString("spark.job.description"))
    }

    static func stageInfo(_ info: JSONFields) throws(EventLogError) -> StageInfoRecord {
        var rdds: [RDDRecord] = []
        var barrier = false
        for rdd in try info.nestedList("RDD Info") {
            let storage = rdd.optionalNested("Storage Level")
            let cached = storage.map { $0.optionalBool("Use Memory") == true || $0.optionalBool("Use Disk") == true }
            rdds.append(RDDRecord(id: try rdd.int("RDD ID"), parents: (try? rdd.intList("Parent IDs")) ?? [],
                                  runsPython: RDDRecord.runsPython(name: rdd.optionalString("Name") ?? "",
                                                                   scope: rdd.optionalString("Scope") ?? ""),
                                  cached: cached ?? false))
            barrier = barrier || rdd.optionalBool("Barrier") == true
        }
        let rddIDs = rdds.map(\.id)
        return StageInfoRecord(
            stage: try info.int("Stage ID"), attempt: info.optionalInt("Stage Attempt ID") ?? 0,
            name: info.optionalString("Stage Name") ?? "", tasks: try info.int("Number of Tasks"),
            parents: try info.intList("Parent IDs"), rddIDs: rddIDs, rdds: rdds, isBarrier: barrier,
            resourceProfile: info.optionalInt("Resource Profile Id") ?? 0,
            submissionTime: info.optionalInt64("Submission Time"), completionTime: info.optionalInt64("Completion Time"),
            failureReason: info.optionalString("Failure Reason"))
    }

    static func taskInfo(_ info: JSONFields) throws(EventLogError) -> TaskInfoRecord {
        TaskInfoRecord(taskID: try info.int64("Task ID"), index: try info.int("Index"), attempt: try info.int("Attempt"),
                       launchTime: try info.int64("Launch Time"), executor: try info.string("Executor ID"),
                       host: try info.string("Host"), locality: info.optionalString("Locality") ?? "",
                       speculative: info.optionalBool("Speculative") ?? false,
                       finishTime: info.optionalInt64("Finish Time") ?? 0, failed: info.optionalBool("Failed") ?? false,
                       killed: info.optionalBool("Killed") ?? false)
    }

    private static func taskEnd(_ fields: JSONFields) throws(EventLogError) -> TaskEndRecord {
        let info = try fields.nested("Task Info")
        let reason = try fields.nested("Task End Reason")
        var metrics: TaskMetricsRecord?
        if let m = fields.optionalNested("Task Metrics") {
            var record = TaskMetricsRecord()
            record.executorRunTime = m.optionalInt64("Executor Run Time") ?? 0
            record.executorCPUTimeNanoseconds = m.optionalInt64("Executor CPU Time") ?? 0
            record.executorDeserializeTime = m.optionalInt64("Executor Deserialize Time") ?? 0
            record.resultSerializationTime = m.optionalInt64("Result Serialization Time") ?? 0
            record.resultSize = m.optionalInt64("Result Size") ?? 0
            if let write = m.optionalNested("Shuffle Write Metrics") {
                record.shuffleBytesWritten = write.optionalInt64("Shuffle Bytes Written") ?? 0
            }
            if let read = m.optionalNested("Shuffle Read Metrics") {
                record.shuffleRemoteBytesRead = read.optionalInt64("Remote Bytes Read") ?? 0
                record.shuffleLocalBytesRead = read.optionalInt64("Local Bytes Read") ?? 0
                record.shuffleFetchWaitTime = read.optionalInt64("Fetch Wait Time") ?? 0
            }
            metrics = record
        }
        let reasonName = try reason.string("Reason")
        var fetch: FetchFailureRecord?
        if reasonName == "FetchFailed", let map = reason.optionalInt64("Map ID"), let index = reason.optionalInt("Map Index") {
            fetch = FetchFailureRecord(shuffle: reason.optionalInt("Shuffle ID") ?? -1, mapTask: map, mapIndex: index)
        }
        return TaskEndRecord(stage: try fields.int("Stage ID"), stageAttempt: try fields.int("Stage Attempt ID"),
                             info: try taskInfo(info), reason: reasonName, metrics: metrics, fetchFailure: fetch)
    }
}

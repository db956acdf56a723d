/// A Spark application as its event log recorded it: what an import re-creates and what a
/// replay compares against. Built from the log's events in order (`read`).
struct SparkApplicationRecord {
    /// A job: its start (stages included) and how it ended.
    struct Job {
        let start: JobStartRecord
        var end: Int64?
        var succeeded: Bool?
    }

    /// One attempt of one stage: its info as submitted and completed, and its tasks' ends
    /// in log order.
    struct StageAttempt {
        var info: StageInfoRecord
        var submitted = false
        var completed: StageInfoRecord?
        var taskEnds: [TaskEndRecord] = []
    }

    struct StageAttemptKey: Hashable, Comparable {
        let stage: Int
        let attempt: Int
        static func < (a: Self, b: Self) -> Bool { (a.stage, a.attempt) < (b.stage, b.attempt) }
    }

    var sparkVersion: String?
    var appID: String?
    var appName = ""
    var start: Int64?
    var end: Int64?
    var properties: [SparkProperty] = []
    /// In the order they were added.
    var executors: [ExecutorRecord] = []
    var removals: [(executor: String, time: Int64, reason: String)] = []
    var resourceProfiles: [ResourceProfileRecord] = []
    /// In start order.
    var jobs: [Job] = []
    var stageAttempts: [StageAttemptKey: StageAttempt] = [:]
    /// Events sparksim does not use, by name, with their counts.
    var otherEvents: [String: Int] = [:]
    /// The cut-off last line of an in-progress log, dropped with a warning.
    var cutOffLine: EventLogLine?

    /// `spark.master`, when the environment names it.
    var master: String? { properties.first { $0.key == "spark.master" }?.value }

    /// Reads every line of `source`. A line that is not a whole event is an error, except a
    /// last line with no newline (a log cut off while Spark wrote it), which is dropped and
    /// remembered in `cutOffLine`. A log without a `SparkListenerApplicationStart`, or of a
    /// Spark version before 3.0, is refused.
    static func read<Source: EventLogLineSource>(_ source: inout Source) throws(EventLogError) -> SparkApplicationRecord {
        var record = SparkApplicationRecord()
        let decoder = ParallelEventDecoder()
        var lastFile = ""
        var sawAnyLine = false
        var batch: [EventLogLine] = []
        var exhausted = false
        reading: while !exhausted {
            batch.removeAll(keepingCapacity: true)
            // A reading error (a truncated gzip) comes after the lines read before it.
            var readError: EventLogError?
            while batch.count < ParallelEventDecoder.batchSize {
                do {
                    guard let line = try source.next() else {
                        exhausted = true
                        break
                    }
                    batch.append(line)
                } catch {
                    readError = error
                    exhausted = true
                    break
                }
            }
            for (index, outcome) in decoder.decode(batch).enumerated() {
                let line = batch[index]
                lastFile = line.file
                switch outcome {
                case .blank:
                    continue
                case .event(let event):
                    sawAnyLine = true
                    try record.apply(event, line: line)
                case .failed(let error):
                    sawAnyLine = true
                    // A line that is not whole JSON is an error, except the log's last
                    // line when it has no newline (cut off while Spark wrote it).
                    if index == batch.count - 1, !exhausted, try source.next() == nil { exhausted = true }
                    if index == batch.count - 1, exhausted, readError == nil, source.lastLineUnterminated {
                        record.cutOffLine = line
                        break reading
                    }
                    throw error
                }
            }
            if let readError { throw readError }
        }
        guard sawAnyLine else { throw EventLogError(file: lastFile.isEmpty ? "event log" : lastFile, "the log is empty") }
        guard record.start != nil else {
            throw EventLogError(file: lastFile, "not a Spark event log: no SparkListenerApplicationStart event")
        }
        return record
    }

    private mutating func apply(_ event: SparkListenerEvent, line: EventLogLine) throws(EventLogError) {
        switch event {
        case .logStart(let version):
            guard let major = Int(version.split(separator: ".").first ?? ""), major >= 3 else {
                throw EventLogError(file: line.file, line: line.number,
                                    "Spark \(version) is not supported (event logs of Spark 3.x and 4.x are)")
            }
            sparkVersion = version
        case .applicationStart(let id, let name, let time):
            appID = id
            appName = name
            start = time
        case .applicationEnd(let time):
            end = time
        case .environment(let spark):
            properties = spark
        case .executorAdded(let executor):
            executors.append(executor)
        case .executorRemoved(let executor, let time, let reason):
            removals.append((executor, time, reason))
        case .resourceProfileAdded(let profile):
            resourceProfiles.append(profile)
        case .jobStart(let start):
            jobs.append(Job(start: start))
            for info in start.stages {
                let key = StageAttemptKey(stage: info.stage, attempt: info.attempt)
                if stageAttempts[key] == nil { stageAttempts[key] = StageAttempt(info: info) }
            }
        case .jobEnd(let job, let time, let succeeded):
            guard let index = jobs.lastIndex(where: { $0.start.job == job }) else {
                throw EventLogError(file: line.file, line: line.number, "end of job \(job), which never started")
            }
            jobs[index].end = time
            jobs[index].succeeded = succeeded
        case .stageSubmitted(let info):
            let key = StageAttemptKey(stage: info.stage, attempt: info.attempt)
            stageAttempts[key, default: StageAttempt(info: info)].info = info
            stageAttempts[key]!.submitted = true
        case .stageCompleted(let info):
            let key = StageAttemptKey(stage: info.stage, attempt: info.attempt)
            stageAttempts[key, default: StageAttempt(info: info)].completed = info
        case .taskStart:
            break
        case .taskEnd(let end):
            let key = StageAttemptKey(stage: end.stage, attempt: end.stageAttempt)
            guard stageAttempts[key] != nil else {
                throw EventLogError(file: line.file, line: line.number,
                                    "task end of stage \(end.stage) attempt \(end.stageAttempt), which no job started")
            }
            stageAttempts[key]!.taskEnds.append(end)
        case .other(let name):
            otherEvents[name, default: 0] += 1
        }
    }
}

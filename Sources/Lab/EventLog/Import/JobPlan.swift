/// The `jobs:` and task-failure `faults:` of an imported scenario: jobs in submission
/// order, each stage that ran with its per-partition work, skipped stages named as the
/// earlier job's, and the driver's time between jobs.
struct JobPlan {
    private(set) var jobsYAML = ""
    private(set) var faultsYAML = ""
    private(set) var jobCount = 0
    /// The first job's submission, ms from the application's start.
    private(set) var firstSubmission: Int64?

    /// One job as the plan emits it: its stages that ran, and where each stage it names lives.
    private struct PlannedJob {
        let record: SparkApplicationRecord.Job
        let name: String
        let ran: [StageInfoRecord]
        let local: [Int: String]
    }

    private let model: TaskWorkModel
    /// Per stage that ran: the job that ran it (a fetch failure names its map stage so).
    private var ranAt: [Int: String] = [:]
    /// Per task id: its stage (built only when the log has a fetch failure).
    private var stageOfTask: [Int64: Int] = [:]

    /// Which locality preferences the scenario can name (`preferences`).
    struct Preferences {
        /// Executor ids the scenario's cluster has (nil: all the log's).
        var executors: Set<String>?
        /// Whether hosts are named as in the log (explicit executors, not a what-if).
        var hosts: Bool
    }

    private let preferences: Preferences

    /// - Parameter submitShift: ms added to the submission of every job not submitted after
    ///   another one ended (a what-if whose executors register at another instant).
    init(_ record: SparkApplicationRecord, appStart: Int64, settings: TaskWorkModel.Settings, submitShift: Int64 = 0,
         preferences: Preferences = Preferences(executors: nil, hosts: false), notes: inout Notes) {
        self.preferences = preferences
        // Where each stage that ran lives, by the RDD it computes (a shuffle map stage has
        // the same RDD in every job that names it).
        var ranIn: [Int: String] = [:]
        let attemptsByStage = Dictionary(grouping: record.stageAttempts.keys, by: \.stage)
        var planned: [PlannedJob] = []
        for job in record.jobs.sorted(by: { ($0.start.time, $0.start.job) < ($1.start.time, $1.start.job) }) {
            let name = "job\(job.start.job)"
            var local: [Int: String] = [:]
            var ran: [StageInfoRecord] = []
            for info in job.start.stages.sorted(by: { $0.stage < $1.stage }) {
                let attempts = (attemptsByStage[info.stage] ?? []).sorted()
                let didRun = attempts.contains { record.stageAttempts[$0]!.submitted && !record.stageAttempts[$0]!.taskEnds.isEmpty }
                if didRun {
                    local[info.stage] = "s\(info.stage)"
                    // The submitted info has the pipeline as it ran.
                    ran.append(attempts.lazy.compactMap { record.stageAttempts[$0]!.submitted ? record.stageAttempts[$0]!.info : nil }.first ?? info)
                } else if let earlier = ranIn[Self.identity(info)] {
                    local[info.stage] = earlier
                }
            }
            guard !ran.isEmpty else {
                notes.add("a job with no stage that ran (job \(job.start.job))")
                continue
            }
            for info in ran { ranIn[Self.identity(info)] = "\(name).s\(info.stage)" }
            planned.append(PlannedJob(record: job, name: name, ran: ran, local: local))
        }
        model = TaskWorkModel(record, stagesInOrder: planned.flatMap(\.ran), settings: settings)
        for job in planned {
            for info in job.ran where ranAt[info.stage] == nil { ranAt[info.stage] = job.name }
        }
        let ends = record.stageAttempts.values.lazy.flatMap(\.taskEnds)
        if ends.contains(where: { $0.fetchFailure != nil }) {
            for end in ends { stageOfTask[end.info.taskID] = end.stage }
        }
        var latestEnd: (job: String, time: Int64)?
        for job in planned {
            jobCount += 1
            var text = "    - name: \(job.name)\n"
            let submit = job.record.start.time - appStart
            if let latest = latestEnd, job.record.start.time >= latest.time {
                text += "      after: \(latest.job)\n"
                text += "      driver_time: \(EventLogImporter.milliseconds(job.record.start.time - latest.time - EventLogImporter.jobSubmit))\n"
            } else {
                text += "      submit_at: \(EventLogImporter.milliseconds(submit + submitShift - EventLogImporter.jobSubmit))\n"
            }
            firstSubmission = firstSubmission.map { min($0, submit) } ?? submit
            if let pool = job.record.start.pool { text += "      pool: \(EventLogImporter.quoted(pool))\n" }
            text += (Self.isMapStageJob(job.ran.last!, record) ? "      map_stage: true\n" : "") + "      stages:\n"
            for info in job.ran {
                text += stageYAML(info, parents: info.parents.sorted().compactMap { parent in
                    if job.local[parent] == nil { notes.add("a shuffle dependency on a stage the log never ran") }
                    return job.local[parent]
                }, record: record, job: job.name, notes: &notes)
            }
            jobsYAML += text
            if let end = job.record.end, latestEnd.map({ end >= $0.time }) ?? true { latestEnd = (job.name, end) }
        }
    }

    /// The RDD a stage computes: the largest id of its pipeline.
    static func identity(_ info: StageInfoRecord) -> Int { info.rddIDs.max() ?? -1 - info.stage }

    /// A job whose last stage wrote shuffle output ran it as a map stage only.
    static func isMapStageJob(_ last: StageInfoRecord, _ record: SparkApplicationRecord) -> Bool {
        record.stageAttempts.values.contains { attempt in
            attempt.info.stage == last.stage && attempt.taskEnds.contains { ($0.metrics?.shuffleBytesWritten ?? 0) > 0 }
        }
    }

    private mutating func stageYAML(_ info: StageInfoRecord, parents: [String], record: SparkApplicationRecord,
                                    job: String, notes: inout Notes) -> String {
        // Per partition: the successful attempt's run time and bytes, later stage attempts
        // overriding earlier ones; a partition that never succeeded keeps its last attempt's.
        var duration = [Int64](repeating: 0, count: info.tasks)
        var cpu = [Int64](repeating: 0, count: info.tasks)
        var written = [Int64](repeating: 0, count: info.tasks)
        var preferredExecutor = [String?](repeating: nil, count: info.tasks)
        var preferredHost = [String?](repeating: nil, count: info.tasks)
        var succeeded = [Bool](repeating: false, count: info.tasks)
        let attempts = record.stageAttempts.keys.filter { $0.stage == info.stage }.sorted()
        for key in attempts {
            for end in record.stageAttempts[key]!.taskEnds where end.info.index < info.tasks {
                let p = end.info.index
                let metrics = end.metrics ?? TaskMetricsRecord()
                let work = model.work(of: end.info.taskID) ?? TaskWorkModel.Work(duration: metrics.executorRunTime, cpu: 0)
                if end.reason == "Success" {
                    duration[p] = work.duration
                    cpu[p] = work.cpu
                    (preferredExecutor[p], preferredHost[p]) = preference(of: end, stage: info.stage)
                    written[p] = metrics.shuffleBytesWritten
                    succeeded[p] = true
                } else {
                    if !succeeded[p] { (duration[p], cpu[p]) = (work.duration, work.cpu) }
                    failure(end, job: job, parents: parents, notes: &notes)
                }
            }
        }
        var text = "        - name: s\(info.stage)\n          tasks: \(info.tasks)\n"
        if !parents.isEmpty { text += "          parents: [\(parents.joined(separator: ", "))]\n" }
        if info.isBarrier { text += "          barrier: true\n" }
        if model.pythonStages.contains(info.stage) { text += "          python: true\n" }
        text += "          durations: [\(duration.map(EventLogImporter.milliseconds).joined(separator: ", "))]\n"
        if cpu != duration {
            text += "          cpu_durations: [\(cpu.map(EventLogImporter.milliseconds).joined(separator: ", "))]\n"
        }
        if preferredExecutor.contains(where: { $0 != nil }) {
            text += "          preferred_executors: [\(preferredExecutor.map { $0.map(EventLogImporter.quoted) ?? "[]" }.joined(separator: ", "))]\n"
        }
        if preferredHost.contains(where: { $0 != nil }) {
            text += "          preferred_hosts: [\(preferredHost.map { $0.map(EventLogImporter.quoted) ?? "[]" }.joined(separator: ", "))]\n"
        }
        if written.contains(where: { $0 > 0 }) {
            text += "          output_bytes: [\(written.map(String.init).joined(separator: ", "))]\n"
        }
        return text
    }

    /// The locality preference a successful attempt reveals: NODE_LOCAL was launched on a
    /// host holding its input (`preferred_hosts`, where hosts keep the log's names);
    /// PROCESS_LOCAL in a stage reading a cached RDD, on the executor caching its block
    /// (`preferred_executors`). Elsewhere PROCESS_LOCAL is also how Spark reports a task
    /// without preferences, and RACK_LOCAL and ANY do not say which host was preferred:
    /// no preference.
    private func preference(of end: TaskEndRecord, stage: Int) -> (executor: String?, host: String?) {
        switch end.info.locality {
        case "PROCESS_LOCAL" where model.cacheReadingStages.contains(stage):
            guard preferences.executors.map({ $0.contains(end.info.executor) }) ?? true else { return (nil, nil) }
            return (end.info.executor, nil)
        case "NODE_LOCAL" where preferences.hosts:
            return (nil, end.info.host)
        default:
            return (nil, nil)
        }
    }

    /// A failed attempt the scenario can re-create as a fault: an exception after its run
    /// time, or a fetch failure of the map output it names (Spark 3.0+'s `Map ID` is the
    /// map task's id, which gives its stage) after its run time. Kills and executor losses
    /// (re-created as executor faults) are not.
    private mutating func failure(_ end: TaskEndRecord, job: String, parents: [String], notes: inout Notes) {
        if end.reason == "FetchFailed" {
            guard let fetch = end.fetchFailure, let mapStage = stageOfTask[fetch.mapTask], let ranJob = ranAt[mapStage] else {
                notes.add("a fetch failure whose map task the log does not show")
                return
            }
            let mapName = ranJob == job ? "s\(mapStage)" : "\(ranJob).s\(mapStage)"
            guard parents.contains(mapName) else {
                notes.add("a fetch failure of a map stage that is not its stage's parent")
                return
            }
            let after = EventLogImporter.milliseconds(end.metrics?.executorRunTime ?? 0)
            faultsYAML += "  - {kind: fetch-failure, job: \(job), stage: s\(end.stage), partition: \(end.info.index), "
                + "attempt: \(end.info.attempt), stage_attempt: \(end.stageAttempt), map_stage: \(mapName), "
                + "map_partition: \(fetch.mapIndex), after: \(after)}\n"
            return
        }
        switch end.reason {
        case "ExceptionFailure", "TaskResultLost", "UnknownReason", "TaskCommitDenied":
            let after = EventLogImporter.milliseconds(end.metrics?.executorRunTime ?? 0)
            faultsYAML += "  - {kind: task-failure, job: \(job), stage: s\(end.stage), partition: \(end.info.index), "
                + "attempt: \(end.info.attempt), stage_attempt: \(end.stageAttempt), after: \(after)}\n"
        case "TaskKilled", "ExecutorLostFailure", "Resubmitted":
            break
        default:
            notes.add("a task that ended \(end.reason)")
        }
    }
}

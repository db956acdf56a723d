import Foundation
import Report

/// `sparksim replay LOG`: the log imported, run, and held against the log.
///
/// The application's simulated time is the simulation of its jobs (from time 0, the
/// application's start) plus the driver's own time after its last job (`stop_after`),
/// replayed from the log as the driver's time between jobs is: the simulation has
/// nothing to say about either.
public enum EventLogReplay {
    public struct Result {
        public let name: String
        public let folder: OutputFolder
        /// REPLAY.md's last stdout line.
        public let summaryLine: String
        public let notes: [String]
    }

    /// Replays the log on its own cluster, or, with `shape`, on another (a what-if: real
    /// times are left empty, the log ran elsewhere).
    /// - Parameter settings: `PATH=VALUE` keys set on the import (`--set`): a what-if too,
    ///   except `cluster.cpu.physical_cores`, which describes the cluster the log ran on
    ///   (the log cannot say it) and is given to the import.
    public static func run(logPath path: String, shape: ClusterShape? = nil, calibration: String? = nil,
                           name chosen: String? = nil, settings given: [String] = []) throws -> Result {
        let file = try calibration.map(CalibrationFile.read) ?? CalibrationFile()
        let (settings, coresSet) = try physicalCores(in: given)
        let controlPlane = file.controlPlane
        let cores = coresSet ?? file.physicalCores
        var source = try EventLogInput.open(path)
        let record = try SparkApplicationRecord.read(&source)
        var name = chosen ?? EventLogImport.scenarioName(record, path: path)
        if let shape { name += "-whatif" + (shape.executors.map { "-e\($0)" } ?? "") + (shape.cores.map { "-c\($0)" } ?? "") }
        let sourceName = (path as NSString).lastPathComponent
        let imported = try EventLogImporter.scenario(from: record, name: name, source: sourceName, shape: shape,
                                                     controlPlane: controlPlane, physicalCores: cores)
        var scenario: Scenario
        do {
            scenario = try ScenarioLoader.load(text: imported.yaml, file: name + ".yaml")
        } catch {
            throw EventLogError(file: path, "sparksim could not re-create this log (its import does not validate): \(error)")
        }
        if !settings.isEmpty {
            do {
                scenario = try ScenarioLoader.load(text: imported.yaml, file: name + ".yaml", settings: settings)
            } catch {
                throw EventLogError(file: path, "--set does not apply to the import: \(error)")
            }
        }
        // The real Gantt chart needs only the log: drawn while the simulation runs.
        let comparing = shape == nil && settings.isEmpty
        let simulation = scenario
        let parts = ParallelParts.compute([
            { @Sendable in ReplayPart.records(Runner.records(simulation)) },
            { @Sendable in ReplayPart.realTimeline(comparing ? ReplayReport.realTimeline(realTrace(record), source: sourceName) : nil) },
        ])
        guard case .records(let records) = parts[0], case .realTimeline(let real) = parts[1] else {
            preconditionFailure("EventLogReplay: parts out of order")
        }
        var rows = comparison(record, simulated: records[0].trace,
                              simulatedApplication: records[0].summary.makespanNanoseconds)
        if !comparing {
            rows = rows.map { ReplayRow(scope: $0.scope, id: $0.id, realNanoseconds: nil, simulatedNanoseconds: $0.simulatedNanoseconds) }
        }
        var folder = OutputFolder()
        let runFiles = Runner.folder(ScenarioDescription(scenario), records).files
        let showBoth = real != nil && runFiles.contains { $0.name == "timeline.svg" }
        for file in runFiles {
            if file.name == "report.md" {
                let whatIf = ([shape?.label].compactMap { $0 } + settings.map { "--set \($0)" }).joined(separator: ", ")
                folder.add(file.name, ReplayReport.markdown(rows, source: sourceName, whatIf: whatIf.isEmpty ? nil : whatIf)
                    + ReplayReport.timelines(hasReal: showBoth) + file.contents)
            } else {
                folder.add(file.name, file.contents)
            }
        }
        folder.add("replay.csv", ReplayReport.csv(rows))
        if showBoth, let real { folder.add("timeline-real.svg", real) }
        folder.add("scenario.yaml", imported.yaml)
        return Result(name: name, folder: folder, summaryLine: ReplayReport.summaryLine(rows[0]), notes: imported.notes)
    }

    /// The application on each executor count (Sparklens's estimate table, with the real
    /// scheduler, network and control plane): `whatif.csv`, `whatif.md` and `whatif.svg`.
    public static func whatIf(logPath path: String, executorCounts: [Int], cores: Int?,
                              calibration: String? = nil,
                              settings given: [String] = []) throws -> (name: String, folder: OutputFolder) {
        let file = try calibration.map(CalibrationFile.read) ?? CalibrationFile()
        let (settings, coresSet) = try physicalCores(in: given)
        let controlPlane = file.controlPlane
        let physical = coresSet ?? file.physicalCores
        var source = try EventLogInput.open(path)
        let record = try SparkApplicationRecord.read(&source)
        let name = EventLogImport.scenarioName(record, path: path) + "-whatif"
        let sourceName = (path as NSString).lastPathComponent
        var points: [WhatIfPoint] = []
        for count in executorCounts {
            let shape = ClusterShape(executors: count, cores: cores)
            let imported = try EventLogImporter.scenario(from: record, name: name, source: sourceName, shape: shape,
                                                         controlPlane: controlPlane, physicalCores: physical)
            let scenario: Scenario
            do {
                scenario = try ScenarioLoader.load(text: imported.yaml, file: name + ".yaml", settings: settings)
            } catch {
                throw EventLogError(file: path, "--set does not apply to the import: \(error)")
            }
            let run = Runner.records(scenario)[0]
            let coresEach = scenario.cluster.executors.first?.cores ?? 1
            let application = run.summary.makespanNanoseconds ?? 0
            let capacity = Double(scenario.cluster.executors.reduce(0) { $0 + $1.cores }) * Double(max(1, application))
            points.append(WhatIfPoint(executors: scenario.cluster.executors.count, coresPerExecutor: coresEach,
                                      applicationNanoseconds: application,
                                      coreUtilisation: Double(taskNanoseconds(run.trace)) / capacity))
        }
        let logExecutors = record.executors.filter { $0.id != "driver" || ClusterSection.keepsMaster(record.master) }
        let real = record.end.flatMap { end in
            record.start.map { (executors: logExecutors.count, nanoseconds: (end - $0) * 1_000_000) }
        }
        var folder = OutputFolder()
        folder.add("whatif.csv", WhatIfReport.csv(points))
        folder.add("whatif.md", WhatIfReport.markdown(points, source: sourceName, real: real))
        folder.add("whatif.svg", WhatIfReport.svg(points, source: sourceName))
        return (name, folder)
    }

    /// The application's simulated time (ns from its start to its end), replayed on `shape`
    /// (nil: its own cluster) with these costs and physical cores (for calibration).
    static func simulatedApplication(_ record: SparkApplicationRecord, name: String, shape: ClusterShape?,
                                     controlPlane: [(key: String, value: String)], physicalCores: Int?) throws -> Int64 {
        let imported = try EventLogImporter.scenario(from: record, name: name, source: name, shape: shape,
                                                     controlPlane: controlPlane, physicalCores: physicalCores)
        let scenario = try ScenarioLoader.load(text: imported.yaml, file: name + ".yaml")
        let run = Runner.records(scenario)[0]
        let rows = comparison(record, simulated: run.trace, simulatedApplication: run.summary.makespanNanoseconds)
        guard let simulated = rows.first?.simulatedNanoseconds else {
            throw EventLogError(file: name, "the replay has no application time")
        }
        return simulated
    }

    /// `--set` settings without `cluster.cpu.physical_cores=N`, and N.
    static func physicalCores(in settings: [String]) throws -> (rest: [String], cores: Int?) {
        var rest: [String] = []
        var cores: Int?
        for setting in settings {
            let parts = setting.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, parts[0] == "cluster.cpu.physical_cores" else {
                rest.append(setting)
                continue
            }
            guard let value = Int(parts[1]), (1...65_536).contains(value) else {
                throw EventLogError(file: "--set", "cluster.cpu.physical_cores=\(parts[1]) is not a whole number of cores from 1 to 65536")
            }
            cores = value
        }
        return (rest, cores)
    }

    /// The log's task attempts as trace rows (launch and end, ns from the application's
    /// start), named as the import names them (`job<k>`, `s<stage>`), for the real Gantt chart.
    static func realTrace(_ record: SparkApplicationRecord) -> [TraceRow] {
        let start = record.start ?? 0
        var jobOfStage: [Int: String] = [:]
        for job in record.jobs {
            for info in job.start.stages where jobOfStage[info.stage] == nil { jobOfStage[info.stage] = "job\(job.start.job)" }
        }
        var rows: [TraceRow] = []
        for key in record.stageAttempts.keys.sorted() {
            for end in record.stageAttempts[key]!.taskEnds {
                let info = end.info
                let common = (job: jobOfStage[end.stage], stage: "s\(end.stage)")
                rows.append(TraceRow(timeNanoseconds: (info.launchTime - start) * 1_000_000, event: .taskLaunched,
                                     job: common.job, stage: common.stage, stageAttempt: end.stageAttempt,
                                     partition: info.index, taskAttempt: info.attempt, executor: info.executor,
                                     host: info.host, locality: info.locality, speculative: info.speculative))
                let ended: TraceEvent = end.reason == "Success" ? .taskFinished
                    : (end.reason == "TaskKilled" ? .taskKilled : .taskFailed)
                rows.append(TraceRow(timeNanoseconds: (info.finishTime - start) * 1_000_000, event: ended,
                                     job: common.job, stage: common.stage, stageAttempt: end.stageAttempt,
                                     partition: info.index, taskAttempt: info.attempt, executor: info.executor,
                                     host: info.host, note: ended == .taskFinished ? nil : end.reason))
            }
        }
        return rows.enumerated().sorted { ($0.element.timeNanoseconds, $0.offset) < ($1.element.timeNanoseconds, $1.offset) }
            .map(\.element)
    }

    /// Every task attempt's time from launch to end, summed.
    static func taskNanoseconds(_ trace: [TraceRow]) -> Int64 {
        var launched: [String: Int64] = [:]
        var total: Int64 = 0
        for row in trace {
            let key = "\(row.job ?? "")|\(row.stage ?? "")|\(row.stageAttempt ?? 0)|\(row.partition ?? 0)|\(row.taskAttempt ?? 0)"
            switch row.event {
            case .taskLaunched: launched[key] = row.timeNanoseconds
            case .taskFinished, .taskFailed, .taskKilled:
                if let start = launched.removeValue(forKey: key) { total += row.timeNanoseconds - start }
            default: break
            }
        }
        return total
    }

    /// Real against simulated: the application (its simulated time is the run's makespan,
    /// the driver's `stop_after` included), every job, every stage attempt.
    static func comparison(_ record: SparkApplicationRecord, simulated trace: [TraceRow],
                           simulatedApplication: Int64?) -> [ReplayRow] {
        var jobSubmitted: [String: Int64] = [:]
        var jobEnded: [String: Int64] = [:]
        var stageSubmitted: [String: Int64] = [:]
        var stageEnded: [String: Int64] = [:]
        for row in trace {
            let stageKey = "\(row.stage ?? "").\(row.stageAttempt ?? 0)"
            switch row.event {
            case .jobSubmitted: if let job = row.job { jobSubmitted[job] = row.timeNanoseconds }
            case .jobSucceeded, .jobFailed: if let job = row.job { jobEnded[job] = row.timeNanoseconds }
            case .stageSubmitted: stageSubmitted[stageKey] = stageSubmitted[stageKey] ?? row.timeNanoseconds
            case .stageCompleted, .stageFailed: stageEnded[stageKey] = row.timeNanoseconds
            default: break
            }
        }
        let start = record.start ?? 0
        var rows = [ReplayRow(scope: .app, id: record.appID ?? record.appName,
                              realNanoseconds: record.end.map { ($0 - start) * 1_000_000 },
                              simulatedNanoseconds: simulatedApplication)]
        for job in record.jobs {
            let name = "job\(job.start.job)"
            let simulated = jobEnded[name].flatMap { end in jobSubmitted[name].map { end - $0 } }
            rows.append(ReplayRow(scope: .job, id: String(job.start.job),
                                  realNanoseconds: job.end.map { ($0 - job.start.time) * 1_000_000 },
                                  simulatedNanoseconds: simulated))
        }
        for key in record.stageAttempts.keys.sorted() {
            let attempt = record.stageAttempts[key]!
            guard attempt.submitted, let done = attempt.completed,
                  let submitted = done.submissionTime ?? attempt.info.submissionTime, let completed = done.completionTime
            else { continue }
            let simKey = "s\(key.stage).\(key.attempt)"
            let simulated = stageEnded[simKey].flatMap { end in stageSubmitted[simKey].map { end - $0 } }
            rows.append(ReplayRow(scope: .stage, id: "\(key.stage).\(key.attempt)",
                                  realNanoseconds: (completed - submitted) * 1_000_000, simulatedNanoseconds: simulated))
        }
        return rows
    }
}

/// What the replay computes on two threads at once.
private enum ReplayPart: Sendable {
    case records([RunRecord])
    case realTimeline(String?)
}

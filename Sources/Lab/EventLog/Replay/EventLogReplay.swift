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

    public static func run(logPath path: String) throws -> Result {
        var source = try EventLogInput.open(path)
        let record = try SparkApplicationRecord.read(&source)
        let name = EventLogImport.scenarioName(record, path: path)
        let sourceName = (path as NSString).lastPathComponent
        let imported = try EventLogImporter.scenario(from: record, name: name, source: sourceName)
        let scenario: Scenario
        do {
            scenario = try ScenarioLoader.load(text: imported.yaml, file: name + ".yaml")
        } catch {
            throw EventLogError(file: path, "sparksim could not re-create this log (its import does not validate): \(error)")
        }
        let records = Runner.records(scenario)
        let rows = comparison(record, simulated: records[0].trace,
                              simulatedApplication: records[0].summary.makespanNanoseconds)
        var folder = OutputFolder()
        for file in Runner.folder(ScenarioDescription(scenario), records).files {
            if file.name == "report.md" {
                folder.add(file.name, ReplayReport.markdown(rows, source: sourceName, whatIf: nil) + file.contents)
            } else {
                folder.add(file.name, file.contents)
            }
        }
        folder.add("replay.csv", ReplayReport.csv(rows))
        folder.add("scenario.yaml", imported.yaml)
        return Result(name: name, folder: folder, summaryLine: ReplayReport.summaryLine(rows[0]), notes: imported.notes)
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

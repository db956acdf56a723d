import Foundation
import Report

/// What `sparksim compare` reads from a run folder, decoded once into typed values:
/// `summary.csv`, the task attempts of `tasks.csv`, the job and stage submissions of the
/// traces, and the iterations of `iteration_costs.csv` (or `iterations.csv`).
///
/// Why files and not a fresh run: the folders to compare were written by earlier runs,
/// possibly by another version of sparksim, so the files are all there is. Columns are
/// found by name (`CSVColumns`), so a file with a missing or malformed column is an error
/// naming the file, line and column, never a silently shifted number.
struct RunFolderRecords: Sendable {
    /// One `tasks.csv` row.
    struct TaskAttempt: Sendable, Equatable {
        var variant: String
        var job: String
        var stage: String
        var stageAttempt: Int
        var locality: String
        var launch: Int64
        /// Nil when the attempt was `unfinished` (the run ended first).
        var end: Int64?
        var outcome: String
    }

    /// A job from its `job-submitted` row to its `job-succeeded` or `job-failed` row.
    struct JobSpan: Sendable, Equatable {
        var variant: String
        var job: String
        var submitted: Int64
        var end: Int64?
        /// `succeeded`, `failed`, or `unfinished` (no end row).
        var outcome: String
    }

    /// A `stage-submitted` row: one attempt of a stage.
    struct StageSubmission: Sendable, Equatable {
        var variant: String
        var job: String
        var stage: String
    }

    /// One iteration reached; `parts` are compute, communication, scheduling, driver and
    /// idle (nil when only `iterations.csv` is there).
    struct Iteration: Sendable, Equatable {
        var variant: String
        var iteration: Int
        var time: Int64
        var parts: [Int64]?
    }

    var summary: [SummaryRow]
    /// Nil without `tasks.csv`.
    var tasks: [TaskAttempt]?
    /// Every trace file's jobs and stage submissions, in file-name order, then trace order.
    var jobs: [JobSpan]
    var stageSubmissions: [StageSubmission]
    /// Nil without either iteration file.
    var iterations: [Iteration]?
    /// Which of the optional files the folder holds (for the notes on one-sided files).
    var files: Set<String>

    /// The files whose presence on one side only is worth a note.
    static let optionalFiles = ["tasks.csv", "trace.csv", "iterations.csv", "iteration_costs.csv"]

    static let breakdownColumns = ["compute_ns", "communication_ns", "scheduling_ns", "driver_ns", "idle_ns"]
    /// Written since Python start-up and the exchange became parts of their own; 0 when a
    /// folder from before lacks them (they were counted in scheduling and communication).
    static let laterBreakdownColumns = ["python_startup_ns", "exchange_ns"]

    /// Decodes the folder's files (name to bytes). `path` names the folder in errors.
    init(_ folder: [String: Data], path: String) throws(RunFolderProblem) {
        if folder["sweep.csv"] != nil { throw RunFolderProblem(path: path, reason: .sweep) }
        guard let summaryText = Self.text(folder["summary.csv"]) else {
            throw RunFolderProblem(path: path, reason: .notARunFolder)
        }
        files = Set(Self.optionalFiles.filter { folder[$0] != nil })
        (summary, tasks, iterations, jobs, stageSubmissions) = ([], nil, nil, [], [])
        do {
            let summaryTable = try CSVColumns("summary.csv", summaryText)
            summary = try summaryTable.rows.map { try SummaryRow($0, of: summaryTable) }
            tasks = try Self.text(folder["tasks.csv"]).map { try Self.tasks(CSVColumns("tasks.csv", $0)) }
            for (file, variant) in Self.traceFiles(folder, firstVariant: summary.first?.variant ?? "") {
                try readTrace(CSVColumns(file, Self.text(folder[file]) ?? ""), variant: variant)
            }
            if let costs = Self.text(folder["iteration_costs.csv"]) {
                iterations = try Self.iterations(CSVColumns("iteration_costs.csv", costs), parts: true)
            } else if let plain = Self.text(folder["iterations.csv"]) {
                iterations = try Self.iterations(CSVColumns("iterations.csv", plain), parts: false)
            }
        } catch let error as CSVColumns.Unreadable {
            throw RunFolderProblem(path: path, reason: .unreadable(error.description))
        } catch {
            throw RunFolderProblem(path: path, reason: .unreadable("\(error)"))
        }
    }

    static func text(_ data: Data?) -> String? { data.map { String(decoding: $0, as: UTF8.self) } }

    /// `trace.csv` belongs to the first variant of `summary.csv`, `trace-<v>.csv` to `v`;
    /// in name order, so the result depends on the folder alone.
    static func traceFiles(_ folder: [String: Data], firstVariant: String) -> [(file: String, variant: String)] {
        folder.keys.filter(RunFolderDiff.isTrace).sorted().map { file in
            (file, file == "trace.csv" ? firstVariant : String(file.dropFirst("trace-".count).dropLast(".csv".count)))
        }
    }

    static func tasks(_ table: CSVColumns) throws -> [TaskAttempt] {
        try table.rows.map { row in
            TaskAttempt(variant: try table.text("variant", row), job: try table.text("job", row),
                        stage: try table.text("stage", row),
                        stageAttempt: try table.optionalInteger("stage_attempt", row) ?? 0,
                        locality: try table.text("locality", row), launch: try table.integer("launch_ns", row),
                        end: try table.optionalInteger("end_ns", row), outcome: try table.text("outcome", row))
        }
    }

    /// Keeps the rows that open and close jobs and open stage attempts (docs/trace.md).
    mutating func readTrace(_ table: CSVColumns, variant: String) throws {
        var open: [String: Int] = [:]  // job name -> index in `jobs`, for lookup only
        for row in table.rows {
            let event = try table.text("event", row)
            guard event.hasPrefix("job-") || event == TraceEvent.stageSubmitted.rawValue else { continue }
            let job = try table.text("job", row), time: Int64 = try table.integer("time_ns", row)
            switch TraceEvent(rawValue: event) {
            case .jobSubmitted?:
                open[job] = jobs.count
                jobs.append(JobSpan(variant: variant, job: job, submitted: time, end: nil, outcome: "unfinished"))
            case .jobSucceeded?, .jobFailed?:
                guard let index = open.removeValue(forKey: job) else { continue }
                jobs[index].end = time
                jobs[index].outcome = event == TraceEvent.jobSucceeded.rawValue ? "succeeded" : "failed"
            case .stageSubmitted?:
                let stage = try table.text("stage", row)
                stageSubmissions.append(StageSubmission(variant: variant, job: job, stage: stage))
            default: continue
            }
        }
    }

    /// Rows by variant (in file order) and iteration; `parts` when the file has the breakdown.
    static func iterations(_ table: CSVColumns, parts: Bool) throws -> [Iteration] {
        let withParts = parts && table.missing(breakdownColumns).isEmpty
        return try table.rows.map { row in
            Iteration(variant: try table.text("variant", row), iteration: try table.integer("iteration", row),
                      time: try table.integer("time_ns", row),
                      parts: withParts ? try breakdownColumns.map { try table.integer($0, row) }
                          + laterBreakdownColumns.map { table.missing([$0]).isEmpty ? try table.integer($0, row) : 0 }
                          : nil)
        }
    }
}

/// Why a folder cannot be compared: exit status 2, with the folder named.
public struct RunFolderProblem: Error, Equatable, CustomStringConvertible {
    public enum Reason: Equatable, Sendable {
        case notAFolder
        case sweep
        case notARunFolder
        case unreadable(String)
    }

    public var path: String
    public var reason: Reason

    public var description: String {
        switch reason {
        case .notAFolder: "\(path) is not a readable folder"
        case .sweep:
            "\(path) is a sweep folder (it holds sweep.csv); compare two of its run folders, such as "
                + "\((path as NSString).appendingPathComponent("runs/<point>-seed<seed>"))"
        case .notARunFolder:
            "\(path) is not a run folder: it has no summary.csv (every folder `sparksim run` writes has one)"
        case .unreadable(let why): "\((path as NSString).appendingPathComponent(why))"
        }
    }
}

import Foundation
import Report

/// `sparksim replay` as a benchmark: an event log read, decoded, imported as a scenario,
/// simulated, and every file of its replay folder made (in memory: nothing is published),
/// timed in-process around `EventLogReplay.run` alone.
///
/// The log is the public tiny_tasks log (a first job of 2,000 one-partition tasks) with
/// that job copied `copies` times (`ReplayBenchmarkLog`), written to a temporary file
/// before the clock starts and removed after; `copies` 0 replays the given log as it is.
public enum ReplayBenchmark {
    /// The committed log the benchmark copies by default, relative to the repository root.
    public static let defaultLog = "scenarios/replay/logs/tiny_tasks__local-cluster-2-2-1024__rep1.jsonl.gz"
    /// Up to 500 copies: a million tasks of the default log (3.3 GB of JSON).
    public static let maximumCopies = 500

    public struct Measurement: Sendable {
        public let tasks: Int
        public let copies: Int
        public let wallSeconds: Double
        /// `app=<id> real_s=<s> simulated_s=<s> error=<percent>`: the replay's own last line.
        public let replayLine: String

        public var tasksPerSecond: Double { Double(tasks) / max(wallSeconds, 1e-9) }

        /// `case=replay tasks=<n> wall_s=<x> tasks_per_s=<y>`.
        public var line: String {
            "case=replay tasks=\(tasks) wall_s=\(NumberFormat.fixed(wallSeconds, decimals: 3)) "
                + "tasks_per_s=\(Int64(tasksPerSecond.rounded()))"
        }
    }

    /// What is wrong with the options, or nil.
    public static func problem(copies: Int) -> String? {
        (0...maximumCopies).contains(copies) ? nil : "--copies must be from 0 (the log as it is) to \(maximumCopies)"
    }

    /// Makes the log (unless `copies` is 0), then replays it, timed.
    public static func measure(logPath: String, copies: Int) throws -> Measurement {
        precondition(problem(copies: copies) == nil, "ReplayBenchmark: \(copies) copies")
        var path = logPath
        var tasks: Int
        var made: String?
        defer { if let made { try? FileManager.default.removeItem(atPath: made) } }
        if copies > 0 {
            let source = try ReplayBenchmarkLog.source(logPath)
            let file = FileManager.default.temporaryDirectory
                .appendingPathComponent("sparksim-bench-replay-\(ProcessInfo.processInfo.processIdentifier)-\(copies).jsonl")
                .path
            made = file
            tasks = try ReplayBenchmarkLog.write(source, copies: copies, to: file)
            path = file
        } else {
            tasks = try taskEnds(logPath)
        }
        let (result, seconds) = try BenchClock.timed { try EventLogReplay.run(logPath: path) }
        return Measurement(tasks: tasks, copies: copies, wallSeconds: seconds, replayLine: result.summaryLine)
    }

    /// The task ends of a log, counted line by line.
    static func taskEnds(_ path: String) throws -> Int {
        var reader = try EventLogReader(path: path)
        var count = 0
        while let line = try reader.next() {
            if ReplayBenchmarkLog.Source.kind(line.text) == "SparkListenerTaskEnd" { count += 1 }
        }
        return count
    }
}

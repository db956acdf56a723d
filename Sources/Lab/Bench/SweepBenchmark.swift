import Foundation
import Report

/// A whole `sparksim sweep` as a benchmark: every run of a sweep scenario, at `--jobs`
/// worker threads, into a fresh temporary folder (so nothing is reused from a cache),
/// timed in-process around `Sweep.run` alone, the folder removed afterwards.
///
/// What is timed is what a user waits for: planning, the runs, each run's files written
/// and published, then `sweep.csv`, `sweep.md` and the figures. Loading the scenario and
/// removing the folder are outside the measurement.
public enum SweepBenchmark {
    /// Seeds per point beyond the file's limit are refused, as the file would refuse them.
    public static let maximumSeeds = ScenarioLimits.maxSeeds

    public struct Measurement: Sendable {
        public let name: String
        public let runs: Int
        public let jobs: Int
        public let wallSeconds: Double

        public var runsPerSecond: Double { Double(runs) / max(wallSeconds, 1e-9) }

        /// `case=sweep-<name> runs=<n> jobs=<j> wall_s=<x> runs_per_s=<y>`.
        public var line: String {
            "case=sweep-\(name) runs=\(runs) jobs=\(jobs) wall_s=\(NumberFormat.fixed(wallSeconds, decimals: 3)) "
                + "runs_per_s=\(NumberFormat.fixed(runsPerSecond, decimals: 3))"
        }
    }

    /// What is wrong with the options, or nil: `--jobs` at least 1, `--seeds` (when given)
    /// from 1 to `maximumSeeds`.
    public static func problem(jobs: Int, seeds: Int?) -> String? {
        if jobs < 1 { return "--jobs must be at least 1" }
        if let seeds, !(1...maximumSeeds).contains(seeds) {
            return "--seeds must be from 1 to \(maximumSeeds)"
        }
        return nil
    }

    /// The sweep of `source` (with `seeds` seeds per point instead of the file's, when given)
    /// as a plan, or nil when the scenario has no `sweep:`.
    public static func plan(_ source: SweepSource, seeds: Int?) -> SweepPlan? {
        var source = source
        if let seeds, source.scenario.sweep != nil { source.scenario.sweep?.seeds = seeds }
        return SweepPlan(source)
    }

    /// Runs every run of `plan` into a new temporary folder and times it.
    /// - Parameter fileBytes: the scenario file's bytes (the runs' cache keys hash them).
    public static func measure(_ plan: SweepPlan, fileBytes: [UInt8], settings: [String] = [], jobs: Int) throws
        -> Measurement
    {
        precondition(problem(jobs: jobs, seeds: nil) == nil, "SweepBenchmark: \(jobs) jobs")
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("sparksim-bench-sweep-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let (summary, seconds) = try BenchClock.timed {
            try Sweep.run(plan, fileBytes: fileBytes, settings: settings, outputDirectory: folder, jobs: jobs)
        }
        // A fresh folder has no cache: every run ran. Anything else would time less work.
        precondition(summary.cached == 0, "SweepBenchmark: \(summary.cached) run(s) reused in a fresh folder")
        return Measurement(name: plan.scenario.name, runs: summary.runs, jobs: jobs, wallSeconds: seconds)
    }
}

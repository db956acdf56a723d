import Foundation
import Report

/// A whole sweep: plan, execute (reusing cached runs), merge in plan order, publish.
public enum Sweep {
    /// The outcome of `run`: the published folder and how many runs were reused.
    public struct Summary: Sendable {
        public var folder: String
        public var runs: Int
        public var cached: Int
    }

    /// Runs `plan` into `DIR/<name>/` (`runs/`, then `sweep.csv` and `sweep.md`, each
    /// replaced atomically).
    public static func run(_ plan: SweepPlan, fileBytes: [UInt8], settings: [String] = [],
                           outputDirectory: String, jobs: Int, force: Bool = false,
                           runScenario: @escaping SweepExecutor.RunScenario = { SweepRunOutput.run($0) },
                           progress: @escaping @Sendable (SweepProgress) -> Void = { _ in }) throws -> Summary
    {
        let folder = try prepare(plan, outputDirectory: outputDirectory, force: force)
        let executor = SweepExecutor(plan: plan, fileBytes: fileBytes, settings: settings, folder: folder, jobs: jobs,
                                     runScenario: runScenario)
        let results = try executor.execute(progress: progress)
        try writeSweepFiles(plan, results: results, folder: folder)
        return Summary(folder: folder, runs: results.count, cached: results.filter(\.cached).count)
    }

    /// Runs slice `shard` of `plan` (`SweepShards`) into `DIR/<name>/runs/`, as `run` would
    /// run those runs, and writes nothing else: slices run anywhere, at once, into one
    /// shared folder (each writes only its own runs, each run atomically, `.key` last), and
    /// `merge` assembles the sweep's files once all are there.
    public static func runShard(_ plan: SweepPlan, shard: ShardSelector, fileBytes: [UInt8], settings: [String] = [],
                                outputDirectory: String, jobs: Int, force: Bool = false,
                                runScenario: @escaping SweepExecutor.RunScenario = { SweepRunOutput.run($0) },
                                progress: @escaping @Sendable (SweepProgress) -> Void = { _ in }) throws -> Summary
    {
        let folder = try prepare(plan, outputDirectory: outputDirectory, force: force)
        let executor = SweepExecutor(plan: plan, fileBytes: fileBytes, settings: settings, folder: folder, jobs: jobs,
                                     runScenario: runScenario)
        let slice = SweepShards(plan, count: shard.count).slices[shard.index - 1]
        let results = try executor.execute(only: slice, progress: progress)
        return Summary(folder: folder, runs: results.count, cached: results.filter(\.cached).count)
    }

    /// Writes `sweep.csv`, `sweep.md` and the figures from the runs the slices left in
    /// `DIR/<name>/runs/`: the bytes a single-machine `run` writes. Throws
    /// `SweepIncomplete` naming every run that is missing or stale, and writes nothing then.
    public static func merge(_ plan: SweepPlan, fileBytes: [UInt8], settings: [String] = [],
                             outputDirectory: String) throws -> Summary
    {
        let folder = (outputDirectory as NSString).appendingPathComponent(plan.scenario.name)
        let marker = OutputMarker(kind: .sweep, scenario: plan.scenario.name)
        // Another scenario's output or a folder sparksim did not write is refused as such.
        try OutputGuard.check(folder, for: marker, force: false)
        let executor = SweepExecutor(plan: plan, fileBytes: fileBytes, settings: settings, folder: folder, jobs: 1)
        var results: [SweepRunResult] = []
        var missing: [String] = []
        for run in plan.runs {
            if let result = try executor.completed(run) { results.append(result) } else { missing.append(run.folderName) }
        }
        guard missing.isEmpty else { throw SweepIncomplete(folder: folder, missing: missing, runs: plan.runs.count) }
        try writeSweepFiles(plan, results: results, folder: folder)
        return Summary(folder: folder, runs: results.count, cached: results.count)
    }

    /// A batch file `--emit` writes: its path under `DIR/<name>/`, its text, and whether
    /// it is a script to run.
    public struct BatchFile: Sendable {
        public var path: String
        public var text: String
        public var executable: Bool

        public init(path: String, text: String, executable: Bool) {
            self.path = path
            self.text = text
            self.executable = executable
        }
    }

    /// Writes `files` into `DIR/<name>/` once it is checked to be this scenario's sweep
    /// folder (or new, or `force`), each atomically; returns the folder.
    @discardableResult
    public static func writeBatchFiles(_ files: [BatchFile], plan: SweepPlan, outputDirectory: String,
                                       force: Bool) throws -> String {
        let folder = try prepare(plan, outputDirectory: outputDirectory, force: force)
        let fm = FileManager.default
        for file in files {
            let path = (folder as NSString).appendingPathComponent(file.path)
            try fm.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try AtomicFile.write(file.text, to: path)
            if file.executable { try fm.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path) }
        }
        return folder
    }

    /// `DIR/<name>/`, checked to be this scenario's sweep (or new, or `force`), with its
    /// marker; the marker goes in first.
    private static func prepare(_ plan: SweepPlan, outputDirectory: String, force: Bool) throws -> String {
        let folder = (outputDirectory as NSString).appendingPathComponent(plan.scenario.name)
        // A sweep keeps its folder (the runs/ cache) and replaces files in it: the folder
        // must be this scenario's sweep, or new (or `force`).
        let marker = OutputMarker(kind: .sweep, scenario: plan.scenario.name)
        try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        let lock = try OutputLock(path: outputDirectory)
        defer { lock.release() }
        try OutputGuard.check(folder, for: marker, force: force)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if OutputMarker.read(folder: folder) != marker { try marker.write(into: folder) }
        return folder
    }

    /// The sweep's own files from every run's figures, in plan order.
    private static func writeSweepFiles(_ plan: SweepPlan, results: [SweepRunResult], folder: String) throws {
        let sweep = plan.record
        let table = SweepTable(sweep: sweep, runs: results.map(\.figures))
        let figures = SweepFigures(sweep: sweep, table: table)
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        try AtomicFile.write(table.csv, to: path("sweep.csv"))
        for figure in figures.figures { try AtomicFile.write(figure.svg, to: path(figure.fileName)) }
        for stale in SweepFigures.fileNames where !figures.figures.contains(where: { $0.fileName == stale }) {
            try? FileManager.default.removeItem(atPath: path(stale))
        }
        try AtomicFile.write(SweepReport(sweep: sweep, table: table, figures: figures).markdown, to: path("sweep.md"))
    }
}

/// `--merge` before every slice has finished: the runs not (or not validly) in `runs/`.
public struct SweepIncomplete: Error, CustomStringConvertible {
    public var folder: String
    /// Run folder names (`<point>-seed<seed>`), plan order.
    public var missing: [String]
    public var runs: Int

    public var description: String {
        let shown = missing.prefix(20).joined(separator: ", ")
        return "\(folder): \(missing.count) of \(runs) run(s) missing or stale in runs/: \(shown)"
            + (missing.count > 20 ? ", ... (\(missing.count - 20) more)" : "")
            + "; run their slices (sparksim sweep FILE --shard K/N) first"
    }

    /// The slices of `count` that hold a missing run, said as a sentence ("" when none).
    public func missingSlices(_ plan: SweepPlan, slices count: Int) -> String {
        let missingSet = Set(missing)
        let shards = SweepShards(plan, count: count)
        let incomplete = shards.slices.indices.filter { slice in
            shards.slices[slice].contains { missingSet.contains(plan.runs[$0].folderName) }
        }
        guard !incomplete.isEmpty else { return "" }
        return "\nslices not finished (of \(count)): " + incomplete.map { "\($0 + 1)/\(count)" }.joined(separator: ", ")
    }
}

extension SweepPlan {
    /// The plan as Report's record: the scenario described, the parameters, the runs in
    /// merge order and the curves' axis.
    var record: SweepRecord {
        SweepRecord(
            scenario: ScenarioDescription(scenario),
            parameters: sweep.parameters.map { SweepParameter(path: $0.path, values: $0.values) },
            runs: runs.map { run in
                SweepRunKey(pointID: run.pointID, pointIndex: run.point.index, seed: run.seed,
                            assignments: run.point.assignments.map { SweepParameterValue(path: $0.path, value: $0.value) })
            },
            axis: SweepAxis(sweep)?.curveAxis)
    }
}

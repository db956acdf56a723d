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
        let folder = (outputDirectory as NSString).appendingPathComponent(plan.scenario.name)
        // A sweep keeps its folder (the runs/ cache) and replaces files in it: the folder
        // must be this scenario's sweep, or new (or `force`). The marker goes in first.
        let marker = OutputMarker(kind: .sweep, scenario: plan.scenario.name)
        try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        do {
            let lock = try OutputLock(path: outputDirectory)
            defer { lock.release() }
            try OutputGuard.check(folder, for: marker, force: force)
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            if OutputMarker.read(folder: folder) != marker { try marker.write(into: folder) }
        }
        let executor = SweepExecutor(plan: plan, fileBytes: fileBytes, settings: settings, folder: folder, jobs: jobs,
                                     runScenario: runScenario)
        let results = try executor.execute(progress: progress)
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
        return Summary(folder: folder, runs: results.count, cached: results.filter(\.cached).count)
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

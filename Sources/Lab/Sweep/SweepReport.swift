import Foundation
import Report

/// `sweep.md`: what was swept, then one table row per point (and variant) with the
/// aggregated makespan in human units and its 95% Student-t interval.
struct SweepReport {
    var plan: SweepPlan
    var table: SweepTable

    var markdown: String {
        var lines = ["# Sweep: \(plan.scenario.name)", ""]
        let seeds = plan.scenario.seeds
        let seedText = seeds.count == 1 ? "seed \(seeds[0])" : "seeds \(seeds[0])–\(seeds[seeds.count - 1])"
        lines.append("Scenario `\(plan.scenario.file)`, sparksim \(SparksimVersion.current). "
                     + "\(plan.sweep.points.count) point(s) × \(seeds.count) seed(s) (\(seedText)) = "
                     + "\(plan.runs.count) run(s), each in `runs/<point>-seed<seed>/`.")
        lines += ["", "Swept parameters (file order; the first varies slowest):", ""]
        for parameter in plan.sweep.parameters {
            lines.append("- `\(parameter.path)`: " + parameter.values.map { "`\($0)`" }.joined(separator: ", "))
        }
        lines += ["", "Means over seeds; ± is the half-width of the 95% Student-t interval "
                  + "(n − 1 degrees of freedom, GSL), empty with one seed. Every number is in `sweep.csv`.", ""]
        lines += tableLines
        return lines.joined(separator: "\n") + "\n"
    }

    private var showsVariant: Bool { table.aggregates.contains { !$0.variant.isEmpty } }
    private var showsObjective: Bool { table.numericColumns.contains(SweepTable.objectiveColumn) }

    private var tableLines: [String] {
        var header = ["point"] + table.parameterPaths.map { "`\($0)`" }
        if showsVariant { header.append("variant") }
        header += ["n", "makespan", "± 95%", "sd", "tasks launched"]
        if showsObjective { header.append("final objective") }
        var lines = ["| " + header.joined(separator: " | ") + " |",
                     "|" + header.map { _ in " --- " }.joined(separator: "|") + "|"]
        for aggregate in table.aggregates {
            var cells = [aggregate.run.pointID] + table.values(of: aggregate.run)
            if showsVariant { cells.append(aggregate.variant) }
            cells.append(String(aggregate.count))
            let makespan = aggregate.statistics["makespan_ns"]
            cells.append(makespan.map { duration($0.mean) } ?? "")
            cells.append(makespan?.confidenceInterval().map { duration($0.halfWidth) } ?? "")
            cells.append(makespan?.standardDeviation.map(duration) ?? "")
            cells.append(aggregate.statistics["tasks_launched"].map { NumberFormat.fixed($0.mean, decimals: 1) } ?? "")
            if showsObjective {
                cells.append(aggregate.statistics[SweepTable.objectiveColumn].map {
                    NumberFormat.fixed($0.mean, decimals: 6)
                } ?? "")
            }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines
    }

    private func duration(_ nanoseconds: Double) -> String {
        HumanUnits.duration(nanoseconds: Int64(nanoseconds.rounded(.toNearestOrAwayFromZero)))
    }
}

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
    public static func run(_ plan: SweepPlan, fileBytes: [UInt8], outputDirectory: String, jobs: Int,
                           runScenario: @escaping SweepExecutor.RunScenario = { Runner.run($0) },
                           progress: @escaping @Sendable (SweepProgress) -> Void = { _ in }) throws -> Summary
    {
        let folder = (outputDirectory as NSString).appendingPathComponent(plan.scenario.name)
        let executor = SweepExecutor(plan: plan, fileBytes: fileBytes, folder: folder, jobs: jobs,
                                     runScenario: runScenario)
        let results = try executor.execute(progress: progress)
        let table = SweepTable(plan: plan, results: results)
        try AtomicFile.write(table.csv, to: (folder as NSString).appendingPathComponent("sweep.csv"))
        try AtomicFile.write(SweepReport(plan: plan, table: table).markdown,
                             to: (folder as NSString).appendingPathComponent("sweep.md"))
        return Summary(folder: folder, runs: results.count, cached: results.filter(\.cached).count)
    }
}

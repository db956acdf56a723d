import Foundation
import Report

/// `sweep.md`: what was swept, then one table row per point (and variant) with the
/// aggregated makespan in human units and its 95% Student-t interval.
struct SweepReport {
    var plan: SweepPlan
    var table: SweepTable
    var figures: SweepFigures

    var markdown: String {
        var lines = ["# Sweep: \(plan.scenario.name)", ""] + contextLines + ["## Runs", ""]
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
        lines += comparisonLines
        lines += [""] + figures.markdown
        return lines.joined(separator: "\n") + "\n"
    }

    private var showsVariant: Bool { table.aggregates.contains { !$0.variant.isEmpty } }
    private var showsObjective: Bool { table.numericColumns.contains(SweepTable.objectiveColumn) }
    private var showsIteration: Bool { table.numericColumns.contains("steady_iteration_ns") }
    private var showsTarget: Bool { table.numericColumns.contains("time_to_target_ns") }

    private var tableLines: [String] {
        var header = ["point"] + table.parameterPaths.map { "`\($0)`" }
        if showsVariant { header.append("variant") }
        header += ["n", "makespan", "± 95%", "sd", "tasks launched"]
        if showsObjective { header.append("final objective") }
        if showsIteration { header += ["per iteration", "± 95%"] }
        if showsTarget { header += ["time to target", "± 95%"] }
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
            cells.append(aggregate.statistics["tasks_launched"].map(count) ?? "")
            if showsObjective {
                cells.append(aggregate.statistics[SweepTable.objectiveColumn].map {
                    NumberFormat.fixed($0.mean, decimals: 6)
                } ?? "")
            }
            if showsIteration { cells += meanAndHalfWidth(aggregate.statistics["steady_iteration_ns"]) }
            if showsTarget { cells += meanAndHalfWidth(aggregate.statistics["time_to_target_ns"]) }
            lines.append("| " + cells.joined(separator: " | ") + " |")
        }
        return lines
    }

    /// One line per point where two or more variants reached the target: which is faster
    /// to the target and per steady iteration, by how much (ratios of the means).
    private var comparisonLines: [String] {
        guard showsTarget else { return [] }
        var lines: [String] = []
        var index = 0
        while index < table.aggregates.count {
            let point = table.aggregates[index].run.pointID
            var group: [SweepTable.Aggregate] = []
            while index < table.aggregates.count, table.aggregates[index].run.pointID == point {
                group.append(table.aggregates[index])
                index += 1
            }
            if let line = comparison(group) { lines.append(line) }
        }
        guard !lines.isEmpty else { return [] }
        return ["", "## Comparison", "",
                "Ratios of the means over seeds; the target is 1% above the best final objective of each run."]
            + [""] + lines
    }

    private func comparison(_ group: [SweepTable.Aggregate]) -> String? {
        let reached = group.compactMap { a in a.statistics["time_to_target_ns"].map { (a, $0.mean) } }
            .filter { $0.1 > 0 }
        guard reached.count >= 2, let fast = reached.min(by: { $0.1 < $1.1 }),
              let slow = reached.max(by: { $0.1 < $1.1 }) else { return nil }
        let where_ = table.values(of: group[0].run).enumerated().map { "\(table.parameterPaths[$0.offset])=\($0.element)" }
            .joined(separator: ", ")
        var line = "- \(where_): `\(fast.0.variant)` reaches the target in \(duration(fast.1)), "
            + "`\(slow.0.variant)` in \(duration(slow.1)): `\(fast.0.variant)` is "
            + "\(NumberFormat.fixed(slow.1 / fast.1, decimals: 2))x faster"
        let steady = group.compactMap { a in a.statistics["steady_iteration_ns"].map { (a.variant, $0.mean) } }
            .filter { $0.1 > 0 }
        if steady.count >= 2, let a = steady.min(by: { $0.1 < $1.1 }), let b = steady.max(by: { $0.1 < $1.1 }) {
            line += "; per steady iteration `\(a.0)` is \(NumberFormat.fixed(b.1 / a.1, decimals: 2))x faster "
                + "(\(duration(a.1)) vs \(duration(b.1)))"
        }
        return line + "."
    }

    private func meanAndHalfWidth(_ statistics: SampleStatistics?) -> [String] {
        guard let statistics else { return ["", ""] }
        return [duration(statistics.mean), statistics.confidenceInterval().map { duration($0.halfWidth) } ?? ""]
    }

    /// A count's mean: whole when every run had the same count.
    private func count(_ statistics: SampleStatistics) -> String {
        statistics.minimum == statistics.maximum && statistics.mean == statistics.mean.rounded()
            ? String(Int64(statistics.mean)) : NumberFormat.fixed(statistics.mean, decimals: 1)
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
        let figures = SweepFigures(plan: plan, table: table)
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        try AtomicFile.write(table.csv, to: path("sweep.csv"))
        for figure in figures.figures { try AtomicFile.write(figure.svg, to: path(figure.fileName)) }
        for stale in SweepFigures.fileNames where !figures.figures.contains(where: { $0.fileName == stale }) {
            try? FileManager.default.removeItem(atPath: path(stale))
        }
        try AtomicFile.write(SweepReport(plan: plan, table: table, figures: figures).markdown, to: path("sweep.md"))
        return Summary(folder: folder, runs: results.count, cached: results.filter(\.cached).count)
    }
}

/// `sweep.md`: what was swept, then one table row per point (and variant) with the
/// aggregated makespan in human units and its 95% Student-t interval.
public struct SweepReport {
    var sweep: SweepRecord
    var table: SweepTable
    var figures: SweepFigures

    public init(sweep: SweepRecord, table: SweepTable, figures: SweepFigures) {
        self.sweep = sweep
        self.table = table
        self.figures = figures
    }

    public var markdown: String {
        var lines = ["# Sweep: \(sweep.scenario.name)", ""] + contextLines + ["## Runs", ""]
        let seeds = sweep.scenario.seeds
        let seedText = seeds.count == 1 ? "seed \(seeds[0])" : "seeds \(seeds[0])–\(seeds[seeds.count - 1])"
        lines.append("Scenario `\(sweep.scenario.file)`, sparksim \(sweep.scenario.version). "
                     + "\(sweep.runs.count / max(seeds.count, 1)) point(s) × \(seeds.count) seed(s) (\(seedText)) = "
                     + "\(sweep.runs.count) run(s), each in `runs/<point>-seed<seed>/`."
                     + (sweep.scenario.commandLineSettings.isEmpty ? "" : " Changed on the command line: "
                        + sweep.scenario.commandLineSettings.map { "`--set \($0)`" }.joined(separator: ", ") + "."))
        lines += ["", "Swept parameters (file order; the first varies slowest):", ""]
        for parameter in sweep.parameters {
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
    /// Faults and failed jobs get their columns when any run met one: a failure study's
    /// variants meet different numbers of failures, and the reader must see how many.
    private func anyPositive(_ column: String) -> Bool {
        table.aggregates.contains { ($0.statistics[column]?.mean ?? 0) > 0 }
    }
    private var showsTarget: Bool { table.numericColumns.contains("time_to_target_ns") }

    private var tableLines: [String] {
        var header = ["point"] + table.parameterPaths.map { "`\($0)`" }
        if showsVariant { header.append("variant") }
        let showsFaults = anyPositive("faults_applied")
        let showsFailedJobs = anyPositive("jobs_failed")
        header += ["n", "makespan", "± 95%", "sd", "tasks launched"]
        if showsFaults { header.append("faults met") }
        if showsFailedJobs { header.append("jobs failed") }
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
            if showsFaults { cells.append(aggregate.statistics["faults_applied"].map(count) ?? "") }
            if showsFailedJobs { cells.append(aggregate.statistics["jobs_failed"].map(count) ?? "") }
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
            // With three or more variants the order between them is the finding (which
            // allreduce wins where): rank them all, so a crossover shows from point to point.
            if steady.count >= 3 {
                let ranked = steady.enumerated().sorted { ($0.element.1, $0.offset) < ($1.element.1, $1.offset) }
                line += "; ranked per steady iteration: "
                    + ranked.map { "`\($0.element.0)` \(duration($0.element.1))" }.joined(separator: " < ")
            }
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

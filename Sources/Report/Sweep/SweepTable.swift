/// `sweep.csv`: one row per run (point × seed × variant), then one aggregated row per
/// point and variant (seed `all`) with mean, standard deviation and 95% Student-t
/// interval of every numeric column, computed by Report's GSL statistics.
///
/// Layout: the swept paths, `seed`, the run's `summary.csv` columns (less `scenario` and
/// `seed`), `final_objective` when any run trained a model, the variant's `workers`,
/// `steady_iteration_ns` and `time_to_target_ns` from `training_scaling.csv` when any run
/// wrote one (a `compare:` of training variants), then for each numeric column
/// `<c>_mean,<c>_sd,<c>_ci95_low,<c>_ci95_high`, then `n` (the runs aggregated). Run rows
/// leave the statistics empty; aggregated rows leave the per-run numbers empty. With one
/// seed the deviation and interval are empty (they need n ≥ 2).
public struct SweepTable: Sendable {
    /// One per-run row: which point and seed, and its values by column.
    struct RunRow: Sendable {
        var run: SweepRunKey
        var values: [String]
    }

    /// One aggregated group (a point and a variant) and its statistics by numeric column.
    public struct Aggregate: Sendable {
        public var run: SweepRunKey
        public var variant: String
        public var count: Int
        /// Numeric column → statistics of its non-empty values (nil when all were empty).
        public var statistics: [String: SampleStatistics]
    }

    public let parameterPaths: [String]
    /// The per-run columns after `seed`.
    public let runColumns: [String]
    /// The per-run columns that hold only numbers, in `runColumns` order.
    public let numericColumns: [String]
    let rows: [RunRow]
    public let aggregates: [Aggregate]

    static let dropped: Set<String> = ["scenario", "seed"]
    static let objectiveColumn = "final_objective"
    /// Taken from each run's `training_scaling.csv` (the variant's row). Its
    /// `scaling_efficiency` is left out: within one run it is relative to that run's own
    /// fewest workers; the sweep report computes efficiency across points instead.
    static let trainingColumns = ["workers", "steady_iteration_ns", "time_to_target_ns"]

    public init(sweep: SweepRecord, results: [SweepRunFiles]) {
        precondition(sweep.runs.count == results.count, "one result per run")
        var columns: [String] = []
        var rows: [RunRow] = []
        let training = results.contains { $0.iterationsCSV != nil }
        let compared = results.contains { $0.trainingScalingCSV != nil }
        for (run, result) in zip(sweep.runs, results) {
            let records = CSVRecords.parse(result.summaryCSV)
            guard let header = records.first else { continue }
            if columns.isEmpty {
                columns = header.filter { !Self.dropped.contains($0) } + (training ? [Self.objectiveColumn] : [])
                    + (compared ? Self.trainingColumns : [])
            }
            for record in records.dropFirst() {
                var byName = Dictionary(zip(header, record), uniquingKeysWith: { first, _ in first })
                let variant = byName["variant"] ?? ""
                if training {
                    byName[Self.objectiveColumn] = Self.finalObjective(result.iterationsCSV, variant: variant)
                }
                if compared {
                    for (name, value) in Self.trainingFigures(result.trainingScalingCSV, variant: variant) {
                        byName[name] = value
                    }
                }
                rows.append(RunRow(run: run, values: columns.map { byName[$0] ?? "" }))
            }
        }
        parameterPaths = sweep.parameterPaths
        runColumns = columns
        numericColumns = columns.enumerated().filter { column in
            column.element != "variant" && rows.contains { !$0.values[column.offset].isEmpty }
                && rows.allSatisfy { $0.values[column.offset].isEmpty || Double($0.values[column.offset]) != nil }
        }.map(\.element)
        self.rows = rows
        aggregates = Self.aggregate(rows, columns: columns, numeric: numericColumns)
    }

    /// The objective on the last row of `iterations.csv` for `variant` ("" when none).
    static func finalObjective(_ csv: String?, variant: String) -> String {
        guard let csv else { return "" }
        let records = CSVRecords.parse(csv)
        guard let header = records.first, let v = header.firstIndex(of: "variant"),
              let o = header.firstIndex(of: "objective") else { return "" }
        return records.dropFirst().last { $0.count > max(v, o) && $0[v] == variant }?[o] ?? ""
    }

    /// The variant's `trainingColumns` from `training_scaling.csv` (none when absent).
    static func trainingFigures(_ csv: String?, variant: String) -> [(String, String)] {
        guard let csv else { return [] }
        let records = CSVRecords.parse(csv)
        guard let header = records.first, let v = header.firstIndex(of: "variant"),
              let row = records.dropFirst().first(where: { $0.count == header.count && $0[v] == variant })
        else { return [] }
        return trainingColumns.compactMap { name in header.firstIndex(of: name).map { (name, row[$0]) } }
    }

    private static func aggregate(_ rows: [RunRow], columns: [String], numeric: [String]) -> [Aggregate] {
        let variantIndex = columns.firstIndex(of: "variant")
        var groups: [(run: SweepRunKey, variant: String, rows: [RunRow])] = []
        for row in rows {
            let variant = variantIndex.map { row.values[$0] } ?? ""
            if let g = groups.lastIndex(where: { $0.run.pointID == row.run.pointID && $0.variant == variant }) {
                groups[g].rows.append(row)
            } else {
                groups.append((row.run, variant, [row]))
            }
        }
        return groups.map { group in
            var statistics: [String: SampleStatistics] = [:]
            for name in numeric {
                let index = columns.firstIndex(of: name)!
                let values = group.rows.compactMap { Double($0.values[index]) }
                statistics[name] = try? SampleStatistics(values)
            }
            return Aggregate(run: group.run, variant: group.variant, count: group.rows.count, statistics: statistics)
        }
    }

    /// Every column of `sweep.csv`, in order.
    public var columns: [String] {
        parameterPaths + ["seed"] + runColumns
            + numericColumns.flatMap { ["\($0)_mean", "\($0)_sd", "\($0)_ci95_low", "\($0)_ci95_high"] } + ["n"]
    }

    /// The file's bytes: run rows in plan order, then aggregated rows in plan order.
    public var csv: String {
        var table = CSVTable(columns: columns)
        let statisticsWidth = numericColumns.count * 4 + 1
        for row in rows {
            table.append(values(of: row.run) + [String(row.run.seed)] + row.values
                         + Array(repeating: "", count: statisticsWidth))
        }
        for aggregate in aggregates {
            let raw = runColumns.map { $0 == "variant" ? aggregate.variant : "" }
            let stats = numericColumns.flatMap { name -> [String] in
                guard let s = aggregate.statistics[name] else { return ["", "", "", ""] }
                let interval = s.confidenceInterval(level: 0.95)
                return [NumberFormat.roundTrip(s.mean), s.standardDeviation.map(NumberFormat.roundTrip) ?? "",
                        interval.map { NumberFormat.roundTrip($0.lower) } ?? "",
                        interval.map { NumberFormat.roundTrip($0.upper) } ?? ""]
            }
            table.append(values(of: aggregate.run) + ["all"] + raw + stats + [String(aggregate.count)])
        }
        return table.text
    }

    /// The point's value for each swept path, in file order.
    func values(of run: SweepRunKey) -> [String] {
        parameterPaths.map { path in run.assignments.first { $0.path == path }?.value ?? "" }
    }
}

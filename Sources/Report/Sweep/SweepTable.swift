/// `sweep.csv`: one row per run (point × seed × variant), then one aggregated row per
/// point and variant (seed `all`) with mean, standard deviation and 95% Student-t
/// interval of every numeric column, computed by Report's GSL statistics.
///
/// Layout: the swept paths, `seed`, the run's `summary.csv` columns (less `scenario` and
/// `seed`), `final_objective` when any run trained a model, the variant's `workers`,
/// `steady_iteration_ns` and `time_to_target_ns` of its training comparison when any run
/// had one (a `compare:` of training variants), then for each numeric column
/// `<c>_mean,<c>_sd,<c>_ci95_low,<c>_ci95_high`, then `n` (the runs aggregated). Run rows
/// leave the statistics empty; aggregated rows leave the per-run numbers empty. With one
/// seed the deviation and interval are empty (they need n ≥ 2).
public struct SweepTable: Sendable {
    /// One per-run row: which point and seed, and its cells by column.
    struct RunRow: Sendable {
        var run: SweepRunKey
        var cells: [SweepCell]

        /// The variant it is a row of ("" outside a `compare:`).
        var variant: String
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
    /// From each run's training comparison (the variant's row of `training_scaling.csv`);
    /// see `SweepRunFigures.Training` for why its scaling efficiency is not among them.
    static let trainingColumns = ["workers", "steady_iteration_ns", "time_to_target_ns"]

    /// `runs[i]` holds the figures of `sweep.runs[i]`.
    public init(sweep: SweepRecord, runs: [SweepRunFigures]) {
        precondition(sweep.runs.count == runs.count, "one result per run")
        let training = runs.contains(where: \.trained)
        let compared = runs.contains(where: \.compared)
        let columns = SummaryRow.columns.filter { !Self.dropped.contains($0) }
            + (training ? [Self.objectiveColumn] : []) + (compared ? Self.trainingColumns : [])
        var rows: [RunRow] = []
        for (run, figures) in zip(sweep.runs, runs) {
            for variant in figures.variants {
                let cells = Self.cells(variant)
                let row = columns.map { name in cells.first { $0.column == name }?.cell ?? .empty }
                rows.append(RunRow(run: run, cells: row, variant: variant.summary.variant))
            }
        }
        parameterPaths = sweep.parameterPaths
        runColumns = columns
        numericColumns = columns.enumerated().filter { column in
            column.element != "variant" && rows.contains { !$0.cells[column.offset].isEmpty }
                && rows.allSatisfy { $0.cells[column.offset].isEmpty || $0.cells[column.offset].number != nil }
        }.map(\.element)
        self.rows = rows
        aggregates = Self.aggregate(rows, columns: columns, numeric: numericColumns)
    }

    /// A variant's cells by column name: its summary row (less `dropped`), its final
    /// objective and its training figures, each kept as a value.
    static func cells(_ variant: SweepRunFigures.Variant) -> [(column: String, cell: SweepCell)] {
        let summary = variant.summary
        var cells: [(column: String, cell: SweepCell)] = [
            ("variant", .text(summary.variant)), ("makespan_ns", .integer(summary.makespanNanoseconds)),
            ("jobs_succeeded", .integer(summary.jobsSucceeded)), ("jobs_failed", .integer(summary.jobsFailed)),
            ("tasks_launched", .integer(summary.tasksLaunched)), ("task_failures", .integer(summary.taskFailures)),
            ("simulated", .text(summary.simulated)), ("executors_at_start", .integer(summary.executorsAtStart)),
            ("executors_at_end", .integer(summary.executorsAtEnd)), ("faults_applied", .integer(summary.faultsApplied)),
            (objectiveColumn, variant.finalObjective.map(SweepCell.objective) ?? .empty),
        ]
        if let training = variant.training {
            cells += [("workers", .integer(training.workers)),
                      ("steady_iteration_ns", .integer(training.steadyIterationNanoseconds)),
                      ("time_to_target_ns", .integer(training.timeToTargetNanoseconds))]
        }
        return cells
    }

    private static func aggregate(_ rows: [RunRow], columns: [String], numeric: [String]) -> [Aggregate] {
        var groups: [(run: SweepRunKey, variant: String, rows: [RunRow])] = []
        for row in rows {
            let variant = row.variant
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
                let values = group.rows.compactMap { $0.cells[index].number }
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
            table.append(values(of: row.run) + [String(row.run.seed)] + row.cells.map(\.text)
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

/// One cell of a run row, kept as a value: the statistics and curves take numbers from it
/// and only `sweep.csv` spells it, each number through the formatter of the run file it
/// also appears in, so the two files show the same text.
enum SweepCell: Sendable, Equatable {
    case empty
    case text(String)
    case integer(Int64)
    /// An objective, written as `iterations.csv` writes it.
    case objective(Double)

    /// An integer cell, empty for nil.
    static func integer(_ value: (some BinaryInteger)?) -> SweepCell {
        value.map { .integer(Int64($0)) } ?? .empty
    }

    var text: String {
        switch self {
        case .empty: ""
        case .text(let text): text
        case .integer(let value): String(value)
        case .objective(let value): TrainingTables.objectiveCell(value)
        }
    }

    /// True when `sweep.csv` leaves it empty.
    var isEmpty: Bool { self == .empty || self == .text("") }

    /// The number it holds; nil for text and empty cells.
    var number: Double? {
        switch self {
        case .empty, .text: nil
        case .integer(let value): Double(value)
        case .objective(let value): value
        }
    }
}

/// The files of one run folder that a sweep reads back when it reuses the run from the
/// cache on disk: `summary.csv` and, for training runs, `iterations.csv` and
/// `training_scaling.csv`.
///
/// Why the one place that parses a run's CSV: a cached run was written by an earlier
/// process, so its numbers exist only as those files. They are decoded once, here, into
/// the same `SweepRunFigures` a fresh run builds from its records; everything after
/// that works on values.
public struct SweepRunFiles: Sendable, Equatable {
    public var summaryCSV: String
    public var iterationsCSV: String?
    public var trainingScalingCSV: String?

    public init(summaryCSV: String, iterationsCSV: String?, trainingScalingCSV: String?) {
        self.summaryCSV = summaryCSV
        self.iterationsCSV = iterationsCSV
        self.trainingScalingCSV = trainingScalingCSV
    }

    /// Why the files cannot be decoded (the caller then runs the point again).
    public struct Unreadable: Error, Equatable, CustomStringConvertible {
        public var file: String
        public var reason: String
        public var description: String { "\(file): \(reason)" }
    }

    /// The run's figures as its files hold them: one variant per `summary.csv` row, its
    /// objective on its last row of `iterations.csv`, its row of `training_scaling.csv`.
    public func figures() throws -> SweepRunFigures {
        let summary = try Table("summary.csv", summaryCSV)
        let iterations = try iterationsCSV.map { try Table("iterations.csv", $0) }
        let scaling = try trainingScalingCSV.map { try Table("training_scaling.csv", $0) }
        return SweepRunFigures(variants: try summary.rows.map { row in
            let summaryRow = try summary.summaryRow(row)
            let variant = summaryRow.variant
            let objective = try iterations.flatMap { table in
                try table.rows.last { try table.text("variant", $0) == variant }
                    .map { try table.number("objective", $0) }
            }
            let training = try scaling.flatMap { table in
                try table.rows.first { try table.text("variant", $0) == variant }.map { row in
                    SweepRunFigures.Training(
                        workers: try table.integer("workers", row),
                        steadyIterationNanoseconds: try table.integer("steady_iteration_ns", row),
                        timeToTargetNanoseconds: try table.optionalInteger("time_to_target_ns", row))
                }
            }
            return SweepRunFigures.Variant(summary: summaryRow, finalObjective: objective, training: training)
        })
    }

    /// One file's header and rows, each row as wide as the header.
    private struct Table {
        let file: String
        let header: [String]
        let rows: [[String]]

        init(_ file: String, _ text: String) throws {
            let records = CSVRecords.parse(text)
            guard let header = records.first else { throw Unreadable(file: file, reason: "no header") }
            if let short = records.dropFirst().firstIndex(where: { $0.count != header.count }) {
                throw Unreadable(file: file, reason: "record \(short + 1) is not \(header.count) fields wide")
            }
            self.file = file
            self.header = header
            rows = Array(records.dropFirst())
        }

        func text(_ column: String, _ row: [String]) throws -> String {
            guard let index = header.firstIndex(of: column) else {
                throw Unreadable(file: file, reason: "no column \(column)")
            }
            return row[index]
        }

        func integer<T: FixedWidthInteger>(_ column: String, _ row: [String]) throws -> T {
            guard let value = try optionalInteger(column, row) as T? else {
                throw Unreadable(file: file, reason: "empty \(column)")
            }
            return value
        }

        /// Nil for an empty cell (a figure the run did not have).
        func optionalInteger<T: FixedWidthInteger>(_ column: String, _ row: [String]) throws -> T? {
            let cell = try text(column, row)
            guard !cell.isEmpty else { return nil }
            guard let value = T(cell) else { throw Unreadable(file: file, reason: "\(column) `\(cell)` is no integer") }
            return value
        }

        /// A number as `NumberFormat.roundTrip` writes it, so it reads back exactly.
        func number(_ column: String, _ row: [String]) throws -> Double {
            let cell = try text(column, row)
            guard let value = Double(cell) else { throw Unreadable(file: file, reason: "\(column) `\(cell)` is no number") }
            return value
        }

        /// A `summary.csv` row, by column name (`SummaryRow.columns`).
        func summaryRow(_ row: [String]) throws -> SummaryRow {
            SummaryRow(
                scenario: try text("scenario", row), variant: try text("variant", row),
                seed: try integer("seed", row), makespanNanoseconds: try optionalInteger("makespan_ns", row),
                jobsSucceeded: try optionalInteger("jobs_succeeded", row),
                jobsFailed: try optionalInteger("jobs_failed", row),
                tasksLaunched: try optionalInteger("tasks_launched", row),
                taskFailures: try optionalInteger("task_failures", row), simulated: try text("simulated", row),
                executorsAtStart: try integer("executors_at_start", row),
                executorsAtEnd: try integer("executors_at_end", row), faultsApplied: try integer("faults_applied", row))
        }
    }
}

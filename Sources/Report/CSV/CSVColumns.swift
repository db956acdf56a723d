/// A CSV file that sparksim wrote, read back by column name: its header and its records,
/// each as wide as the header, with typed accessors that name the file, line and column
/// of whatever does not decode.
///
/// Why by name and not by position: a file read back may come from an older or newer
/// sparksim that added columns, and a sweep's cache or `sparksim compare` must then fail
/// with a message naming the column, never read a shifted one. Why one reader: the sweep
/// (a cached run's `summary.csv`) and `compare` (a whole run folder) decode the same files,
/// so they share one set of rules for empty cells and numbers.
public struct CSVColumns: Sendable {
    /// Why a file cannot be decoded: `file: line N: what`.
    public struct Unreadable: Error, Equatable, CustomStringConvertible {
        public var file: String
        public var reason: String
        public var description: String { "\(file): \(reason)" }

        public init(file: String, reason: String) {
            self.file = file
            self.reason = reason
        }
    }

    public let file: String
    public let header: [String]
    /// The data records (the header is not one), with the line each starts on.
    public let rows: [CSVRecords.Record]
    /// Column name to index, for lookup only.
    private let index: [String: Int]

    /// Reads `text` as the file named `file` (the name appears in every error).
    public init(_ file: String, _ text: String) throws {
        let records = CSVRecords.records(text)
        guard let header = records.first?.fields else { throw Unreadable(file: file, reason: "no header") }
        if let short = records.dropFirst().first(where: { $0.fields.count != header.count }) {
            throw Unreadable(file: file, reason: "line \(short.line): \(short.fields.count) fields, "
                             + "the header has \(header.count)")
        }
        self.file = file
        self.header = header
        rows = Array(records.dropFirst())
        index = Dictionary(header.enumerated().map { ($0.element, $0.offset) }, uniquingKeysWith: { first, _ in first })
    }

    /// Whether the header names `column`.
    public func has(_ column: String) -> Bool { index[column] != nil }

    /// The columns of `columns` that the header lacks, in the order given.
    public func missing(_ columns: [String]) -> [String] { columns.filter { !has($0) } }

    public func text(_ column: String, _ row: CSVRecords.Record) throws -> String {
        guard let position = index[column] else { throw Unreadable(file: file, reason: "no column \(column)") }
        return row.fields[position]
    }

    /// An integer that must be there.
    public func integer<T: FixedWidthInteger>(_ column: String, _ row: CSVRecords.Record) throws -> T {
        guard let value = try optionalInteger(column, row) as T? else {
            throw Unreadable(file: file, reason: "line \(row.line): empty \(column)")
        }
        return value
    }

    /// Nil for an empty cell (a figure the run did not have: never read as 0).
    public func optionalInteger<T: FixedWidthInteger>(_ column: String, _ row: CSVRecords.Record) throws -> T? {
        let cell = try text(column, row)
        guard !cell.isEmpty else { return nil }
        guard let value = T(cell) else {
            throw Unreadable(file: file, reason: "line \(row.line): \(column) `\(cell)` is no integer")
        }
        return value
    }

    /// A number as `NumberFormat.roundTrip` writes it, so it reads back exactly.
    public func number(_ column: String, _ row: CSVRecords.Record) throws -> Double {
        let cell = try text(column, row)
        guard let value = Double(cell) else {
            throw Unreadable(file: file, reason: "line \(row.line): \(column) `\(cell)` is no number")
        }
        return value
    }
}

extension SummaryRow {
    /// A `summary.csv` row read back by column name (`SummaryRow.columns`).
    public init(_ row: CSVRecords.Record, of table: CSVColumns) throws {
        self.init(
            scenario: try table.text("scenario", row), variant: try table.text("variant", row),
            seed: try table.integer("seed", row), makespanNanoseconds: try table.optionalInteger("makespan_ns", row),
            jobsSucceeded: try table.optionalInteger("jobs_succeeded", row),
            jobsFailed: try table.optionalInteger("jobs_failed", row),
            tasksLaunched: try table.optionalInteger("tasks_launched", row),
            taskFailures: try table.optionalInteger("task_failures", row), simulated: try table.text("simulated", row),
            executorsAtStart: try table.integer("executors_at_start", row),
            executorsAtEnd: try table.integer("executors_at_end", row),
            faultsApplied: try table.integer("faults_applied", row))
    }
}

import Foundation

/// An RFC 4180 table built row by row and rendered with `\n` line ends.
///
/// Columns are fixed when the table is created, so every file of one kind has the same
/// header in the same order, and a row with the wrong number of fields is a bug caught
/// at once rather than a silently shifted column.
public struct CSVTable: Sendable {
    public let columns: [String]
    private var lines: [String]

    public init(columns: [String]) {
        precondition(!columns.isEmpty, "a CSV table needs at least one column")
        self.columns = columns
        self.lines = [columns.map(CSVTable.escape).joined(separator: ",")]
    }

    /// Appends one row; fields are already formatted (see `NumberFormat`), empty = not applicable.
    public mutating func append(_ fields: [String]) {
        precondition(fields.count == columns.count,
                     "row has \(fields.count) fields, table has \(columns.count) columns")
        lines.append(fields.map(CSVTable.escape).joined(separator: ","))
    }

    /// Number of data rows (the header is not counted).
    public var rowCount: Int { lines.count - 1 }

    /// The whole file: header, rows, each ending in `\n`.
    public var text: String { lines.joined(separator: "\n") + "\n" }

    /// Quotes a field when it holds a comma, a quote, or a line break (RFC 4180 §2.6–2.7).
    public static func escape(_ field: String) -> String {
        // By bytes, not Characters: faster, and a "\r\n" pair (one Character) is caught too.
        let needsQuotes = field.utf8.contains { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

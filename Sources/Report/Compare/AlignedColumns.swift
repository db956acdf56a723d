/// A plain-text table for a terminal: every column padded to its widest cell, text
/// left-aligned and numbers right-aligned, trailing blanks trimmed.
///
/// Why by `Character` count: cells hold `µs`, `Δ` and `→`, one column wide each on a
/// terminal but several bytes in UTF-8.
struct AlignedColumns {
    var header: [String]
    /// Per column: whether its cells line up on the right (numbers, durations).
    var rightAligned: [Bool]
    var rows: [[String]] = []

    init(_ columns: [(title: String, right: Bool)]) {
        header = columns.map(\.title)
        rightAligned = columns.map(\.right)
    }

    mutating func append(_ row: [String]) {
        precondition(row.count == header.count, "row has \(row.count) cells, the table \(header.count) columns")
        rows.append(row)
    }

    /// Drops the columns whose cells are all empty (a breakdown nobody has, say), header aside.
    func droppingEmptyColumns() -> AlignedColumns {
        let kept = header.indices.filter { column in rows.contains { !$0[column].isEmpty } }
        var table = AlignedColumns(kept.map { (header[$0], rightAligned[$0]) })
        table.rows = rows.map { row in kept.map { row[$0] } }
        return table
    }

    /// The header and the rows, each line starting with `indent`.
    func lines(indent: String = "  ") -> [String] {
        let widths = header.indices.map { column in
            ([header] + rows).map { $0[column].count }.max() ?? 0
        }
        return ([header] + rows).map { cells in
            var line = indent + cells.enumerated().map { column, cell in
                let fill = String(repeating: " ", count: widths[column] - cell.count)
                return rightAligned[column] ? fill + cell : cell + fill
            }.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            return line
        }
    }
}

/// Reads RFC 4180 text back into records: fields may be quoted, and a quoted field may hold
/// commas, doubled quotes and line breaks (trace `detail`s do). The inverse of `CSVTable`.
public enum CSVRecords {
    /// One record and the 1-based line of the file on which it starts (a record whose
    /// quoted field holds line breaks spans several lines).
    public struct Record: Equatable, Sendable {
        public var line: Int
        public var fields: [String]

        /// The field in `column` (0-based), nil when the record is shorter: a file read
        /// from disk may have rows of any width.
        public func cell(_ column: Int) -> String? {
            column >= 0 ? fields.dropFirst(column).first : nil
        }
    }

    /// The fields of every record, header included.
    public static func parse(_ text: String) -> [[String]] {
        records(text).map(\.fields)
    }

    /// Every record with its starting line, header included. `\n` and `\r\n` both end a
    /// record; a final record without a line end is kept.
    public static func records(_ text: String) -> [Record] {
        var records: [Record] = []
        var fields: [String] = []
        var field = ""
        var quoted = false
        var atFieldStart = true
        var line = 1
        var recordLine = 1
        var characters = Array(text)[...]
        while let c = characters.popFirst() {
            if quoted {
                if c == "\"" {
                    if characters.first == "\"" {
                        characters.removeFirst()
                        field.append("\"")
                    } else {
                        quoted = false
                    }
                } else {
                    if c == "\n" || c == "\r\n" { line += 1 }
                    field.append(c)
                }
            } else if c == "\"" && atFieldStart {
                quoted = true
                atFieldStart = false
            } else if c == "," {
                fields.append(field)
                field = ""
                atFieldStart = true
            } else if c == "\n" || c == "\r\n" {
                fields.append(field)
                records.append(Record(line: recordLine, fields: fields))
                fields = []
                field = ""
                atFieldStart = true
                line += 1
                recordLine = line
            } else {
                field.append(c)
                atFieldStart = false
            }
        }
        if !atFieldStart || !field.isEmpty || !fields.isEmpty {
            fields.append(field)
            records.append(Record(line: recordLine, fields: fields))
        }
        return records
    }
}

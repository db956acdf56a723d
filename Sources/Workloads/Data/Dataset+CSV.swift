import Foundation

/// What is wrong with a CSV data file, with the 1-based line where it was found.
public enum DatasetError: Error, Equatable, Sendable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case empty
    case noRows
    case missingLabelColumn(label: String, header: [String])
    case duplicateColumn(name: String)
    case noFeatureColumns
    case unterminatedQuote(line: Int)
    case textAfterQuote(line: Int)
    case wrongFieldCount(line: Int, expected: Int, found: Int)
    case notANumber(line: Int, column: String, text: String)
    case notABinaryLabel(line: Int, column: String, text: String)
    case tooLarge(path: String, bytes: Int64)
    case tooManyColumns(count: Int)

    /// A data file is read whole and parsed into memory several times its size: bounded
    /// so that no file can exhaust the machine (issue 15).
    public static let maxFileBytes: Int64 = 256 << 20
    /// Columns of the header (the features' limit, plus the label).
    public static let maxColumns = 1_000_001

    public var description: String {
        switch self {
        case let .unreadable(path, reason): "cannot read \(path): \(reason)"
        case let .tooLarge(path, bytes):
            "\(path) is \(bytes) bytes, more than \(Self.maxFileBytes) (256 MiB): expected a smaller data file, or synthetic rows"
        case let .tooManyColumns(count): "line 1: \(count) columns, more than \(Self.maxColumns) (1,000,000 features and the label)"
        case .empty: "the file is empty: expected a header row, then data rows"
        case .noRows: "the file has a header but no data rows"
        case let .missingLabelColumn(label, header):
            "no label column '\(label)' in the header (columns: \(header.joined(separator: ", ")))"
        case let .duplicateColumn(name): "column '\(name)' appears twice in the header"
        case .noFeatureColumns: "the header has only the label column: expected at least one feature"
        case let .unterminatedQuote(line): "line \(line): a quoted field is never closed"
        case let .textAfterQuote(line): "line \(line): text after a closing quote (expected ',' or end of line)"
        case let .wrongFieldCount(line, expected, found):
            "line \(line): \(found) fields, expected \(expected) as in the header"
        case let .notANumber(line, column, text):
            "line \(line): column '\(column)' holds '\(text)', expected a finite number"
        case let .notABinaryLabel(line, column, text):
            "line \(line): label column '\(column)' holds '\(text)', expected 0 or 1"
        }
    }
}

extension Dataset {
    /// Loads a CSV file: a header row, a 0/1 label column named `label`, every other
    /// column a numeric feature (in file order).
    ///
    /// Why strict: a scenario that trains on a file must fail before the simulation
    /// with the line that is wrong, never train on a half-parsed table.
    public static func loadCSV(path: String, label: String) throws(DatasetError) -> Dataset {
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? NSNumber,
           size.int64Value > DatasetError.maxFileBytes {
            throw .tooLarge(path: path, bytes: size.int64Value)
        }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        return try parseCSV(text, label: label)
    }

    /// Parses CSV text (RFC 4180: comma-separated, `"` quoting with `""` for a quote,
    /// quoted fields may hold commas and line breaks; LF or CRLF line ends; a final
    /// line break is optional; blank lines are skipped).
    public static func parseCSV(_ text: String, label: String) throws(DatasetError) -> Dataset {
        let records = try CSVRecords.parse(text)
        guard let header = records.first else { throw .empty }
        guard header.fields.count <= DatasetError.maxColumns else { throw .tooManyColumns(count: header.fields.count) }
        var seen = Set<String>()
        for name in header.fields where !seen.insert(name).inserted { throw .duplicateColumn(name: name) }
        guard let labelIndex = header.fields.firstIndex(of: label) else {
            throw .missingLabelColumn(label: label, header: header.fields)
        }
        let featureColumns = header.fields.indices.filter { $0 != labelIndex }
        guard !featureColumns.isEmpty else { throw .noFeatureColumns }
        guard records.count > 1 else { throw .noRows }
        var values: [Double] = []
        var labels: [Double] = []
        values.reserveCapacity((records.count - 1) * featureColumns.count)
        labels.reserveCapacity(records.count - 1)
        for record in records.dropFirst() {
            guard record.fields.count == header.fields.count else {
                throw .wrongFieldCount(line: record.line, expected: header.fields.count, found: record.fields.count)
            }
            let labelText = trimmed(record.fields[labelIndex])
            guard labelText == "0" || labelText == "1" || Double(labelText) == 0 || Double(labelText) == 1 else {
                throw .notABinaryLabel(line: record.line, column: label, text: record.fields[labelIndex])
            }
            labels.append(Double(labelText)!)
            for column in featureColumns {
                guard let number = Double(trimmed(record.fields[column])), number.isFinite else {
                    throw .notANumber(line: record.line, column: header.fields[column], text: record.fields[column])
                }
                values.append(number)
            }
        }
        return Dataset(features: featureColumns.count, values: values, labels: labels,
                       featureNames: featureColumns.map { header.fields[$0] })
    }

    private static func trimmed(_ text: String) -> String {
        String(text.drop(while: { $0 == " " || $0 == "\t" }).reversed().drop(while: { $0 == " " || $0 == "\t" })
            .reversed())
    }
}

/// One CSV record and the 1-based line it starts on.
struct CSVRecord: Equatable {
    var line: Int
    var fields: [String]
}

/// An RFC 4180 reader over UTF-8 bytes (commas, quotes and line breaks are ASCII, so
/// byte-wise splitting never cuts a multi-byte character).
enum CSVRecords {
    static func parse(_ text: String) throws(DatasetError) -> [CSVRecord] {
        let bytes = Array(text.utf8)
        var records: [CSVRecord] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var line = 1, recordLine = 1, index = 0
        var fieldWasQuoted = false
        func endField() {
            fields.append(String(decoding: field, as: UTF8.self))
            field.removeAll(keepingCapacity: true)
            fieldWasQuoted = false
        }
        func endRecord() {
            endField()
            // A blank line is one empty unquoted field: skip it.
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(CSVRecord(line: recordLine, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
        }
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                guard field.isEmpty, !fieldWasQuoted else { throw .textAfterQuote(line: line) }
                let opened = line
                index += 1
                while true {
                    guard index < bytes.count else { throw .unterminatedQuote(line: opened) }
                    let inner = bytes[index]
                    if inner == UInt8(ascii: "\"") {
                        if index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: "\"") {
                            field.append(inner)
                            index += 2
                            continue
                        }
                        break
                    }
                    if inner == UInt8(ascii: "\n") { line += 1 }
                    field.append(inner)
                    index += 1
                }
                fieldWasQuoted = true
            case UInt8(ascii: ","):
                endField()
            case UInt8(ascii: "\r") where index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "\n"):
                break  // the "\n" that follows ends the record
            case UInt8(ascii: "\n"):
                endRecord()
                line += 1
                recordLine = line
            default:
                if fieldWasQuoted { throw .textAfterQuote(line: line) }
                field.append(byte)
            }
            index += 1
        }
        if !field.isEmpty || !fields.isEmpty || fieldWasQuoted { endRecord() }
        return records
    }
}

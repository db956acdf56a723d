import Foundation

extension Dataset {
    /// Loads a CSV file of features only, for clustering: a header row, then every
    /// column a numeric feature except `ignoring` (when given), whose values are not read.
    /// Labels are all 0: K-means never looks at them.
    ///
    /// Why a column may be ignored: clustering data sets often carry the class they were
    /// drawn from (`iris.csv`'s species), which must not be a coordinate.
    public static func loadFeatureCSV(path: String, ignoring: String?) throws(DatasetError) -> Dataset {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .unreadable(path: path, reason: error.localizedDescription)
        }
        return try parseFeatureCSV(text, ignoring: ignoring)
    }

    /// Parses CSV text as `parseCSV` does (RFC 4180), without a label column.
    public static func parseFeatureCSV(_ text: String, ignoring: String?) throws(DatasetError) -> Dataset {
        let records = try CSVRecords.parse(text)
        guard let header = records.first else { throw .empty }
        var seen = Set<String>()
        for name in header.fields where !seen.insert(name).inserted { throw .duplicateColumn(name: name) }
        var ignoredIndex: Int?
        if let ignoring {
            guard let index = header.fields.firstIndex(of: ignoring) else {
                throw .missingLabelColumn(label: ignoring, header: header.fields)
            }
            ignoredIndex = index
        }
        let columns = header.fields.indices.filter { $0 != ignoredIndex }
        guard !columns.isEmpty else { throw .noFeatureColumns }
        guard records.count > 1 else { throw .noRows }
        var values: [Double] = []
        values.reserveCapacity((records.count - 1) * columns.count)
        for record in records.dropFirst() {
            guard record.fields.count == header.fields.count else {
                throw .wrongFieldCount(line: record.line, expected: header.fields.count, found: record.fields.count)
            }
            for column in columns {
                let field = record.fields[column].trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
                guard let number = Double(field), number.isFinite else {
                    throw .notANumber(line: record.line, column: header.fields[column], text: record.fields[column])
                }
                values.append(number)
            }
        }
        return Dataset(features: columns.count, values: values,
                       labels: [Double](repeating: 0, count: records.count - 1),
                       featureNames: columns.map { header.fields[$0] })
    }
}

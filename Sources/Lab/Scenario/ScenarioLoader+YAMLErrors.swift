import Yams

/// YAML syntax errors as diagnostics.
extension ScenarioLoader {
    static let yamlExpected = "well-formed YAML (indent with spaces, not tabs; quote values that contain ': ' or ' #', "
        + "and inside {...} or [...] quote values that contain [ ] { } or ,)"

    static func yamlError(_ error: YamlError, text: String, file: String) -> ScenarioError {
        switch error {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            let where_ = context.map { " (\($0.text) at \($0.mark.line):\($0.mark.column))" } ?? ""
            return single(file, "invalid YAML: \(problem)\(where_)", expected: yamlExpected,
                          at: SourcePosition(line: mark.line, column: mark.column))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let key = duplicates.first ?? "?"
            let first = SourcePosition(line: context.mark.line, column: context.mark.column)
            let second = findRepeat(of: key, after: first, in: text) ?? first
            return single(file, "duplicate key '\(key)' (first at \(first))", expected: "each key once per mapping",
                          at: second)
        default:
            return single(file, "the YAML cannot be read (\(error))", expected: yamlExpected)
        }
    }

    /// Where `key` appears again in the mapping whose first `key` is at `first`: later in
    /// the same flow mapping, or on a later line at the same indentation of a block mapping.
    static func findRepeat(of key: String, after first: SourcePosition, in text: String) -> SourcePosition? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars) }
        let keyScalars = Array(key.unicodeScalars)
        let column = first.column - 1
        guard first.line - 1 < lines.count else { return nil }
        let line = lines[first.line - 1]
        var i = column + keyScalars.count
        while i < line.count {
            if (line[i] == "," || line[i] == "{"), let c = keyStart(line, from: i + 1, key: keyScalars) { return
                SourcePosition(line: first.line, column: c + 1)
            }
            i += 1
        }
        for index in first.line..<lines.count {
            let l = lines[index]
            guard let start = l.firstIndex(where: { $0 != " " }), l[start] != "#" else { continue }
            if start < column && l[start] != "-" { return nil }
            if l.count >= column, l[..<column].allSatisfy({ $0 == " " || $0 == "-" }),
               keyStart(l, from: column, key: keyScalars) == column
            {
                return SourcePosition(line: index + 1, column: column + 1)
            }
        }
        return nil
    }

    /// The index where `key:` starts at `from` (after spaces), or nil.
    private static func keyStart(_ line: [Unicode.Scalar], from: Int, key: [Unicode.Scalar]) -> Int? {
        var i = from
        while i < line.count && line[i] == " " { i += 1 }
        guard i + key.count <= line.count, Array(line[i..<i + key.count]) == key else { return nil }
        var j = i + key.count
        while j < line.count && line[j] == " " { j += 1 }
        return j < line.count && line[j] == ":" ? i : nil
    }
}

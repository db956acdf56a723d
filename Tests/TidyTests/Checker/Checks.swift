/// The checks themselves, as pure functions of source text, so each rule's self-test
/// can feed them a synthetic violation.

/// Imports of banned modules in `source`.
func importViolations(_ ban: Rules.ImportBan, source: String, file: String) -> [Violation] {
    importedModules(in: CodeText(source)).compactMap { found in
        guard let rule = ban.banned.first(where: { $0.module == found.module }) else { return nil }
        return Violation(file: file, line: found.line,
                         message: "`import \(found.module)` is banned in \(ban.folder): \(rule.reason)")
    }
}

/// Matches of any of `rules` in `source`, ordered by line.
func patternViolations(_ rules: [PatternRule], source: String, file: String) -> [Violation] {
    let code = CodeText(source)
    return rules.flatMap { $0.violations(in: code, file: file) }.sorted { $0.line < $1.line }
}

/// The number of lines in `text` as an editor shows them: a final line without a
/// newline counts, a trailing newline does not add an empty line.
func lineCount(_ text: String) -> Int {
    if text.isEmpty { return 0 }
    let newlines = text.utf8.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    return text.utf8.last == UInt8(ascii: "\n") ? newlines : newlines + 1
}

/// Files longer than `limit` lines, with their counts.
func sizeViolations(_ files: [(path: String, lines: Int)], limit: Int) -> [Violation] {
    files.filter { $0.lines > limit }.map {
        Violation(file: $0.path, line: 0,
                  message: "\($0.lines) lines, over the \(limit)-line limit: "
                      + "split it by concern (`Type+Concern.swift`)")
    }
}

/// Tracked paths that are build output or a resolved-package pin.
///
/// A committed `.build*` folder breaks CI's fresh clone, and `Package.resolved` pins
/// commit ids of this machine's package mirrors, which exist nowhere else.
func trackedArtefactViolations(_ trackedPaths: [String]) -> [Violation] {
    trackedPaths.compactMap { path in
        let components = path.split(separator: "/")
        if components.contains(where: { $0.hasPrefix(".build") }) {
            return Violation(file: path, line: 0, message: "build output is tracked by git: `git rm -r --cached` it")
        }
        if components.last == "Package.resolved" {
            return Violation(file: path, line: 0, message: "Package.resolved is tracked by git: `git rm --cached` it")
        }
        return nil
    }
}

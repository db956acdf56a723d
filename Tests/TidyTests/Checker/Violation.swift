/// One broken rule at one place, printed as `path:line: message` so editors and CI
/// logs link straight to it.
struct Violation: Equatable, CustomStringConvertible {
    /// The file, relative to the repository root (or a label for synthetic sources).
    let file: String
    /// 1-based line number; 0 for rules about whole files.
    let line: Int
    let message: String

    var description: String { line > 0 ? "\(file):\(line): \(message)" : "\(file): \(message)" }
}

/// All violations as one text, one per line, for a single failure message listing
/// every offender instead of stopping at the first.
func report(_ violations: [Violation]) -> String {
    violations.map(\.description).joined(separator: "\n")
}

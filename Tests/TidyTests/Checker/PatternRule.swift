import Foundation

/// A banned construct: a regular expression over code (comments and string contents
/// removed, see `CodeText`), with the reason and the replacement to use instead.
///
/// Why regular expressions and not swift-syntax: the bans are on identifiers
/// (`DispatchQueue`, `.hashValue`), where a word-bounded pattern is exact enough, and
/// swift-syntax would add minutes to every CI build. Foundation's regular expressions
/// are used because a few rules need a look-behind.
struct PatternRule: Sendable {
    /// A short name for the construct, shown first in the message (`Date(`).
    let name: String
    let pattern: NSRegularExpression
    /// What to write instead and why, shown after the name.
    let advice: String
    /// A line that also matches this is allowed (for example `.random(in:using:)`,
    /// which draws from an explicit generator).
    let allowedIfLineMatches: NSRegularExpression?

    init(_ name: String, _ pattern: String, advice: String, allowedIfLineMatches: String? = nil) {
        self.name = name
        // The patterns are constants of this file; a typo is a bug in the test itself.
        self.pattern = try! NSRegularExpression(pattern: pattern)
        self.advice = advice
        self.allowedIfLineMatches = allowedIfLineMatches.map { try! NSRegularExpression(pattern: $0) }
    }

    /// The violations of this rule in `code`, reported against `file`.
    func violations(in code: CodeText, file: String) -> [Violation] {
        var found: [Violation] = []
        for (index, line) in code.lines.enumerated() {
            let text = String(line)
            guard matches(pattern, text) else { continue }
            if let allowed = allowedIfLineMatches, matches(allowed, text) { continue }
            found.append(Violation(file: file, line: index + 1, message: "`\(name)` is banned here: \(advice)"))
        }
        return found
    }
}

/// Whether `regex` matches anywhere in `text`.
func matches(_ regex: NSRegularExpression, _ text: String) -> Bool {
    regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
}

/// The module names that `code` imports, with their 1-based line numbers, in every
/// spelling Swift accepts: `import X`, `@testable import X`, `@preconcurrency import X`,
/// `public import X`, `import struct X.Y`, and several imports on one line.
func importedModules(in code: CodeText) -> [(module: String, line: Int)] {
    var found: [(String, Int)] = []
    for (index, line) in code.lines.enumerated() {
        let text = String(line)
        let range = NSRange(text.startIndex..., in: text)
        for match in importPattern.matches(in: text, range: range) {
            if let name = Range(match.range(at: 1), in: text) { found.append((String(text[name]), index + 1)) }
        }
    }
    return found
}

private let importPattern = try! NSRegularExpression(
    pattern: #"(?:^|;)\s*(?:@[A-Za-z_]\w*(?:\([^)]*\))?\s+)*"#  // attributes: @testable, @_exported
        + #"(?:(?:public|package|internal|fileprivate|private)\s+)?import\s+"#  // access level
        + #"(?:(?:typealias|struct|class|enum|protocol|let|var|func)\s+)?([A-Za-z_]\w*)"#)  // kind, module

/// Swift source with comments and string-literal contents blanked out, line breaks kept.
///
/// Why: the tidy rules match identifiers with regular expressions, and a rule that
/// fires on a doc comment explaining why `Hasher` is banned, or on an error message
/// that mentions `Date(`, teaches people to reword comments instead of fixing code.
/// Comments (`//`, nested `/* */`) and the text of string literals (plain, multi-line,
/// raw `#"…"#`) become spaces; code inside an interpolation `\(…)` stays code, so
/// `"\(Date())"` is still caught. Every `\n` is kept, so line numbers do not move.
struct CodeText {
    /// The blanked source, as a whole and as lines (1-based access through `line(_:)`).
    let text: String
    let lines: [Substring]

    init(_ source: String) {
        text = CodeText.blank(source)
        lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// What the lexer is inside of; the innermost is last on the stack.
    private enum Context {
        /// Code: at top level (`parens == nil`) or inside an interpolation, which ends at
        /// the `)` that balances its `\(`.
        case code(parens: Int?)
        /// A string literal: `multiline` for `"""`, `hashes` for raw strings.
        case string(multiline: Bool, hashes: Int)
        /// A block comment, nested `depth` deep.
        case blockComment(depth: Int)
    }

    private static let quote = UInt8(ascii: "\""), hash = UInt8(ascii: "#"),
        slash = UInt8(ascii: "/"), star = UInt8(ascii: "*"), backslash = UInt8(ascii: "\\"),
        openParen = UInt8(ascii: "("), closeParen = UInt8(ascii: ")"),
        newline = UInt8(ascii: "\n"), space = UInt8(ascii: " ")

    static func blank(_ source: String) -> String {
        var bytes = Array(source.utf8)
        var stack: [Context] = [.code(parens: nil)]
        var i = 0
        func at(_ offset: Int) -> UInt8? { i + offset < bytes.count ? bytes[i + offset] : nil }
        func erase(_ count: Int) {
            for k in i..<min(i + count, bytes.count) where bytes[k] != newline { bytes[k] = space }
            i += count
        }
        func hashes(from start: Int) -> Int {
            var n = 0
            while start + n < bytes.count && bytes[start + n] == hash { n += 1 }
            return n
        }
        while i < bytes.count {
            switch stack[stack.count - 1] {
            case .code(let parens):
                if bytes[i] == slash && at(1) == slash {
                    while i < bytes.count && bytes[i] != newline { erase(1) }
                } else if bytes[i] == slash && at(1) == star {
                    stack.append(.blockComment(depth: 1))
                    erase(2)
                } else if bytes[i] == quote || (bytes[i] == hash && at(hashes(from: i)) == quote) {
                    let n = hashes(from: i)
                    let multiline = at(n + 1) == quote && at(n + 2) == quote
                    stack.append(.string(multiline: multiline, hashes: n))
                    i += n + (multiline ? 3 : 1)
                } else if let depth = parens, bytes[i] == closeParen {
                    // The `)` that balances `\(` ends the interpolation: back to the string.
                    if depth == 0 { stack.removeLast() } else { stack[stack.count - 1] = .code(parens: depth - 1) }
                    i += 1
                } else if let depth = parens, bytes[i] == openParen {
                    stack[stack.count - 1] = .code(parens: depth + 1)
                    i += 1
                } else {
                    i += 1
                }
            case .blockComment(let depth):
                if bytes[i] == star && at(1) == slash {
                    stack.removeLast()
                    if depth > 1 { stack.append(.blockComment(depth: depth - 1)) }
                    erase(2)
                } else if bytes[i] == slash && at(1) == star {
                    stack[stack.count - 1] = .blockComment(depth: depth + 1)
                    erase(2)
                } else {
                    erase(1)
                }
            case .string(let multiline, let n):
                let closer = multiline ? 3 : 1
                if bytes[i] == backslash && hashes(from: i + 1) >= n {
                    if at(n + 1) == openParen {
                        stack.append(.code(parens: 0))
                        i += n + 2
                    } else {
                        erase(n + 2)  // an escape such as \" or \\ (or \#" in a raw string)
                    }
                } else if bytes[i] == quote && (0..<closer).allSatisfy({ at($0) == quote })
                    && hashes(from: i + closer) >= n {
                    stack.removeLast()
                    i += closer + n
                } else {
                    erase(1)
                }
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

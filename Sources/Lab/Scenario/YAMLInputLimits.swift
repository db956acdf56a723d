import Foundation
import Yams

/// Bounds on a scenario file's YAML, so that no input can hang sparksim or exhaust the
/// machine (issue 15): ten lines of nested aliases ("billion laughs") expand to 387
/// million nodes, a file of brackets nests a million levels deep. Each bound is far above
/// any real scenario (the largest shipped one has about 30,000 nodes), and each is a
/// `file:line:column` error, exit 2, found before the work it would cause.
enum YAMLInputLimits {
    /// Bytes of one scenario (or included fragment) file: the YAML parser takes about
    /// half a second per megabyte of the densest YAML, so a file is refused beyond this.
    static let maxFileBytes = 16 << 20
    /// Bytes of scenario text made in memory (a replay's import of a large log).
    static let maxTextBytes = 64 << 20
    /// Nodes of the document once aliases are expanded.
    static let maxNodes = 2_000_000
    /// Separators (`,`, `- `, `: `) in a scenario file, counted before parsing: a mapping
    /// entry is two or three values per separator, a list item one. The parser takes about
    /// 8 µs per entry of the densest YAML (release; twice that in a debug build), so the
    /// worst file allowed is parsed in about 3 s (the largest shipped scenario has about
    /// 30,000).
    static let maxSeparators = 400_000
    /// The same for scenario text made in memory (`sparksim import` of a 100,000-task log
    /// writes a few hundred thousand list items): it is sparksim's own, not a stranger's.
    static let maxTextSeparators = 1_500_000
    /// Nesting of collections.
    static let maxDepth = 256
    /// Bytes of one scalar.
    static let maxScalarBytes = 1 << 20

    /// The file's size against `maxFileBytes`, before it is read.
    static func checkFileSize(_ path: String) throws(ScenarioError) {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = (attributes[.size] as? NSNumber)?.int64Value else { return }
        guard size <= Int64(maxFileBytes) else {
            throw ScenarioLoader.single(path, "the file is \(size) bytes, more than \(maxFileBytes) (16 MiB)",
                                        expected: "a scenario file under 16 MiB (large data belongs in a data file)")
        }
    }

    /// Before the YAML parser sees the text: the deepest flow nesting (`[` and `{` outside
    /// quotes and comments; the parser recurses per level), and the values the text spells
    /// out without aliases (each `,`, `- ` and `: ` separates at least one): the parser
    /// takes seconds per ten megabytes of dense YAML, so a file of more values than the
    /// limit is refused before it is parsed, not after.
    static func checkFlowDepth(_ text: String, file: String, maxSeparators: Int = maxSeparators)
        throws(ScenarioError) {
        var depth = 0, line = 1, column = 0
        var separators = 0
        var afterIndicator = false
        var quote: UInt8? = nil
        var comment = false
        var previous: UInt8 = 0x0A
        for byte in text.utf8 {
            column += 1
            defer { previous = byte }
            let indicator = afterIndicator
            afterIndicator = false
            if indicator && quote == nil && !comment && (byte == 0x20 || byte == 0x0A) {
                separators += 1
                if separators > maxSeparators { throw tooManySeparators(file, line, column, maxSeparators) }
            }
            if byte == 0x0A {
                line += 1
                column = 0
                comment = false
                continue
            }
            if comment { continue }
            if let open = quote {
                if byte == open && !(open == UInt8(ascii: "\"") && previous == UInt8(ascii: "\\")) { quote = nil }
                continue
            }
            switch byte {
            case UInt8(ascii: "#") where previous == 0x20 || previous == 0x09 || previous == 0x0A:
                comment = true
            case UInt8(ascii: "\""), UInt8(ascii: "'") where depth > 0 || previous == 0x20 || previous == 0x0A:
                quote = byte
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth > maxDepth {
                    throw ScenarioLoader.single(file, "collections nest more than \(maxDepth) levels deep",
                                                expected: "a scenario nested at most \(maxDepth) levels",
                                                at: SourcePosition(line: line, column: column))
                }
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth = max(0, depth - 1)
            case UInt8(ascii: ","):
                separators += 1
                if separators > maxSeparators { throw tooManySeparators(file, line, column, maxSeparators) }
            case UInt8(ascii: ":"), UInt8(ascii: "-"):
                afterIndicator = true
            default:
                break
            }
        }
    }

    private static func tooManySeparators(_ file: String, _ line: Int, _ column: Int, _ maxSeparators: Int)
        -> ScenarioError {
        ScenarioLoader.single(file, "the document has more than \(maxSeparators) list items and mapping entries",
                              expected: "a scenario of at most \(maxNodes) values", at: SourcePosition(line: line, column: column))
    }

    /// Converts Yams' tree within the bounds: aliases are expanded against `maxNodes`,
    /// nesting against `maxDepth`, scalars against `maxScalarBytes`.
    static func convert(_ node: Node, file: String) throws(ScenarioError) -> SourceNode {
        var budget = maxNodes
        return try convert(node, file: file, depth: 0, budget: &budget)
    }

    private static func convert(_ node: Node, file: String, depth: Int, budget: inout Int) throws(ScenarioError)
        -> SourceNode
    {
        let position = node.mark.map { SourcePosition(line: $0.line, column: $0.column) } ?? .start
        budget -= 1
        guard budget >= 0 else {
            throw ScenarioLoader.single(file, "the document has more than \(maxNodes) values once its aliases are "
                                        + "expanded (aliases repeat their anchors' content)",
                                        expected: "a scenario of at most \(maxNodes) values; fewer nested aliases",
                                        at: position)
        }
        guard depth <= maxDepth else {
            throw ScenarioLoader.single(file, "collections nest more than \(maxDepth) levels deep",
                                        expected: "a scenario nested at most \(maxDepth) levels", at: position)
        }
        switch node {
        case .scalar(let scalar):
            let bytes = scalar.string.utf8.count
            guard bytes <= maxScalarBytes else {
                throw ScenarioLoader.single(file, "a value of \(bytes) bytes, more than \(maxScalarBytes) (1 MiB)",
                                            expected: "values under 1 MiB", at: position)
            }
            return .scalar(text: scalar.string, isPlain: scalar.style == .plain, position: position)
        case .mapping(let mapping):
            var pairs: [SourcePair] = []
            for (key, value) in mapping {
                pairs.append(SourcePair(key: try convert(key, file: file, depth: depth + 1, budget: &budget),
                                        value: try convert(value, file: file, depth: depth + 1, budget: &budget)))
            }
            return .mapping(pairs, position: position)
        case .sequence(let sequence):
            var items: [SourceNode] = []
            for item in sequence { items.append(try convert(item, file: file, depth: depth + 1, budget: &budget)) }
            return .sequence(items, position: position)
        case .alias:
            return .scalar(text: "", isPlain: true, position: position)
        }
    }
}

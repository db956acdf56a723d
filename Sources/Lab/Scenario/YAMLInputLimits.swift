import Foundation
import Yams

/// Bounds on a scenario file's YAML, so that no input can hang sparksim or exhaust the
/// machine (issue 15): ten lines of nested aliases ("billion laughs") expand to 387
/// million nodes, a file of brackets nests a million levels deep. Each bound is far above
/// any real scenario (the largest shipped one has about 30,000 nodes), and each is a
/// `file:line:column` error, exit 2, found before the work it would cause.
enum YAMLInputLimits {
    /// Bytes of one scenario (or included fragment) file.
    static let maxFileBytes = 64 << 20
    /// Nodes of the document once aliases are expanded.
    static let maxNodes = 2_000_000
    /// Nesting of collections.
    static let maxDepth = 256
    /// Bytes of one scalar.
    static let maxScalarBytes = 1 << 20

    /// The file's size against `maxFileBytes`, before it is read.
    static func checkFileSize(_ path: String) throws(ScenarioError) {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
              let size = (attributes[.size] as? NSNumber)?.int64Value else { return }
        guard size <= Int64(maxFileBytes) else {
            throw ScenarioLoader.single(path, "the file is \(size) bytes, more than \(maxFileBytes) (64 MiB)",
                                        expected: "a scenario file under 64 MiB (large data belongs in a data file)")
        }
    }

    /// The deepest flow nesting (`[` and `{` outside quotes and comments), found before
    /// the YAML parser (which recurses per level) sees the text.
    static func checkFlowDepth(_ text: String, file: String) throws(ScenarioError) {
        var depth = 0, line = 1, column = 0
        var quote: UInt8? = nil
        var comment = false
        var previous: UInt8 = 0x0A
        for byte in text.utf8 {
            column += 1
            defer { previous = byte }
            if byte == 0x0A {
                line += 1
                column = 0
                comment = false
                if quote == UInt8(ascii: "'") || quote == UInt8(ascii: "\"") { continue }
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
            default:
                break
            }
        }
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

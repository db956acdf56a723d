/// A JSON value whose object keys keep the order they were written in.
///
/// Why not `JSONSerialization` or `JSONEncoder`: neither promises a key order (the
/// first sorts or not depending on options and platform, the second follows a
/// dictionary), nor how a `Double` is printed. Trace files are compared byte for byte,
/// so the writer is this small enum: strings escaped per RFC 8259 section 7, numbers
/// written from text the caller made exact.
public indirect enum JSONText: Sendable, Equatable {
    case string(String)
    case integer(Int64)
    /// A number already written as JSON (`12.345`), e.g. by ``microseconds(_:)``.
    case number(String)
    case bool(Bool)
    case array([JSONText])
    /// Members in the order given; keys are not checked for duplicates.
    case object([Member])

    public struct Member: Sendable, Equatable {
        public var key: String
        public var value: JSONText

        public init(_ key: String, _ value: JSONText) {
            self.key = key
            self.value = value
        }
    }

    /// The value as compact JSON (no spaces, no newlines).
    public var rendered: String {
        var output = ""
        render(into: &output)
        return output
    }

    func render(into output: inout String) {
        switch self {
        case .string(let text): JSONText.appendQuoted(text, to: &output)
        case .integer(let value): output += String(value)
        case .number(let literal): output += literal
        case .bool(let value): output += value ? "true" : "false"
        case .array(let items):
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += "," }
                item.render(into: &output)
            }
            output += "]"
        case .object(let members):
            output += "{"
            for (index, member) in members.enumerated() {
                if index > 0 { output += "," }
                JSONText.appendQuoted(member.key, to: &output)
                output += ":"
                member.value.render(into: &output)
            }
            output += "}"
        }
    }

    /// `text` as a JSON string literal: `"` and `\` escaped, control characters below
    /// U+0020 as `\n`, `\t`, ... or `\u00XX`; everything else as UTF-8, which RFC 8259
    /// allows. U+2028 and U+2029 are escaped too, so the text is also valid JavaScript.
    /// `quoted(text)` appended to `output` (without a temporary for text needing no escape).
    static func appendQuoted(_ text: String, to output: inout String) {
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }) {
            output += "\""
            output += text
            output += "\""
        } else {
            output += quoted(text)
        }
    }

    public static func quoted(_ text: String) -> String {
        // Most text (ids, names, numbers) needs no escape: one pass over its bytes says so.
        // 0xE2 starts U+2028 and U+2029 in UTF-8, which the slow path escapes.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 }) {
            return "\"" + text + "\""
        }
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case _ where scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029:
                output += "\\u" + hex4(scalar.value)
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }

    /// Integer nanoseconds as microseconds with exactly three decimals (`1234567` →
    /// `1234.567`): exact, by integer division, never through a `Double`.
    public static func microseconds(_ nanoseconds: Int64) -> String {
        let magnitude = nanoseconds.magnitude
        let fraction = String(magnitude % 1000)
        let sign = nanoseconds < 0 ? "-" : ""
        return sign + String(magnitude / 1000) + "." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    private static func hex4(_ value: UInt32) -> String {
        let digits = Array("0123456789abcdef")
        return String((0..<4).reversed().map { digits[Int((value >> (4 * UInt32($0))) & 0xF)] })
    }
}

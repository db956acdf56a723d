/// A JSON value as an event log line holds it, parsed from UTF-8 bytes.
///
/// Why not Foundation's `JSONSerialization`: a 100,000-task log is about 350 MB of JSON, and
/// on Linux `JSONSerialization` reads it at under 20 MB/s (bridged `NSDictionary` and
/// `NSNumber` for every value), where the import is asked to take under 2 s. This parser
/// builds plain Swift values, and skips without building the subtrees an event log carries
/// but sparksim never reads (`skipping` keys: accumulables, executor metrics, the JVM's
/// system properties). Tests hold it to `JSONSerialization` on every public log.
enum JSONValue: Equatable {
    case object([(key: String, value: JSONValue)])
    case array([JSONValue])
    case string(String)
    case integer(Int64)
    case number(Double)
    case bool(Bool)
    case null
    /// A value left unread (its key was in `skipping`).
    case skipped

    static func == (a: JSONValue, b: JSONValue) -> Bool {
        switch (a, b) {
        case let (.object(x), .object(y)):
            return x.count == y.count && zip(x, y).allSatisfy { $0.key == $1.key && $0.value == $1.value }
        case let (.array(x), .array(y)): return x == y
        case let (.string(x), .string(y)): return x == y
        case let (.integer(x), .integer(y)): return x == y
        case let (.number(x), .number(y)): return x == y
        case let (.bool(x), .bool(y)): return x == y
        case (.null, .null), (.skipped, .skipped): return true
        default: return false
        }
    }

    /// The value of `key` in an object (the first, as JSONSerialization keeps the last:
    /// event logs never repeat a key).
    subscript(key: String) -> JSONValue? {
        guard case .object(let pairs) = self else { return nil }
        return pairs.first { $0.key == key }?.value
    }

    /// Parses one JSON text; nil when it is not exactly one valid JSON value.
    static func parse(_ text: String, skipping: Set<String> = []) -> JSONValue? {
        parse(text, cache: JSONStringCache(skipping: skipping))
    }

    /// Parses one JSON text with strings made through `cache` (one per log: its keys
    /// repeat on every line), skipping the subtrees of the cache's skipped keys.
    static func parse(_ text: String, cache: JSONStringCache) -> JSONValue? {
        var text = text
        return text.withUTF8 { bytes in
            var parser = JSONParser(bytes: bytes, cache: cache)
            guard let value = parser.value(depth: 0) else { return nil }
            parser.skipWhitespace()
            return parser.index == bytes.count ? value : nil
        }
    }
}

/// The recursive-descent parser behind `JSONValue.parse` (RFC 8259; nesting limited to 512).
private struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    let cache: JSONStringCache
    var index = 0
    /// Whether the last string read was a skipped key (set by `string`).
    private var lastSkipped = false

    init(bytes: UnsafeBufferPointer<UInt8>, cache: JSONStringCache) {
        self.bytes = bytes
        self.cache = cache
    }

    private static let quote = UInt8(ascii: "\""), backslash = UInt8(ascii: "\\")

    mutating func skipWhitespace() {
        while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x0A || bytes[index] == 0x0D || bytes[index] == 0x09 {
            index += 1
        }
    }

    mutating func value(depth: Int, build: Bool = true) -> JSONValue? {
        guard depth < 512 else { return nil }
        skipWhitespace()
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "{"): return object(depth: depth, build: build)
        case UInt8(ascii: "["): return array(depth: depth, build: build)
        case Self.quote: return string(build: build).map { build ? .string($0) : .skipped }
        case UInt8(ascii: "t"): return literal("true", .bool(true))
        case UInt8(ascii: "f"): return literal("false", .bool(false))
        case UInt8(ascii: "n"): return literal("null", .null)
        default: return number()
        }
    }

    private mutating func object(depth: Int, build: Bool) -> JSONValue? {
        index += 1
        var pairs: [(key: String, value: JSONValue)] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
            index += 1
            return build ? .object(pairs) : .skipped
        }
        while true {
            skipWhitespace()
            guard index < bytes.count, bytes[index] == Self.quote, let key = string(build: true) else { return nil }
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return nil }
            index += 1
            let keep = build && !lastSkipped
            guard let item = value(depth: depth + 1, build: keep) else { return nil }
            if build { pairs.append((key, keep ? item : .skipped)) }
            skipWhitespace()
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            guard bytes[index] == UInt8(ascii: "}") else { return nil }
            index += 1
            return build ? .object(pairs) : .skipped
        }
    }

    private mutating func array(depth: Int, build: Bool) -> JSONValue? {
        index += 1
        var items: [JSONValue] = []
        skipWhitespace()
        if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
            index += 1
            return build ? .array(items) : .skipped
        }
        while true {
            guard let item = value(depth: depth + 1, build: build) else { return nil }
            if build { items.append(item) }
            skipWhitespace()
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: ",") { index += 1; continue }
            guard bytes[index] == UInt8(ascii: "]") else { return nil }
            index += 1
            return build ? .array(items) : .skipped
        }
    }

    private mutating func literal(_ word: StaticString, _ result: JSONValue) -> JSONValue? {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count else { return nil }
        for offset in 0..<count where bytes[index + offset] != word.utf8Start[offset] { return nil }
        index += count
        return result
    }

    private mutating func number() -> JSONValue? {
        let start = index
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") { index += 1 }
        let integerStart = index
        while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
        let integerDigits = index - integerStart
        guard integerDigits > 0, !(integerDigits > 1 && bytes[integerStart] == 0x30) else { return nil }
        var isInteger = true
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            isInteger = false
            index += 1
            let fractionStart = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            guard index > fractionStart else { return nil }
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            isInteger = false
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            let exponentStart = index
            while index < bytes.count, bytes[index] >= 0x30, bytes[index] <= 0x39 { index += 1 }
            guard index > exponentStart else { return nil }
        }
        if isInteger, index - start <= 18 {
            // At most 18 digits: exact in an Int64, no text needed.
            var value: Int64 = 0
            for position in integerStart..<index { value = value * 10 + Int64(bytes[position] - 0x30) }
            return .integer(bytes[start] == UInt8(ascii: "-") ? -value : value)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<index]), as: UTF8.self)
        if isInteger, let integer = Int64(text) { return .integer(integer) }
        return Double(text).map { .number($0) }
    }

    /// A string (the opening quote at `index`); its text when `build`, "" otherwise.
    private mutating func string(build: Bool) -> String? {
        index += 1
        let start = index
        var plain = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == Self.quote {
                defer { index += 1 }
                guard build else { return "" }
                if plain {
                    let (string, skipped) = cache.string(UnsafeBufferPointer(rebasing: bytes[start..<index]))
                    lastSkipped = skipped
                    return string
                }
                let string = unescape(start..<index)
                lastSkipped = string.map { cache.skips($0) } ?? false
                return string
            }
            if byte < 0x20 { return nil }
            if byte == Self.backslash {
                plain = false
                index += 2
                continue
            }
            index += 1
        }
        return nil
    }

    /// The text of an escaped string's bytes; nil on a bad escape.
    private func unescape(_ range: Range<Int>) -> String? {
        var scalars = String.UnicodeScalarView()
        var utf8: [UInt8] = []
        var i = range.lowerBound
        func flush() {
            if !utf8.isEmpty { scalars.append(contentsOf: String(decoding: utf8, as: UTF8.self).unicodeScalars); utf8.removeAll() }
        }
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= range.upperBound else { return nil }
            var value: UInt32 = 0
            for k in at..<(at + 4) {
                let c = bytes[k]
                let digit: UInt8
                switch c {
                case 0x30...0x39: digit = c - 0x30
                case 0x41...0x46: digit = c - 0x41 + 10
                case 0x61...0x66: digit = c - 0x61 + 10
                default: return nil
                }
                value = value * 16 + UInt32(digit)
            }
            return value
        }
        while i < range.upperBound {
            let byte = bytes[i]
            guard byte == Self.backslash else { utf8.append(byte); i += 1; continue }
            guard i + 1 < range.upperBound else { return nil }
            let escape = bytes[i + 1]
            i += 2
            switch escape {
            case UInt8(ascii: "\""): utf8.append(Self.quote)
            case Self.backslash: utf8.append(Self.backslash)
            case UInt8(ascii: "/"): utf8.append(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): utf8.append(0x08)
            case UInt8(ascii: "f"): utf8.append(0x0C)
            case UInt8(ascii: "n"): utf8.append(0x0A)
            case UInt8(ascii: "r"): utf8.append(0x0D)
            case UInt8(ascii: "t"): utf8.append(0x09)
            case UInt8(ascii: "u"):
                guard var code = hex4(i) else { return nil }
                i += 4
                if code >= 0xD800, code < 0xDC00 {
                    guard i + 6 <= range.upperBound, bytes[i] == Self.backslash, bytes[i + 1] == UInt8(ascii: "u"),
                          let low = hex4(i + 2), low >= 0xDC00, low < 0xE000 else { return nil }
                    code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                guard let scalar = Unicode.Scalar(code) else { return nil }
                flush()
                scalars.append(scalar)
            default:
                return nil
            }
        }
        flush()
        return String(scalars)
    }
}

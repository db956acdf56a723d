/// An amount of data in bytes, parsed from Spark-style sizes (`512b`, `64k`, `64KiB`,
/// `100MiB`, `64g`, `64GiB`): all multiples are binary, as in Spark's `byteStringAs`.
public struct ByteCount: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let bytes: Int64

    public init(bytes: Int64) { self.bytes = bytes }

    public static func < (a: ByteCount, b: ByteCount) -> Bool { a.bytes < b.bytes }

    static let units: [(suffixes: [String], bytes: Int64)] = [
        (["b", ""], 1),
        (["k", "kb", "kib"], 1 << 10),
        (["m", "mb", "mib"], 1 << 20),
        (["g", "gb", "gib"], 1 << 30),
        (["t", "tb", "tib"], 1 << 40),
        (["p", "pb", "pib"], 1 << 50),
    ]
    static let expected = "a size like 512b, 64k, 64KiB, 100MiB or 64g"

    /// Parses `text`; a bare number is read in `bareUnitBytes` (Spark's per-key default).
    public static func parse(_ text: String, bareUnitBytes: Int64 = 1) throws(UnitParseError)
        -> ByteCount
    {
        guard let q = DecimalQuantity(Substring(text)), !q.isNegative else {
            throw UnitParseError(problem: "'\(text)' is not a size", expected: expected)
        }
        let suffix = q.unit.lowercased()
        guard let unit = units.first(where: { $0.suffixes.contains(suffix) }) else {
            throw UnitParseError(problem: "unknown size unit '\(q.unit)' in '\(text)'", expected: expected)
        }
        let factor = suffix.isEmpty ? bareUnitBytes : unit.bytes
        guard let bytes = q.exactValue(times: factor) else {
            throw UnitParseError(
                problem: "size '\(text)' is not a whole number of bytes or is too large",
                expected: expected)
        }
        return ByteCount(bytes: bytes)
    }

    /// The largest binary unit that divides the value: `64MiB`, `1536b`, `3GiB`.
    public var description: String {
        for (suffix, size) in [("PiB", Int64(1) << 50), ("TiB", 1 << 40), ("GiB", 1 << 30),
                               ("MiB", 1 << 20), ("KiB", 1 << 10)]
        where bytes != 0 && bytes % size == 0 {
            return "\(bytes / size)\(suffix)"
        }
        return "\(bytes)b"
    }
}

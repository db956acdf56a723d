/// A data rate in bits per second, parsed from `10Gbps`, `100Mbps` (bits, decimal
/// multiples, as network vendors quote) or `1.25GB/s` (bytes, decimal multiples).
///
/// Kept as an integer so that link rates compare and print exactly; the network model
/// converts to time with integer arithmetic.
public struct Bandwidth: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let bitsPerSecond: Int64

    public init(bitsPerSecond: Int64) { self.bitsPerSecond = bitsPerSecond }

    public var bytesPerSecond: Double { Double(bitsPerSecond) / 8 }

    public static func < (a: Bandwidth, b: Bandwidth) -> Bool { a.bitsPerSecond < b.bitsPerSecond }

    static let units: [(suffix: String, bitsPerSecond: Int64)] = [
        ("bps", 1), ("kbps", 1_000), ("mbps", 1_000_000), ("gbps", 1_000_000_000),
        ("tbps", 1_000_000_000_000),
        ("b/s", 8), ("kb/s", 8_000), ("mb/s", 8_000_000), ("gb/s", 8_000_000_000),
        ("tb/s", 8_000_000_000_000),
    ]
    static let expected = "a bandwidth like 10Gbps, 100Mbps or 1.25GB/s"

    public static func parse(_ text: String) throws(UnitParseError) -> Bandwidth {
        guard let q = DecimalQuantity(Substring(text)), !q.isNegative else {
            throw UnitParseError(problem: "'\(text)' is not a bandwidth", expected: expected)
        }
        // The case of the `b` matters: `Gbps` is bits, `GB/s` is bytes. Spellings that
        // mix the two conventions (`GBps`, `Gb/s`) are refused rather than guessed.
        let unitText = String(q.unit)
        if unitText.hasSuffix("Bps") || unitText.hasSuffix("b/s") {
            throw UnitParseError(
                problem: "ambiguous bandwidth unit '\(q.unit)' in '\(text)' (bits or bytes?)",
                expected: expected)
        }
        guard unitText.hasSuffix("bps") || unitText.hasSuffix("B/s"),
              let unit = units.first(where: { $0.suffix == unitText.lowercased() })
        else {
            throw UnitParseError(problem: "unknown bandwidth unit '\(q.unit)' in '\(text)'", expected: expected)
        }
        guard let bps = q.exactValue(times: unit.bitsPerSecond), bps > 0 else {
            throw UnitParseError(problem: "bandwidth '\(text)' is zero, fractional or too large", expected: expected)
        }
        return Bandwidth(bitsPerSecond: bps)
    }

    public var description: String {
        for (suffix, size) in [("Tbps", Int64(1_000_000_000_000)), ("Gbps", 1_000_000_000),
                               ("Mbps", 1_000_000), ("Kbps", 1_000)]
        where bitsPerSecond % size == 0 {
            return "\(bitsPerSecond / size)\(suffix)"
        }
        return "\(bitsPerSecond)bps"
    }
}

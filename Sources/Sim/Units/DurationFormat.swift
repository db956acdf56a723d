/// Parsing and printing of Spark-style durations (`250us`, `500ms`, `3s`, `2min`, `1h`).
///
/// Spark's `JavaUtils.timeStringAs` accepts `us`, `ms`, `s`, `m`/`min`, `h`, `d`; sparksim
/// adds `ns` (virtual time is nanoseconds) and decimal values such as `1.5s`, converted
/// exactly. A bare number takes the caller's default unit, as Spark does per key
/// (`spark.locality.wait: 3000` means milliseconds).
public enum DurationFormat {
    /// Unit suffixes and their length in nanoseconds.
    static let units: [(suffix: String, nanoseconds: Int64)] = [
        ("ns", 1), ("us", 1_000), ("ms", 1_000_000), ("s", 1_000_000_000),
        ("m", 60_000_000_000), ("min", 60_000_000_000), ("h", 3_600_000_000_000),
        ("d", 86_400_000_000_000),
    ]

    static let expected = "a duration like 250us, 500ms, 3s, 2min or 1h"

    /// Parses `text`; a bare number is read in `bareUnit` (nanoseconds per unit).
    /// Negative values, unknown units, fractions of a nanosecond and overflow are errors.
    public static func parse(_ text: String, bareUnitNanoseconds: Int64 = 1_000_000_000)
        throws(UnitParseError) -> SimDuration
    {
        guard let q = DecimalQuantity(Substring(text)) else {
            throw UnitParseError(problem: "'\(text)' is not a duration", expected: expected)
        }
        if q.isNegative {
            throw UnitParseError(problem: "negative duration '\(text)'", expected: expected)
        }
        let factor: Int64
        if q.unit.isEmpty {
            factor = bareUnitNanoseconds
        } else if let unit = units.first(where: { $0.suffix == q.unit.lowercased() }) {
            factor = unit.nanoseconds
        } else {
            throw UnitParseError(
                problem: "unknown duration unit '\(q.unit)' in '\(text)'", expected: expected)
        }
        guard let ns = q.exactValue(times: factor) else {
            let tooBig = q.fractionDigits == 0 || q.doubleValue * Double(factor) > 9e18
            throw UnitParseError(
                problem: tooBig
                    ? "duration '\(text)' overflows 64-bit nanoseconds (about 292 years)"
                    : "duration '\(text)' is not a whole number of nanoseconds",
                expected: expected)
        }
        return SimDuration(nanoseconds: ns)
    }

    /// The shortest exact spelling with the largest unit that divides the value.
    public static func spark(_ nanoseconds: Int64) -> String {
        if nanoseconds == 0 { return "0s" }
        let sign = nanoseconds < 0 ? "-" : ""
        let magnitude = nanoseconds.magnitude
        for (suffix, size) in [("h", UInt64(3_600_000_000_000)), ("min", 60_000_000_000),
                               ("s", 1_000_000_000), ("ms", 1_000_000), ("us", 1_000)]
        where magnitude % size == 0 {
            return "\(sign)\(magnitude / size)\(suffix)"
        }
        return "\(sign)\(magnitude)ns"
    }
}

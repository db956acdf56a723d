/// A compute rate in floating-point operations per second (`15.7TFLOPS`, `900GFLOPS`).
public struct FlopRate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let flopsPerSecond: Int64

    public init(flopsPerSecond: Int64) { self.flopsPerSecond = flopsPerSecond }

    public static func < (a: FlopRate, b: FlopRate) -> Bool { a.flopsPerSecond < b.flopsPerSecond }

    static let units: [(suffix: String, flops: Int64)] = [
        ("flops", 1), ("kflops", 1_000), ("mflops", 1_000_000), ("gflops", 1_000_000_000),
        ("tflops", 1_000_000_000_000), ("pflops", 1_000_000_000_000_000),
    ]
    static let expected = "a compute rate like 15.7TFLOPS or 900GFLOPS"

    public static func parse(_ text: String) throws(UnitParseError) -> FlopRate {
        guard let q = DecimalQuantity(Substring(text)), !q.isNegative else {
            throw UnitParseError(problem: "'\(text)' is not a compute rate", expected: expected)
        }
        guard let unit = units.first(where: { $0.suffix == q.unit.lowercased() }) else {
            throw UnitParseError(problem: "unknown compute-rate unit '\(q.unit)' in '\(text)'", expected: expected)
        }
        guard let rate = q.exactValue(times: unit.flops), rate > 0 else {
            throw UnitParseError(problem: "compute rate '\(text)' is zero, fractional or too large", expected: expected)
        }
        return FlopRate(flopsPerSecond: rate)
    }

    public var description: String {
        for (suffix, size) in [("PFLOPS", Int64(1_000_000_000_000_000)), ("TFLOPS", 1_000_000_000_000),
                               ("GFLOPS", 1_000_000_000), ("MFLOPS", 1_000_000)]
        where flopsPerSecond % size == 0 {
            return "\(flopsPerSecond / size)\(suffix)"
        }
        return "\(flopsPerSecond)FLOPS"
    }
}

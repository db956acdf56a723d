/// The fraction of a device's peak rate that a piece of work achieves, in (0, 1].
public typealias Efficiency = UnitFraction

/// How many times slower than normal work proceeds on a host: ≥ 1, at most 1 000 000.
///
/// Kept in parts per million for the same reason as `Efficiency`: a scenario's `3.0` or
/// `2.5` is exact, so a hand-worked straggler case gives the hand-worked instant.
public struct SlowdownFactor: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// 1 000 000 (no slowdown) ... 10^12.
    public let partsPerMillion: Int64

    /// The largest factor: a host a million times slower is, for a simulation, stopped.
    public static let maximumPartsPerMillion: Int64 = 1_000_000_000_000

    public init(partsPerMillion: Int64) {
        precondition(partsPerMillion >= PartsPerMillion.one && partsPerMillion <= Self.maximumPartsPerMillion,
                     "SlowdownFactor: \(partsPerMillion) ppm is not in [1, 10^6]")
        self.partsPerMillion = partsPerMillion
    }

    /// `factor` rounded to the nearest millionth; it must be in [1, 10^6].
    public init(_ factor: Double) {
        precondition(factor >= 1 && factor <= 1e6, "SlowdownFactor: \(factor) is not in [1, 10^6]")
        self.init(partsPerMillion: PartsPerMillion.rounded(factor))
    }

    /// Work at its normal speed.
    public static let none = SlowdownFactor(partsPerMillion: PartsPerMillion.one)

    /// The value as a `Double`, for reports only.
    public var factor: Double { Double(partsPerMillion) / 1e6 }

    /// The combined factor of slowdowns in force together: their product.
    ///
    /// Why a product and not the maximum: two causes of slowness (a noisy neighbour and a
    /// throttled CPU) compound, and the product gives the same answer whatever the order
    /// the intervals began. Factors are multiplied in ascending order, each product rounded
    /// to the nearest millionth (half up), so the result never depends on argument order;
    /// it saturates at the maximum factor.
    ///
    /// - Complexity: O(k log k) for k factors.
    public static func product(of factors: [SlowdownFactor]) -> SlowdownFactor {
        var combined = UInt128(PartsPerMillion.one)
        for factor in factors.sorted() {
            combined = (combined * UInt128(factor.partsPerMillion) + 500_000) / 1_000_000
            combined = min(combined, UInt128(maximumPartsPerMillion))
        }
        return SlowdownFactor(partsPerMillion: Int64(combined))
    }

    public static func < (a: SlowdownFactor, b: SlowdownFactor) -> Bool { a.partsPerMillion < b.partsPerMillion }

    /// `3.0`, `2.5`, `1.333333`: the exact decimal value.
    public var description: String { PartsPerMillion.decimal(partsPerMillion) }
}

/// Fixed-point helpers for quantities kept in millionths.
enum PartsPerMillion {
    static let one: Int64 = 1_000_000

    /// `value × 10^6` rounded to the nearest integer (ties away from zero).
    static func rounded(_ value: Double) -> Int64 {
        let scaled = (value * 1e6).rounded()
        precondition(scaled.isFinite && abs(scaled) < 9e18, "PartsPerMillion: \(value) out of range")
        return Int64(scaled)
    }

    /// The exact decimal spelling with at least one fractional digit: `3.0`, `0.25`, `1.000001`.
    static func decimal(_ ppm: Int64) -> String {
        let sign = ppm < 0 ? "-" : ""
        let magnitude = ppm.magnitude
        var fraction = String(magnitude % 1_000_000)
        fraction = String(repeating: "0", count: 6 - fraction.count) + fraction
        while fraction.count > 1 && fraction.hasSuffix("0") { fraction.removeLast() }
        return "\(sign)\(magnitude / 1_000_000).\(fraction)"
    }
}

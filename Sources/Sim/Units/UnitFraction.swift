/// A fraction in (0, 1], kept in parts per million: a device's efficiency (`Efficiency`)
/// or the share of its nominal rate a degraded link keeps (`LinkFactor`).
///
/// Why parts per million, not a `Double`: finish instants are computed exactly (see
/// `ComputeCost`), and `0.7` has no exact binary value — 7e8 FLOPs at 1 GFLOPS × 0.7 would
/// finish one nanosecond late after rounding up. Any fraction written with at most six
/// decimals is exact here, and combined factors print as written (`0.05`, not
/// `0.05000000000000001`).
public struct UnitFraction: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// 1 ... 1 000 000.
    public let partsPerMillion: Int64

    public init(partsPerMillion: Int64) {
        precondition(partsPerMillion > 0 && partsPerMillion <= PartsPerMillion.one,
                     "UnitFraction: \(partsPerMillion) ppm is not in (0, 1]")
        self.partsPerMillion = partsPerMillion
    }

    /// `fraction` rounded to the nearest millionth; it must be in (0, 1] and not round to 0.
    public init(_ fraction: Double) {
        precondition(fraction > 0 && fraction <= 1, "UnitFraction: \(fraction) is not in (0, 1]")
        self.init(partsPerMillion: PartsPerMillion.rounded(fraction))
    }

    /// The whole: a healthy link, a device at its full peak rate.
    public static let full = UnitFraction(partsPerMillion: PartsPerMillion.one)

    /// The value as a `Double` (for rate arithmetic in floating point and for reports).
    public var fraction: Double { Double(partsPerMillion) / 1e6 }

    /// The combined factor of fractions in force together (degradations of one link):
    /// their product, multiplied in ascending order with each step rounded to the nearest
    /// millionth (half up) and never below one millionth, so argument order never
    /// matters. Why a product: the same rule as overlapping stragglers
    /// (`SlowdownFactor.product(of:)`).
    public static func product(of factors: [UnitFraction]) -> UnitFraction {
        var combined = PartsPerMillion.one
        for factor in factors.sorted() {
            combined = max(1, (combined * factor.partsPerMillion + 500_000) / PartsPerMillion.one)
        }
        return UnitFraction(partsPerMillion: combined)
    }

    public static func < (a: UnitFraction, b: UnitFraction) -> Bool { a.partsPerMillion < b.partsPerMillion }

    /// `0.1`, `0.7`, `1.0`.
    public var description: String { PartsPerMillion.decimal(partsPerMillion) }
}

/// The fraction of its nominal rate a degraded link keeps, in (0, 1].
public typealias LinkFactor = UnitFraction

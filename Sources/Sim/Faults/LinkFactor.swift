/// The fraction of its nominal rate a degraded link keeps, in (0, 1].
///
/// Kept in parts per million like `SlowdownFactor`, so that a scenario's `0.1` is exact,
/// combined factors print as written (`0.05`, not `0.05000000000000001`) and the network
/// model can scale integer rates exactly.
public struct LinkFactor: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// 1 ... 1 000 000.
    public let partsPerMillion: Int64

    public init(partsPerMillion: Int64) {
        precondition(partsPerMillion > 0 && partsPerMillion <= PartsPerMillion.one,
                     "LinkFactor: \(partsPerMillion) ppm is not in (0, 1]")
        self.partsPerMillion = partsPerMillion
    }

    /// `fraction` rounded to the nearest millionth; it must be in (0, 1] and not round to 0.
    public init(_ fraction: Double) {
        precondition(fraction > 0 && fraction <= 1, "LinkFactor: \(fraction) is not in (0, 1]")
        self.init(partsPerMillion: PartsPerMillion.rounded(fraction))
    }

    /// A healthy link.
    public static let full = LinkFactor(partsPerMillion: PartsPerMillion.one)

    /// The value as a `Double` (for rate arithmetic in floating point and for reports).
    public var fraction: Double { Double(partsPerMillion) / 1e6 }

    /// The combined factor of degradations in force together: their product, multiplied in
    /// ascending order with each step rounded to the nearest millionth (half up) and never
    /// below one millionth, so argument order never matters. Why a product: the same rule
    /// as overlapping stragglers (`SlowdownFactor.product(of:)`).
    public static func product(of factors: [LinkFactor]) -> LinkFactor {
        var combined = PartsPerMillion.one
        for factor in factors.sorted() {
            combined = max(1, (combined * factor.partsPerMillion + 500_000) / PartsPerMillion.one)
        }
        return LinkFactor(partsPerMillion: combined)
    }

    public static func < (a: LinkFactor, b: LinkFactor) -> Bool { a.partsPerMillion < b.partsPerMillion }

    /// `0.1`, `1.0`.
    public var description: String { PartsPerMillion.decimal(partsPerMillion) }
}

/// An unsigned 256-bit integer, just wide enough for the exact work integration: products
/// of two `UInt128`s, subtraction, comparison and division by a `UInt128`.
///
/// Why not floating point: see `WorkIntegrator`. Why not arbitrary precision: the
/// integration's numbers are bounded (documented there), so a fixed width suffices and
/// allocates nothing.
struct UInt256: Comparable {
    var high: UInt128
    var low: UInt128

    init(high: UInt128 = 0, low: UInt128) {
        self.high = high
        self.low = low
    }

    /// The full product `a · b`.
    static func product(_ a: UInt128, _ b: UInt128) -> UInt256 {
        let wide = a.multipliedFullWidth(by: b)
        return UInt256(high: wide.high, low: wide.low)
    }

    static func < (a: UInt256, b: UInt256) -> Bool { (a.high, a.low) < (b.high, b.low) }

    /// `a − b`; traps if `b > a`.
    static func - (a: UInt256, b: UInt256) -> UInt256 {
        precondition(b <= a, "UInt256: negative difference")
        let (low, borrow) = a.low.subtractingReportingOverflow(b.low)
        return UInt256(high: a.high - b.high - (borrow ? 1 : 0), low: low)
    }

    /// Quotient and remainder of `self / divisor` (long division in two 128-bit digits).
    func divided(by divisor: UInt128) -> (quotient: UInt256, remainder: UInt128) {
        precondition(divisor > 0, "UInt256: division by zero")
        let (quotientHigh, carried) = high.quotientAndRemainder(dividingBy: divisor)
        let (quotientLow, remainder) = divisor.dividingFullWidth((high: carried, low: low))
        return (UInt256(high: quotientHigh, low: quotientLow), remainder)
    }

    /// `⌈self / divisor⌉`, or nil when it does not fit in 128 bits.
    func dividedRoundingUp(by divisor: UInt128) -> UInt128? {
        let (quotient, remainder) = divided(by: divisor)
        guard quotient.high == 0 else { return nil }
        if remainder == 0 { return quotient.low }
        let (rounded, overflow) = quotient.low.addingReportingOverflow(1)
        return overflow ? nil : rounded
    }

    /// The greatest common divisor of `self` and a nonzero `other`.
    func gcd(_ other: UInt128) -> UInt128 {
        var a = other
        var b = divided(by: other).remainder
        while b != 0 { (a, b) = (b, a % b) }
        return a
    }
}

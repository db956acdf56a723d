/// A non-negative decimal number followed by a unit, parsed without floating point.
///
/// `"1.25GB/s"` becomes digits 125, scale 2, unit `GB/s`. Converting to an integer
/// amount multiplies exactly and rejects results that are fractional or overflow, so
/// `1.5ns` is an error rather than a silently rounded 2 ns.
struct DecimalQuantity {
    var digits: Int64
    var fractionDigits: Int
    var unit: Substring
    var isNegative: Bool

    /// Splits `text` into number and unit. Accepts `12`, `12.5`, `-3` (sign recorded,
    /// callers decide), and `1e-6`-style exponents only when `allowExponent` is set.
    init?(_ text: Substring) {
        var rest = text.drop { $0 == " " }
        isNegative = false
        if rest.first == "-" { isNegative = true; rest = rest.dropFirst() }
        else if rest.first == "+" { rest = rest.dropFirst() }
        var value: Int64 = 0
        var sawDigit = false
        var fraction = 0
        var inFraction = false
        var index = rest.startIndex
        while index < rest.endIndex {
            let c = rest[index]
            if let d = c.wholeNumberValue, c.isASCII {
                let (m, o1) = value.multipliedReportingOverflow(by: 10)
                let (s, o2) = m.addingReportingOverflow(Int64(d))
                if o1 || o2 { return nil }
                value = s
                sawDigit = true
                if inFraction { fraction += 1 }
            } else if c == "." && !inFraction {
                inFraction = true
            } else {
                break
            }
            index = rest.index(after: index)
        }
        guard sawDigit else { return nil }
        digits = value
        fractionDigits = fraction
        unit = rest[index...].drop { $0 == " " }
        if unit.last == " " { unit = Substring(unit.trimmingTrailingSpaces()) }
    }

    /// `digits / 10^fractionDigits * factor` as an exact integer, or nil when it is
    /// fractional or does not fit in `Int64`.
    func exactValue(times factor: Int64) -> Int64? {
        var numerator = digits
        var divisor: Int64 = 1
        for _ in 0..<fractionDigits {
            let (d, o) = divisor.multipliedReportingOverflow(by: 10)
            if o { return nil }
            divisor = d
        }
        // Cancel common powers of ten before multiplying to keep the product small.
        var f = factor
        while divisor > 1 && f % 10 == 0 { f /= 10; divisor /= 10 }
        while divisor > 1 && numerator % 10 == 0 { numerator /= 10; divisor /= 10 }
        let (product, overflow) = numerator.multipliedReportingOverflow(by: f)
        if overflow { return nil }
        guard product % divisor == 0 else { return nil }
        return product / divisor
    }

    /// The value as a `Double`, for quantities that are rates rather than counts.
    var doubleValue: Double {
        var scale = 1.0
        for _ in 0..<fractionDigits { scale *= 10 }
        return Double(digits) / scale
    }
}

extension Substring {
    fileprivate func trimmingTrailingSpaces() -> Substring {
        var s = self
        while s.last == " " { s = s.dropLast() }
        return s
    }
}

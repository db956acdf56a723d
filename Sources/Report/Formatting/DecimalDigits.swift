/// A non-negative decimal number held as digits, `0.d₁d₂…dₙ × 10^pointPosition`,
/// rounded and printed with string arithmetic only.
///
/// Why: `String(format:)` goes through the C library (its rounding mode, and with
/// Foundation a locale's separators), and multiplying by 10ᵈ before rounding adds a
/// binary rounding error of its own. Swift's `Double.description` is locale-free and
/// prints the *shortest* decimal that reads back as the same `Double`; everything here
/// starts from those digits, so the result is the same on every machine.
///
/// Consequence, on purpose: rounding applies to the decimal a reader sees. `1.005`
/// (stored as 1.00499999999999989…) rounds to `1.01` with 2 decimals, as a person
/// rounding the printed `1.005` would, whereas C's `printf("%.2f")` prints `1.00`.
struct DecimalDigits: Equatable {
    /// Significant digits, no leading or trailing zeros; empty means zero.
    var digits: [UInt8]
    /// Where the decimal point sits: the value is `0.digits × 10^pointPosition`.
    var pointPosition: Int

    var isZero: Bool { digits.isEmpty }

    /// The digits of `magnitude`, which must be finite and non-negative.
    init(magnitude: Double) {
        precondition(magnitude.isFinite && magnitude >= 0, "DecimalDigits needs a finite magnitude")
        // `description` prints forms like "1234.5678", "1e-05", "1.2345e+20", "0.0".
        let text = magnitude.description
        let parts = text.split(separator: "e", maxSplits: 1)
        let exponent = parts.count == 2 ? Int(parts[1])! : 0
        let mantissa = parts[0].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        let integerDigits = Array(mantissa[0].utf8).map { $0 - UInt8(ascii: "0") }
        let fractionDigits = mantissa.count == 2 ? Array(mantissa[1].utf8).map { $0 - UInt8(ascii: "0") } : []
        self.init(rawDigits: integerDigits + fractionDigits,
                  pointPosition: integerDigits.count + exponent)
    }

    /// The digits of a non-negative integer.
    init(integer: UInt64) {
        let digits = Array(String(integer).utf8).map { $0 - UInt8(ascii: "0") }
        self.init(rawDigits: digits, pointPosition: digits.count)
    }

    /// Normalises: drops leading zeros (moving the point) and trailing zeros.
    init(rawDigits: [UInt8], pointPosition: Int) {
        var digits = rawDigits[...]
        var point = pointPosition
        while digits.first == 0 {
            digits = digits.dropFirst()
            point -= 1
        }
        while digits.last == 0 { digits = digits.dropLast() }
        self.digits = Array(digits)
        self.pointPosition = digits.isEmpty ? 0 : point
    }

    /// The value times 10^`power`: exact, it only moves the point.
    func shifted(by power: Int) -> DecimalDigits {
        isZero ? self : DecimalDigits(rawDigits: digits, pointPosition: pointPosition + power)
    }

    /// Rounded to `fractionDigits` places after the point, ties away from zero.
    ///
    /// Ties away from zero (2.5 → 3, 0.125 → 0.13) is what people do by hand and what
    /// spreadsheets' ROUND does; since the digits are the shortest round-trip decimal,
    /// a printed tie is a true tie.
    func rounded(fractionDigits: Int) -> DecimalDigits {
        let keep = pointPosition + fractionDigits
        if keep >= digits.count { return self }
        if keep < 0 { return DecimalDigits(rawDigits: [], pointPosition: 0) }
        var kept = Array(digits[..<keep])
        var point = pointPosition
        if digits[keep] >= 5 {
            var index = kept.count - 1
            while index >= 0 && kept[index] == 9 {
                kept[index] = 0
                index -= 1
            }
            if index >= 0 {
                kept[index] += 1
            } else {
                kept.insert(1, at: 0)
                point += 1
            }
        }
        return DecimalDigits(rawDigits: kept, pointPosition: point)
    }

    /// Positional notation with exactly `fractionDigits` digits after the point (none
    /// and no point when 0); never an exponent. Call ``rounded(fractionDigits:)`` first.
    func render(fractionDigits: Int) -> String {
        var text = ""
        if pointPosition <= 0 {
            text = "0"
        } else {
            for index in 0..<pointPosition { text.append(digit(at: index)) }
        }
        if fractionDigits > 0 {
            text.append(".")
            for offset in 0..<fractionDigits { text.append(digit(at: pointPosition + offset)) }
        }
        return text
    }

    /// How many digits follow the point when written in full (0 for an integer).
    var fractionLength: Int { max(0, digits.count - pointPosition) }

    private func digit(at index: Int) -> Character {
        let value = index >= 0 && index < digits.count ? digits[index] : 0
        return Character(Unicode.Scalar(UInt8(ascii: "0") + value))
    }
}

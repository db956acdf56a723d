/// Locale-free printing of plain numbers for CSV, Markdown and SVG reports.
///
/// Why its own code: results under `results/` are compared byte for byte across
/// machines. `NumberFormatter` and `String(format:)` depend on the process locale
/// (`1.234,57` in de_DE) and on the C library; these functions depend only on Swift's
/// shortest round-trip `description`, then on decimal string arithmetic
/// (see `DecimalDigits`).
///
/// Conventions, the same in every function:
/// - rounding is half away from zero, applied to the shortest round-trip decimal
///   (`fixed(1.005, decimals: 2)` is `1.01`; `fixed(0.125, decimals: 2)` is `0.13`);
/// - a value that rounds to zero prints without a sign (`-0.0` and `-0.001` at 2
///   decimals both print `0.00`), so a column never shows `-0.00`;
/// - never an exponent, never a grouping separator unless asked for;
/// - NaN prints `nan`, infinities `inf` and `-inf` (Swift's own spellings).
public enum NumberFormat {
    /// An integer in plain decimal digits, optionally grouped by threes
    /// (`integer(1234567, groupingSeparator: ",")` is `1,234,567`).
    public static func integer<T: BinaryInteger>(_ value: T, groupingSeparator: String? = nil) -> String {
        let digits = String(value.magnitude)
        let sign = value < 0 ? "-" : ""
        guard let separator = groupingSeparator, digits.count > 3 else { return sign + digits }
        var grouped = ""
        for (offset, character) in digits.enumerated() {
            if offset > 0 && (digits.count - offset) % 3 == 0 { grouped += separator }
            grouped.append(character)
        }
        return sign + grouped
    }

    /// `value` with exactly `decimals` digits after the point
    /// (`fixed(1234.5678, decimals: 2)` is `1234.57`; `decimals: 0` prints no point).
    ///
    /// - Precondition: `0 <= decimals <= 40`.
    public static func fixed(_ value: Double, decimals: Int) -> String {
        precondition((0...40).contains(decimals), "decimals \(decimals) is outside 0...40")
        if let special = nonFinite(value) { return special }
        let rounded = DecimalDigits(magnitude: value.magnitude).rounded(fractionDigits: decimals)
        return signed(rounded.render(fractionDigits: decimals), negative: value < 0 && !rounded.isZero)
    }

    /// The number `fixed(value, decimals:)` writes, as a `Double`: what a reader of the
    /// file gets back. For a figure drawn from values a CSV file holds rounded, so both
    /// show the same numbers.
    ///
    /// Exact (the `Double` nearest the written decimal) while the rounded value has at
    /// most 15 significant digits and 22 decimals, since then it is one exact integer
    /// divided or multiplied by one exact power of ten, and IEEE division rounds correctly.
    public static func fixedValue(_ value: Double, decimals: Int) -> Double {
        precondition((0...22).contains(decimals), "decimals \(decimals) is outside 0...22")
        guard value.isFinite else { return value }
        let rounded = DecimalDigits(magnitude: value.magnitude).rounded(fractionDigits: decimals)
        guard !rounded.isZero else { return 0 }
        let integer = rounded.digits.reduce(0.0) { $0 * 10 + Double($1) }
        let exponent = rounded.pointPosition - rounded.digits.count
        var power = 1.0
        for _ in 0..<abs(exponent) { power *= 10 }
        let magnitude = exponent < 0 ? integer / power : integer * power
        return value < 0 ? -magnitude : magnitude
    }

    /// `fraction` as a percentage with `decimals` digits (`percent(0.1234, decimals: 1)`
    /// is `12.3%`). The ×100 is a shift of the decimal point, so it adds no error.
    public static func percent(_ fraction: Double, decimals: Int) -> String {
        precondition((0...40).contains(decimals), "decimals \(decimals) is outside 0...40")
        if let special = nonFinite(fraction) { return special + "%" }
        let rounded = DecimalDigits(magnitude: fraction.magnitude).shifted(by: 2)
            .rounded(fractionDigits: decimals)
        return signed(rounded.render(fractionDigits: decimals), negative: fraction < 0 && !rounded.isZero)
            + "%"
    }

    /// The shortest decimal that reads back as exactly `value`, written without an
    /// exponent (`1e-05` prints `0.00001`, `1e+16` prints `10000000000000000`,
    /// `2.0` prints `2`). For CSV columns that must lose nothing.
    public static func roundTrip(_ value: Double) -> String {
        if let special = nonFinite(value) { return special }
        let digits = DecimalDigits(magnitude: value.magnitude)
        return signed(digits.render(fractionDigits: digits.fractionLength), negative: value < 0 && !digits.isZero)
    }

    static func nonFinite(_ value: Double) -> String? {
        if value.isNaN { return "nan" }
        if value.isInfinite { return value < 0 ? "-inf" : "inf" }
        return nil
    }

    static func signed(_ text: String, negative: Bool) -> String { negative ? "-" + text : text }
}

/// Short human-readable quantities for report prose and table cells:
/// `12.4 s`, `850 ms`, `3.1 GB/s`, `64 MiB`.
///
/// Why integer arithmetic: durations arrive as `Int64` nanoseconds and sizes as `Int64`
/// bytes. Scaling them with `UInt128` integer division and rounding half away from zero
/// is exact, so `999_500_000` ns is reliably `1 s` (not `999.5 ms` or `1000 ms`) on
/// every machine, with no floating point involved.
///
/// Rules, the same for every kind of quantity:
/// - the unit is the largest one in which the value, once rounded, is at least 1;
/// - the number keeps `significantDigits` significant digits (default 3), never fewer
///   than its integer part, then trailing zeros after the point are dropped
///   (`3.10 GB/s` prints `3.1 GB/s`, `64.0 MiB` prints `64 MiB`);
/// - the base unit (ns, B, B/s) is printed whole: there are no fractional nanoseconds;
/// - a negative quantity prints with `-` (`-850 ms`), useful for differences.
public enum HumanUnits {
    /// A duration: ns, µs, ms, s, min, h (SI decimal steps, then 60 and 60).
    public static func duration(nanoseconds: Int64, significantDigits: Int = 3) -> String {
        render(nanoseconds, scales: durationScales, significantDigits: significantDigits)
    }

    /// A size in bytes with binary multiples, as memory is quoted: B, KiB, MiB, GiB,
    /// TiB, PiB, EiB.
    public static func bytes(_ count: Int64, significantDigits: Int = 3) -> String {
        render(count, scales: byteScales, significantDigits: significantDigits)
    }

    /// A data rate with decimal multiples, as bandwidth is quoted: B/s, kB/s, MB/s,
    /// GB/s, TB/s, PB/s. The rate is first rounded to whole bytes per second.
    ///
    /// - Precondition: finite values only need apply, below 10^18 B/s in magnitude.
    public static func rate(bytesPerSecond: Double, significantDigits: Int = 3) -> String {
        if let special = NumberFormat.nonFinite(bytesPerSecond) { return special + " B/s" }
        let whole = bytesPerSecond.rounded(.toNearestOrAwayFromZero)
        precondition(whole.magnitude < 1e18, "rate \(bytesPerSecond) B/s is out of range")
        return render(Int64(whole), scales: rateScales, significantDigits: significantDigits)
    }

    /// A link rate in bits per second with decimal multiples, as network vendors quote
    /// it and as scenario files spell it: bps, kbps, Mbps, Gbps, Tbps.
    public static func bitRate(bitsPerSecond: Int64, significantDigits: Int = 3) -> String {
        render(bitsPerSecond, scales: bitRateScales, significantDigits: significantDigits)
    }

    /// A unit and its size in base units; each size divides the next one exactly.
    struct Scale {
        let symbol: String
        let size: UInt128
    }

    static let durationScales = [
        Scale(symbol: "ns", size: 1), Scale(symbol: "µs", size: 1_000),
        Scale(symbol: "ms", size: 1_000_000), Scale(symbol: "s", size: 1_000_000_000),
        Scale(symbol: "min", size: 60_000_000_000), Scale(symbol: "h", size: 3_600_000_000_000),
    ]
    static let byteScales = ["B", "KiB", "MiB", "GiB", "TiB", "PiB", "EiB"].enumerated().map {
        Scale(symbol: $0.element, size: UInt128(1) << (10 * $0.offset))
    }
    static let rateScales = ["B/s", "kB/s", "MB/s", "GB/s", "TB/s", "PB/s"].enumerated().map {
        Scale(symbol: $0.element, size: power(of: 10, $0.offset * 3))
    }
    static let bitRateScales = ["bps", "kbps", "Mbps", "Gbps", "Tbps"].enumerated().map {
        Scale(symbol: $0.element, size: power(of: 10, $0.offset * 3))
    }

    /// Picks the scale and the digits, as described on the type.
    static func render(_ value: Int64, scales: [Scale], significantDigits: Int) -> String {
        precondition((1...6).contains(significantDigits), "significantDigits must be in 1...6")
        let magnitude = UInt128(value.magnitude)
        let sign = value < 0 ? "-" : ""
        for (index, scale) in scales.enumerated() {
            let (scaled, decimals) = index == 0
                ? (magnitude, 0)
                : roundedDigits(magnitude, unit: scale.size, significantDigits: significantDigits)
            let isLast = index == scales.count - 1
            // Rounding may carry into the next unit (999.7 ms -> 1000 ms): move up.
            if isLast || scaled < scales[index + 1].size / scale.size * power(of: 10, decimals) {
                return sign + digitsText(scaled, decimals: decimals) + " " + scale.symbol
            }
        }
        preconditionFailure("unreachable: the last scale always accepts")
    }

    /// `magnitude / unit` rounded half away from zero to `significantDigits`
    /// significant digits, as an integer count of 10^-decimals.
    static func roundedDigits(_ magnitude: UInt128, unit: UInt128, significantDigits: Int)
        -> (scaled: UInt128, decimals: Int)
    {
        let limit = power(of: 10, significantDigits)
        var decimals = significantDigits - 1
        while true {
            let numerator = magnitude * power(of: 10, decimals)
            let scaled = (2 * numerator + unit) / (2 * unit)
            if scaled < limit || decimals == 0 { return (scaled, decimals) }
            decimals -= 1
        }
    }

    /// `scaled / 10^decimals` in positional notation, trailing fractional zeros dropped.
    static func digitsText(_ scaled: UInt128, decimals: Int) -> String {
        let divisor = power(of: 10, decimals)
        let whole = String(scaled / divisor)
        var fraction = String(scaled % divisor)
        if decimals == 0 { return whole }
        fraction = String(repeating: "0", count: decimals - fraction.count) + fraction
        while fraction.last == "0" { fraction.removeLast() }
        return fraction.isEmpty ? whole : whole + "." + fraction
    }

    static func power(of base: UInt128, _ exponent: Int) -> UInt128 {
        (0..<exponent).reduce(1) { product, _ in product * base }
    }
}

/// What a plotted number measures, which decides how axes and labels print it.
///
/// Why: a reader should see `12.4 s`, `850 ms`, `3.1k samples/s` or `2 GiB`, never
/// `12400000000` or `3.1e9`. Callers hand over raw record values (nanoseconds, bytes,
/// counts per second, fractions) and say which kind they are; the axis then picks one
/// display unit for all its ticks (so labels line up and compare), and puts the unit
/// in the axis title.
public enum PlotQuantity: Sendable, Equatable {
    /// Values are nanoseconds; axes pick ns, µs, ms, s, min or h.
    case durationNanoseconds
    /// Values are bytes; axes pick B, KiB, MiB, GiB, TiB (binary, as memory is quoted).
    case bytes
    /// Values are counts of `unit` (say `samples/s`); ticks carry k, M, G suffixes.
    case count(unit: String)
    /// Values are fractions of one, shown as percentages.
    case fraction
    /// Plain numbers, with an optional unit for the axis title (`loss`, `x speed-up`).
    case plain(unit: String?)

    /// One display unit for a whole axis: divide raw values by `divisor`, print the
    /// result followed by `tickSuffix`, and name `titleUnit` in the axis title.
    public struct DisplayUnit: Sendable, Equatable {
        public var divisor: Double
        public var tickSuffix: String
        public var titleUnit: String?
    }

    /// The display unit for an axis whose largest magnitude is `magnitude` (raw units):
    /// the largest unit in which that magnitude is at least 1, as ``HumanUnits`` does.
    public func displayUnit(forMagnitude magnitude: Double) -> DisplayUnit {
        switch self {
        case .durationNanoseconds:
            let scale = PlotQuantity.largest(HumanUnits.durationScales, atMost: magnitude)
            return DisplayUnit(divisor: Double(scale.size), tickSuffix: "", titleUnit: scale.symbol)
        case .bytes:
            let scale = PlotQuantity.largest(HumanUnits.byteScales, atMost: magnitude)
            return DisplayUnit(divisor: Double(scale.size), tickSuffix: "", titleUnit: scale.symbol)
        case .count(let unit):
            let (divisor, prefix) = PlotQuantity.siPrefix(forMagnitude: magnitude)
            return DisplayUnit(divisor: divisor, tickSuffix: prefix, titleUnit: unit)
        case .fraction:
            return DisplayUnit(divisor: 0.01, tickSuffix: "", titleUnit: "%")
        case .plain(let unit):
            return DisplayUnit(divisor: 1, tickSuffix: "", titleUnit: unit)
        }
    }

    /// `title (unit)`, or just `title` when the quantity has no unit.
    public func axisTitle(_ title: String, unit: DisplayUnit) -> String {
        unit.titleUnit.map { "\(title) (\($0))" } ?? title
    }

    /// One value as a person reads it on its own, with its unit: `12.4 s`, `64 MiB`,
    /// `3.1k samples/s`, `87.5%`, `0.693`. Three significant digits.
    public func format(_ value: Double) -> String {
        guard value.isFinite else { return NumberFormat.fixed(value, decimals: 0) }
        switch self {
        case .durationNanoseconds:
            return HumanUnits.duration(nanoseconds: PlotQuantity.clampedInteger(value))
        case .bytes:
            return HumanUnits.bytes(PlotQuantity.clampedInteger(value))
        case .count(let unit):
            return PlotQuantity.compact(value) + " " + unit
        case .fraction:
            return NumberFormat.percent(value, decimals: value.magnitude >= 0.1 ? 1 : 2)
        case .plain(let unit):
            return PlotQuantity.significant(value, digits: 3) + (unit.map { " " + $0 } ?? "")
        }
    }

    /// `3100` → `3.1k`, `12345` → `12.3k`, `2500000` → `2.5M`, `950` → `950`: three
    /// significant digits, SI suffix, trailing zeros dropped; a value that rounds up
    /// to 1000 of a prefix moves to the next one (`999960` → `1M`).
    public static func compact(_ value: Double) -> String {
        var (divisor, prefix) = siPrefix(forMagnitude: value.magnitude)
        var text = significant(value / divisor, digits: 3)
        if text.hasPrefix("1000") || text.hasPrefix("-1000"), divisor < 1e12 {
            (divisor, prefix) = siPrefix(forMagnitude: divisor * 1000)
            text = significant(value / divisor, digits: 3)
        }
        return text + prefix
    }

    /// `value` with `digits` significant digits (never fewer than its integer part),
    /// trailing fractional zeros dropped.
    public static func significant(_ value: Double, digits: Int) -> String {
        var integerDigits = 1
        var bound = 10.0
        while value.magnitude.rounded() >= bound && integerDigits < 300 {
            integerDigits += 1
            bound *= 10
        }
        var leadingZeros = 0
        if value != 0 {
            var probe = value.magnitude
            while probe < 1 && leadingZeros < 20 {
                probe *= 10
                if probe < 1 { leadingZeros += 1 }
            }
        }
        let decimals = value.magnitude < 1 ? leadingZeros + digits : max(0, digits - integerDigits)
        return trimmed(NumberFormat.fixed(value, decimals: min(decimals, 20)))
    }

    /// Drops trailing fractional zeros and a bare point (`3.10` → `3.1`, `2.0` → `2`).
    static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text }
        var text = text
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    static func siPrefix(forMagnitude magnitude: Double) -> (divisor: Double, prefix: String) {
        let prefixes: [(Double, String)] = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]
        return prefixes.first { magnitude >= $0.0 } ?? (1, "")
    }

    static func largest(_ scales: [HumanUnits.Scale], atMost magnitude: Double) -> HumanUnits.Scale {
        scales.last { Double($0.size) <= magnitude } ?? scales[0]
    }

    static func clampedInteger(_ value: Double) -> Int64 {
        let limit = 9.2e18
        return Int64(min(max(value, -limit), limit).rounded(.toNearestOrAwayFromZero))
    }
}

/// A numeric axis: its ticks, the display unit they are printed in, and how a raw
/// value maps to a fraction of the axis's length.
///
/// Why one type for every chart: ticks, units and titles are where plots most often
/// mislead (a unit missing, ticks at 0.30000000000000004, a log axis with no label),
/// so all charts go through the same code.
public struct PlotAxis: Sendable, Equatable {
    public enum Scale: Sendable, Equatable {
        case linear
        /// Base-2 logarithmic, for worker and GPU counts (1, 2, 4, ... 1024).
        case log2
        /// Base-10 logarithmic, for times and rates that span decades (a time per
        /// iteration from 4 ms to 1 s): ticks at 1, 2, 5 × 10^k, or decades alone.
        case log10
    }

    var isLogarithmic: Bool { scale != .linear }

    public var title: String
    public var quantity: PlotQuantity
    public var scale: Scale
    public var unit: PlotQuantity.DisplayUnit
    /// Ticks in display units (raw value / `unit.divisor`).
    public var ticks: AxisTicks

    /// An axis that shows every one of `values` (raw units; non-finite ones are ignored).
    ///
    /// - Parameters:
    ///   - includeZero: start a linear axis at zero when all data is positive, so bar
    ///     lengths and throughput levels compare honestly.
    ///   - log2: only positive values are kept; an axis with none falls back to 1...2.
    public init(
        title: String, quantity: PlotQuantity, values: [Double], scale: Scale = .linear,
        includeZero: Bool = true, targetTickCount: Int = 6
    ) {
        self.title = title
        self.quantity = quantity
        self.scale = scale
        var finite = values.filter(\.isFinite)
        if scale != .linear { finite = finite.filter { $0 > 0 } }
        // A log10 axis picks its unit at the geometric middle of its values (0.5 s ... 100 s
        // rather than 500 ms ... 100k ms), a linear one at its largest (0 ... 2.5 s).
        let magnitude = scale == .log10 ? ((finite.min() ?? 0) * (finite.max() ?? 0)).squareRoot()
            : finite.map(\.magnitude).max() ?? 0
        switch (scale, quantity) {
        case (.log2, .count), (.log2, .plain), (.log10, .count), (.log10, .plain):
            unit = PlotQuantity.plain(unit: nil).displayUnit(forMagnitude: magnitude)
            if case .count(let name) = quantity { unit.titleUnit = name }
            if case .plain(let name) = quantity { unit.titleUnit = name }
        default:
            unit = quantity.displayUnit(forMagnitude: magnitude)
        }
        let divisor = unit.divisor
        let shown = finite.map { $0 / divisor }
        switch scale {
        case .linear:
            var low = shown.min() ?? 0
            var high = shown.max() ?? 1
            if includeZero {
                low = min(low, 0)
                high = max(high, 0)
            }
            ticks = NiceTicks.linear(minimum: low, maximum: high, targetCount: targetTickCount)
        case .log2:
            ticks = NiceTicks.log2(minimum: shown.min() ?? 1, maximum: shown.max() ?? 2)
        case .log10:
            ticks = NiceTicks.log10(minimum: shown.min() ?? 1, maximum: shown.max() ?? 10)
        }
    }

    /// `title (unit)`.
    public var fullTitle: String { quantity.axisTitle(title, unit: unit) }

    /// Tick labels with the unit's suffix (`2.5k`), in tick order; zero is a bare `0`
    /// (`0k` and `0.0` read as noise).
    /// On a log10 axis labels are compact (`1k`, `20k`) so decades stay short.
    public var tickLabels: [String] {
        ticks.values.map { value in
            if value == 0 { return "0" }
            return (scale == .log10 ? PlotQuantity.compact(value) : ticks.label(value)) + unit.tickSuffix
        }
    }

    /// Where a raw value falls along the axis: 0 at `ticks.lower`, 1 at `ticks.upper`.
    /// Values outside the domain map outside 0...1; callers clip where it matters.
    public func fraction(_ rawValue: Double) -> Double {
        let shown = rawValue / unit.divisor
        switch scale {
        case .linear:
            let span = ticks.upper - ticks.lower
            return span > 0 ? (shown - ticks.lower) / span : 0
        case .log2, .log10:
            // The ratio of logarithms is the same in any base.
            guard shown > 0 else { return 0 }
            let low = Self.log2(ticks.lower)
            let span = Self.log2(ticks.upper) - low
            return span > 0 ? (Self.log2(shown) - low) / span : 0
        }
    }

    /// Where tick `index` falls, as ``fraction(_:)`` does for raw values.
    func tickFraction(_ index: Int) -> Double { fraction(ticks.values[index] * unit.divisor) }

    /// log₂ for positions along a log axis. Exact for powers of two (every tick); other
    /// values only place points, to two decimals of a pixel.
    static func log2(_ value: Double) -> Double {
        var exponent = 0
        var mantissa = value
        while mantissa >= 2 {
            mantissa /= 2
            exponent += 1
        }
        while mantissa < 1 {
            mantissa *= 2
            exponent -= 1
        }
        // log2 of the mantissa in [1, 2) by repeated squaring: one bit per step, exact
        // IEEE operations only, so the same on every machine's C library.
        var result = Double(exponent)
        var bit = 0.5
        for _ in 0..<40 {
            mantissa *= mantissa
            if mantissa >= 2 {
                mantissa /= 2
                result += bit
            }
            bit /= 2
        }
        return result
    }
}

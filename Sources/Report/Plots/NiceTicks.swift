/// Tick positions for an axis, and the domain they span.
public struct AxisTicks: Sendable, Equatable {
    /// The tick values, increasing, in the axis's display unit.
    public var values: [Double]
    /// The domain the axis shows: it starts and ends on a tick, so no data is cut off
    /// and the frame does not end between two labels.
    public var lower: Double
    public var upper: Double
    /// Digits after the point that every tick label needs (`0.25` steps need 2), or nil
    /// when each label is printed in its own shortest exact form (log axes: `0.5, 1, 2`).
    public var fractionDigits: Int?

    public init(values: [Double], lower: Double, upper: Double, fractionDigits: Int?) {
        self.values = values
        self.lower = lower
        self.upper = upper
        self.fractionDigits = fractionDigits
    }

    /// A tick value as a label, through the locale-free ``NumberFormat``.
    public func label(_ value: Double) -> String {
        fractionDigits.map { NumberFormat.fixed(value, decimals: $0) } ?? NumberFormat.roundTrip(value)
    }
}

/// "Nice" axis ticks: steps of 1, 2 or 5 times a power of ten (linear), or powers of
/// two (log2, for worker counts).
///
/// Why hand-rolled and without `log10`/`pow`: tick values become labels in golden SVG
/// files, so they must be the same on every machine. Powers of ten are built from
/// exact integers (10^k is exact in a `Double` up to k = 22) and negative powers by a
/// single division, so each tick is one correctly rounded IEEE operation away from
/// the decimal a person would write. This is Heckbert's "nice numbers" (Graphics Gems,
/// 1990), as used by most plotting libraries.
public enum NiceTicks {
    /// The step's mantissas, in order: a step is `mantissa × 10^exponent`.
    public static let mantissas = [1, 2, 5]

    /// A step of 1, 2 or 5 × 10^exponent near `span / intervals`.
    ///
    /// - Precondition: `span` is finite and positive, `intervals >= 1`.
    public static func step(span: Double, intervals: Int) -> (mantissa: Int, exponent: Int) {
        precondition(span.isFinite && span > 0, "a tick step needs a finite positive span, not \(span)")
        precondition(intervals >= 1, "a tick step needs at least one interval")
        let raw = span / Double(intervals)
        var exponent = 0
        while raw >= powerOfTen(exponent + 1) { exponent += 1 }
        while raw < powerOfTen(exponent) { exponent -= 1 }
        let fraction = raw / powerOfTen(exponent)
        switch fraction {
        case ..<1.5: return (1, exponent)
        case ..<3.5: return (2, exponent)
        case ..<7.5: return (5, exponent)
        default: return (1, exponent + 1)
        }
    }

    /// Ticks for a linear axis covering `minimum...maximum` with about `targetCount` ticks
    /// (between `targetCount / 2` and `2 × targetCount` for any range).
    ///
    /// An empty range (`minimum == maximum`) is widened around its value, so a flat
    /// series still gets a readable axis. Non-finite bounds are a caller error.
    public static func linear(minimum: Double, maximum: Double, targetCount: Int = 6) -> AxisTicks {
        precondition(minimum.isFinite && maximum.isFinite, "axis bounds must be finite")
        precondition(minimum <= maximum, "axis minimum \(minimum) is above its maximum \(maximum)")
        precondition(targetCount >= 2, "an axis needs at least two ticks")
        var low = minimum
        var high = maximum
        if low == high {
            let pad = low == 0 ? 1 : low.magnitude / 10
            low -= pad
            high += pad
            if minimum >= 0 && low < 0 { low = 0 }
        }
        let (mantissa, exponent) = step(span: high - low, intervals: targetCount - 1)
        let stepValue = tickValue(1, mantissa: mantissa, exponent: exponent)
        // The tolerance keeps 0.3 / 0.1 = 2.9999999999999996 from adding a tick.
        let first = Int((low / stepValue + 1e-9).rounded(.down))
        let last = Int((high / stepValue - 1e-9).rounded(.up))
        let values = (first...max(first + 1, last)).map { tickValue($0, mantissa: mantissa, exponent: exponent) }
        return AxisTicks(values: values, lower: values[0], upper: values[values.count - 1],
                         fractionDigits: max(0, -exponent))
    }

    /// Ticks at powers of two covering `minimum...maximum` (both positive), every
    /// power while there are at most `maximumCount`, else every second, fourth, ...
    public static func log2(minimum: Double, maximum: Double, maximumCount: Int = 12) -> AxisTicks {
        precondition(minimum.isFinite && maximum.isFinite && minimum > 0 && minimum <= maximum,
                     "a log2 axis needs finite positive bounds, not \(minimum)...\(maximum)")
        precondition(maximumCount >= 2, "an axis needs at least two ticks")
        var (low, high) = exponents(covering: minimum, maximum, power: powerOfTwo)
        var stride = 1
        while (high - low) / stride + 1 > maximumCount { stride *= 2 }
        // Round the ends outwards to the stride so both ends carry a labelled tick.
        low = Int((Double(low) / Double(stride)).rounded(.down)) * stride
        high = Int((Double(high) / Double(stride)).rounded(.up)) * stride
        let values = Swift.stride(from: low, through: high, by: stride).map(powerOfTwo)
        return AxisTicks(values: values, lower: values[0], upper: values[values.count - 1], fractionDigits: nil)
    }

    /// Ticks at 1, 2 and 5 × 10^k covering `minimum...maximum` (both positive) while there
    /// are at most `maximumCount` of them, else at powers of ten only (every decade, then
    /// every second, ...); both ends on a tick.
    public static func log10(minimum: Double, maximum: Double, maximumCount: Int = 10) -> AxisTicks {
        precondition(minimum.isFinite && maximum.isFinite && minimum > 0 && minimum <= maximum,
                     "a log10 axis needs finite positive bounds, not \(minimum)...\(maximum)")
        precondition(maximumCount >= 2, "an axis needs at least two ticks")
        let (low, high) = exponents(covering: minimum, maximum, power: powerOfTen)
        var values: [Double] = []
        for exponent in low..<high {
            for mantissa in mantissas { values.append(tickValue(1, mantissa: mantissa, exponent: exponent)) }
        }
        values.append(powerOfTen(high))
        // Trim to the last tick at or below the minimum and the first at or above the maximum.
        let first = values.lastIndex { $0 <= minimum } ?? 0
        let last = values.firstIndex { $0 >= maximum } ?? values.count - 1
        values = Array(values[first...last])
        if values.count > maximumCount {
            var stride = 1
            while (high - low + stride - 1) / stride + 1 > maximumCount { stride *= 2 }
            let top = low + (high - low + stride - 1) / stride * stride
            values = Swift.stride(from: low, through: top, by: stride).map(powerOfTen)
        }
        return AxisTicks(values: values, lower: values[0], upper: values[values.count - 1], fractionDigits: nil)
    }

    /// The exponents of the powers just at or below `minimum` and at or above `maximum`
    /// (at least one apart), for a log axis in the base `power` raises.
    static func exponents(covering minimum: Double, _ maximum: Double, power: (Int) -> Double) -> (Int, Int) {
        var low = 0
        while power(low) > minimum { low -= 1 }
        while power(low + 1) <= minimum { low += 1 }
        var high = low
        while power(high) < maximum { high += 1 }
        return (low, high == low ? high + 1 : high)
    }

    /// `index × mantissa × 10^exponent` with one rounding at most.
    static func tickValue(_ index: Int, mantissa: Int, exponent: Int) -> Double {
        let units = Double(index * mantissa)
        return exponent >= 0 ? units * powerOfTen(exponent) : units / powerOfTen(-exponent)
    }

    /// 10^exponent: exact for 0...22, one division for negative exponents.
    static func powerOfTen(_ exponent: Int) -> Double {
        if exponent < 0 { return 1 / powerOfTen(-exponent) }
        var value = 1.0
        for _ in 0..<exponent { value *= 10 }
        return value
    }

    /// 2^exponent, exact.
    static func powerOfTwo(_ exponent: Int) -> Double {
        Double(sign: .plus, exponent: exponent, significand: 1)
    }
}

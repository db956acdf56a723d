import Testing
@testable import Report

@Suite("Nice ticks")
struct NiceTicksTests {
    @Test func familiarRangesGetFamiliarTicks() {
        #expect(NiceTicks.linear(minimum: 0, maximum: 10).values == [0, 2, 4, 6, 8, 10])
        #expect(NiceTicks.linear(minimum: 0, maximum: 1).values == [0, 0.2, 0.4, 0.6, 0.8, 1])
        #expect(NiceTicks.linear(minimum: 0, maximum: 23_000).values == [0, 5000, 10000, 15000, 20000, 25000])
        #expect(NiceTicks.linear(minimum: 0.3, maximum: 0.7).values == [0.3, 0.4, 0.5, 0.6, 0.7])
        #expect(NiceTicks.linear(minimum: -3, maximum: 3).values == [-3, -2, -1, 0, 1, 2, 3])
        #expect(NiceTicks.linear(minimum: 0, maximum: 1).label(0.6) == "0.6")
    }

    @Test func aFlatRangeIsWidenedAroundItsValue() {
        let zero = NiceTicks.linear(minimum: 0, maximum: 0)
        #expect(zero.lower <= 0 && zero.upper >= 1)
        let five = NiceTicks.linear(minimum: 5, maximum: 5)
        #expect(five.lower < 5 && five.upper > 5 && five.lower >= 0)
    }

    /// Over ranges spanning many magnitudes, signs and offsets: ticks cover the data, are
    /// evenly spaced by 1, 2 or 5 × 10^k, number about the target, and print distinctly.
    @Test(arguments: [3, 5, 6, 8])
    func ticksAreNiceCoveringEvenAndDistinct(targetCount: Int) {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Double {  // SplitMix64, mapped to [0, 1)
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Double((z ^ (z >> 31)) >> 11) / Double(UInt64(1) << 53)
        }
        for case_ in 0..<2000 {
            let magnitude = NiceTicks.powerOfTen(Int(next() * 16) - 8)
            let a = (next() * 2 - 1) * magnitude * 10
            let b = a + next() * magnitude * (case_ % 3 == 0 ? 0.01 : 10)
            let ticks = NiceTicks.linear(minimum: a, maximum: b, targetCount: targetCount)
            let label = "case \(case_): \(a)...\(b) -> \(ticks.values)"
            #expect(ticks.lower <= a && ticks.upper >= b, "\(label)")
            #expect(ticks.values.count >= 2 && ticks.values.count <= 2 * targetCount + 1, "\(label)")
            let (mantissa, exponent) = NiceTicks.step(span: b - a, intervals: targetCount - 1)
            #expect(NiceTicks.mantissas.contains(mantissa), "\(label)")
            let step = NiceTicks.tickValue(1, mantissa: mantissa, exponent: exponent)
            #expect(ticks.fractionDigits == max(0, -exponent), "\(label)")
            // Each tick is a whole multiple of the step, the next multiple after its left
            // neighbour (tolerance: the ulps of the larger value, not of the step).
            for (left, right) in zip(ticks.values, ticks.values.dropFirst()) {
                let slack = max(left.magnitude, right.magnitude) * 1e-12 + step * 1e-9
                #expect(((right - left) - step).magnitude <= slack, "\(label)")
            }
            let multiple = ticks.values[0] / step
            #expect((multiple - multiple.rounded()).magnitude < 1e-6, "\(label)")
            let labels = ticks.values.map(ticks.label)
            #expect(Set(labels).count == labels.count, "\(label): \(labels)")
            #expect(labels.allSatisfy { !$0.contains("e") }, "\(label): \(labels)")
        }
    }

    @Test func stepsArePowersOfTenTimesOneTwoOrFive() {
        #expect(NiceTicks.step(span: 10, intervals: 5) == (2, 0))
        #expect(NiceTicks.step(span: 1, intervals: 10) == (1, -1))
        #expect(NiceTicks.step(span: 700, intervals: 5) == (1, 2))
        #expect(NiceTicks.step(span: 0.03, intervals: 5) == (5, -3))
    }

    @Test func log2TicksArePowersOfTwo() {
        let workers = NiceTicks.log2(minimum: 1, maximum: 64)
        #expect(workers.values == [1, 2, 4, 8, 16, 32, 64])
        #expect(workers.values.map(workers.label) == ["1", "2", "4", "8", "16", "32", "64"])
        let odd = NiceTicks.log2(minimum: 3, maximum: 100)
        #expect(odd.values == [2, 4, 8, 16, 32, 64, 128])
        let wide = NiceTicks.log2(minimum: 1, maximum: 1_048_576, maximumCount: 8)
        #expect(wide.values.count <= 8)
        #expect(wide.values.first == 1 && wide.values.last! >= 1_048_576)
        #expect(NiceTicks.log2(minimum: 0.25, maximum: 1).values.map(NiceTicks.log2(minimum: 0.25, maximum: 1).label)
            == ["0.25", "0.5", "1"])
    }

    @Test func log2PositionsAreExactAtPowersOfTwoAndMonotone() {
        for exponent in -10...40 {
            #expect(PlotAxis.log2(Double(sign: .plus, exponent: exponent, significand: 1)) == Double(exponent))
        }
        #expect((PlotAxis.log2(3) - 1.584962500721156).magnitude < 1e-9)
        var previous = -Double.infinity
        for value in stride(from: 1.0, through: 100, by: 0.37) {
            let position = PlotAxis.log2(value)
            #expect(position > previous)
            previous = position
        }
    }

    @Test func log10TicksAreOneTwoFiveTimesPowersOfTenOrDecades() {
        let times = NiceTicks.log10(minimum: 4.39, maximum: 555)
        #expect(times.values == [2, 5, 10, 20, 50, 100, 200, 500, 1000])
        #expect((times.lower, times.upper) == (2, 1000))
        let exact = NiceTicks.log10(minimum: 1, maximum: 100)
        #expect(exact.values == [1, 2, 5, 10, 20, 50, 100])
        let small = NiceTicks.log10(minimum: 0.0031, maximum: 0.04)
        #expect(small.values.map(small.label) == ["0.002", "0.005", "0.01", "0.02", "0.05"])
        let wide = NiceTicks.log10(minimum: 3, maximum: 2e7)
        #expect(wide.values == [1, 10, 100, 1000, 10_000, 100_000, 1e6, 1e7, 1e8])
        let wider = NiceTicks.log10(minimum: 1, maximum: 1e30, maximumCount: 8)
        #expect(wider.values.count <= 8 && wider.values.first == 1 && wider.values.last! >= 1e30)
    }

    @Test func aLog10AxisPlacesEachDecadeEqually() {
        let axis = PlotAxis(title: "t", quantity: .durationNanoseconds, values: [4e6, 6e9], scale: .log10)
        #expect(axis.unit.titleUnit == "ms")
        #expect(axis.tickLabels == ["1", "10", "100", "1k", "10k"])
        #expect(axis.fraction(1e6) == 0 && axis.fraction(1e10) == 1)
        #expect((axis.fraction(1e8) - 0.5).magnitude < 1e-12)
        #expect((axis.fraction(1e7) - axis.fraction(1e6) - (axis.fraction(1e9) - axis.fraction(1e8))).magnitude < 1e-12)
    }
}

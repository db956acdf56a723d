import Testing
@testable import Report

@Suite("NumberFormat")
struct NumberFormatTests {
    @Test func fixedRoundsToTheRequestedDecimals() {
        #expect(NumberFormat.fixed(1234.5678, decimals: 2) == "1234.57")
        #expect(NumberFormat.fixed(1234.5678, decimals: 0) == "1235")
        #expect(NumberFormat.fixed(2, decimals: 3) == "2.000")
        #expect(NumberFormat.fixed(-1.5, decimals: 0) == "-2")
    }

    /// Reference: Python 3.11, `decimal.Decimal(repr(v)).quantize(10**-d, ROUND_HALF_UP)`
    /// (Python's `repr` is also the shortest round-trip decimal; ROUND_HALF_UP is
    /// half away from zero), printed with `format(q, 'f')` and a sign only if nonzero.
    @Test(arguments: [
        (1.005, 2, "1.01"), (0.125, 2, "0.13"), (2.5, 0, "3"), (-2.5, 0, "-3"),
        (9.995, 2, "10.00"), (99.995, 0, "100"), (0.045, 2, "0.05"), (1e-5, 3, "0.000"),
        (1e16, 2, "10000000000000000.00"), (123456789.987654321, 2, "123456789.99"),
        (123456789.987654321, 0, "123456790"), (5e-324, 2, "0.00"), (-0.001, 3, "-0.001"),
    ] as [(Double, Int, String)])
    func fixedMatchesDecimalHalfUpReference(value: Double, decimals: Int, expected: String) {
        #expect(NumberFormat.fixed(value, decimals: decimals) == expected)
    }

    @Test func negativeZeroAndValuesRoundingToZeroHaveNoSign() {
        #expect(NumberFormat.fixed(-0.0, decimals: 2) == "0.00")
        #expect(NumberFormat.fixed(-0.001, decimals: 2) == "0.00")
        #expect(NumberFormat.fixed(-0.004, decimals: 0) == "0")
        #expect(NumberFormat.fixed(-0.005, decimals: 2) == "-0.01")
    }

    @Test func hugeAndTinyValuesNeverUseAnExponent() {
        let largest = NumberFormat.fixed(.greatestFiniteMagnitude, decimals: 0)
        #expect(largest.hasPrefix("17976931348623157") && largest.count == 309)
        #expect(!largest.contains("e"))
        #expect(NumberFormat.fixed(1.5e-7, decimals: 8) == "0.00000015")
    }

    @Test func nonFiniteValuesUseSwiftSpellings() {
        #expect(NumberFormat.fixed(.nan, decimals: 2) == "nan")
        #expect(NumberFormat.fixed(.infinity, decimals: 2) == "inf")
        #expect(NumberFormat.fixed(-.infinity, decimals: 2) == "-inf")
    }

    @Test func integersPrintPlainOrGrouped() {
        #expect(NumberFormat.integer(0) == "0")
        #expect(NumberFormat.integer(-42) == "-42")
        #expect(NumberFormat.integer(1_234_567, groupingSeparator: ",") == "1,234,567")
        #expect(NumberFormat.integer(-1_234, groupingSeparator: " ") == "-1 234")
        #expect(NumberFormat.integer(999, groupingSeparator: ",") == "999")
        #expect(NumberFormat.integer(Int64.min, groupingSeparator: ",") == "-9,223,372,036,854,775,808")
        #expect(NumberFormat.integer(UInt64.max) == "18446744073709551615")
    }

    @Test func percentShiftsThePointExactly() {
        #expect(NumberFormat.percent(0.1234, decimals: 1) == "12.3%")
        #expect(NumberFormat.percent(0.125, decimals: 0) == "13%")
        #expect(NumberFormat.percent(1, decimals: 0) == "100%")
        #expect(NumberFormat.percent(-0.0001, decimals: 1) == "0.0%")
        #expect(NumberFormat.percent(0.07, decimals: 2) == "7.00%")
    }

    @Test func roundTripPrintsEveryDigitWithoutExponent() {
        #expect(NumberFormat.roundTrip(1e-5) == "0.00001")
        #expect(NumberFormat.roundTrip(1e16) == "10000000000000000")
        #expect(NumberFormat.roundTrip(2.0) == "2")
        #expect(NumberFormat.roundTrip(-0.0) == "0")
        #expect(NumberFormat.roundTrip(0.1 + 0.2) == "0.30000000000000004")
        #expect(NumberFormat.roundTrip(-1234.5678) == "-1234.5678")
    }

    /// Whatever the value, reading the round-trip text back gives the same Double.
    @Test func roundTripReadsBackExactly() {
        var value = 1.0 / 3
        for _ in 0..<200 {
            #expect(Double(NumberFormat.roundTrip(value)) == value)
            #expect(Double(NumberFormat.roundTrip(-value)) == -value)
            value *= 7.3
        }
    }

    @Test func decimalDigitsParsesSwiftDescriptionForms() {
        #expect(DecimalDigits(magnitude: 1234.5) == DecimalDigits(rawDigits: [1, 2, 3, 4, 5], pointPosition: 4))
        #expect(DecimalDigits(magnitude: 1e-5) == DecimalDigits(rawDigits: [1], pointPosition: -4))
        #expect(DecimalDigits(magnitude: 1.25e20) == DecimalDigits(rawDigits: [1, 2, 5], pointPosition: 21))
        #expect(DecimalDigits(magnitude: 0).isZero)
        #expect(DecimalDigits(integer: 1200) == DecimalDigits(rawDigits: [1, 2], pointPosition: 4))
    }
}

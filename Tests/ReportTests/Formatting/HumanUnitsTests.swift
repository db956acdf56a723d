import Testing
@testable import Report

@Suite("HumanUnits")
struct HumanUnitsTests {
    @Test func theExamplesFromTheBriefPrintAsWritten() {
        #expect(HumanUnits.duration(nanoseconds: 12_400_000_000) == "12.4 s")
        #expect(HumanUnits.duration(nanoseconds: 850_000_000) == "850 ms")
        #expect(HumanUnits.rate(bytesPerSecond: 3.1e9) == "3.1 GB/s")
        #expect(HumanUnits.bytes(64 << 20) == "64 MiB")
    }

    @Test func durationsPickTheLargestUnitAtLeastOne() {
        #expect(HumanUnits.duration(nanoseconds: 0) == "0 ns")
        #expect(HumanUnits.duration(nanoseconds: 999) == "999 ns")
        #expect(HumanUnits.duration(nanoseconds: 1_000) == "1 µs")
        #expect(HumanUnits.duration(nanoseconds: 1_234) == "1.23 µs")
        #expect(HumanUnits.duration(nanoseconds: 3_000_000_000) == "3 s")
        #expect(HumanUnits.duration(nanoseconds: 90_000_000_000) == "1.5 min")
        #expect(HumanUnits.duration(nanoseconds: 7_200_000_000_000) == "2 h")
        #expect(HumanUnits.duration(nanoseconds: 1_000 * 3_600_000_000_000) == "1000 h")
        #expect(HumanUnits.duration(nanoseconds: -850_000_000) == "-850 ms")
    }

    /// Rounding to three significant digits can carry into the next unit: the result
    /// must move up rather than print `1000 ms` or `60.0 s`.
    @Test func roundingCarriesIntoTheNextUnit() {
        #expect(HumanUnits.duration(nanoseconds: 999_499_999) == "999 ms")
        #expect(HumanUnits.duration(nanoseconds: 999_500_000) == "1 s")
        #expect(HumanUnits.duration(nanoseconds: 9_995_000_000) == "10 s")
        #expect(HumanUnits.duration(nanoseconds: 9_994_999_999) == "9.99 s")
        #expect(HumanUnits.duration(nanoseconds: 59_960_000_000) == "1 min")
        #expect(HumanUnits.bytes(1_048_575) == "1 MiB")
    }

    @Test func roundingIsHalfAwayFromZero() {
        #expect(HumanUnits.duration(nanoseconds: 1_235) == "1.24 µs")
        #expect(HumanUnits.duration(nanoseconds: -1_235) == "-1.24 µs")
        #expect(HumanUnits.duration(nanoseconds: 1_234_499) == "1.23 ms")
    }

    @Test func bytesUseBinaryMultiples() {
        #expect(HumanUnits.bytes(0) == "0 B")
        #expect(HumanUnits.bytes(1023) == "1023 B")
        #expect(HumanUnits.bytes(1024) == "1 KiB")
        #expect(HumanUnits.bytes(1536) == "1.5 KiB")
        #expect(HumanUnits.bytes(1_000_000) == "977 KiB")
        #expect(HumanUnits.bytes(16 << 30) == "16 GiB")
        #expect(HumanUnits.bytes(Int64.max) == "8 EiB")
    }

    @Test func ratesUseDecimalMultiples() {
        #expect(HumanUnits.rate(bytesPerSecond: 0.4) == "0 B/s")
        #expect(HumanUnits.rate(bytesPerSecond: 999) == "999 B/s")
        #expect(HumanUnits.rate(bytesPerSecond: 1_250_000_000) == "1.25 GB/s")
        #expect(HumanUnits.rate(bytesPerSecond: 12.5e12) == "12.5 TB/s")
        #expect(HumanUnits.rate(bytesPerSecond: .nan) == "nan B/s")
        #expect(HumanUnits.bitRate(bitsPerSecond: 10_000_000_000) == "10 Gbps")
        #expect(HumanUnits.bitRate(bitsPerSecond: 100_000_000) == "100 Mbps")
    }

    @Test func significantDigitsCanBeChosen() {
        #expect(HumanUnits.duration(nanoseconds: 12_345_678_901, significantDigits: 5) == "12.346 s")
        #expect(HumanUnits.duration(nanoseconds: 12_345_678_901, significantDigits: 1) == "12 s")
        #expect(HumanUnits.duration(nanoseconds: 1_500_000, significantDigits: 1) == "2 ms")
    }
}

import Testing
@testable import Sim

@Suite("Units")
struct UnitsTests {
    private func duration(_ text: String, bareUnit: Int64 = 1_000_000_000) throws -> Int64 {
        try DurationFormat.parse(text, bareUnitNanoseconds: bareUnit).nanoseconds
    }

    @Test("Spark durations parse to exact nanoseconds")
    func durations() throws {
        #expect(try duration("250us") == 250_000)
        #expect(try duration("500ms") == 500_000_000)
        #expect(try duration("3s") == 3_000_000_000)
        #expect(try duration("2min") == 120_000_000_000)
        #expect(try duration("2m") == 120_000_000_000)
        #expect(try duration("1h") == 3_600_000_000_000)
        #expect(try duration("1d") == 86_400_000_000_000)
        #expect(try duration("7ns") == 7)
        #expect(try duration("1.5s") == 1_500_000_000)
        #expect(try duration("0.25ms") == 250_000)
        #expect(try duration("3000", bareUnit: 1_000_000) == 3_000_000_000, "spark.locality.wait: 3000 is ms")
        #expect(try duration("3") == 3_000_000_000, "bare numbers are seconds outside spark.* keys")
        #expect(try duration("300000h") == 1_080_000_000_000_000_000, "34 years still fits")
    }

    @Test("bad durations are errors that say what was expected", arguments: [
        "3000000h", "-1s", "1.5ns", "3sec", "", "ms", "1e3s", "99999999999999999999s",
    ])
    func badDurations(text: String) {
        #expect(throws: UnitParseError.self) { try DurationFormat.parse(text) }
        do {
            _ = try DurationFormat.parse(text)
        } catch {
            #expect(error.description.contains("expected a duration like"))
        }
    }

    @Test("overflow and fractions of a nanosecond are reported as such")
    func durationMessages() {
        #expect(throws: UnitParseError.self) { try DurationFormat.parse("3000000h") }
        do { _ = try DurationFormat.parse("3000000h") } catch { #expect(error.problem.contains("overflows")) }
        do { _ = try DurationFormat.parse("1.5ns") } catch { #expect(error.problem.contains("whole number")) }
        do { _ = try DurationFormat.parse("-1s") } catch { #expect(error.problem.contains("negative")) }
    }

    @Test("durations print in the largest exact unit")
    func durationDescription() {
        #expect(SimDuration.seconds(120).description == "2min")
        #expect(SimDuration.milliseconds(1500).description == "1500ms")
        #expect(SimDuration.nanoseconds(7).description == "7ns")
        #expect(SimDuration.zero.description == "0s")
    }

    @Test("sizes use binary multiples, as Spark's byteStringAs")
    func sizes() throws {
        #expect(try ByteCount.parse("512b").bytes == 512)
        #expect(try ByteCount.parse("64k").bytes == 65_536)
        #expect(try ByteCount.parse("64KiB").bytes == 65_536)
        #expect(try ByteCount.parse("100MiB").bytes == 104_857_600)
        #expect(try ByteCount.parse("64g").bytes == 68_719_476_736)
        #expect(try ByteCount.parse("64GiB").bytes == 68_719_476_736)
        #expect(try ByteCount.parse("1024").bytes == 1_024)
        #expect(try ByteCount.parse("1.5k").bytes == 1_536)
        #expect(ByteCount(bytes: 104_857_600).description == "100MiB")
        for bad in ["-1k", "64x", "0.3b", "99999p"] {
            #expect(throws: UnitParseError.self, "\(bad)") { try ByteCount.parse(bad) }
        }
    }

    @Test("bandwidths: bits per second with bps, bytes per second with B/s")
    func bandwidths() throws {
        #expect(try Bandwidth.parse("10Gbps").bitsPerSecond == 10_000_000_000)
        #expect(try Bandwidth.parse("25Gbps").bitsPerSecond == 25_000_000_000)
        #expect(try Bandwidth.parse("100Mbps").bitsPerSecond == 100_000_000)
        #expect(try Bandwidth.parse("1.25GB/s").bitsPerSecond == 10_000_000_000)
        #expect(try Bandwidth.parse("100GB/s").bitsPerSecond == 800_000_000_000)
        #expect(Bandwidth(bitsPerSecond: 25_000_000_000).description == "25Gbps")
        for bad in ["10Gb/s", "10GBps", "10", "0Gbps", "-1Gbps", "10Gbit"] {
            #expect(throws: UnitParseError.self, "\(bad)") { try Bandwidth.parse(bad) }
        }
        do { _ = try Bandwidth.parse("10GBps") } catch { #expect(error.problem.contains("ambiguous")) }
    }

    @Test("compute rates")
    func flopRates() throws {
        #expect(try FlopRate.parse("15.7TFLOPS").flopsPerSecond == 15_700_000_000_000)
        #expect(try FlopRate.parse("900GFLOPS").flopsPerSecond == 900_000_000_000)
        #expect(try FlopRate.parse("50GFLOPS").flopsPerSecond == 50_000_000_000)
        #expect(FlopRate(flopsPerSecond: 900_000_000_000).description == "900GFLOPS")
        for bad in ["15.7T", "-1TFLOPS", "0FLOPS"] {
            #expect(throws: UnitParseError.self, "\(bad)") { try FlopRate.parse(bad) }
        }
    }
}

import Testing
@testable import Report

@Suite("Plot quantities")
struct PlotQuantityTests {
    @Test func valuesPrintAsAPersonReadsThem() {
        #expect(PlotQuantity.durationNanoseconds.format(12_400_000_000) == "12.4 s")
        #expect(PlotQuantity.durationNanoseconds.format(850_000_000) == "850 ms")
        #expect(PlotQuantity.bytes.format(2 * 1_073_741_824) == "2 GiB")
        #expect(PlotQuantity.count(unit: "samples/s").format(3_100) == "3.1k samples/s")
        #expect(PlotQuantity.fraction.format(0.875) == "87.5%")
        #expect(PlotQuantity.plain(unit: nil).format(0.693147) == "0.693")
    }

    @Test func compactCountsCarryIntoTheNextPrefix() {
        #expect(PlotQuantity.compact(950) == "950")
        #expect(PlotQuantity.compact(999.7) == "1k")
        #expect(PlotQuantity.compact(12_345) == "12.3k")
        #expect(PlotQuantity.compact(999_960) == "1M")
        #expect(PlotQuantity.compact(2_500_000) == "2.5M")
        #expect(PlotQuantity.compact(-3_100) == "-3.1k")
        #expect(PlotQuantity.compact(0) == "0")
        #expect(PlotQuantity.compact(0.0123) == "0.0123")
    }

    @Test func anAxisPicksOneUnitForAllItsTicks() {
        let time = PlotAxis(title: "time", quantity: .durationNanoseconds, values: [0, 2_300_000_000])
        #expect(time.fullTitle == "time (s)")
        #expect(time.tickLabels == ["0", "0.5", "1.0", "1.5", "2.0", "2.5"])
        let short = PlotAxis(title: "time", quantity: .durationNanoseconds, values: [0, 850_000_000])
        #expect(short.fullTitle == "time (ms)")
        let memory = PlotAxis(title: "memory", quantity: .bytes, values: [3 * 1_073_741_824.0])
        #expect(memory.fullTitle == "memory (GiB)")
        #expect(memory.tickLabels.last == "3.0")
        let rate = PlotAxis(title: "throughput", quantity: .count(unit: "samples/s"), values: [0, 23_000])
        #expect(rate.fullTitle == "throughput (samples/s)")
        #expect(rate.tickLabels == ["0", "5k", "10k", "15k", "20k", "25k"])
        let share = PlotAxis(title: "efficiency", quantity: .fraction, values: [0, 1])
        #expect(share.tickLabels == ["0", "20", "40", "60", "80", "100"])
    }
}

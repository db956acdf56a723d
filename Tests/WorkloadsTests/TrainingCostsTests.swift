import Sim
import Testing
@testable import Workloads

/// The JVM -> Python exchange and source-read costs, with the constants measured on real
/// Spark 4.3 (results/validation/python-exchange-2026-12-05.md).
@Suite struct TrainingCostsTests {
    static func costs(_ exchange: DataExchange) -> TrainingCosts {
        var costs = TrainingCosts()
        costs.exchange = exchange
        return costs
    }

    @Test func pickledRowsCostPerRowAndPerByte() {
        // 1,000,000 rows of 20 doubles and a label: 168 MB.
        let time = Self.costs(.pickle).exchangeTime(rows: 1_000_000, bytes: 168_000_000)
        #expect(time == SimDuration(nanoseconds: 1_000_000 * 2_544 + 168_000_000 * 16_700 / 1_000))
    }

    @Test func arrowBatchesCostPerBatchPerRowAndPerByte() {
        // 1,000,001 rows: 101 batches of at most 10,000 rows.
        let time = Self.costs(.arrow).exchangeTime(rows: 1_000_001, bytes: 1_000)
        #expect(time == SimDuration(nanoseconds: 101 * 72_000 + 1_000_001 * 97 + 3_600))
    }

    /// From a hundred rows on, whatever the width; a single row pays a whole batch.
    @Test func arrowIsCheaperThanPickleFromAHundredRows() {
        #expect(Self.costs(.arrow).exchangeTime(rows: 1, bytes: 24) > Self.costs(.pickle).exchangeTime(rows: 1, bytes: 24))
        for rows in [100, 10_000, 1_000_000] {
            for columns in [1, 2, 20, 200] {
                let bytes = Int64(rows * (columns + 1) * 8)
                #expect(Self.costs(.arrow).exchangeTime(rows: rows, bytes: bytes)
                        < Self.costs(.pickle).exchangeTime(rows: rows, bytes: bytes), "\(rows) x \(columns)")
            }
        }
    }

    @Test func inTheJVMNothingCrosses() {
        #expect(Self.costs(.jvm).exchangeTime(rows: 1_000_000, bytes: 1 << 30) == .zero)
    }

    @Test func aSourceIsReadAgainAtItsRate() {
        #expect(TrainingCosts().sourceReadTime(bytes: 100_000_000) == .seconds(1))
        #expect(TrainingCosts().sourceReadTime(bytes: 1) == SimDuration(nanoseconds: 10))
    }
}

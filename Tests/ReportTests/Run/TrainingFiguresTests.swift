import Testing
@testable import Report

/// Where a steady iteration's time goes: the mean of iterations 2 and later, and its table.
@Suite struct TrainingFiguresTests {
    static func cost(_ iteration: Int, _ parts: [Int64]) -> IterationRecord {
        IterationRecord(iteration: iteration, timeNanoseconds: 0, objective: 0, computeNanoseconds: parts[0],
                        communicationNanoseconds: parts[1], schedulingNanoseconds: parts[2],
                        driverNanoseconds: parts[3], idleNanoseconds: parts[4])
    }

    @Test func theBreakdownIsTheMeanOfIterationsTwoAndLater() throws {
        let rows = [
            Self.cost(0, [0, 0, 0, 0, 0]),
            Self.cost(1, [900, 900, 900, 900, 900]),  // start-up: left out
            Self.cost(2, [10, 4, 6, 1, 0]),
            Self.cost(3, [20, 4, 7, 1, 3]),
            Self.cost(4, [30, 4, 6, 2, 0]),
        ]
        let bar = try #require(TrainingFigures.breakdown(variant: "v", iterations: rows))
        #expect(bar == IterationTimeBreakdown(label: "v", computeNanoseconds: 20, communicationNanoseconds: 4,
                                              schedulingNanoseconds: 6, driverNanoseconds: 1, idleNanoseconds: 1))
        #expect(TrainingFigures.breakdown(variant: "v", iterations: Array(rows.prefix(2))) == nil)
    }

    @Test func theTableIsInMillisecondsAndMarksPartsTooSmallToShow() {
        // 2 ms + 1 µs + 1 ms + 0 + 997 µs = 4 ms per steady iteration.
        let bar = IterationTimeBreakdown(label: "v", computeNanoseconds: 2_000_000, communicationNanoseconds: 1_000,
                                         schedulingNanoseconds: 1_000_000, driverNanoseconds: 0,
                                         idleNanoseconds: 999_000)
        let table = TrainingFigures.breakdownTable([bar])
        #expect(table.count == 3)
        #expect(table[2] == "| v | 4.00 | 2.00 (50%) | <0.01 (<1%) | 1.00 (25%) | 0.00 (0%) | 1.00 (25%) |")
    }
}

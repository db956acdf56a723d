import Testing
@testable import Report

/// Where a steady iteration's time goes: the steady iteration's parts, and its table.
@Suite struct TrainingFiguresTests {
    /// An iteration whose window is the sum of its parts, ending at `time`.
    static func cost(_ iteration: Int, _ parts: [Int64], at time: Int64) -> IterationRecord {
        IterationRecord(iteration: iteration, timeNanoseconds: time, objective: 0, computeNanoseconds: parts[0],
                        communicationNanoseconds: parts[1], schedulingNanoseconds: parts[2],
                        driverNanoseconds: parts[3], idleNanoseconds: parts[4])
    }

    @Test func theBreakdownIsTheSteadyIterationsParts() throws {
        let rows = [
            Self.cost(0, [0, 0, 0, 0, 0], at: 0),
            Self.cost(1, [900, 900, 900, 900, 900], at: 4_500),  // start-up: left out
            Self.cost(2, [10, 4, 6, 1, 0], at: 4_521),            // 21
            Self.cost(3, [20, 4, 7, 1, 3], at: 4_556),            // 35
            Self.cost(4, [30, 4, 6, 2, 0], at: 4_598),            // 42
        ]
        // The median of 21, 35 and 42 is iteration 3.
        let bar = try #require(TrainingFigures.breakdown(variant: "v", iterations: rows))
        #expect(bar == IterationTimeBreakdown(label: "v", computeNanoseconds: 20, communicationNanoseconds: 4,
                                              schedulingNanoseconds: 7, driverNanoseconds: 1, idleNanoseconds: 3))
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

import Foundation
import Report
import Testing
import TestSupport
@testable import Lab

/// Where a steady iteration's time goes, and the scaling curves of training runs.
@Suite struct TrainingFiguresTests {
    static func cost(_ iteration: Int, _ parts: [Int64]) -> [String] {
        ["v", String(iteration), "0", ""] + parts.map(String.init)
    }

    @Test func theBreakdownIsTheMeanOfIterationsTwoAndLater() throws {
        let rows = [
            Self.cost(0, [0, 0, 0, 0, 0]),
            Self.cost(1, [900, 900, 900, 900, 900]),  // start-up: left out
            Self.cost(2, [10, 4, 6, 1, 0]),
            Self.cost(3, [20, 4, 7, 1, 3]),
            Self.cost(4, [30, 4, 6, 2, 0]),
        ]
        let bar = try #require(TrainingFigures.breakdown(variant: "v", costRows: rows))
        #expect(bar == IterationTimeBreakdown(label: "v", computeNanoseconds: 20, communicationNanoseconds: 4,
                                              schedulingNanoseconds: 6, driverNanoseconds: 1, idleNanoseconds: 1))
        #expect(TrainingFigures.breakdown(variant: "v", costRows: Array(rows.prefix(2))) == nil)
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

    @Test func partsSumToTheMeanSteadyIterationOfAShippedComparison() throws {
        let folder = try RunFiguresTests.run("scenarios/hydrogen-vs-mllib.yaml")
        let costs = CSVRecords.parse(try #require(folder["iteration_costs.csv"])).dropFirst()
        let iterations = CSVRecords.parse(try #require(folder["iterations.csv"])).dropFirst()
        for variant in ["mllib", "barrier"] {
            let rows = costs.filter { $0[0] == variant }.map { $0 }
            let bar = try #require(TrainingFigures.breakdown(variant: variant, costRows: rows))
            let times = iterations.filter { $0[0] == variant }.map { Int64($0[2])! }
            let steady = zip(times.dropFirst(2), times.dropFirst()).map { $0 - $1 }
            let mean = Double(steady.reduce(0, +)) / Double(steady.count)
            // Each of the five parts is rounded to the nanosecond.
            #expect(abs(bar.values.reduce(0, +) - mean) <= 3, "\(variant)")
        }
        #expect(ScalingFiguresTests.isWellFormedXML(try #require(folder["breakdown.svg"])))
        let report = try #require(folder["report.md"])
        #expect(report.contains("![Where a steady iteration's time goes](breakdown.svg)"))
        #expect(report.contains("| variant | steady iteration (ms) | compute (ms) | communication (ms) |"))
        #expect(report.contains("**task-parallel is 4.24x faster**"))
        // One worker count per style: no scaling curves.
        #expect(folder["scaling.svg"] == nil && folder["efficiency.svg"] == nil)
    }

    @Test func scalingCurvesNeedTwoWorkerCountsInAStyle() throws {
        let folder = try RunFiguresTests.run("scenarios/data-exchange.yaml")
        for name in ["scaling.svg", "efficiency.svg", "breakdown.svg"] {
            #expect(ScalingFiguresTests.isWellFormedXML(try #require(folder[name])), "\(name)")
        }
        // Pickle and Arrow are one style at two settings: two curves, not one through
        // each worker count twice.
        let scaling = try #require(folder["scaling.svg"])
        #expect(scaling.contains(">pickle<") && scaling.contains(">arrow<"))
        #expect(try #require(folder["efficiency.svg"]).contains("efficiency (%)"))
        #expect(try #require(folder["report.md"]).contains("![Scaling efficiency](efficiency.svg)"))
    }

    @Test func deepLearningRunsPlotThroughputAgainstGPUs() throws {
        let folder = try RunFiguresTests.run("scenarios/horovod-scaling.yaml")
        let scaling = try #require(folder["scaling.svg"])
        for model in ["resnet-101", "inception-v3", "vgg-16"] { #expect(scaling.contains(model)) }
        #expect(scaling.contains("GPUs") && scaling.contains("throughput (samples/s)"))
        for name in ["scaling.svg", "efficiency.svg"] {
            #expect(ScalingFiguresTests.isWellFormedXML(try #require(folder[name])), "\(name)")
        }
        #expect(folder["breakdown.svg"] == nil)
    }
}

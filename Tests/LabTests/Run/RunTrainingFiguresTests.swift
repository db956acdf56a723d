import Foundation
import Testing
import TestSupport
@testable import Lab
@testable import Report

#if canImport(FoundationXML)
import FoundationXML
#endif

/// Where a steady iteration's time goes, and the scaling curves, in shipped training runs.
@Suite struct RunTrainingFiguresTests {
    static func isWellFormedXML(_ text: String) -> Bool { XMLParser(data: Data(text.utf8)).parse() }

    @Test func partsSumToTheSteadyIterationOfAShippedComparison() throws {
        let folder = try RunFiguresTests.run("scenarios/hydrogen-vs-mllib.yaml")
        let costs = CSVRecords.parse(try #require(folder["iteration_costs.csv"])).dropFirst()
        let iterations = CSVRecords.parse(try #require(folder["iterations.csv"])).dropFirst()
        for variant in ["mllib", "barrier"] {
            // iteration_costs.csv: variant, iteration, time_ns, accuracy, then the five parts.
            let rows = costs.filter { $0[0] == variant }.map { row in
                IterationRecord(iteration: Int(row[1])!, timeNanoseconds: Int64(row[2])!, objective: 0,
                                computeNanoseconds: Int64(row[4])!, communicationNanoseconds: Int64(row[5])!,
                                schedulingNanoseconds: Int64(row[6])!, driverNanoseconds: Int64(row[7])!,
                                idleNanoseconds: Int64(row[8])!)
            }
            let bar = try #require(TrainingFigures.breakdown(variant: variant, iterations: rows))
            let times = iterations.filter { $0[0] == variant }.map { Int64($0[2])! }
            let steady = zip(times.dropFirst(2), times.dropFirst()).map { $0 - $1 }.sorted()
            let median = steady[steady.count / 2]
            // One real iteration: its parts add up to its time exactly, the comparison's per-iteration time.
            #expect(bar.values.reduce(0, +) == Double(median), "\(variant)")
            let comparison = CSVRecords.parse(try #require(folder["training_scaling.csv"])).dropFirst()
            #expect(comparison.first { $0[0] == variant }?[5] == String(median), "\(variant)")
        }
        #expect(Self.isWellFormedXML(try #require(folder["breakdown.svg"])))
        let report = try #require(folder["report.md"])
        #expect(report.contains("![Where a steady iteration's time goes](breakdown.svg)"))
        #expect(report.contains("| variant | steady iteration (ms) | compute (ms) | communication (ms) |"))
        #expect(report.contains("**barrier-allreduce is 6.61x faster**"))
        // One worker count per style: no scaling curves.
        #expect(folder["scaling.svg"] == nil && folder["efficiency.svg"] == nil)
    }

    @Test func scalingCurvesNeedTwoWorkerCountsInAStyle() throws {
        let folder = try RunFiguresTests.run("scenarios/data-exchange.yaml")
        for name in ["scaling.svg", "efficiency.svg", "breakdown.svg"] {
            #expect(Self.isWellFormedXML(try #require(folder[name])), "\(name)")
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
            #expect(Self.isWellFormedXML(try #require(folder[name])), "\(name)")
        }
        #expect(folder["breakdown.svg"] == nil)
    }
}

import Foundation
import Testing
@testable import Lab

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The scaling curves of a training comparison: one line per style and setting, drawn
/// only when a line ran at two or more worker counts, as well-formed SVG.
@Suite struct ScalingFiguresTests {
    static func rows(_ variant: String, step: Int64) -> [[String]] {
        TrainingComparisonTests.rows(variant, startup: 1_000, step: step, iterations: 6)
    }

    static func isWellFormedXML(_ text: String) -> Bool { XMLParser(data: Data(text.utf8)).parse() }

    static func workload(_ style: Scenario.TrainingStyle, workers: Int, exchange: Scenario.TrainingOptions.Exchange)
        -> Scenario.Workload
    {
        var training = Scenario.LogisticRegressionWorkload(
            style: style, data: .synthetic(rows: 100, features: 2), partitions: workers, solver: .gd, maxIter: 5,
            tol: 0, regParam: 0)
        training.options.exchange = exchange
        return .logisticRegression(training)
    }

    @Test func oneWorkerCountPerStyleWritesNoScalingFigures() throws {
        let comparison = try #require(TrainingComparison(variants: [
            ("tp", "task-parallel", 8, Self.rows("tp", step: 100)),
            ("b", "barrier-allreduce", 8, Self.rows("b", step: 50)),
        ]))
        var folder = OutputFolder()
        #expect(TrainingFigures.scalingFigures(comparison, name: "s", folder: &folder).isEmpty)
        #expect(folder.files.isEmpty)
    }

    @Test func twoWorkerCountsInOneStyleWriteBothFiguresAsValidSVG() throws {
        let comparison = try #require(TrainingComparison(variants: [
            ("tp-2", "task-parallel", 2, Self.rows("tp-2", step: 100)),
            ("tp-8", "task-parallel", 8, Self.rows("tp-8", step: 50)),
            ("b-8", "barrier-allreduce", 8, Self.rows("b-8", step: 20)),
        ]))
        var folder = OutputFolder()
        let lines = TrainingFigures.scalingFigures(comparison, name: "s", folder: &folder)
        #expect(folder.files.map(\.name) == ["scaling.svg", "efficiency.svg"])
        #expect(lines.contains("![Time per steady iteration](scaling.svg)"))
        #expect(lines.contains("![Scaling efficiency](efficiency.svg)"))
        for file in folder.files { #expect(Self.isWellFormedXML(file.contents), "\(file.name)") }
        // Only the style with two worker counts is drawn.
        let scaling = folder.files[0].contents
        #expect(scaling.contains("task-parallel") && !scaling.contains("barrier-allreduce"))
        // 50% efficiency at 8 workers; the axis runs past 100% so that line is off the frame.
        #expect(folder.files[1].contents.contains("efficiency 50.0%"))
        #expect(folder.files[1].contents.contains(">120<"))
    }

    @Test func variantsThatDifferBeyondWorkersGetTheirOwnLines() {
        let variants: [(name: String, style: String, workers: Int, workload: Scenario.Workload)] = [
            ("pickle-4", "barrier-allreduce", 4, Self.workload(.barrierAllreduce, workers: 4, exchange: .pickle)),
            ("arrow-4", "barrier-allreduce", 4, Self.workload(.barrierAllreduce, workers: 4, exchange: .arrow)),
            ("pickle-16", "barrier-allreduce", 16, Self.workload(.barrierAllreduce, workers: 16, exchange: .pickle)),
            ("arrow-16", "barrier-allreduce", 16, Self.workload(.barrierAllreduce, workers: 16, exchange: .arrow)),
            ("mllib-16", "task-parallel", 16, Self.workload(.taskParallel, workers: 16, exchange: .pickle)),
        ]
        #expect(ScalingLines.settings(variants) == ["pickle", "arrow", "pickle", "arrow", nil])
        #expect(ScalingLines.name(style: "barrier-allreduce", setting: "arrow") == "barrier-allreduce (arrow)")
        #expect(ScalingLines.stem("pickle-16", workers: 16) == "pickle")
        #expect(ScalingLines.stem("w16", workers: 16) == "w")
        #expect(ScalingLines.stem("16", workers: 16) == "16")
        #expect(ScalingLines.stem("ring", workers: 4) == "ring")
    }

    @Test func efficiencyIsMeasuredWithinALineNotAcrossSettings() throws {
        // Two settings of one style: the slow one's 8-worker run is measured against its
        // own 2-worker run, not the fast setting's.
        let comparison = try #require(TrainingComparison(variants: [
            ("fast-2", "barrier-allreduce", 2, Self.rows("fast-2", step: 40)),
            ("slow-2", "barrier-allreduce", 2, Self.rows("slow-2", step: 100)),
            ("slow-8", "barrier-allreduce", 8, Self.rows("slow-8", step: 50)),
        ], settings: ["fast", "slow", "slow"]))
        #expect(comparison.rows.map(\.scalingEfficiency) == [1, 1, 0.5])  // 100*2 / (50*8)
        var folder = OutputFolder()
        _ = TrainingFigures.scalingFigures(comparison, name: "s", folder: &folder)
        let scaling = try #require(folder.files.first { $0.name == "scaling.svg" }?.contents)
        // Only the slow line has two worker counts; one style, so the legend names the setting.
        #expect(scaling.contains(">slow<") && !scaling.contains("fast"))
        #expect(scaling.contains("s, barrier-allreduce: median of iterations 2 and later"))
    }
}

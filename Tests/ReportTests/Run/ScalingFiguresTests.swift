import Foundation
import Testing
@testable import Report

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The scaling curves of a training comparison: one line per style and setting, drawn
/// only when a line ran at two or more worker counts, as well-formed SVG.
@Suite struct ScalingFiguresTests {
    static func variant(_ name: String, _ style: String, _ workers: Int, step: Int64) -> TrainingComparison.Variant {
        TrainingComparisonTests.variant(name, style, workers,
                                        TrainingComparisonTests.rows(startup: 1_000, step: step, iterations: 6))
    }

    static func isWellFormedXML(_ text: String) -> Bool { XMLParser(data: Data(text.utf8)).parse() }

    @Test func oneWorkerCountPerStyleWritesNoScalingFigures() throws {
        let comparison = try #require(TrainingComparison(variants: [
            Self.variant("tp", "task-parallel", 8, step: 100),
            Self.variant("b", "barrier-allreduce", 8, step: 50),
        ]))
        var files: [ReportFile] = []
        #expect(TrainingFigures.scalingFigures(comparison, name: "s", files: &files).isEmpty)
        #expect(files.isEmpty)
    }

    @Test func twoWorkerCountsInOneStyleWriteBothFiguresAsValidSVG() throws {
        let comparison = try #require(TrainingComparison(variants: [
            Self.variant("tp-2", "task-parallel", 2, step: 100),
            Self.variant("tp-8", "task-parallel", 8, step: 50),
            Self.variant("b-8", "barrier-allreduce", 8, step: 20),
        ]))
        var files: [ReportFile] = []
        let lines = TrainingFigures.scalingFigures(comparison, name: "s", files: &files)
        #expect(files.map(\.name) == ["scaling.svg", "efficiency.svg"])
        #expect(lines.contains("![Time per steady iteration](scaling.svg)"))
        #expect(lines.contains("![Scaling efficiency](efficiency.svg)"))
        for file in files { #expect(Self.isWellFormedXML(file.contents), "\(file.name)") }
        // Only the style with two worker counts is drawn.
        let scaling = files[0].contents
        #expect(scaling.contains("task-parallel") && !scaling.contains("barrier-allreduce"))
        // 50% efficiency at 8 workers; the axis runs past 100% so that line is off the frame.
        #expect(files[1].contents.contains("efficiency 50.0%"))
        #expect(files[1].contents.contains(">120<"))
    }

    @Test func variantsThatDifferBeyondWorkersGetTheirOwnLines() {
        // Groups as Lab finds them: pickle at 4 and 16 workers share one, arrow another.
        let variants: [(name: String, style: String, workers: Int, group: Int)] = [
            ("pickle-4", "barrier-allreduce", 4, 0), ("arrow-4", "barrier-allreduce", 4, 1),
            ("pickle-16", "barrier-allreduce", 16, 0), ("arrow-16", "barrier-allreduce", 16, 1),
            ("mllib-16", "task-parallel", 16, 4),
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
            Self.variant("fast-2", "barrier-allreduce", 2, step: 40),
            Self.variant("slow-2", "barrier-allreduce", 2, step: 100),
            Self.variant("slow-8", "barrier-allreduce", 8, step: 50),
        ], settings: ["fast", "slow", "slow"]))
        #expect(comparison.rows.map(\.scalingEfficiency) == [1, 1, 0.5])  // 100*2 / (50*8)
        var files: [ReportFile] = []
        _ = TrainingFigures.scalingFigures(comparison, name: "s", files: &files)
        let scaling = try #require(files.first { $0.name == "scaling.svg" }?.contents)
        // Only the slow line has two worker counts; one style, so the legend names the setting.
        #expect(scaling.contains(">slow<") && !scaling.contains("fast"))
        #expect(scaling.contains("s, barrier-allreduce: median of iterations 2 and later"))
    }
}

import Foundation
@testable import Report
import Testing
@testable import Lab

/// A sweep reads a run's figures two ways: from the records of a run done in this
/// process, and from the files of a run reused from the cache. Both must give the same
/// values, or `sweep.csv` would change with what happened to be cached.
@Suite struct SweepRunFiguresTests {
    /// Every run of the sweep in `yaml`, fresh and as read back from its files.
    static func bothWays(_ yaml: String, file: String) throws -> [(fresh: SweepRunFigures, read: SweepRunFigures)] {
        let plan = try #require(SweepPlan(try ScenarioLoader.loadSource(text: yaml, file: file)))
        return try plan.runs.map { run in
            let scenario = try ScenarioLoader.scenario(plan.source, at: run.point).withSeed(run.seed)
            let output = SweepRunOutput.run(scenario)
            func file(_ name: String) -> String? { output.folder.files.first { $0.name == name }?.contents }
            let files = SweepRunFiles(summaryCSV: try #require(file("summary.csv")),
                                      iterationsCSV: file("iterations.csv"),
                                      trainingScalingCSV: file("training_scaling.csv"))
            return (output.figures, try files.figures())
        }
    }

    @Test func aTrainingComparisonReadsBackAsItRan() throws {
        let runs = try Self.bothWays(SweepFiguresTests.compareYAML, file: "styles.yaml")
        #expect(runs.count == 6)
        for run in runs {
            #expect(run.fresh == run.read)
            #expect(run.fresh.variants.map(\.summary.variant) == ["a", "b"])
        }
        // At 2 and 4 partitions both variants train and compare; at 16 the barrier job
        // cannot get 16 slots on 8 executors, reaches no iteration, and nothing compares.
        let complete = runs.map { run in run.fresh.variants.allSatisfy { $0.finalObjective != nil && $0.training != nil } }
        #expect(complete == [true, true, true, true, false, false])
        #expect(runs.suffix(2).allSatisfy { $0.fresh.variants.map(\.finalObjective).map { $0 == nil } == [false, true] })
    }

    @Test func aScriptedRunReadsBackAsItRan() throws {
        let runs = try Self.bothWays(tinySweepYAML, file: "tiny.yaml")
        #expect(runs.count == 20)
        for run in runs {
            #expect(run.fresh == run.read)
            #expect(run.fresh.variants.count == 1 && run.fresh.variants[0].summary.makespanNanoseconds != nil)
            #expect(run.fresh.variants.allSatisfy { $0.finalObjective == nil && $0.training == nil })
        }
    }

    /// The objective goes through `iterations.csv`'s formatter both ways, so the cell of
    /// `sweep.csv` is the text of the run's file, digit for digit.
    @Test func theFinalObjectiveCellIsTheTextOfIterationsCSV() throws {
        let plan = try #require(SweepPlan(try ScenarioLoader.loadSource(text: SweepFiguresTests.compareYAML,
                                                                        file: "styles.yaml")))
        let run = plan.runs[0]
        let output = SweepRunOutput.run(try ScenarioLoader.scenario(plan.source, at: run.point).withSeed(run.seed))
        let iterations = try #require(output.folder.files.first { $0.name == "iterations.csv" }?.contents)
        let lastB = try #require(CSVRecords.parse(iterations).last { $0.first == "b" })
        let table = SweepTable(sweep: SweepRecord(scenario: plan.record.scenario, parameters: plan.record.parameters,
                                                  runs: [plan.record.runs[0]], axis: nil),
                               runs: [output.figures])
        let row = try #require(CSVRecords.parse(table.csv).dropFirst().first { $0[2] == "b" })
        let header = CSVRecords.parse(table.csv)[0]
        #expect(row[header.firstIndex(of: "final_objective")!] == lastB.last)
    }

    @Test func filesThatDoNotDecodeAreNotTrusted() throws {
        #expect(throws: SweepRunFiles.Unreadable.self) {
            try SweepRunFiles(summaryCSV: "point,seed\n0,1\n", iterationsCSV: nil, trainingScalingCSV: nil).figures()
        }
        let summary = SummaryRow.csv([SummaryRow(scenario: "s", variant: "", seed: 1, makespanNanoseconds: 5,
                                                 jobsSucceeded: 1, jobsFailed: 0, tasksLaunched: 2, taskFailures: 0,
                                                 simulated: "engine", executorsAtStart: 1, executorsAtEnd: 1,
                                                 faultsApplied: 0)])
        #expect(throws: SweepRunFiles.Unreadable.self) {
            try SweepRunFiles(summaryCSV: summary, iterationsCSV: "variant,iteration,time_ns,objective\n,0,0,x\n",
                              trainingScalingCSV: nil).figures()
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sparksim-run-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        #expect(SweepExecutor.cachedFigures(in: folder.path) == nil)
        try Data(summary.utf8).write(to: folder.appendingPathComponent("summary.csv"))
        #expect(SweepExecutor.cachedFigures(in: folder.path)?.variants.map(\.summary.makespanNanoseconds) == [5])
    }

    /// The sweep spells a summary row cell by cell; every column of `summary.csv` but the
    /// two it drops must have its cell, in the file's order.
    @Test func everySummaryColumnHasItsCell() {
        let row = SummaryRow(scenario: "s", variant: "v", seed: 1, makespanNanoseconds: 2, jobsSucceeded: 3,
                             jobsFailed: 4, tasksLaunched: 5, taskFailures: 6, simulated: "engine",
                             executorsAtStart: 7, executorsAtEnd: 8, faultsApplied: 9)
        let cells = SweepTable.cells(.init(summary: row, finalObjective: nil, training: nil))
        let summaryColumns = SummaryRow.columns.filter { !SweepTable.dropped.contains($0) }
        #expect(Array(cells.map(\.column).prefix(summaryColumns.count)) == summaryColumns)
        let fields = zip(SummaryRow.columns, row.fields).filter { !SweepTable.dropped.contains($0.0) }.map(\.1)
        #expect(Array(cells.map(\.cell.text).prefix(summaryColumns.count)) == fields)
    }

    /// A training sweep done again from its cache writes the same `sweep.csv` and `sweep.md`.
    @Test func aCachedTrainingSweepWritesTheSameReport() throws {
        let workspace = try SweepWorkspace(SweepFiguresTests.compareYAML)
        defer { workspace.remove() }
        let first = try workspace.sweep(jobs: 2)
        let files = ["sweep.csv", "sweep.md"].map { first.folder + "/" + $0 }
        let fresh = try files.map { try Data(contentsOf: URL(fileURLWithPath: $0)) }
        let again = try workspace.sweep(jobs: 2)
        #expect(first.cached == 0 && again.cached == again.runs)
        #expect(try files.map { try Data(contentsOf: URL(fileURLWithPath: $0)) } == fresh)
    }
}

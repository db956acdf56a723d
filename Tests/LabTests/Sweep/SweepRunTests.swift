import Foundation
import Report
import Testing
@testable import Lab

@Suite struct SweepRunTests {
    @Test func runsAreEveryPointInGridOrderTimesEverySeed() throws {
        let workspace = try SweepWorkspace(tinySweepYAML)
        defer { workspace.remove() }
        let plan = try workspace.plan()
        #expect(plan.runs.map(\.folderName) == [
            "p000-seed10", "p000-seed11", "p000-seed12", "p000-seed13", "p000-seed14",
            "p001-seed10", "p001-seed11", "p001-seed12", "p001-seed13", "p001-seed14",
            "p002-seed10", "p002-seed11", "p002-seed12", "p002-seed13", "p002-seed14",
            "p003-seed10", "p003-seed11", "p003-seed12", "p003-seed13", "p003-seed14",
        ])
        #expect(plan.runs.filter { $0.seed == 10 }.map(\.point.description) == [
            "cluster.hosts_per_rack=1 spark.locality.wait=0s", "cluster.hosts_per_rack=1 spark.locality.wait=3s",
            "cluster.hosts_per_rack=2 spark.locality.wait=0s", "cluster.hosts_per_rack=2 spark.locality.wait=3s",
        ])
    }

    @Test func oneWorkerAndTwoWorkersWriteTheSameBytes() throws {
        let workspace = try SweepWorkspace(tinySweepYAML)
        defer { workspace.remove() }
        let names = try workspace.expectSameBytesOnOneAndTwoWorkers()
        #expect(names.contains("tiny/sweep.csv") && names.contains("tiny/sweep.md"))
        #expect(names.filter { $0.hasSuffix("/.key") }.count == 20)
        #expect(names.filter { $0.hasSuffix("/summary.csv") }.count == 20)
    }

    @Test func aggregatedRowsHoldGSLMeanDeviationAndStudentTInterval() throws {
        let workspace = try SweepWorkspace(tinySweepYAML)
        defer { workspace.remove() }
        let summary = try workspace.sweep(jobs: 2, runScenario: seedMakespanRunner)
        let csv = try String(contentsOfFile: summary.folder + "/sweep.csv", encoding: .utf8)
        let records = CSVRecords.parse(csv)
        let header = records[0]
        let aggregated = records.dropFirst().filter { $0[header.firstIndex(of: "seed")!] == "all" }
        #expect(aggregated.count == 4)
        #expect(records.count == 1 + 20 + 4)
        let sample = try SampleStatistics([1e9, 2e9, 3e9, 4e9, 5e9])
        let interval = try #require(sample.confidenceInterval(level: 0.95))
        for row in aggregated {
            func value(_ column: String) -> Double { Double(row[header.firstIndex(of: column)!])! }
            #expect(value("makespan_ns_mean") == sample.mean)
            #expect(value("makespan_ns_sd") == sample.standardDeviation)
            #expect(value("makespan_ns_ci95_low") == interval.lower)
            #expect(value("makespan_ns_ci95_high") == interval.upper)
            #expect(value("n") == 5)
            // Independent reference: s = sqrt(2.5) s, t(0.975, 4) = 2.7764451051977987.
            #expect(abs(value("makespan_ns_sd") - 1.5811388300841898e9) < 1)
            #expect(abs(value("makespan_ns_ci95_high") - (3e9 + 2.7764451051977987 * 1.5811388300841898e9
                / 5.0.squareRoot())) < 10)
            #expect(value("tasks_launched_sd") == 0)
        }
        let markdown = try String(contentsOfFile: summary.folder + "/sweep.md", encoding: .utf8)
        #expect(markdown.contains("| p000 | 1 | 0s | 5 | 3 s | 1.96 s | 1.58 s | 4 |"))
    }

    @Test func aMatchingKeyReusesTheRunAndAChangedFileRunsItAgain() throws {
        let workspace = try SweepWorkspace(tinySweepYAML)
        defer { workspace.remove() }
        let counter = RunCounter()
        let counting: SweepExecutor.RunScenario = { scenario in
            counter.increment()
            return SweepRunOutput.run(scenario)
        }
        let first = try workspace.sweep(jobs: 2, runScenario: counting)
        #expect(counter.count == 20 && first.cached == 0)
        let csv = try Data(contentsOf: URL(fileURLWithPath: first.folder + "/sweep.csv"))
        let again = try workspace.sweep(jobs: 2, runScenario: counting)
        #expect(counter.count == 20 && again.cached == 20)
        #expect(try Data(contentsOf: URL(fileURLWithPath: first.folder + "/sweep.csv")) == csv)

        // An interrupted sweep: a folder without its key is run again, alone.
        try FileManager.default.removeItem(atPath: first.folder + "/runs/p002-seed13/.key")
        try workspace.sweep(jobs: 2, runScenario: counting)
        #expect(counter.count == 21)

        // One more byte in the file (a comment) changes every key.
        try workspace.write(tinySweepYAML + "# edited\n")
        let edited = try workspace.sweep(jobs: 2, runScenario: counting)
        #expect(counter.count == 41 && edited.cached == 0)
    }

    @Test func theKeyCoversFileBytesPointSeedAndVersion() throws {
        let workspace = try SweepWorkspace(tinySweepYAML)
        defer { workspace.remove() }
        let runs = try workspace.plan().runs
        let bytes = try workspace.bytes()
        let key = SweepPlan.cacheKey(fileBytes: bytes, run: runs[0])
        #expect(key.count == 16 && key == SweepPlan.cacheKey(fileBytes: bytes, run: runs[0]))
        #expect(key != SweepPlan.cacheKey(fileBytes: bytes + [0x20], run: runs[0]))
        #expect(key != SweepPlan.cacheKey(fileBytes: bytes, run: runs[1]))
        #expect(key != SweepPlan.cacheKey(fileBytes: bytes, run: runs[5]))
        #expect(key != SweepPlan.cacheKey(fileBytes: bytes, run: runs[0], version: "0.0.0-other"))
    }

    @Test func aScenarioWithoutSweepHasNoPlan() throws {
        #expect(SweepPlan(try ScenarioLoader.loadSource(text: minimal(), file: "t.yaml")) == nil)
    }

    @Test func aChangedDataFileRunsThePointsAgain() throws {
        let workspace = try SweepWorkspace("""
            name: data
            cluster: {hosts_per_rack: 2}
            workload: {kind: logistic-regression, style: task-parallel, data: {csv: rows.csv, label: y},
                       partitions: 2, solver: gd, max_iter: 2, tol: 0}
            sweep: {parameters: {workload.partitions: [1, 2]}}

            """)
        defer { workspace.remove() }
        let csv = workspace.root.appendingPathComponent("rows.csv")
        func writeRows(_ shift: Double) throws {
            var text = "x,y\n"
            for i in 0..<20 { text += "\(Double(i) / 10 + shift),\(i % 2)\n" }
            try Data(text.utf8).write(to: csv)
        }
        try writeRows(0)
        #expect(try workspace.sweep(jobs: 1).cached == 0)
        #expect(try workspace.sweep(jobs: 1).cached == 2)
        try writeRows(0.5)
        #expect(try workspace.sweep(jobs: 1).cached == 0)
    }

    @Test func theLargestRunsStartFirstAndResultsKeepPlanOrder() throws {
        let workspace = try SweepWorkspace(SweepFiguresTests.compareYAML)
        defer { workspace.remove() }
        let plan = try workspace.plan()
        let executor = SweepExecutor(plan: plan, fileBytes: try workspace.bytes(), folder: workspace.outputPath, jobs: 2)
        // workload.partitions 16, then 4, then 2; two seeds each, in plan order.
        #expect(executor.executionOrder == [4, 5, 2, 3, 0, 1])
        let ranOrder = RunOrder()
        let results = try SweepExecutor(plan: plan, fileBytes: try workspace.bytes(), folder: workspace.outputPath,
                                        jobs: 1, runScenario: { scenario in
                                            ranOrder.append(scenario.sweepPoint!.index)
                                            let row = SummaryRow(
                                                scenario: "p\(scenario.sweepPoint!.index)", variant: "",
                                                seed: scenario.seed, makespanNanoseconds: nil, jobsSucceeded: nil,
                                                jobsFailed: nil, tasksLaunched: nil, taskFailures: nil,
                                                simulated: "stub", executorsAtStart: 0, executorsAtEnd: 0,
                                                faultsApplied: 0)
                                            var folder = OutputFolder()
                                            folder.add("summary.csv", SummaryRow.csv([row]))
                                            return SweepRunOutput(folder: folder, figures: SweepRunFigures(variants: [
                                                .init(summary: row, finalObjective: nil, training: nil),
                                            ]))
                                        }).execute()
        #expect(ranOrder.values == [2, 2, 1, 1, 0, 0])
        #expect(results.map { "\($0.figures.variants[0].summary.scenario)-\($0.figures.variants[0].summary.seed)" }
            == ["p0-1", "p0-2", "p1-1", "p1-2", "p2-1", "p2-2"])
    }
}

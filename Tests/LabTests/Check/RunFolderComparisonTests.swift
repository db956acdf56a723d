import Foundation
import Report
import Testing
import TestSupport
@testable import Lab

/// `sparksim compare`: two run folders read back and measured against each other, with
/// durations known from the scenarios (control plane off, so times are exact).
@Suite struct RunFolderComparisonTests {
    /// One executor with two cores: map's tasks run side by side, reduce after the longer one.
    static func scripted(mapDurations: String, extraJob: Bool) -> String {
        let report = [
            "    - name: report",
            "      after: etl",
            "      stages:",
            "        - {name: write, tasks: 1, duration: 250ms}",
        ]
        return ([
            "name: compare-fixture",
            "cluster:",
            "  executors:",
            "    - {id: exec1, host: host1, cores: 2}",
            "engine: {control_plane: none, shuffle_offers: false}",
            "workload:",
            "  kind: scripted",
            "  jobs:",
            "    - name: etl",
            "      stages:",
            "        - {name: map, tasks: 2, durations: \(mapDurations)}",
            "        - {name: reduce, parents: [map], tasks: 1, duration: 500ms}",
        ] + (extraJob ? report : [])).joined(separator: "\n") + "\n"
    }

    static func folder(_ scenario: Scenario) -> [String: Data] {
        Dictionary(uniqueKeysWithValues: Runner.run(scenario).files.map { ($0.name, Data($0.contents.utf8)) })
    }

    static func folder(_ files: [String: String]) -> [String: Data] { files.mapValues { Data($0.utf8) } }

    static func fixture() throws -> RunComparison {
        let a = try ScenarioLoader.load(text: scripted(mapDurations: "[1s, 2s]", extraJob: false), file: "a.yaml")
        let b = try ScenarioLoader.load(text: scripted(mapDurations: "[1s, 3s]", extraJob: true), file: "b.yaml")
        return try RunFolderComparison(a: folder(a), b: folder(b)).comparison
    }

    static let summaryHeader = SummaryRow.columns.joined(separator: ",")

    @Test func aLongerTaskAndAJobOnOneSideAreMeasuredExactly() throws {
        let comparison = try Self.fixture()
        let variant = try #require(comparison.variants.first)
        #expect(comparison.variants.count == 1 && variant.variant == "")
        #expect(variant.value(.makespan) == ComparedValue(.makespan, a: 2_500_000_000, b: 3_750_000_000))
        #expect(variant.value(.makespan)?.relative == 0.5)
        #expect(variant.value(.jobsSucceeded)?.delta == 1)

        let etl = try #require(comparison.jobs.first { $0.job == "etl" })
        #expect(etl.presence == .both && etl.outcomeA == "succeeded" && etl.outcomeB == "succeeded")
        #expect(etl.value(.duration) == ComparedValue(.duration, a: 2_500_000_000, b: 3_500_000_000))
        #expect(etl.value(.taskTime)?.delta == 1_000_000_000)
        #expect(etl.value(.tasks) == ComparedValue(.tasks, a: 3, b: 3))
        let report = try #require(comparison.jobs.first { $0.job == "report" })
        #expect(report.presence == .onlyB)
        #expect(report.value(.duration) == ComparedValue(.duration, a: nil, b: 250_000_000))
        #expect(report.value(.duration)?.delta == nil)

        let map = try #require(comparison.stages.first { $0.stage == "map" })
        #expect(map.value(.duration)?.delta == 1_000_000_000)
        #expect(map.value(.medianTask) == ComparedValue(.medianTask, a: 1_500_000_000, b: 2_000_000_000))
        #expect(map.value(.attempts) == ComparedValue(.attempts, a: 1, b: 1))
        #expect(map.value(.processLocal) == ComparedValue(.processLocal, a: 2, b: 2))
        // Largest change first, unchanged after it, the one-sided stage last.
        #expect(ComparedItem.ordered(comparison.stages).map { $0.stage } == ["map", "reduce", "write"])
        #expect(comparison.oneSidedFiles.isEmpty)
    }

    @Test func aSettingChangedOnTheCommandLineShowsWhereTheTimeWent() throws {
        // DS-03a waits 3 s for locality; with 10 s task 2 waits until 10 s for NODE_LOCAL.
        let path = RepositoryPaths.resolve("scenarios/conformance/ds-03a-basic-delay-scheduling.yaml").path
        let a = try ScenarioLoader.load(path: path)
        let b = try ScenarioLoader.load(path: path, settings: ["spark.locality.wait=10s"])
        let comparison = try RunFolderComparison(a: Self.folder(a), b: Self.folder(b)).comparison
        #expect(comparison.variants.first?.value(.makespan)?.delta == 7_000_000_000)
        #expect(comparison.jobs.first?.value(.duration) == ComparedValue(.duration, a: 13_000_000_000, b: 20_000_000_000))
        #expect(comparison.stages.first?.value(.taskTime)?.delta == 0)
        #expect(comparison.stages.first?.value(.nodeLocal) == ComparedValue(.nodeLocal, a: 1, b: 1))
    }

    @Test func theTableAndTheCSVShowTheDeltas() throws {
        let comparison = try Self.fixture()
        let lines = comparison.lines(limit: 1)
        #expect(lines.contains("Stages: 2 in both, 1 only in B; the 1 largest shown (--all for all 3)"))
        let tokens = lines.map { $0.split(separator: " ").map(String.init) }
        #expect(tokens.contains(["etl", "map", "2", "s", "3", "s", "+1", "s", "+50.0%", "1", "2", "0", "0", "1.5", "s",
                                 "2", "s", "+1", "s"]))
        #expect(!lines.contains { $0.contains("reduce") })
        #expect(comparison.lines(limit: nil).contains { $0.contains("report") && $0.contains("only in B") })
        #expect(!comparison.isUnchanged)

        let csv = CSVRecords.parse(comparison.csv)
        #expect(csv.first == RunComparison.csvColumns)
        #expect(csv.contains(["stage", "", "etl", "map", "", "median_task_ns", "1500000000", "2000000000", "500000000",
                              "33.33", "both"]))
        #expect(csv.contains(["job", "", "report", "", "", "duration_ns", "", "250000000", "", "", "only-b"]))
        #expect(csv.contains(["job", "", "etl", "", "", "outcome", "succeeded", "succeeded", "", "", "both"]))
    }

    @Test func aFolderComparedWithItselfShowsNoChange() throws {
        let a = try ScenarioLoader.load(text: Self.scripted(mapDurations: "[1s, 2s]", extraJob: true), file: "a.yaml")
        let folder = Self.folder(a)
        let comparison = try RunFolderComparison(a: folder, b: folder).comparison
        #expect(comparison.isUnchanged)
        #expect(comparison.lines(limit: 20).contains { $0.hasPrefix("no change: ") })
        let deltas = CSVRecords.parse(comparison.csv).dropFirst().map { $0[8] }
        #expect(!deltas.isEmpty && deltas.allSatisfy { $0 == "0" || $0 == "" })
    }

    @Test func iterationsAreSummarisedAndTheirLargestChangesSorted() throws {
        let header = "variant,iteration,time_ns,accuracy,compute_ns,communication_ns,scheduling_ns,driver_ns,idle_ns"
        // A: iterations take 10, 4, 6 ns; B: 8, 4, 3, 4 ns. Each: compute = time - 1, idle = 1.
        func costs(_ times: [Int64]) -> String {
            ([header] + times.enumerated().map { index, time in
                let duration = index == 0 ? 0 : time - times[index - 1]
                return "v,\(index),\(time),,\(max(0, duration - 1)),0,0,0,\(index == 0 ? 0 : 1)"
            }).joined(separator: "\n") + "\n"
        }
        let summary = Self.summaryHeader + "\ns,v,1,20,1,0,2,0,training,1,1,0\n"
        let a = Self.folder(["summary.csv": summary, "iteration_costs.csv": costs([0, 10, 14, 20])])
        let b = Self.folder(["summary.csv": summary, "iteration_costs.csv": costs([0, 8, 12, 15, 19])])
        let items = try RunFolderComparison(a: a, b: b).comparison.iterations
        func row(_ name: String) throws -> ComparedItem { try #require(items.first { $0.summary == name }) }
        #expect(try row("first").value(.duration) == ComparedValue(.duration, a: 10, b: 8))
        #expect(try row("first").value(.compute) == ComparedValue(.compute, a: 9, b: 7))
        #expect(try row("median-steady").value(.duration) == ComparedValue(.duration, a: 5, b: 4))
        #expect(try row("mean-steady").value(.duration) == ComparedValue(.duration, a: 5, b: 4))  // 11/3 rounds to 4
        #expect(try row("last").value(.iterations) == ComparedValue(.iterations, a: 3, b: 4))
        #expect(try row("total").value(.duration) == ComparedValue(.duration, a: 20, b: 19))
        #expect(try row("total").value(.idle) == ComparedValue(.idle, a: 3, b: 4))
        let single = ComparedItem.ordered(items.filter { $0.iteration != nil })
        #expect(single.map(\.iteration) == [3, 1, 2, 4])
        #expect(single.last?.presence == .onlyB)
    }

    @Test func aFileOnOneSideOnlyIsNamedAndTheRestCompared() throws {
        let a = try ScenarioLoader.load(text: Self.scripted(mapDurations: "[1s, 2s]", extraJob: false), file: "a.yaml")
        var b = Self.folder(a)
        b["tasks.csv"] = nil
        let comparison = try RunFolderComparison(a: Self.folder(a), b: b).comparison
        #expect(comparison.oneSidedFiles == [RunComparison.OneSidedFile(file: "tasks.csv", presence: .onlyA)])
        // The trace still times the job on both sides; only the task figures are one-sided.
        let etl = try #require(comparison.jobs.first)
        #expect(etl.presence == .both && etl.value(.duration)?.delta == 0)
        #expect(etl.value(.tasks) == ComparedValue(.tasks, a: 3, b: 0))
        #expect(comparison.lines(limit: 20).last?.hasPrefix("note: tasks.csv only in A") == true)
    }

    @Test func foldersThatAreNotRunFoldersAreRefusedByName() throws {
        let summary = Self.summaryHeader + "\ns,,1,5,1,0,1,0,engine,1,1,0\n"
        let run = Self.folder(["summary.csv": summary])
        func problem(_ folder: [String: Data]) -> RunFolderProblem.Reason? {
            do {
                _ = try RunFolderComparison(a: run, b: folder, labels: ("a", "out/b"))
                return nil
            } catch {
                return error.reason
            }
        }
        #expect(problem(Self.folder(["report.md": "# r\n"])) == .notARunFolder)
        #expect(problem(Self.folder(["sweep.csv": "x\n", "sweep.md": "# s\n"])) == .sweep)
        #expect(problem(Self.folder(["summary.csv": Self.summaryHeader + "\ns,,1,x,1,0,1,0,engine,1,1,0\n"]))
            == .unreadable("summary.csv: line 2: makespan_ns `x` is no integer"))
        #expect(problem(Self.folder(["summary.csv": summary, "tasks.csv": "variant,job\n,j\n"]))
            == .unreadable("tasks.csv: no column stage"))
        let sweep = RunFolderProblem(path: "out/s", reason: .sweep)
        #expect(sweep.description.contains("compare two of its run folders, such as out/s/runs/<point>-seed<seed>"))

        let missing = FileManager.default.temporaryDirectory.appendingPathComponent("sparksim-no-\(UUID().uuidString)")
        #expect(throws: RunFolderProblem(path: missing.path, reason: .notAFolder)) {
            try RunFolderComparison(paths: missing.path, missing.path)
        }
    }
}

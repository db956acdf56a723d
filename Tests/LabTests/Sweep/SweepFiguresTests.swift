import Foundation
@testable import Report
import Testing
@testable import Lab

/// The sweep's curves, figures and comparison, from hand-written run results.
@Suite struct SweepFiguresTests {
    static let compareYAML = """
        name: styles
        seed: 1
        cluster: {hosts_per_rack: 8}
        compare:
          - {variant: a, kind: logistic-regression, style: task-parallel, data: {rows: 200, features: 2},
             partitions: 2, solver: gd, max_iter: 3, tol: 0}
          - {variant: b, kind: logistic-regression, style: barrier-allreduce, data: {rows: 200, features: 2},
             partitions: 2, solver: gd, max_iter: 3, tol: 0}
        sweep:
          parameters:
            workload.partitions: [2, 4, 16]
          seeds: 2

        """

    /// Steady iteration times (ns) by variant, workers and seed.
    static let steady: [String: [Int: [UInt64: Int]]] = [
        "a": [2: [1: 100, 2: 110], 4: [1: 50, 2: 60], 16: [1: 25, 2: 33]],
        "b": [2: [1: 100, 2: 100], 4: [1: 50, 2: 50], 16: [1: 30, 2: 30]],
    ]

    static func table() throws -> (SweepPlan, SweepTable) {
        let plan = try #require(SweepPlan(try ScenarioLoader.loadSource(text: compareYAML, file: "styles.yaml")))
        let runs = plan.runs.map { run -> SweepRunFigures in
            let workers = Int(run.point.assignments[0].value)!
            return SweepRunFigures(variants: ["a", "b"].map { variant in
                let time = steady[variant]![workers]![run.seed]!
                let summary = SummaryRow(scenario: "styles", variant: variant, seed: run.seed,
                                         makespanNanoseconds: Int64(time * 3), jobsSucceeded: 1, jobsFailed: 0,
                                         tasksLaunched: workers, taskFailures: 0, simulated: "training",
                                         executorsAtStart: 8, executorsAtEnd: 8, faultsApplied: 0)
                let training = SweepRunFigures.Training(
                    workers: workers, steadyIterationNanoseconds: Int64(time),
                    timeToTargetNanoseconds: Int64(variant == "a" ? time : time * 4))
                return .init(summary: summary, finalObjective: nil, training: training)
            })
        }
        return (plan, SweepTable(sweep: plan.record, runs: runs))
    }

    @Test func trainingFiguresJoinTheSweepTable() throws {
        let (_, table) = try Self.table()
        #expect(table.runColumns.suffix(3) == ["workers", "steady_iteration_ns", "time_to_target_ns"])
        #expect(table.numericColumns.contains("steady_iteration_ns"))
        let a4 = try #require(table.aggregates.first { $0.variant == "a" && $0.run.pointIndex == 1 })
        #expect(a4.statistics["steady_iteration_ns"]?.mean == 55)
    }

    @Test func efficiencyComparesEachSeedWithItsOwnFewestWorkers() throws {
        let (plan, table) = try Self.table()
        let axis = try #require(SweepAxis(plan.sweep)?.curveAxis)
        let curves = SweepCurves(axis: axis, table: table)
        let efficiency = curves.efficiency()
        #expect(efficiency.map(\.name) == ["a", "b"])
        let a = efficiency[0].points
        #expect(a.map(\.x) == [2, 4, 16])
        let at4 = try SampleStatistics([1.0, 220.0 / 240])
        let at16 = try SampleStatistics([200.0 / 400, 220.0 / 528])
        #expect(a[0].y == 1 && a[0].lower == 1 && a[0].upper == 1)
        #expect(a[1].y == at4.mean && a[1].lower == at4.confidenceInterval()!.lower)
        #expect(a[2].y == at16.mean && a[2].upper == at16.confidenceInterval()!.upper)
        let expectedB: [Double] = [1, 1, 200.0 / 480]
        #expect(efficiency[1].points.map(\.y) == expectedB)
        let throughput = curves.series(SweepCurves.iterationsPerSecond)
        let expectedThroughput: [Double] = [1e9 / 100, 1e9 / 50, 1e9 / 30]
        #expect(throughput[1].points.map(\.y) == expectedThroughput)
    }

    @Test func figuresAndComparisonAreWrittenForATrainingSweep() throws {
        let (plan, table) = try Self.table()
        let figures = SweepFigures(sweep: plan.record, table: table)
        #expect(figures.figures.map(\.fileName)
            == ["makespan.svg", "iteration.svg", "throughput.svg", "efficiency.svg", "time-to-target.svg"])
        for figure in figures.figures {
            #expect(figure.svg.hasPrefix("<svg") || figure.svg.hasPrefix("<?xml"))
            #expect(figure.svg.contains("95% CI, 2 seeds"))
        }
        let markdown = SweepReport(sweep: plan.record, table: table, figures: figures).markdown
        #expect(markdown.contains("- workload.partitions=16: `a` reaches the target in 29 ns, `b` in 120 ns: "
            + "`a` is 4.14x faster; per steady iteration `a` is 1.03x faster (29 ns vs 30 ns)."))
        #expect(markdown.contains("![Scaling efficiency](efficiency.svg)"))
    }

    @Test func theAxisIsTheFirstParameterWithNumbersInOneUnit() throws {
        #expect(SweepAxis.read(["1", "2.5"])?.0 == [1, 2.5])
        #expect(SweepAxis.read(["0s", "500ms"])?.0 == [0, 500_000_000])
        #expect(SweepAxis.read(["1MiB", "64k"])?.1 == .bytes)
        #expect(SweepAxis.read(["10Gbps", "100Gbps"])?.0 == [10, 100])
        #expect(SweepAxis.read(["FIFO", "FAIR"]) == nil)
        #expect(SweepAxis.read(["1", "3s"])?.0 == [1e9, 3e9])
        #expect(SweepAxis.read(["1", "FAIR"]) == nil)
        let (plan, _) = try Self.table()
        let axis = try #require(SweepAxis(plan.sweep))
        #expect(axis.path == "workload.partitions" && axis.scale == .log2)
    }

    @Test func aSmallTrainingSweepIsTheSameOnOneAndTwoWorkers() throws {
        let workspace = try SweepWorkspace(Self.compareYAML)
        defer { workspace.remove() }
        #expect(try workspace.expectSameBytesOnOneAndTwoWorkers().contains("styles/efficiency.svg"))
    }
}

import Testing
@testable import Report

/// The report's sections computed from records: the steady iteration, faults per variant,
/// job tables, a failed variant's verdict, the job shape read off the trace.
@Suite struct RunReportSectionsTests {
    static func iteration(_ i: Int, at time: Int64, compute: Int64 = 0, idle: Int64 = 0) -> IterationRecord {
        IterationRecord(iteration: i, timeNanoseconds: time, objective: 1 / Double(i + 1),
                        computeNanoseconds: compute, idleNanoseconds: idle)
    }

    static func run(_ variant: String, trace: [TraceRow], end: Int64 = 10_000) -> RunRecord {
        let summary = SummaryRow(scenario: "s", variant: variant, seed: 1, makespanNanoseconds: end, jobsSucceeded: 0,
                                 jobsFailed: 0, tasksLaunched: 0, taskFailures: 0, simulated: "engine",
                                 executorsAtStart: 2, executorsAtEnd: 2, faultsApplied: 0)
        return RunRecord(variant: variant, scope: .engine, trace: trace, summary: summary, executorsAtEnd: 2,
                         faultsApplied: trace.filter { $0.event == .fault }.count, endNanoseconds: end)
    }

    static func scenario(variants: [String], faults: [FaultDescription]) -> ScenarioDescription {
        ScenarioDescription(
            name: "s", seed: 1, seeds: [1], description: nil, file: "s.yaml", version: "test",
            cluster: ClusterDescription(racks: 1, hosts: 2, executors: 2, cores: 2, gpus: 0, executorsAdded: 0,
                                        network: nil),
            variants: variants.enumerated().map {
                VariantDescription(name: $0.element, kind: "scripted", shape: .unspecified, sameSettingsAs: $0.offset)
            },
            faults: faults.map(\.kind), sparkSettings: [], faultDetails: faults)
    }

    // MARK: Steady iteration

    @Test func theSteadyIterationIsTheMedianWindowOfIterationsTwoAndLater() throws {
        // Windows: it1 1000 (start-up, left out), it2 30, it3 10, it4 20, it5 20.
        let records = [Self.iteration(0, at: 0), Self.iteration(1, at: 1_000), Self.iteration(2, at: 1_030, compute: 30),
                       Self.iteration(3, at: 1_040, compute: 10), Self.iteration(4, at: 1_060, compute: 15, idle: 5),
                       Self.iteration(5, at: 1_080, compute: 20)]
        let steady = try #require(SteadyIteration.of(records))
        // Sorted 10 (it3), 20 (it4), 20 (it5), 30 (it2): the upper median, position 2, is it5
        // (equal times keep iteration order).
        #expect(steady.record.iteration == 5 && steady.nanoseconds == 20)
        let bar = try #require(TrainingFigures.breakdown(variant: "v", iterations: records))
        #expect(bar.computeNanoseconds == 20 && bar.idleNanoseconds == 0)
        let comparison = try #require(TrainingComparison(variants: [
            .init(name: "a", style: "task-parallel", workers: 2, iterations: records),
            .init(name: "b", style: "barrier-allreduce", workers: 2, iterations: records),
        ]))
        #expect(comparison.rows[0].steadyIterationNanoseconds == 20)
        #expect(SteadyIteration.of(Array(records.prefix(2))) == nil)
    }

    // MARK: A failed variant

    @Test func aFailedVariantIsNamedFailedInTheTableAndTheVerdict() throws {
        let done = (0...5).map { Self.iteration($0, at: Int64($0) * 100) }
        let comparison = try #require(TrainingComparison(variants: [
            .init(name: "mllib", style: "task-parallel", workers: 4, iterations: done),
            .init(name: "barrier", style: "barrier-allreduce", workers: 4, iterations: [Self.iteration(0, at: 0)],
                  failure: "barrier job failed 4 times"),
        ]))
        let text = comparison.markdown.joined(separator: "\n")
        #expect(text.contains("| barrier | barrier-allreduce | 4 | failed | — | — |"))
        #expect(text.contains("`barrier` (barrier-allreduce) **failed** after 0 iteration(s): barrier job failed 4 times"))
        #expect(!text.contains("x faster"))
    }

    // MARK: Faults

    @Test func aFaultThatActedOnOneVariantOnlyIsCalledOut() {
        let early = FaultDescription(kind: "executor-lost", label: "executor-lost e1 at 1 µs",
                                     match: .instant(subject: "e1", atNanoseconds: 1_000))
        var late = FaultDescription(kind: "executor-lost", label: "executor-lost e2 at 9 µs",
                                    match: .instant(subject: "e2", atNanoseconds: 9_000))
        late.note = "Intended: the long variant loses e2."
        let random = FaultDescription(kind: "random-executor-loss", label: "random-executor-loss mtbf 1s exponential",
                                      match: .random(marker: "(random-executor-loss"))
        func fault(_ time: Int64, _ detail: String) -> TraceRow {
            TraceRow(timeNanoseconds: time, event: .fault, note: detail)
        }
        let long = Self.run("long", trace: [fault(1_000, "executor-lost e1"), fault(9_000, "executor-lost e2"),
                                           fault(9_500, "executor-lost e3 (random-executor-loss, mtbf 1s exponential)")],
                            end: 20_000)
        let short = Self.run("short", trace: [fault(1_000, "executor-lost e1")], end: 5_000)
        let lines = FaultsSection(scenario: Self.scenario(variants: ["long", "short"], faults: [early, late, random]),
                                  runs: [long, short]).lines
        #expect(lines.contains("| executor-lost e1 at 1 µs | yes | yes |"))
        #expect(lines.contains("| executor-lost e2 at 9 µs | yes | no (run over at 5 µs) |"))
        #expect(lines.contains("| random-executor-loss mtbf 1s exponential | 1 time(s) | no |"))
        #expect(lines.contains("- `executor-lost e2 at 9 µs`: Intended: the long variant loses e2."))
        #expect(lines.contains { $0.hasPrefix("**Not every variant met the same faults**: `executor-lost e2 at 9 µs`, "
            + "`random-executor-loss mtbf 1s exponential` acted on some variants only") })
    }

    @Test func aTaskFaultActedWhenItsAttemptFailed() {
        let fault = FaultDescription(kind: "task-failure", label: "task-failure s0 partition 1 attempt 0",
                                     match: .task(job: nil, stage: "s0", stageAttempt: 0, partition: 1, attempt: 0))
        let failed = TraceRow(timeNanoseconds: 5, event: .taskFailed, job: "j", stage: "s0", stageAttempt: 0,
                              partition: 1, taskAttempt: 0)
        #expect(fault.timesActed(in: [failed]) == 1)
        #expect(fault.timesActed(in: []) == 0)
    }

    // MARK: Jobs

    static func job(_ name: String, from start: Int64, to end: Int64, ok: Bool = true) -> [TraceRow] {
        [TraceRow(timeNanoseconds: start, event: .jobSubmitted, job: name),
         TraceRow(timeNanoseconds: end, event: ok ? .jobSucceeded : .jobFailed, job: name,
                  note: ok ? nil : "Job aborted due to stage failure")]
    }

    @Test func aLongJobListKeepsItsEndsAndEveryFailureAndCountsTheRest() {
        var trace: [TraceRow] = []
        for i in 0..<30 { trace += Self.job("loss-gradient-\(i)", from: Int64(i) * 100, to: Int64(i) * 100 + 50, ok: i != 15) }
        trace += Self.job("loss-gradient-15-restart-1", from: 3_100, to: 3_200)
        let lines = RunJobsSection(runs: [Self.run("", trace: trace)], names: [""]).lines
        let rows = lines.filter { $0.hasPrefix("| loss-gradient") }
        // First 8, the failed 15, the last 4 (27, 28, 29 and the restart).
        #expect(rows.count == 13)
        #expect(lines.contains { $0.hasPrefix("| … 7 more (loss-gradient-8 to loss-gradient-14) | | succeeded | |") })
        #expect(lines.contains { $0.hasPrefix("Job `loss-gradient-15` failed: Job aborted due to stage failure "
            + "(handled: training restarted from its last checkpoint as `loss-gradient-15-restart-1`)") })
    }

    // MARK: Job shape

    @Test func theJobShapeIsReadOffTheLastSucceededJob() {
        let job = Self.job("j1", from: 0, to: 100)
        var trace = [job[0]]
        for (stage, count) in [("partials", 4), ("tree-1", 2), ("final", 1)] {
            for p in 0..<count {
                trace.append(TraceRow(timeNanoseconds: 10, event: .taskLaunched, job: "j1", stage: stage, partition: p))
            }
        }
        // A retried attempt of partition 0 counts once.
        trace.append(TraceRow(timeNanoseconds: 20, event: .taskLaunched, job: "j1", stage: "partials", partition: 0))
        trace.append(job[1])
        #expect(JobShape.sentence(label: "mllib", trace: trace)
                == "- `mllib`: its last job, `j1`, ran partials (4 tasks) -> tree-1 (2) -> final (1) "
                + "(treeAggregate through the driver)")
    }
}

import Engine
import Report
import Sim
import Foundation
import Testing
@testable import Lab
import TestSupport

/// An application's phases on one deployment: each starts the instant the previous
/// phase's last job ended, on the cluster the earlier phases left, in one trace.
@Suite struct ApplicationRunTests {
    static func run(_ text: String) throws -> (outcome: RunOutcome, summary: SummaryRow) {
        let scenario = try ScenarioLoader.load(text: text, file: "t.yaml")
        guard case .application(let application) = scenario.variants[0].workload else {
            preconditionFailure("not an application")
        }
        return ApplicationRun.run(scenario, application, variant: "", streams: RandomStreams(seed: scenario.seed))
    }

    static let twoScriptedPhases = """
        name: t
        cluster: {master: 'local[2]'}
        engine: {control_plane: none}
        workload:
          kind: application
          phases:
            - kind: scripted
              jobs:
                - {name: a, stages: [{name: m, tasks: 2, duration: 1s, output_bytes: 1MiB},
                                     {name: r, parents: [m], tasks: 1, duration: 1s}]}
                - {name: b, submit_at: 500ms, stages: [{name: s, tasks: 1, duration: 3s}]}
            - kind: scripted
              jobs:
                - {name: c, submit_at: 2s, stages: [{name: m, tasks: 2, duration: 1s}]}
        """

    @Test func theNextPhaseStartsWhenThePreviousPhasesLastJobEnds() throws {
        let (outcome, summary) = try Self.run(Self.twoScriptedPhases)
        let ends = Dictionary(uniqueKeysWithValues: outcome.trace.filter { $0.event == .jobSucceeded }
            .map { ($0.job!, $0.timeNanoseconds) })
        let submissions = Dictionary(uniqueKeysWithValues: outcome.trace.filter { $0.event == .jobSubmitted }
            .map { ($0.job!, $0.timeNanoseconds) })
        // Phase 0 on two cores: a's map takes both until 1 s, then FIFO runs a's reduce and
        // b (submitted at 0.5 s) side by side: a ends at 2 s, b at 4 s; phase 1 starts then.
        let phaseOneStart = max(ends["a"]!, ends["b"]!)
        #expect(ends["a"] == 2_000_000_000 && phaseOneStart == 4_000_000_000)
        // c's submit_at counts from its phase's start.
        #expect(submissions["c"] == phaseOneStart + 2_000_000_000)
        #expect(outcome.phases.map(\.startNanoseconds) == [0, phaseOneStart])
        #expect(outcome.phases.map(\.endNanoseconds) == [phaseOneStart, ends["c"]!])
        #expect(outcome.phases.map(\.jobsSubmitted) == [2, 1])
        #expect(summary.jobsSucceeded == 3 && summary.simulated == "application")
        #expect(outcome.scope == .application)
    }

    @Test func phasesWithTheSameStageNamesNeverShareAShuffle() throws {
        // Both phases have a stage `m` of 2 tasks; phase 1's is not skipped as phase 0's
        // completed shuffle, it runs (its key is phase1/c.m).
        let (outcome, _) = try Self.run(Self.twoScriptedPhases)
        let launchedM = outcome.trace.filter { $0.event == .taskLaunched && $0.stage == "m" }
        #expect(launchedM.count == 4)
    }

    @Test func trainingAfterETLTrainsForRealFromItsPhasesStart() throws {
        let text = """
            name: t
            cluster: {racks: 1, hosts_per_rack: 2, executor: {cores: 4}}
            workload:
              kind: application
              phases:
                - kind: scripted
                  jobs: [{name: etl, stages: [{name: read, tasks: 8, duration: 1s, output_bytes: 1MiB},
                                              {name: join, parents: [read], tasks: 2, duration: 500ms}]}]
                - {kind: logistic-regression, style: task-parallel, data: {rows: 400, features: 3},
                   partitions: 4, solver: gd, max_iter: 5, tol: 0, reg_param: 0.01}
            faults:
              - {kind: task-failure, stage: join, partition: 0}
            """
        let (outcome, summary) = try Self.run(text)
        let etlEnd = try #require(outcome.phases[0].endNanoseconds)
        #expect(outcome.phases[1].startNanoseconds == etlEnd)
        let training = outcome.phases[1].iterations
        #expect(training.map(\.iteration) == Array(0...5))
        #expect(training[0].timeNanoseconds == etlEnd, "iteration 0 is the model when training starts")
        #expect(zip(training, training.dropFirst()).allSatisfy { $0.objective > $1.objective })
        // The injected failure hit the ETL join's first attempt and nothing in training.
        let failed = outcome.trace.filter { $0.event == .taskFailed }
        #expect(failed.count == 1 && failed[0].stage == "join")
        #expect(summary.jobsSucceeded == 1 + outcome.phases[1].training!.jobs && summary.jobsFailed == 0)
        #expect(outcome.phases.map(\.jobsSubmitted) == [1, outcome.phases[1].training!.jobs])
        // The same run as a lone training workload reaches the same objectives.
        let alone = try ScenarioLoader.load(text: """
            name: t
            cluster: {racks: 1, hosts_per_rack: 2, executor: {cores: 4}}
            workload: {kind: logistic-regression, style: task-parallel, data: {rows: 400, features: 3},
                       partitions: 4, solver: gd, max_iter: 5, tol: 0, reg_param: 0.01}
            """, file: "t.yaml")
        guard case .logisticRegression(let workload) = alone.variants[0].workload else { return }
        let lone = LogisticRegressionRun.run(alone, workload, variant: "", streams: RandomStreams(seed: 0))
        #expect(lone.outcome.iterations.map(\.objective) == training.map(\.objective))
    }

    @Test func theShippedEndToEndScenarioRunsBothPhasesInOneTrace() throws {
        let scenario = try ScenarioLoader.load(path: RepositoryPaths.root.appendingPathComponent("scenarios/end-to-end.yaml").path)
        let folder = Runner.run(scenario)
        let report = try #require(folder.files.first { $0.name == "report.md" }?.contents)
        #expect(report.contains("## Phases"))
        #expect(report.contains("| 0 | scripted |") && report.contains("| 1 | logistic-regression |"))
        let timeline = try #require(folder.files.first { $0.name == "timeline.svg" }?.contents)
        for stage in ["read", "join", "aggregate", "train"] { #expect(timeline.contains(">\(stage)<")) }
    }
}

/// A deep-learning phase: the benchmark's points as barrier jobs one after another on the
/// application's cluster, after the ETL phase.
@Suite struct ApplicationDeepLearningTests {
    static let cluster = """
        cluster:
          racks: 1
          hosts_per_rack: 4
          executor: {cores: 8, gpus: 4, memory: 64g}
          gpu: {model: v100, flops: 15.7TFLOPS}
          network: {host_link: 25Gbps, latency: 2us, intra_host: 48GB/s}
        """
    static let benchmark = "{kind: deep-learning, models: [resnet-50], batch_size: 32, iterations: 6, warmup: 2, "
        + "scale_gpus: [1, 4, 8, 16]}"

    @Test func theBenchmarkAfterETLMeasuresWhatItMeasuresAlone() throws {
        let (files, reference) = try afterETLAndAlone(Self.benchmark, cluster: Self.cluster, etlTasks: 32)
        // The allreduces hide behind the backward pass wherever the scheduler puts the
        // ranks: the same throughput and steps. Only the allreduces' own time depends on
        // the placement (after the ETL phase Spark spreads the 4 GPUs over hosts, so the
        // ring crosses NICs instead of staying inside one host).
        #expect(files["scaling.csv"] != nil && files["scaling.csv"] == reference["scaling.csv"])
        func withoutAllreduceTime(_ csv: String?) -> [[Substring]] {
            (csv ?? "").split(separator: "\n").map { line in
                var cells = line.split(separator: ",", omittingEmptySubsequences: false)
                cells.remove(at: 6)  // allreduce_ns
                return cells
            }
        }
        #expect(withoutAllreduceTime(files["steps.csv"]) == withoutAllreduceTime(reference["steps.csv"]))
        #expect(withoutAllreduceTime(files["steps.csv"]).count == 5)
        // One trace: the ETL job, then a barrier job per GPU count, each starting when the last ended.
        let jobs = try #require(files["trace.csv"]).split(separator: "\n").filter { $0.contains(",job-submitted,") }
        #expect(jobs.count == 1 + 4)
        #expect(files["report.md"]?.contains("| 1 | deep-learning |") == true)
    }

    @Test func aSecondBenchmarkPhaseIsRefused() {
        let text = """
            name: t
            \(Self.cluster)
            workload:
              kind: application
              phases:
                - \(Self.benchmark)
                - \(Self.benchmark)
            """
        #expect(firstMessage(text)?.contains("is a second deep-learning phase (phase 0 is one)") == true)
    }
}

/// A collective phase: each group as a barrier job of a task per rank on its hosts,
/// doing the collective with its peers.
@Suite struct ApplicationCollectiveTests {
    static let cluster = """
        cluster:
          racks: 2
          hosts_per_rack: 4
          executor: {cores: 4}
          network: {host_link: 10Gbps, rack_uplink: 20Gbps, latency: 5us}
        """
    static let collective = "{kind: collective, algorithm: ring, bytes: 64MiB, groups: [{hosts: [host0-0, host0-1, host1-0, host1-1]}, {hosts: [host0-2, host0-3, host1-2, host1-3]}]}"

    @Test func afterETLEachGroupTakesWhatItTakesAlone() throws {
        let (files, reference) = try afterETLAndAlone(Self.collective, cluster: Self.cluster, etlTasks: 16)
        // Both groups start together on an idle network and compete for the rack uplinks
        // exactly as the lone workload's do.
        #expect(files["collective.csv"] != nil && files["collective.csv"] == reference["collective.csv"])
        let trace = try #require(files["trace.csv"])
        #expect(trace.contains(",job-succeeded,collective-0,") && trace.contains(",job-succeeded,collective-1,"))
        #expect(files["report.md"]?.contains("## Collective results") == true)
    }
}

/// The files of `workload` run as the phase after an ETL job of `etlTasks` one-second
/// tasks, and of the same workload run alone, by name.
func afterETLAndAlone(_ workload: String, cluster: String,
                      etlTasks: Int) throws -> (application: [String: String], alone: [String: String]) {
    let application = try ScenarioLoader.load(text: """
        name: t
        \(cluster)
        workload:
          kind: application
          phases:
            - {kind: scripted, jobs: [{name: etl, stages: [{name: read, tasks: \(etlTasks), duration: 1s}]}]}
            - \(workload)
        """, file: "t.yaml")
    let alone = try ScenarioLoader.load(text: "name: t\n\(cluster)\nworkload: \(workload)\n", file: "t.yaml")
    func files(_ scenario: Scenario) -> [String: String] {
        Dictionary(uniqueKeysWithValues: Runner.run(scenario).files.map { ($0.name, $0.contents) })
    }
    return (files(application), files(alone))
}

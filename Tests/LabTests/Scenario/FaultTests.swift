import Sim
import Testing
@testable import Lab

@Suite struct FaultTests {
    @Test func everyFaultKindDecodesToItsCase() throws {
        let scenario = try ScenarioLoader.load(path: Fixtures.path("valid/barrier-gpu.yaml"))
        #expect(scenario.faults.map(\.kind) == ["task-failure", "fetch-failure", "executor-added", "executor-lost",
                                                "host-lost", "straggler", "link-degraded", "gpu-failed",
                                                "random-task-failures", "random-executor-loss"])
        #expect(scenario.faults[0] == .taskFailure(Scenario.TaskFault(
            job: "prepare", stage: "load", partition: 3, attempt: 1, stageAttempt: 0, after: nil)))
        #expect(scenario.faults[1] == .fetchFailure(Scenario.FetchFault(
            task: Scenario.TaskFault(job: nil, stage: "fit", partition: 1, attempt: 0, stageAttempt: 0,
                                     after: .seconds(1)),
            mapStage: "prepare.shuffle", mapPartition: 1)))
        guard case .executorAdded(let added, let at) = scenario.faults[2] else {
            Issue.record("expected executor-added")
            return
        }
        #expect(added.cores == 6 && added.gpus == 4 && added.profile == "gpu")
        #expect(at == SimInstant(nanosecondsSinceStart: 20_000_000_000))
        #expect(scenario.faults[5] == .straggler(host: "host3", slowdown: 2.5,
                                                 from: SimInstant(nanosecondsSinceStart: 5_000_000_000), until: nil))
        #expect(scenario.faults[7]
            == .gpuFailed(executor: "gpu1", gpu: 3, at: SimInstant(nanosecondsSinceStart: 30_000_000_000)))
        #expect(scenario.faults[9]
            == .randomExecutorLoss(mtbf: .seconds(12 * 3600), distribution: .weibull(shape: 1.5)))
    }

    func faults(_ list: String, extra: String = "") -> String {
        minimal(cluster: """
            cluster:
              executors:
                - {id: e1, host: h1}
                - {id: e2, host: h2}
            """, "faults:\n" + list + extra)
    }

    @Test func executorsAddedByFaultsCountFromTheirInstant() {
        let ok = faults("""
              - {kind: executor-added, executor: {id: e3, host: h3}, at: 2s}
              - {kind: executor-lost, executor: e3, at: 2s}
              - {kind: host-lost, host: h3, at: 3s}
            """)
        #expect(loadValid(ok) != nil)
        let early = faults("""
              - {kind: host-lost, host: h3, at: 1s}
              - {kind: executor-added, executor: {id: e3, host: h3}, at: 2s}
            """)
        #expect(diagnostics(early).first?.problem
            == "host 'h3' is lost at 1s but its first executor is only added later")
    }

    @Test func anExecutorCannotBeLostTwice() {
        let text = faults("""
              - {kind: host-lost, host: h1, at: 1s}
              - {kind: executor-lost, executor: e1, at: 2s}
            """)
        #expect(diagnostics(text).first?.problem == "executor 'e1' is already lost at 1s")
    }

    @Test func workloadsMayPreferExecutorsThatFaultsAdd() {
        let text = minimal(cluster: "cluster: {executors: [{id: e1, host: h1}]}", workload: """
            workload:
              kind: scripted
              jobs:
                - stages: [{tasks: 1, duration: 1s, preferred_executors: [[e2]], preferred_hosts: [[h2]]}]
            """, "faults: [{kind: executor-added, executor: {id: e2, host: h2}, at: 1s}]")
        #expect(loadValid(text) != nil)
    }

    @Test func untilMustFollowFrom() {
        let text = faults("  - {kind: straggler, host: h1, slowdown: 2, from: 10s, until: 5s}\n")
        #expect(diagnostics(text).first?.problem == "until 5s is not after from 10s")
    }

    @Test func shapeBelongsToWeibullOnly() {
        let text = faults("  - {kind: random-executor-loss, mtbf: 1h, shape: 2}\n")
        #expect(diagnostics(text).first?.problem == "shape applies only to the weibull distribution")
    }

    @Test func aFaultCheckedAgainstSeveralVariantsIsReportedOnce() {
        let text = minimal(workload: """
            compare:
              - {variant: a, kind: scripted, jobs: [{stages: [{name: map, tasks: 2, duration: 1s}]}]}
              - {variant: b, kind: scripted, jobs: [{stages: [{name: map, tasks: 2, duration: 2s}]}]}
            """, "faults: [{kind: task-failure, stage: map, partition: 2}]")
        #expect(diagnostics(text).map(\.problem) == ["partition 2 is out of range for stage 'map' with 2 tasks"])
    }
}

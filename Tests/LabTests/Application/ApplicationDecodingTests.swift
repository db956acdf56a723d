import Testing
@testable import Lab

/// `kind: application`: phases decode as the workloads they are, and what cannot be a
/// phase is refused where it is written.
@Suite struct ApplicationDecodingTests {
    static let etlThenTraining = """
        workload:
          kind: application
          phases:
            - kind: scripted
              jobs:
                - {name: etl, stages: [{name: read, tasks: 4, duration: 1s, output_bytes: 1MiB},
                                       {name: join, parents: [read], tasks: 2, duration: 1s}]}
            - {kind: logistic-regression, style: barrier-allreduce, data: {rows: 200, features: 2},
               partitions: 2, solver: gd, max_iter: 3, tol: 0, reg_param: 0.01}
        """

    @Test func phasesDecodeInOrderAsTheirOwnKinds() throws {
        let scenario = try #require(loadValid(minimal(cluster: "cluster: {master: 'local[4]'}",
                                                      workload: Self.etlThenTraining)))
        guard case .application(let application) = scenario.variants[0].workload else {
            Issue.record("not an application")
            return
        }
        #expect(application.phases.map(\.kind) == ["scripted", "logistic-regression"])
        #expect(application.scriptedJobs.jobs.map(\.name) == ["etl"])
        #expect(scenario.variants[0].workload.kind == "application")
    }

    @Test func taskFaultsNameStagesOfTheScriptedPhases() throws {
        let text = minimal(cluster: "cluster: {master: 'local[4]'}", workload: Self.etlThenTraining,
                           "faults: [{kind: task-failure, stage: join, partition: 1}]")
        #expect(loadValid(text) != nil)
        let unknown = minimal(cluster: "cluster: {master: 'local[4]'}", workload: Self.etlThenTraining,
                              "faults: [{kind: task-failure, stage: train, partition: 0}]")
        #expect(firstMessage(unknown)?.contains("unknown stage 'train'") == true)
    }

    @Test func anEmptyPhaseListIsRefused() {
        let text = minimal(workload: "workload: {kind: application, phases: []}")
        #expect(firstMessage(text)?.hasPrefix("3:39: phases is an empty list; expected a list of workload mappings") == true)
    }

    @Test func applicationsDoNotNest() {
        let nested = minimal(workload: """
            workload:
              kind: application
              phases:
                - {kind: application, phases: [{kind: scripted, jobs: [{name: a, stages: [{name: s, tasks: 1, duration: 1s}]}]}]}
            """)
        #expect(firstMessage(nested)?.hasPrefix("6:7: phase 0 is kind application (applications do not nest)") == true)
    }

    @Test func jobNamesAreUniqueAcrossPhases() {
        let text = minimal(workload: """
            workload:
              kind: application
              phases:
                - {kind: scripted, jobs: [{name: a, stages: [{name: s, tasks: 1, duration: 1s}]}]}
                - {kind: scripted, jobs: [{name: a, stages: [{name: t, tasks: 1, duration: 1s}]}]}
            """)
        #expect(firstMessage(text)?.hasPrefix("7:7: job 'a' of phase 1 is already a job of phase 0") == true)
    }
}

import Engine
import Report
import Testing
@testable import Lab

/// Task-level faults from the scenario, as the engine hears them.
@Suite struct TaskFaultTests {
    @Test func aTaskFailureFiresAfterItsDelayOrAtTheEndOfTheWork() throws {
        let run = try FakeRun(scripted(executors: "    - {id: exec1, host: host1, cores: 1}",
                                       stages: "            - {name: map, tasks: 1, duration: 2s}", faults: """
            faults:
              - {kind: task-failure, stage: map, partition: 0, attempt: 0, after: 500ms}
              - {kind: task-failure, stage: map, partition: 0, attempt: 1}
            """))
        let failure = TaskEndReason.exception("sparksim.InjectedTaskFailure: task-failure fault")
        #expect(run.ends(of: 0).map(\.time) == [500 * millisecond])
        #expect(run.ends(of: 0).map(\.reason) == [failure])
        #expect(run.ends(of: 1).map(\.time) == [2500 * millisecond])
        #expect(run.ends(of: 1).map(\.reason) == [failure])
        #expect(run.ends(of: 2).map(\.time) == [4500 * millisecond])
        #expect(run.result.counts.taskFailures == 2)
        #expect(run.result.counts.jobsSucceeded == 1)
    }

    /// `after` longer than the work: the attempt fails at `after`, holding its core until
    /// then (an event log's failed attempt ran that long whatever its partition's work).
    @Test func aTaskFailureAfterTheWorkWouldHaveEndedFiresAtItsDelay() throws {
        let run = try FakeRun(scripted(executors: "    - {id: exec1, host: host1, cores: 1}",
                                       stages: "            - {name: map, tasks: 1, duration: 1s}", faults: """
            faults:
              - {kind: task-failure, stage: map, partition: 0, attempt: 0, after: 2500ms}
            """))
        #expect(run.ends(of: 0).map(\.time) == [2500 * millisecond])
        #expect(run.ends(of: 1).map(\.time) == [3500 * millisecond])
        #expect(run.result.counts.jobsSucceeded == 1)
    }

    @Test func aFetchFailureNamesTheMapOutputAndWhereItLives() throws {
        let run = try FakeRun(scripted(stages: """
                    - {name: map, tasks: 2, duration: 1s, output_bytes: 1MiB}
                    - {name: reduce, parents: [map], tasks: 1, duration: 1s}
            """, faults: """
            faults:
              - {kind: fetch-failure, stage: reduce, partition: 0, attempt: 0, map_stage: map, map_partition: 1}
            """))
        let ends = run.ends(of: 2)
        #expect(ends.map(\.time) == [1 * second])  // ideal network: the reads end as they start
        guard case .fetchFailed(let map, let partition, let executor, let host, _)? = ends.first?.reason else {
            Issue.record("expected a fetch failure, got \(ends)")
            return
        }
        #expect([map, String(partition), executor, host] == ["job0.map", "1", "exec2", "host2"])
        #expect(run.result.counts.jobsFailed == 1)
    }

    @Test func randomTaskFailuresWithProbabilityOneFailEveryAttempt() throws {
        let run = try FakeRun(scripted(stages: "            - {name: only, tasks: 1, duration: 1s}",
                                       faults: "faults: [{kind: random-task-failures, probability: 1}]"))
        #expect(run.result.counts == EngineRun.Counts(jobsSucceeded: 0, jobsFailed: 1, tasksLaunched: 4,
                                                      taskFailures: 4, makespanNanoseconds: 4 * second))
    }

    @Test func randomFailuresAreKeyedByTheAttemptNotByTheOrderOfDraws() {
        let key = TaskAttemptKey(stage: "job0.map", stageAttempt: 0, partition: 3, attempt: 1)
        #expect(key.randomFailureKey == "job0/map#0/3.1")
    }

    @Test func faultsNamingAStageOfAnotherJobResolveToItsKey() throws {
        let scenario = try ScenarioLoader.load(text: scripted(stages: "", jobs: """
                - name: a
                  stages: [{name: map, tasks: 2, duration: 1s}]
                - name: b
                  stages: [{name: red, parents: [a.map], tasks: 1, duration: 1s}]
            """, faults: """
            faults:
              - {kind: fetch-failure, stage: red, partition: 0, map_stage: a.map, map_partition: 1, after: 1s}
              - {kind: task-failure, job: a, stage: map, partition: 1, stage_attempt: 1}
            """), file: "t.yaml")
        guard case .scripted(let workload) = scenario.variants[0].workload else { return }
        let table = TaskFaultTable(scenario.faults, workload: workload)
        #expect(table.fault(for: TaskAttemptKey(stage: "b.red", stageAttempt: 0, partition: 0, attempt: 0))
            == .fetchFailure(mapStage: "a.map", mapPartition: 1, after: .seconds(1)))
        #expect(table.fault(for: TaskAttemptKey(stage: "a.map", stageAttempt: 1, partition: 1, attempt: 0))
            == .failure(after: nil))
        #expect(table.fault(for: TaskAttemptKey(stage: "a.map", stageAttempt: 0, partition: 1, attempt: 0)) == nil)
    }
}

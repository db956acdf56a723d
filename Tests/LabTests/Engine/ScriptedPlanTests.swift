import Engine
import Report
import Testing
@testable import Lab

/// Scripted workloads as the engine receives them, and when jobs are submitted.
@Suite struct ScriptedPlanTests {
    static func plan(_ yaml: String) throws -> ScriptedPlan {
        let scenario = try ScenarioLoader.load(text: yaml, file: "t.yaml")
        guard case .scripted(let workload) = scenario.variants[0].workload else { preconditionFailure() }
        return ScriptedPlan(workload, setup: DeploymentSetup(scenario))
    }

    static let twoJobs = """
        name: t
        cluster:
          executors:
            - {id: exec1, host: host1, cores: 4, gpus: 2}
            - {id: exec2, host: host2, cores: 4, gpus: 2, profile: big}
        spark: {spark.task.cpus: 2, spark.executor.resource.gpu.amount: 2}
        resource_profiles:
          big: {executor: {cores: 4, gpus: 2}, task: {cpus: 1, gpus: 1}}
          pair: {task: {cpus: 2, gpus: 2}}
        workload:
          kind: scripted
          jobs:
            - name: etl
              pool: prod
              stages:
                - {name: map, tasks: 2, duration: 1s, preferred_hosts: [[host1], []],
                   preferred_executors: [[exec2], [exec1]], output_bytes: 9b}
                - {name: reduce, parents: [map], tasks: 3, duration: 1s, resources: {cpus: 1, gpus: 0.5}}
            - name: train
              after: etl
              stages:
                - {name: fit, parents: [etl.map], tasks: 2, duration: 1s, barrier: true, resource_profile: big}
                - {name: eval, parents: [fit], tasks: 1, duration: 1s, resource_profile: pair}
        """

    @Test func stagesAreKeyedByJobAndStageAndSharedAcrossJobs() throws {
        let plan = try Self.plan(Self.twoJobs)
        #expect(plan.jobs.map(\.spec.name) == ["etl", "train"])
        #expect(plan.jobs[0].spec.stages.map(\.key) == ["etl.map", "etl.reduce"])
        // The job reading etl.map carries it first, under its own key and job name.
        #expect(plan.jobs[1].spec.stages.map(\.key) == ["etl.map", "train.fit", "train.eval"])
        #expect(plan.jobs[1].spec.stages[0].jobName == "etl")
        #expect(plan.jobs[1].spec.stages[1].parents == ["etl.map"])
        #expect(plan.jobs[0].spec.pool == "prod")
        // An `after:` job waits for the driver program too: the control plane's action gap.
        #expect(plan.jobs.map(\.trigger) == [.at(.zero), .after(0, driverTime: ControlPlaneCosts().actionGap)])
        // etl.map is split for its first reader (etl.reduce, 3 partitions).
        #expect(plan.stage("etl.map")!.sizesByReducer(ofPartition: 0) == [3, 3, 3])
        #expect(plan.stage("etl.map")!.writesShuffleOutput)
        #expect(plan.stage("train.fit")!.writesShuffleOutput)
        #expect(!plan.stage("train.eval")!.writesShuffleOutput)
    }

    @Test func preferencesListHostsThenExecutors() throws {
        let map = try Self.plan(Self.twoJobs).jobs[0].spec.stages[0]
        #expect(map.preferredLocations == [
            [.host("host1"), .executor(host: "host2", executor: "exec2")],
            [.executor(host: "host1", executor: "exec1")],
        ])
        #expect(try Self.plan(Self.twoJobs).jobs[0].spec.stages[1].preferredLocations == [])
    }

    @Test func resourcesComeFromTheStageThenItsProfileThenSparksDefaults() throws {
        let plan = try Self.plan(Self.twoJobs)
        let etl = plan.jobs[0].spec.stages
        let train = plan.jobs[1].spec.stages
        #expect(etl[0].resources == TaskResourceRequest(cpus: 2, gpus: 0) && etl[0].resourceProfile == 0)
        #expect(etl[1].resources == TaskResourceRequest(cpus: 1, gpus: 0.5) && etl[1].resourceProfile == 0)
        #expect(train[1].resources == TaskResourceRequest(cpus: 1, gpus: 1) && train[1].resourceProfile == 1)
        #expect(train[2].resources == TaskResourceRequest(cpus: 2, gpus: 2) && train[2].resourceProfile == 2)
        #expect(train[1].isBarrier)
        let setup = DeploymentSetup(try ScenarioLoader.load(text: Self.twoJobs, file: "t.yaml"))
        #expect(setup.taskOnlyProfileIDs == [2])
        #expect(ExecutorCatalog(setup).info("exec2") == ExecutorInfo(id: "exec2", host: "host2", rack: nil, cores: 4,
                                                            gpuAddresses: ["0", "1"], resourceProfile: 1))
    }

    @Test func jobsSubmitAtTheirInstantInListOrderAndAfterTheJobTheyWaitFor() throws {
        let run = try FakeRun(scripted(stages: "", jobs: """
                - {name: first, stages: [{name: s, tasks: 1, duration: 1s}]}
                - {name: second, after: first, stages: [{name: s, tasks: 1, duration: 1s}]}
                - {name: third, submit_at: 1s, stages: [{name: s, tasks: 1, duration: 1s}]}
                - {name: fourth, submit_at: 1s, stages: [{name: s, tasks: 1, duration: 1s}]}
            """))
        // At 1 s the timed submissions were queued before the task end that ends `first`.
        #expect(run.rows(.jobSubmitted).map { "\($0.timeNanoseconds) \($0.job!)" }
            == ["0 first", "1000000000 third", "1000000000 fourth", "1000000000 second"])
        #expect(run.result.counts.jobsSucceeded == 4)
    }
}

import Sim
import Testing
@testable import Lab

@Suite struct WorkloadResolutionTests {
    func scripted(_ scenario: Scenario?) -> Scenario.ScriptedWorkload? {
        guard case .scripted(let s)? = scenario?.variants.first?.workload else { return nil }
        return s
    }

    @Test func namesDefaultToJobAndStageIndexes() throws {
        let text = minimal(workload: """
            workload:
              kind: scripted
              jobs:
                - stages: [{tasks: 1, duration: 1s}, {tasks: 1, duration: 1s}]
                - stages: [{tasks: 1, duration: 1s, parents: [job0.stage1]}]
            """)
        let jobs = try #require(scripted(loadValid(text))).jobs
        #expect(jobs.map(\.name) == ["job0", "job1"])
        #expect(jobs[0].stages.map(\.name) == ["stage0", "stage1"])
        #expect(jobs[1].stages[0].parents == [Scenario.StageRef(job: "job0", stage: "stage1")])
    }

    @Test func stageValuesResolveWithUnitsAndDefaults() throws {
        let text = minimal(cluster: "cluster: {hosts_per_rack: 2, executor: {cores: 4, gpus: 2}}", workload: """
            workload:
              kind: scripted
              jobs:
                - name: j
                  submit_at: 1.5
                  pool: prod
                  stages:
                    - name: map
                      tasks: 3
                      durations: [1, 250ms, 2min]
                      output_bytes: [1k, 2MiB, 0]
                      preferred_hosts: [host0-0, [], [host0-0, host0-1]]
                    - name: reduce
                      parents: [map]
                      tasks: 2
                      duration: 3s
                      resources: {gpus: 0.25}
            """)
        let job = try #require(scripted(loadValid(text))).jobs[0]
        #expect(job.submitAt == SimInstant(nanosecondsSinceStart: 1_500_000_000))
        #expect(job.pool == "prod" && job.after == nil)
        let map = job.stages[0]
        #expect(map.duration == .each([.seconds(1), .milliseconds(250), .seconds(120)]))
        #expect(map.outputBytes[1] == ByteCount(bytes: 2 << 20))
        #expect(map.preferredHosts == [["host0-0"], [], ["host0-0", "host0-1"]])
        #expect(map.preferredExecutors == nil && !map.barrier && map.resources == nil)
        let reduce = job.stages[1]
        #expect(reduce.duration[1] == .seconds(3))
        #expect(reduce.outputBytes == .uniform(ByteCount(bytes: 0)))
        #expect(reduce.resources == Scenario.TaskResources(cpus: 1, gpus: 0.25))
        #expect(reduce.parents == [Scenario.StageRef(job: "j", stage: "map")])
    }

    @Test func barrierSyncsAndPartitionOverridesAreOrdered() throws {
        let text = minimal(workload: """
            workload:
              kind: scripted
              jobs:
                - stages:
                    - tasks: 4
                      duration: 5s
                      barrier: true
                      syncs: [{after: 1s}, {after: 1s, call: allGather}]
                      partition_syncs: {3: [], 1: [{after: 5s}]}
            """)
        let stage = try #require(scripted(loadValid(text))).jobs[0].stages[0]
        #expect(stage.syncs == [Scenario.Sync(after: .seconds(1), call: .barrier),
                                Scenario.Sync(after: .seconds(1), call: .allGather)])
        #expect(Array(stage.partitionSyncs.keys) == [1, 3])
        #expect(stage.syncs(forPartition: 3).isEmpty)
        #expect(stage.syncs(forPartition: 0).count == 2)
        #expect(stage.syncs(forPartition: 1) == [Scenario.Sync(after: .seconds(5), call: .barrier)])
    }

    @Test func jobsMayWaitOnlyForEarlierJobs() {
        let text = minimal(workload: """
            workload:
              kind: scripted
              jobs:
                - {name: a, after: a, stages: [{tasks: 1, duration: 1s}]}
            """)
        #expect(diagnostics(text).first?.problem == "job 'a' cannot wait for itself")
        let both = text.replacingOccurrences(of: "after: a", with: "after: b, submit_at: 1s")
        #expect(diagnostics(both).first?.problem == "job 'a' has both 'submit_at' and 'after'")
    }

    @Test func namesMayNotContainDots() {
        let text = minimal(
            workload: "workload: {kind: scripted, jobs: [{name: a.b, stages: [{tasks: 1, duration: 1s}]}]}")
        #expect(diagnostics(text).first?.problem == "name 'a.b' contains a dot")
    }

    @Test func collectiveResolves() throws {
        let text = minimal(cluster: "cluster: {racks: 2, hosts_per_rack: 2}", workload: """
            workload: {kind: collective, algorithm: halving-doubling, bytes: 8MiB, ranks: 4}
            """)
        let scenario = try #require(loadValid(text))
        #expect(scenario.variants == [Scenario.Variant(name: "", workload: .collective(Scenario.CollectiveWorkload(
            algorithm: .halvingDoubling, bytes: ByteCount(bytes: 8 << 20), participants: .ranks(4))))])
        #expect(!scenario.isComparison)
        let both = text.replacingOccurrences(of: "ranks: 4", with: "ranks: 4, groups: []")
        #expect(diagnostics(both).first?.problem == "workload has both 'ranks' and 'groups'")
    }

    @Test func logisticRegressionDefaultsFollowMLlib() throws {
        let text = minimal(workload: """
            workload:
              kind: logistic-regression
              style: barrier-allreduce
              data: {rows: 1000, features: 5}
              partitions: 2
            """)
        let scenario = try #require(loadValid(text))
        guard case .logisticRegression(let lr) = scenario.variants[0].workload else {
            Issue.record("not a logistic regression")
            return
        }
        #expect(lr.style == .barrierAllreduce && lr.solver == .lbfgs)
        #expect(lr.maxIter == 100 && lr.tol == 1e-6 && lr.regParam == 0)
        #expect(lr.data == .synthetic(rows: 1000, features: 5))
    }

    @Test func csvPathsResolveAgainstTheScenarioFolder() throws {
        let scenario = try ScenarioLoader.load(path: Fixtures.path("valid/local-logistic-regression.yaml"))
        guard case .logisticRegression(let lr) = scenario.variants[0].workload,
              case .csv(let file) = lr.data else {
            Issue.record("expected CSV data")
            return
        }
        #expect(file.path == Fixtures.path("valid/data/credit.csv"))
        #expect(file.label == "default")
        #expect(file.dataset.rows == 4 && file.dataset.featureNames == ["age", "income", "balance"])
    }

    @Test func compareKeepsVariantsInFileOrder() throws {
        let scenario = try ScenarioLoader.load(path: Fixtures.path("valid/local-cluster-compare.yaml"))
        #expect(scenario.isComparison)
        #expect(scenario.variants.map(\.name) == ["mllib", "hydrogen", "baseline"])
        #expect(scenario.variants.map(\.workload.kind) == ["logistic-regression", "logistic-regression", "scripted"])
    }

    @Test func laterKindsAreNotSupportedYet() {
        let text = minimal(workload: "workload: {kind: scriptd}")
        #expect(firstMessage(text) == "3:18: workload kind 'scriptd' is not supported yet (did you mean 'scripted'?); "
            + "expected one of scripted, collective, logistic-regression, deep-learning, kmeans, gbt, application")
    }

    @Test func theScenarioNameMustBeAFolderName() {
        let text = minimal().replacingOccurrences(of: "name: t\n", with: "name: a/b\n")
        #expect(diagnostics(text).first?.problem == "name 'a/b' cannot be a folder name")
    }

    @Test func stagesMustFitSomeExecutorOfTheirProfile() {
        let text = minimal(cluster: "cluster: {executors: [{id: e1, host: h1, cores: 2}]}", workload: """
            workload:
              kind: scripted
              jobs:
                - stages:
                    - {name: a, tasks: 1, duration: 1s, resources: {cpus: 2}}
                    - {name: b, tasks: 1, duration: 1s, resources: {cpus: 3}}
            """)
        #expect(diagnostics(text).map(\.problem) == [
            "no executor can run the tasks of stage 'b' of job 'job0': each needs 3 CPUs, more than any executor has",
        ])
    }
}

import Testing
@testable import Lab

/// The executor side of the control plane: deserialisation, an executor JVM's warm-up,
/// a stage's task binary fetched once per executor, and how `engine.control_plane` is read.
@Suite struct ControlPlaneExecutorTests {
    @Test func tasksArrivingDuringTheWarmUpAreReadyWhenItEnds() throws {
        let run = try controlPlaneRun(scriptedControlPlane(
            "{base: none, executor_warmup: 500ms, task_deserialize: 10ms}", master: "local[2]", jobs: fourOneSecondTasks))
        // The first two arrive together: both wait out the warm-up; the next two only deserialise.
        #expect(instants(run.rows, "task-finished") == [1510, 1510, 2520, 2520])
    }

    @Test func aStagesTaskBinaryIsFetchedOncePerExecutor() throws {
        let run = try controlPlaneRun(scriptedControlPlane("{base: none, task_binary: 40ms}", master: "local[2]", jobs: """
              - name: j
                stages:
                  - {name: m, tasks: 4, duration: 1s, output_bytes: 1KiB}
                  - {name: r, parents: [m], tasks: 1, duration: 1s}
            """))
        // m's first two tasks share the fetch, its second wave finds it cached; r fetches its own.
        #expect(instants(run.rows, "task-finished") == [1040, 1040, 2040, 2040, 3080])
    }

    @Test func theWarmUpDefaultsToTheMastersJVM() {
        #expect(ControlPlaneCosts().warmup(localMaster: true) == ControlPlaneCosts.localMasterWarmup)
        #expect(ControlPlaneCosts().warmup(localMaster: false) == ControlPlaneCosts.separateJVMWarmup)
        #expect(ControlPlaneCosts.none.warmup(localMaster: false) == .zero)
    }

    @Test func everyDurationNameReadsAndWritesItsCost() {
        var costs = ControlPlaneCosts.none
        for (index, name) in ControlPlaneCosts.durationNames.enumerated() {
            costs[duration: name] = .milliseconds(Int64(index + 1))
        }
        #expect(ControlPlaneCosts.durationNames.enumerated().allSatisfy { costs[duration: $0.element] == .milliseconds(Int64($0.offset + 1)) })
        #expect(Set(ControlPlaneCosts.durationNames).count == ControlPlaneCosts.durationNames.count)
    }

    static func engine(_ controlPlane: String) throws -> Scenario.EngineOptions {
        try ScenarioLoader.load(text: scriptedControlPlane(controlPlane, jobs: fourOneSecondTasks), file: "t.yaml").engine
    }

    @Test func theKeyTakesDefaultNoneOrAMappingOverABase() throws {
        #expect(try Self.engine("default").controlPlane == ControlPlaneCosts())
        #expect(try Self.engine("none").controlPlane == ControlPlaneCosts.none)
        var expected = ControlPlaneCosts()
        expected.taskLaunch = .milliseconds(3)
        expected.executorWarmup = .seconds(1)
        #expect(try Self.engine("{task_launch: 3ms, executor_warmup: 1s}").controlPlane == expected)
        var isolated = ControlPlaneCosts.none
        isolated.stageSubmit = .milliseconds(7)
        #expect(try Self.engine("{base: none, stage_submit: 7ms}").controlPlane == isolated)
    }

    @Test(arguments: [
        ("nonee", "unknown value 'nonee' (did you mean 'none'?)"),
        ("{task_lanch: 1ms}", "unknown key 'task_lanch' in engine.control_plane (did you mean 'task_launch'?)"),
        ("{base: zero}", "engine.control_plane.base: unknown value 'zero'"),
        ("{rpc_latency: fast}", "engine.control_plane.rpc_latency"),
    ])
    func aWrongValueIsNamed(_ value: String, _ message: String) throws {
        do {
            _ = try Self.engine(value)
            Issue.record("accepted control_plane: \(value)")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
    }

    @Test func driverTimeNeedsAfter() throws {
        let text = scriptedControlPlane("none", jobs: """
              - {name: a, driver_time: 1s, stages: [{name: s, tasks: 1, duration: 1s}]}
            """)
        #expect(throws: (any Error).self) { try ScenarioLoader.load(text: text, file: "t.yaml") }
    }
}

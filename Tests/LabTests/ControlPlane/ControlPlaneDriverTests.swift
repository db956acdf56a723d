import Sim
import Testing
@testable import Lab

/// The driver side of the control plane (`engine.control_plane`): one scheduling thread
/// that handles submissions, stage task binaries, every launch and every task end one at
/// a time, and the result-getter threads; each cost isolated with `base: none`.
@Suite struct ControlPlaneDriverTests {
    @Test func launchesLeaveTheDriverOneAtATime() throws {
        let run = try controlPlaneRun(scriptedControlPlane("{base: none, task_launch: 10ms}", jobs: fourOneSecondTasks))
        // All four are decided at 0; the scheduling thread serialises them 10 ms apart.
        #expect(instants(run.rows, "task-launched") == [0, 0, 0, 0])
        #expect(instants(run.rows, "task-finished") == [1010, 1020, 1030, 1040])
        #expect(run.makespan == 1_040_000_000)
    }

    @Test func aStagesTaskBinaryGoesBeforeItsTasks() throws {
        let run = try controlPlaneRun(scriptedControlPlane("{base: none, stage_submit: 50ms}", master: "local[2]", jobs: """
              - name: j
                stages:
                  - {name: m, tasks: 2, duration: 1s, output_bytes: 1KiB}
                  - {name: r, parents: [m], tasks: 1, duration: 1s}
            """))
        #expect(instants(run.rows, "task-finished") == [1050, 1050, 2100])
    }

    @Test func aSubmittedJobReachesTheSchedulerAfterTheDriverHandledIt() throws {
        let run = try controlPlaneRun(scriptedControlPlane("{base: none, job_submit: 30ms}", jobs: fourOneSecondTasks))
        #expect(instants(run.rows, "job-submitted") == [30])
        #expect(instants(run.rows, "job-succeeded") == [1030])
    }

    @Test(arguments: [(1, [1100.0, 1200.0]), (2, [1100.0, 1100.0])])
    func resultsWaitForAResultGetterThread(_ threads: Int, _ heard: [Double]) throws {
        let run = try controlPlaneRun(scriptedControlPlane(
            "{base: none, result_getter: 100ms}", master: "local[2]",
            spark: "{spark.resultGetter.threads: \(threads)}", jobs: """
              - name: j
                stages: [{name: s, tasks: 2, duration: 1s}]
            """))
        #expect(instants(run.rows, "task-finished") == heard)
    }

    @Test func anAfterJobWaitsForTheDriverProgram() throws {
        let run = try controlPlaneRun(scriptedControlPlane("{base: none, action_gap: 70ms}", jobs: """
              - {name: a, stages: [{name: s, tasks: 1, duration: 1s}]}
              - {name: b, after: a, stages: [{name: s, tasks: 1, duration: 1s}]}
              - {name: c, after: b, driver_time: 300ms, stages: [{name: s, tasks: 1, duration: 1s}]}
            """))
        #expect(instants(run.rows, "job-submitted") == [0, 1070, 2370])
    }

    @Test func aMapStageJobRegistersItsOutputsForLaterJobs() throws {
        let run = try controlPlaneRun(scriptedControlPlane("none", master: "local[2]", jobs: """
              - {name: a, map_stage: true, stages: [{name: m, tasks: 2, duration: 1s, output_bytes: 1MiB}]}
              - {name: b, after: a, stages: [{name: r, parents: [a.m], tasks: 1, duration: 1s}]}
            """))
        // b skips a.m: its outputs exist, as after an adaptive query's exchange job.
        #expect(run.rows.filter { $0.event == "stage-submitted" }.map { "\($0.job).\($0.stage)" } == ["a.m", "b.r"])
        #expect(instants(run.rows, "job-succeeded") == [1000, 2000])
    }

    @Test func noneAddsNoTime() throws {
        let run = try controlPlaneRun(scriptedControlPlane("none", jobs: fourOneSecondTasks))
        #expect(instants(run.rows, "task-finished") == [1000, 1000, 1000, 1000])
    }

    @Test func theDefaultsAddTheMeasuredCosts() throws {
        let run = try controlPlaneRun(scriptedControlPlane("default", jobs: fourOneSecondTasks))
        // job_submit + stage_submit, the first launch + an RPC + the task binary + its
        // deserialisation + the local master's warm-up, 1 s of work, then result
        // serialisation + an RPC + a result getter + the task end on the scheduling thread.
        let costs = ControlPlaneCosts()
        let launched: [SimDuration] = [costs.jobSubmit, costs.stageSubmit, costs.taskLaunch, costs.rpcLatency]
        let ready: [SimDuration] = [costs.taskBinary, costs.taskDeserialize, ControlPlaneCosts.localMasterWarmup]
        let reported: [SimDuration] = [costs.resultSerialize, costs.rpcLatency, costs.resultGetter, costs.taskEnd]
        let total = (launched + ready + [SimDuration.seconds(1)] + reported).reduce(Int64(0)) { $0 + $1.nanoseconds }
        let end = Double(total) / 1e6
        let finished = instants(run.rows, "task-finished")
        #expect(finished.first == end)
        #expect(finished.count == 4 && finished.last! > end)
    }
}

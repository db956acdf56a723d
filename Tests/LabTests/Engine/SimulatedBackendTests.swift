import Engine
import Report
import Testing
@testable import Lab

/// The simulated executors as the engine sees them: when tasks start and end, what they
/// report, and how shuffle reads, launch overhead and stragglers take time.
@Suite struct SimulatedBackendTests {
    @Test func aMapReduceJobRunsToTheEndWithMapStatusesSplitOverTheReducers() throws {
        let run = try FakeRun(scripted(stages: """
                    - {name: map, tasks: 2, duration: 2s, output_bytes: 10b}
                    - {name: reduce, parents: [map], tasks: 3, duration: 1s}
            """))
        #expect(run.result.stop == .allJobsEnded)
        #expect(run.result.counts == EngineRun.Counts(jobsSucceeded: 1, jobsFailed: 0, tasksLaunched: 5,
                                                      taskFailures: 0, makespanNanoseconds: 4 * second))
        let status = MapStatus(executor: "exec1", host: "host1", sizesByReducer: [4, 3, 3])
        #expect(run.ends(of: 0).map(\.time) == [2 * second])
        #expect(run.ends(of: 0).map(\.reason) == [.success(status)])
        // Result tasks report no map status; the third reduce task waited for a core.
        #expect(run.ends(of: 4).map(\.reason) == [.success(nil)])
        #expect(run.ends(of: 4).map(\.time) == [4 * second])
        #expect(run.lines.prefix(3) == [
            "0,executor-added,,,,,,exec1,host1,,cores=1 gpus=0",
            "0,executor-added,,,,,,exec2,host2,,cores=1 gpus=0",
            "0,job-submitted,job0,,,,,,,,",
        ])
        #expect(run.lines.last == "4000000000,job-succeeded,job0,,,,,,,,")
    }

    @Test func aReduceTaskStartsWorkingWhenItsSlowestShuffleReadArrives() throws {
        // 125,000,000 bytes at 1 Gbps (125 MB/s) take exactly 1 s; the read from the
        // reduce task's own host costs nothing.
        let run = try FakeRun(scripted(network: "  network: {host_link: 1Gbps, latency: 0s}", stages: """
                    - {name: map, tasks: 2, duration: 1s, output_bytes: 125000000b}
                    - {name: reduce, parents: [map], tasks: 1, duration: 1s}
            """))
        #expect(run.runningTimes(of: 2) == [1 * second])
        #expect(run.ends(of: 2).map(\.time) == [3 * second])
        #expect(run.result.counts.makespanNanoseconds == 3 * second)
    }

    @Test func theLaunchOverheadDelaysRunningAndTheEnd() throws {
        let run = try FakeRun(scripted(engine: "{shuffle_offers: false, task_launch_overhead: 100ms, control_plane: none}",
                                       stages: "            - {name: only, tasks: 1, duration: 1s}"))
        #expect(run.runningTimes(of: 0) == [100 * millisecond])
        #expect(run.ends(of: 0).map(\.time) == [1100 * millisecond])
    }

    @Test func aStragglerHostTakesTwiceAsLongAtSlowdownTwo() throws {
        let run = try FakeRun(scripted(stages: "            - {name: only, tasks: 2, duration: 2s}",
                                       faults: "faults: [{kind: straggler, host: host1, slowdown: 2.0, from: 0s}]"))
        #expect(run.ends(of: 0).map(\.time) == [4 * second])  // exec1 on host1
        #expect(run.ends(of: 1).map(\.time) == [2 * second])
    }

    @Test func aKillEndsTheTaskAtOnceAsAReportAfterTheEngineReturns() throws {
        let run = try FakeRun(scripted(stages: "            - {name: only, tasks: 1, duration: 2s}")) { engine in
            engine.onInput = { engine, event in
                if case .taskRunning(let id) = event { engine.kill(id, reason: "stage cancelled") }
            }
        }
        #expect(run.ends(of: 0).map(\.time) == [0])
        #expect(run.ends(of: 0).map(\.reason) == [.killed("stage cancelled")])
        // The fake never retries a kill: the job cannot end, and nothing else is pending.
        #expect(run.result.stop == .nothingPending)
    }

    @Test func mapSizesSplitEvenlyWithTheRemainderOnTheFirstReducers() {
        #expect(StageWork.split(10, into: 3) == [4, 3, 3])
        #expect(StageWork.split(0, into: 2) == [0, 0])
        #expect(StageWork.split(7, into: 1) == [7])
        let status = MapStatus(executor: "e", host: "h", sizesByReducer: [4, 3, 3])
        #expect(StageWork.bytesRead(from: status, partition: 2, readerPartitions: 3) == 3)
        // A second reader with another partition count re-splits the same total.
        #expect(StageWork.bytesRead(from: status, partition: 0, readerPartitions: 2) == 5)
    }

    @Test func timersDueNowFireAfterEventsAlreadyPendingNow() throws {
        // Tasks 0 and 1 end at 1 s. The first end asks for an offer round now; it must run
        // after the second end, so one round launches tasks 2 and 3 together (a round run
        // between the two ends would need a second round, a second timer).
        let run = try FakeRun(scripted(stages: "            - {name: a, tasks: 4, duration: 1s}"))
        let timers = run.engine.inputs.filter { if case .timer = $0.event { return true } else { return false } }
        #expect(timers.map(\.time) == [0, 1 * second])
        #expect(run.rows(.taskLaunched).map(\.timeNanoseconds) == [0, 0, 1 * second, 1 * second])
    }

    @Test func theSameScenarioGivesTheSameTraceTwice() throws {
        let yaml = scripted(stages: """
                    - {name: map, tasks: 4, duration: 1s, output_bytes: 1MiB}
                    - {name: reduce, parents: [map], tasks: 2, duration: 1s}
            """, faults: "faults: [{kind: random-task-failures, probability: 0.3}]")
        #expect(try FakeRun(yaml).lines == FakeRun(yaml).lines)
    }
}

import Engine
import Report
import Sim
import Testing
@testable import Lab

/// Barrier calls on the simulated executors: release at the last call, resumption at poll
/// ticks, timeouts and kills while blocked.
@Suite struct BarrierSyncTests {
    /// Two barrier tasks; partition 0 calls after 500 ms of work, partition 1 after 1.5 s.
    static func twoTasks(poll: String, durations: String = "[1s, 3s]", syncs: String = "{1: [{after: 1500ms}]}",
                         spark: String = "") -> String {
        scripted(engine: "{shuffle_offers: false, control_plane: none, barrier_poll_interval: \(poll)}", spark: spark, stages: """
                    - {name: train, tasks: 2, durations: \(durations), barrier: true,
                       syncs: [{after: 500ms, call: barrier}], partition_syncs: \(syncs)}
            """)
    }

    @Test func tasksResumeAtTheirFirstPollTickAfterTheLastCall() throws {
        let run = try FakeRun(Self.twoTasks(poll: "1s"))
        // Released at 1.5 s. Partition 0 (called at 0.5 s) polls at 1.5 s and has 0.5 s
        // left; partition 1 (called at 1.5 s) polls at 2.5 s and has 1.5 s left.
        #expect(run.ends(of: 0).map(\.time) == [2 * second])
        #expect(run.ends(of: 1).map(\.time) == [4 * second])
        #expect(run.rows(.barrierSync).map { $0.fields.joined(separator: ",") }
            == ["1500000000,barrier-sync,job0,train,0,,,,,,barrier epoch=0"])
    }

    @Test func aZeroPollIntervalResumesEveryTaskAtTheRelease() throws {
        let run = try FakeRun(Self.twoTasks(poll: "0s"))
        #expect(run.ends(of: 0).map(\.time) == [2 * second])
        #expect(run.ends(of: 1).map(\.time) == [3 * second])
    }

    @Test func aSyncNeverCompletedTimesOutAndTheWaitingTaskFailsAtItsPoll() throws {
        let run = try FakeRun(Self.twoTasks(poll: "1s", syncs: "{1: []}",
                                            spark: "spark: {spark.barrier.sync.timeout: 2s}"))
        // Partition 0 called at 0.5 s; the epoch times out at 2.5 s, a poll tick.
        let ends = run.ends(of: 0)
        #expect(ends.map(\.time) == [2500 * millisecond])
        guard case .exception(let message)? = ends.first?.reason else {
            Issue.record("expected an exception, got \(ends)")
            return
        }
        #expect(message.contains("didn't get all barrier sync requests for barrier epoch 0 from Stage 0 "
                                     + "(Stage Attempt 0) within 2 second(s)"))
        #expect(run.ends(of: 1).map(\.reason) == [.success(nil)])
    }

    @Test func aKillReachesABlockedTaskAtItsNextPollTick() throws {
        // Partition 1 never calls and ends at 1.2 s; the fake then kills partition 0,
        // blocked since 0.5 s: the kill lands at its tick 1.5 s.
        let run = try FakeRun(Self.twoTasks(poll: "1s", durations: "[3s, 1200ms]", syncs: "{1: []}")) { engine in
            engine.onInput = { engine, event in
                if case .taskEnded(TaskID(1), _) = event { engine.kill(TaskID(0), reason: "barrier sibling ended") }
            }
        }
        #expect(run.ends(of: 0).map(\.time) == [1500 * millisecond])
        #expect(run.ends(of: 0).map(\.reason) == [.killed("barrier sibling ended")])
    }

    @Test func pollTicksCountWholeIntervalsFromTheCall() {
        func tick(_ called: Int64, _ notBefore: Int64, _ interval: Int64) -> Int64 {
            SimulatedExecutorBackend.pollTick(calledAt: SimInstant(nanosecondsSinceStart: called),
                                              notBefore: SimInstant(nanosecondsSinceStart: notBefore),
                                              interval: SimDuration(nanoseconds: interval)).nanosecondsSinceStart
        }
        #expect(tick(5, 5, 10) == 15)  // k >= 1 even when the sync is already over
        #expect(tick(5, 15, 10) == 15)
        #expect(tick(5, 16, 10) == 25)
        #expect(tick(5, 16, 0) == 16)
    }

    @Test func mixedCallKindsInOneEpochFailEveryCaller() {
        var coordinator = BarrierSyncCoordinator()
        let stage = StageAttemptID(stage: StageID(3), attempt: 1)
        #expect(coordinator.call(.barrier, task: TaskID(0), stage: stage, numTasks: 3) == .waiting(firstOfEpoch: true))
        #expect(coordinator.call(.barrier, task: TaskID(1), stage: stage, numTasks: 3) == .waiting(firstOfEpoch: false))
        guard case .failed(let message, let tasks) = coordinator.call(.allGather, task: TaskID(2), stage: stage,
                                                                      numTasks: 3) else {
            Issue.record("expected a failure")
            return
        }
        #expect(tasks == [TaskID(0), TaskID(1), TaskID(2)])
        #expect(message.contains("Different barrier sync types found for the sync Stage 3 (Stage Attempt 1)"))
        // Later calls of that attempt fail at once.
        if case .failed = coordinator.call(.barrier, task: TaskID(0), stage: stage, numTasks: 3) {} else {
            Issue.record("a call after a failed sync must fail")
        }
    }

    @Test func epochsCountUpPerStageAttempt() {
        var coordinator = BarrierSyncCoordinator()
        let stage = StageAttemptID(stage: StageID(0), attempt: 0)
        _ = coordinator.call(.barrier, task: TaskID(0), stage: stage, numTasks: 2)
        #expect(coordinator.call(.barrier, task: TaskID(1), stage: stage, numTasks: 2)
            == .released(epoch: 0, call: .barrier, tasks: [TaskID(0), TaskID(1)]))
        _ = coordinator.call(.allGather, task: TaskID(1), stage: stage, numTasks: 2)
        #expect(coordinator.call(.allGather, task: TaskID(0), stage: stage, numTasks: 2)
            == .released(epoch: 1, call: .allGather, tasks: [TaskID(1), TaskID(0)]))
    }
}

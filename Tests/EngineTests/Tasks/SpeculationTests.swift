import Testing
@testable import Engine

/// Group C of the conformance file (SP) and TaskSetManagerSuite's speculation cases.
@Suite struct SpeculationTests {
    /// Spark's tests set `spark.speculation.multiplier` to 0, which SparkConfigRegistry
    /// refuses (Spark has no such check), so it is set on the configuration directly.
    static let eager: [(String, SparkConfigValue)] = [("spark.speculation", .bool(true))]
    static func multiplierZero(_ configuration: inout TaskSchedulerConfiguration) {
        configuration.speculation.multiplier = 0
    }

    /// 4 no-pref tasks on exec1, exec1, exec2, exec2 at t=0; tasks 0-2 succeed at t=1;
    /// the check at t=2 marks task 3; a copy launches on exec1 as TID 4.
    func fourTasksWithTheLastSpeculated() -> (Harness, StageAttemptID) {
        let h = Harness(Self.eager, configure: Self.multiplierZero)
        h.addExecutor("exec1", host: "host1")
        h.addExecutor("exec2", host: "host2")
        let ts = h.submit(stage: 0, tasks: 4)
        for (executor, host) in [("exec1", "host1"), ("exec1", "host1"), ("exec2", "host2"), ("exec2", "host2")] {
            #expect(h.offer(ts, executor, host, .noPref)?.executor == executor)
        }
        for tid in 0..<3 { h.succeed(tid, at: ms(1)) }
        #expect(h.speculate(ts, minTime: 0, at: ms(2)))
        h.drain()
        #expect(h.notifications.contains(.speculativeTaskSubmitted(ts, partition: 3)))
        let copy = h.offer(ts, "exec1", "host1", .noPref, at: ms(2))
        #expect(copy?.summary == "4:p3.1@exec1/PROCESS_LOCAL" && copy?.speculative == true)
        #expect(h.traces.last?.speculative == true && h.traces.last?.detail == nil)
        return (h, ts)
    }

    @Test func theWinningAttemptKillsItsTwin() {
        let (h, ts) = fourTasksWithTheLastSpeculated()
        h.succeed(4, at: ms(3))
        #expect(h.kills.map { "\($0.0.rawValue)@\($0.1): \($0.2)" } == ["3@exec2: another attempt succeeded"])
        #expect(h.manager(ts)?.tasksSuccessful == 4)
        h.fail(3, .killed("another attempt succeeded"), at: ms(3))
        #expect(h.manager(ts) == nil)
        #expect(h.scheduler.isIdle)
    }

    @Test func aKilledTwinThatStillSucceedsIsRecordedAsKilled() {
        let (h, ts) = fourTasksWithTheLastSpeculated()
        h.succeed(3, at: ms(3))
        #expect(h.kills.map(\.0) == [TaskID(4)])
        h.succeed(4, at: ms(3))
        let ends = h.notifications.compactMap { n -> (Int, TaskEndReason)? in
            if case .taskEnded(let t, let r) = n { return (t.taskID.rawValue, r) }
            return nil
        }
        #expect(ends.last?.0 == 4)
        #expect(ends.last?.1 == .killed("Finish but did not commit due to another attempt succeeded"))
        #expect(h.traces.last?.kind == .taskKilled)
        #expect(h.manager(ts) == nil, "task 3's success stays with TID 3")
    }

    @Test func theMinTaskRuntimeFloorHoldsSpeculationBack() {
        let h = Harness([("spark.speculation", .bool(true)), ("spark.speculation.multiplier", .double(1.5)),
                         ("spark.speculation.quantile", .double(0.5)), ("spark.executor.cores", .int(2))])
        h.addExecutor("exec1", host: "host1", cores: 2)
        let ts = h.submit(stage: 0, tasks: 2)
        #expect(h.round(h.scheduler.makeOffers(), full: true).count == 2)
        h.succeed(0, at: ms(1000))
        #expect(!h.speculate(ts, minTime: 3_000_000_000, at: ms(2000)))
        #expect(h.speculate(ts, minTime: 3_000_000_000, at: ms(4000)))
        h.drain()
        #expect(h.notifications.filter { if case .speculativeTaskSubmitted = $0 { true } else { false } }.count == 1)
    }

    @Test func theMedianRuleAppliesEvenWithADurationThreshold() {
        let h = Harness([("spark.speculation", .bool(true)), ("spark.speculation.multiplier", .double(1.5)),
                         ("spark.speculation.quantile", .double(0.5)), ("spark.executor.cores", .int(2)),
                         ("spark.speculation.task.duration.threshold", .duration(nanoseconds: 3_600_000_000_000))])
        h.addExecutor("exec1", host: "host1", cores: 2)
        let ts = h.submit(stage: 0, tasks: 2)
        _ = h.round(h.scheduler.makeOffers(), full: true)
        h.succeed(0, at: ms(1000))
        #expect(h.speculate(ts, minTime: 0, at: ms(2000)))
    }

    @Test(arguments: [(1, 1, true), (2, 2, true), (2, 1, false)])
    func aDurationThresholdSpeculatesOnlyWhenTheStageFitsOneExecutor(tasks: Int, slots: Int, expected: Bool) {
        let h = Harness([("spark.speculation", .bool(true)), ("spark.speculation.quantile", .double(1.0)),
                         ("spark.executor.cores", .int(slots)),
                         ("spark.speculation.task.duration.threshold", .duration(nanoseconds: 3_600_000_000_000))])
        let ts = h.submit(stage: 0, tasks: tasks)
        for i in 1...tasks { _ = h.offer(ts, "exec\(i)", "host\(i)", .noPref) }
        #expect(!h.speculate(ts, minTime: 0, at: ms(3_600_000)))
        #expect(h.speculate(ts, minTime: 0, at: ms(3_601_000)) == expected)
        #expect(!h.speculate(ts, minTime: 0, at: ms(3_602_000)))
    }

    @Test func speculativeCopiesAvoidHostsThatRanTheTaskAndLaunchOnlyOnce() {
        let h = Harness(Self.eager + [("spark.speculation.quantile", .double(0.5))], configure: Self.multiplierZero)
        for i in 1...4 { h.addExecutor("exec\(i)", host: "host\(i)") }
        let ts = h.submit(stage: 0, prefs: [[host("host1"), host("host3")], [host("host2")], [host("host3")]])
        for i in 1...3 { #expect(h.offer(ts, "exec\(i)", "host\(i)", .noPref)?.executor == "exec\(i)") }
        h.succeed(2, at: ms(1))
        #expect(h.speculate(ts, minTime: 0, at: ms(2)))
        h.drain()
        #expect(h.offer(ts, "exec4", "host4", .nodeLocal, at: ms(2)) == nil)
        #expect(h.offer(ts, "exec2", "host2", .nodeLocal, at: ms(2)) == nil, "task 1 already runs on host2")
        #expect(h.offer(ts, "exec3", "host3", .nodeLocal, at: ms(2))?.summary == "3:p0.1@exec3/NODE_LOCAL")
        #expect(h.offer(ts, "exec4", "host4", .any, at: ms(2))?.summary == "4:p1.1@exec4/ANY")
        #expect(h.offer(ts, "exec1", "host1", .any, at: ms(2)) == nil)
        #expect(!h.speculate(ts, minTime: 0, at: ms(3)))
    }

    @Test func theSchedulerWideCheckUsesMinTaskRuntimeAndAsksForARevive() {
        let h = Harness(Self.eager + [("spark.speculation.minTaskRuntime", .duration(nanoseconds: 100_000_000))],
                        configure: Self.multiplierZero)
        h.addExecutor("exec1", host: "host1", cores: 2)
        h.addExecutor("exec2", host: "host2", cores: 2)
        h.submit(stage: 0, tasks: 4)
        _ = h.round(h.scheduler.makeOffers(), full: true)
        for tid in 0..<3 { h.succeed(tid, at: ms(1)) }
        #expect(!h.speculateAll(at: ms(100)))
        h.drain()
        #expect(h.speculateAll(at: ms(101)))
        h.drain()
        #expect(h.actions.last == .reviveOffers)
        // TID 3 ran on exec2 (host2): the copy goes to exec1.
        let copy = h.round(h.scheduler.makeOffers(), full: true)
        #expect(copy.map(\.summary) == ["4:p3.1@exec1/PROCESS_LOCAL"])
    }
}

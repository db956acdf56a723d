import Testing
@testable import Engine

/// Group A of the conformance file (DS) and TaskSetManagerSuite's locality cases.
@Suite struct DelaySchedulingTests {
    @Test func tasksWithoutPreferencesLaunchLowestIndexFirstOnePerOffer() {
        let h = Harness()
        h.addExecutor("exec1", host: "host1")
        let ts = h.submit(stage: 0, tasks: 3)
        let launched = (0..<3).compactMap { _ in h.offer(ts, "exec1", "host1", .noPref) }
        #expect(launched.map(\.summary) == ["0:p0.0@exec1/PROCESS_LOCAL", "1:p1.0@exec1/PROCESS_LOCAL",
                                            "2:p2.0@exec1/PROCESS_LOCAL"])
        #expect(h.offer(ts, "exec1", "host1", .noPref) == nil)
        h.succeed(0)
        h.succeed(1)
        #expect(h.manager(ts) != nil)
        h.succeed(2)
        #expect(h.manager(ts) == nil, "all succeeded: zombie, then removed")
        #expect(h.scheduler.isIdle)
    }

    @Test func basicDelaySchedulingMovesThroughProcessNodeAndNoPref() {
        let h = Harness()
        h.addExecutor("exec1", host: "host1")
        h.addExecutor("exec2", host: "host2")
        let ts = h.submit(stage: 0, prefs: [[exec("host1", "exec1")], [exec("host2", "exec2")],
                                            [host("host1"), exec("host2", "exec2")], []])
        #expect(h.manager(ts)?.myLocalityLevels == [.processLocal, .nodeLocal, .noPref, .any])
        #expect(h.offer(ts, "exec1", "host1", .any, at: ms(0))?.summary == "0:p0.0@exec1/PROCESS_LOCAL")
        #expect(h.offer(ts, "exec1", "host1", .processLocal, at: ms(0)) == nil)
        #expect(h.offer(ts, "exec1", "host1", .nodeLocal, at: ms(3000))?.summary == "1:p2.0@exec1/NODE_LOCAL")
        #expect(h.offer(ts, "exec2", "host2", .nodeLocal, at: ms(3000))?.summary == "2:p1.0@exec2/PROCESS_LOCAL")
        #expect(h.offer(ts, "exec2", "host2", .nodeLocal, at: ms(3000)) == nil)
        #expect(h.offer(ts, "exec2", "host2", .noPref, at: ms(6000))?.summary == "3:p3.0@exec2/PROCESS_LOCAL")
    }

    @Test func unsatisfiableLevelsAreSkipped() {
        let h = Harness()
        h.addExecutor("execA", host: "host1")
        h.addExecutor("execC", host: "host2")
        let ts = h.submit(stage: 0, prefs: [[exec("host1", "execB")]])
        #expect(h.manager(ts)?.myLocalityLevels == [.nodeLocal, .any])
        #expect(h.offer(ts, "execC", "host2", .any) == nil)
        #expect(h.offer(ts, "execA", "host1", .any)?.locality == .nodeLocal)
    }

    @Test func delaySchedulingFallsBackAfterTheWaitAndStaysLocalAfterALocalLaunch() {
        // TaskSetManagerSuite runs this one with the legacy reset on launch.
        let h = Harness([("spark.locality.wait.legacyResetOnTaskLaunch", .bool(true))])
        for i in 1...3 { h.addExecutor("exec\(i)", host: "host\(i)") }
        let ts = h.submit(stage: 0, prefs: [[host("host1")], [host("host2")], [host("host2")], [host("host3")],
                                            [host("host2")]])
        #expect(h.offer(ts, "exec1", "host1", .any, at: ms(0))?.partition == 0)
        #expect(h.offer(ts, "exec1", "host1", .any, at: ms(0)) == nil)
        #expect(h.offer(ts, "exec1", "host1", .any, at: ms(3000))?.partition == 1)
        #expect(h.offer(ts, "exec1", "host1", .any, at: ms(3000))?.partition == 2)
        #expect(h.offer(ts, "exec2", "host2", .any, at: ms(3000))?.partition == 4)
        #expect(h.offer(ts, "exec2", "host2", .any, at: ms(3000)) == nil)
        #expect(h.offer(ts, "exec2", "host2", .any, at: ms(6000))?.summary == "4:p3.0@exec2/ANY")
    }

    @Test func onlyNoPrefTasksLeftNeedNoDelay() {
        let h = Harness()
        h.addExecutor("exec1", host: "host1")
        h.addExecutor("exec3", host: "host2")
        let ts = h.submit(stage: 0, prefs: [[exec("host1", "exec1")], [exec("host2", "exec3")], []])
        #expect(h.offer(ts, "exec1", "host1", .processLocal)?.partition == 0)
        #expect(h.offer(ts, "exec3", "host2", .processLocal)?.partition == 1)
        #expect(h.offer(ts, "exec3", "host2", .nodeLocal) == nil)
        #expect(h.offer(ts, "exec3", "host2", .noPref)?.partition == 2)
    }

    @Test func validLevelsFollowExecutorsAddedAndLost() {
        let h = Harness { $0.hostRacks = ["host2": "rack2"] }
        let ts = h.submit(stage: 0, prefs: [[exec("host1", "execA")], [exec("host1", "execB")],
                                            [exec("host2", "execC")], []])
        #expect(h.manager(ts)?.myLocalityLevels == [.noPref, .any])
        h.addExecutor("execD", host: "host1")
        _ = h.round([], full: true)
        #expect(h.manager(ts)?.myLocalityLevels == [.nodeLocal, .noPref, .any])
        h.addExecutor("execC", host: "host2")
        _ = h.round([], full: true)
        #expect(h.manager(ts)?.myLocalityLevels == [.processLocal, .nodeLocal, .noPref, .rackLocal, .any])
        h.loseExecutor("execC", .processLost(causedByApp: false, message: "lost"))
        #expect(h.manager(ts)?.myLocalityLevels == [.nodeLocal, .noPref, .any])
        h.loseExecutor("execD", .processLost(causedByApp: false, message: "lost"))
        #expect(h.manager(ts)?.myLocalityLevels == [.noPref, .any])
    }

    @Test func rackLocalTasksLaunchOnAnotherHostOfTheRack() {
        let h = Harness { $0.hostRacks = ["host1": "rack1", "host2": "rack1", "host3": "rack2"] }
        h.addExecutor("execA", host: "host1", rack: "rack1")
        h.addExecutor("execB", host: "host2", rack: "rack1")
        h.addExecutor("execC", host: "host3", rack: "rack2")
        let ts = h.submit(stage: 0, prefs: [[exec("host1", "execA")], [exec("host1", "execA")]])
        #expect(h.manager(ts)?.myLocalityLevels == [.processLocal, .nodeLocal, .rackLocal, .any])
        #expect(h.offer(ts, "execC", "host3", .rackLocal, at: ms(9000)) == nil)
        #expect(h.offer(ts, "execC", "host3", .any, at: ms(9000))?.summary == "0:p0.0@execC/ANY")
        #expect(h.offer(ts, "execB", "host2", .rackLocal, at: ms(9000))?.summary == "1:p1.0@execB/RACK_LOCAL")
    }

    @Test func deadHostsSendTheirTasksToAnyAfterTheWait() {
        let h = Harness()
        for i in 1...3 { h.addExecutor("exec\(i)", host: "host\(i)") }
        let ts = h.submit(stage: 0, prefs: [[host("host1")], [host("host2")], [host("host3")]])
        #expect(h.offer(ts, "exec1", "host1", .any)?.partition == 0)
        #expect(h.offer(ts, "exec1", "host1", .any) == nil)
        h.loseExecutor("exec2", .hostLost("host2"))
        #expect(h.offer(ts, "exec1", "host1", .any) == nil)
        #expect(h.offer(ts, "exec1", "host1", .any, at: ms(6000))?.partition == 1)
        #expect(h.offer(ts, "exec1", "host1", .any, at: ms(6000))?.partition == 2)
        #expect(h.offer(ts, "exec1", "host1", .any, at: ms(6000)) == nil)
    }

    @Test func legacyResetOnLaunchRestartsTheTimerAtEveryLaunch() {
        let h = Harness([("spark.locality.wait.legacyResetOnTaskLaunch", .bool(true))])
        h.addExecutor("exec1", host: "host1")
        h.addExecutor("exec2", host: "host2")
        let ts = h.submit(stage: 0, prefs: [[host("host1")], [host("host1")], [host("host2")]])
        #expect(h.offer(ts, "exec1", "host1", .any, at: ms(2000))?.partition == 0)
        // The launch at 2000 reset the timer: at 4000 host2's task is still held back.
        #expect(h.offer(ts, "exec2", "host2", .any, at: ms(4000))?.partition == 2)
        #expect(h.offer(ts, "exec2", "host2", .any, at: ms(4000)) == nil)
        #expect(h.offer(ts, "exec2", "host2", .any, at: ms(7000))?.summary == "2:p1.0@exec2/ANY")
    }
}

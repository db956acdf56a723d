import Testing
@testable import Engine

/// DS-10: round-level delay-scheduling resets (SPARK-18886), from TaskSchedulerImplSuite.
@Suite struct RoundResetTests {
    /// exec1@host1 registered first; stage 1 attempt 1 of 8 tasks all preferring (host1, exec1).
    /// Executors have spare cores in the bookkeeping: these rounds offer 1 core each time.
    func setUp() -> (Harness, StageAttemptID) {
        let h = Harness()
        h.addExecutor("exec1", host: "host1", cores: 16)
        let ts = h.submit(stage: 1, attempt: 1, prefs: Array(repeating: [exec("host1", "exec1")], count: 8))
        h.addExecutor("exec2", host: "host1", cores: 16)
        #expect(h.manager(ts)?.myLocalityLevels == [.processLocal, .nodeLocal, .any])
        return (h, ts)
    }

    @Test(arguments: [false, true])
    func aFirstOfferResetsTheTimerBeforeAnyReject(firstRoundFull: Bool) {
        let (h, _) = setUp()
        let first = h.round([workerOffer("exec1", "host1")], full: firstRoundFull, at: ms(3000))
        #expect(first.map(\.summary) == ["0:p0.0@exec1/PROCESS_LOCAL"])
        #expect(h.round([workerOffer("exec2", "host1")], full: false, at: ms(3000)).isEmpty)
    }

    @Test func partialOffersKeepResettingWhileNothingWasRejected() {
        let (h, _) = setUp()
        #expect(h.round([workerOffer("exec1", "host1", cores: 0)], full: true, at: ms(0)).isEmpty)
        #expect(h.round([workerOffer("exec1", "host1")], full: false, at: ms(3000)).count == 1)
        #expect(h.round([workerOffer("exec1", "host1")], full: false, at: ms(6000)).count == 1)
        #expect(h.round([workerOffer("exec2", "host1")], full: false, at: ms(6000)).isEmpty)
    }

    @Test func rejectsSinceTheLastFullyAcceptedFullOfferBlockResets() {
        let (h, _) = setUp()
        #expect(h.round([workerOffer("exec2", "host1")], full: true, at: ms(0)).isEmpty)
        #expect(h.round([workerOffer("exec1", "host1")], full: false, at: ms(3000)).map(\.summary)
            == ["0:p0.0@exec1/PROCESS_LOCAL"])
        #expect(h.round([workerOffer("exec2", "host1")], full: false, at: ms(3000)).map(\.summary)
            == ["1:p1.0@exec2/NODE_LOCAL"])
        #expect(h.round([workerOffer("exec1", "host1")], full: true, at: ms(3000)).count == 1)
        let mixed = h.round([workerOffer("exec2", "host1"), workerOffer("exec1", "host1")], full: false, at: ms(3000))
        #expect(mixed.map(\.summary) == ["3:p3.0@exec1/PROCESS_LOCAL"])
        #expect(h.round([workerOffer("exec1", "host1")], full: false, at: ms(6000)).count == 1)
        #expect(h.round([workerOffer("exec2", "host1")], full: false, at: ms(6000)).map(\.summary)
            == ["5:p5.0@exec2/NODE_LOCAL"])
    }

    @Test func roundsFillEachExecutorRoundRobinAcrossPasses() {
        let h = Harness()
        h.addExecutor("exec1", host: "host1", cores: 2)
        h.addExecutor("exec2", host: "host2", cores: 2)
        h.submit(stage: 0, tasks: 5)
        let launched = h.round(h.scheduler.makeOffers(), full: true)
        // One task per offer per pass; returned grouped by offer (Spark's flatten).
        #expect(launched.map(\.summary) == ["0:p0.0@exec1/PROCESS_LOCAL", "2:p2.0@exec1/PROCESS_LOCAL",
                                            "1:p1.0@exec2/PROCESS_LOCAL", "3:p3.0@exec2/PROCESS_LOCAL"])
        #expect(h.scheduler.makeOffers().map(\.cores) == [0, 0])
        h.succeed(2)
        #expect(h.scheduler.makeOffers(executor: "exec1").map(\.cores) == [1])
        let next = h.round(h.scheduler.makeOffers(executor: "exec1"), full: false)
        #expect(next.map(\.summary) == ["4:p4.0@exec1/PROCESS_LOCAL"])
    }

    @Test func shuffledOffersFollowScalasShuffleWithTheInjectedDraws() {
        // Scala's Random.shuffle: for n = 3, 2: swap(n-1, nextInt(n)).
        let h = Harness(random: ScriptedRandom([0, 0]))
        for i in 1...3 { h.addExecutor("exec\(i)", host: "host\(i)", cores: 1) }
        h.submit(stage: 0, tasks: 3)
        let launched = h.round(h.scheduler.makeOffers(), full: true)
        // [e1, e2, e3] → swap(2, 0) → [e3, e2, e1] → swap(1, 0) → [e2, e3, e1]
        #expect(launched.map(\.executor) == ["exec2", "exec3", "exec1"])
        #expect(launched.map(\.taskID.rawValue) == [0, 1, 2])
    }

    @Test func theTraceRecordsLaunchesWithReportedLocality() {
        let h = Harness()
        h.addExecutor("exec1", host: "host1")
        h.submit(stage: 0, prefs: [[], [host("host1")]])
        _ = h.round(h.scheduler.makeOffers(), full: true, at: ms(5))
        #expect(h.traces.map(\.kind) == [.taskLaunched, .taskLaunched])
        #expect(h.traces.map { $0.locality } == [.nodeLocal, .processLocal])
        #expect(h.traces.allSatisfy { $0.time == ms(5) && $0.job == "job0" && $0.stage == "stage0" })
    }

    @Test func anExecutorJoiningAPreferredHostAddsProcessLocal() {
        let h = Harness()
        _ = h.round([workerOffer("executor0", "host0")], full: true)
        let ts = h.submit(stage: 0, prefs: Array(repeating: [exec("host0", "executor2")], count: 2))
        let first = h.round([workerOffer("executor0", "host0"), workerOffer("executor1", "host1")], full: true)
        #expect(first.count == 1, "only one task: locality")
        #expect(h.manager(ts)?.myLocalityLevels == [.nodeLocal, .any])
        let second = h.round([workerOffer("executor2", "host0")], full: true)
        #expect(second.map(\.locality) == [.processLocal])
        #expect(h.manager(ts)?.myLocalityLevels == [.processLocal, .nodeLocal, .any])
        #expect(h.scheduler.registry.executorsAlive(onHost: "host0") == ["executor0", "executor2"])
    }
}

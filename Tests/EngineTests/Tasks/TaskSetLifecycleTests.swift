import Testing
@testable import Engine

/// TaskSetManagerSuite cases on locality recomputation, speculation bookkeeping across
/// executor loss, and the scheduler's kill and zombie calls.
@Suite struct TaskSetLifecycleTests {
    @Test func aNewlyValidMoreLocalLevelBecomesCurrent() {
        let h = Harness()
        let ts = h.submit(stage: 0, prefs: [[exec("host1", "execA")], [exec("host1", "execA")]])
        #expect(h.manager(ts)?.myLocalityLevels == [.any])
        #expect(h.offer(ts, "execB", "host2", .any) != nil)
        h.addExecutor("execA", host: "host1")
        _ = h.round([], full: true)
        #expect(h.manager(ts)?.myLocalityLevels == [.processLocal, .nodeLocal, .any])
        #expect(h.offer(ts, "execC", "host3", .any) == nil, "SPARK-31837: back to PROCESS_LOCAL")
        #expect(h.offer(ts, "execA", "host1", .any)?.locality == .processLocal)
    }

    @Test func hdfsCachedBlocksArePreferredOnEveryLiveExecutorOfTheirHost() {
        let h = Harness()
        h.addExecutor("execA", host: "host1")
        h.addExecutor("execB", host: "host2")
        h.addExecutor("execC", host: "host3")
        let ts = h.submit(stage: 0, prefs: [[host("host1")], [host("host2")], [.hdfsCache("host3")]])
        #expect(h.manager(ts)?.myLocalityLevels == [.processLocal, .nodeLocal, .any])
        #expect(h.offer(ts, "execC", "host3", .processLocal)?.summary == "0:p2.0@execC/PROCESS_LOCAL")
        for id in ["execA", "execB", "execC"] { h.loseExecutor(id, .killedByDriver) }
        #expect(h.manager(ts)?.myLocalityLevels == [.any])
    }

    @Test func killedSpeculativeAttemptsDoNotCountTowardAborting() {
        let h = Harness([("spark.speculation", .bool(true)), ("spark.speculation.quantile", .double(0.6))]) {
            $0.speculation.multiplier = 0
        }
        h.addExecutor("exec1", host: "host1")
        h.addExecutor("exec2", host: "host2")
        let ts = h.submit(stage: 0, tasks: 5)
        for executor in ["exec1", "exec1", "exec1", "exec2", "exec2"] {
            #expect(h.offer(ts, executor, executor == "exec1" ? "host1" : "host2", .noPref) != nil)
        }
        for tid in 0..<3 { h.succeed(tid, at: ms(1)) }
        var running = [3: 3, 4: 4]
        var next = 5
        for _ in 0..<3 {
            for index in [3, 4] {
                h.fail(running[index]!, .exception("b"), at: ms(1))
                #expect(h.manager(ts)?.isZombie == false)
                let retry = h.offer(ts, "exec2", "host2", .noPref, at: ms(1))
                #expect(retry?.taskID.rawValue == next)
                running[retry!.partition] = next
                next += 1
            }
        }
        #expect(h.speculate(ts, minTime: 0, at: ms(2)))
        let copy = h.offer(ts, "exec1", "host1", .noPref, at: ms(2))!
        #expect(copy.taskID.rawValue == 11 && copy.attemptNumber == 4 && copy.speculative)
        h.succeed(11, at: ms(3))
        #expect(h.kills.map(\.0) == [TaskID(running[copy.partition]!)])
        h.fail(running[copy.partition]!, .killed("another attempt succeeded"), at: ms(3))
        #expect(h.manager(ts)?.tasksSuccessful == 4 && h.manager(ts)?.isZombie == false)
        let second = h.offer(ts, "exec1", "host1", .noPref, at: ms(3))!
        #expect(second.partition != copy.partition && second.attemptNumber == 4)
        h.succeed(second.taskID.rawValue, at: ms(4))
        #expect(h.manager(ts)?.tasksSuccessful == 5 && h.manager(ts)?.isZombie == true)
    }

    /// Four shuffle-map tasks on exec1, exec1, exec3, exec2; 0 and 1 succeed; 2 and 3 are
    /// speculated; the copy of task 2 runs on exec2 as TID 4 and wins.
    func speculatedMapStage() -> (Harness, StageAttemptID) {
        let h = Harness([("spark.speculation", .bool(true)), ("spark.speculation.quantile", .double(0.5))]) {
            $0.speculation.multiplier = 0
        }
        for i in 1...3 { h.addExecutor("exec\(i)", host: "host\(i)") }
        let ts = h.submit(stage: 0, prefs: [[exec("host1", "exec1")], [exec("host1", "exec1")],
                                            [exec("host3", "exec3")], [exec("host2", "exec2")]], shuffleMap: true)
        for (e, host) in [("exec1", "host1"), ("exec1", "host1"), ("exec3", "host3"), ("exec2", "host2")] {
            #expect(h.offer(ts, e, host, .noPref)?.executor == e)
        }
        h.succeed(0, at: ms(1))
        h.succeed(1, at: ms(1))
        #expect(h.speculate(ts, minTime: 0, at: ms(2)))
        #expect(h.offer(ts, "exec2", "host2", .any, at: ms(2))?.summary == "4:p2.1@exec2/ANY")
        h.succeed(4, at: ms(3))
        #expect(h.kills.map { "\($0.0.rawValue)@\($0.1)" } == ["2@exec3"])
        return (h, ts)
    }

    @Test func anAttemptKilledByItsTwinIsNotResubmittedWhenItsExecutorDies() {
        let (h, _) = speculatedMapStage()
        h.loseExecutor("exec3", .processLost(causedByApp: true, message: "lost"), at: ms(4))
        #expect(!h.notifications.contains { if case .taskResubmitted = $0 { true } else { false } })
    }

    @Test func theWinnersExecutorDyingResubmitsItsOutput() {
        let (h, _) = speculatedMapStage()
        h.loseExecutor("exec2", .processLost(causedByApp: true, message: "lost"), at: ms(4))
        let resubmitted = h.notifications.compactMap { n -> Int? in
            if case .taskResubmitted(let t) = n { return t.partition }
            return nil
        }
        #expect(resubmitted == [2])
    }

    @Test func aZombieSendsNoResubmissions() {
        let h = Harness([("spark.speculation", .bool(true))])
        h.addExecutor("execA", host: "host1")
        h.addExecutor("execB", host: "host2")
        let ts = h.submit(stage: 0, prefs: [[exec("host1", "execA")]], shuffleMap: true)
        _ = h.offer(ts, "execA", "host1", .processLocal)
        h.scheduler.managers[h.scheduler.taskSetsByStage[StageID(0)]![0]!]!.speculatableTasks.insert(0)
        h.scheduler.managers[h.scheduler.taskSetsByStage[StageID(0)]![0]!]!
            .addPendingTask(0, speculatable: true, cluster: h.scheduler.registry)
        #expect(h.offer(ts, "execB", "host2", .any)?.speculative == true)
        h.succeed(0)
        #expect(h.manager(ts)?.isZombie == true && h.manager(ts)?.runningTasks == 1)
        h.loseExecutor("execB", .processLost(causedByApp: true, message: "lost"))
        #expect(!h.notifications.contains { if case .taskResubmitted = $0 { true } else { false } })
        #expect(h.scheduler.isIdle)
    }

    @Test func killAllTaskAttemptsKillsEveryRunningAttemptAndStopsLaunches() {
        let h = Harness()
        h.addExecutor("exec1", host: "host1", cores: 3)
        let a0 = h.submit(stage: 0, tasks: 4)
        _ = h.round(h.scheduler.makeOffers(), full: true)
        h.scheduler.killAllTaskAttempts(stage: StageID(0), reason: "Stage cancelled", now: .zero)
        h.drain()
        #expect(h.kills.map { "\($0.0.rawValue): \($0.2)" } == ["0: Stage cancelled", "1: Stage cancelled",
                                                                 "2: Stage cancelled"])
        #expect(h.manager(a0)?.isZombie == true)
        for tid in 0..<3 { h.fail(tid, .killed("Stage cancelled")) }
        #expect(h.scheduler.isIdle)
    }

    @Test func markZombieStopsLaunchesButLetsRunningTasksReport() {
        let h = Harness()
        h.addExecutor("exec1", host: "host1", cores: 1)
        let ts = h.submit(stage: 0, tasks: 2)
        _ = h.round(h.scheduler.makeOffers(), full: true)
        h.scheduler.markZombie(ts, now: .zero)
        h.succeed(0)
        #expect(h.round(h.scheduler.makeOffers(), full: true).isEmpty)
        #expect(h.notifications.contains {
            if case .taskEnded(let t, .success) = $0 { t.taskID == TaskID(0) } else { false }
        })
        #expect(h.scheduler.isIdle)
    }

    @Test func anExecutorFirstSeenInAnOfferIsRegistered() {
        let h = Harness()
        h.submit(stage: 0, tasks: 1)
        #expect(h.round([workerOffer("newExec", "newHost", cores: 2)], full: true).count == 1)
        #expect(h.notifications.contains(.executorAdded("newExec", host: "newHost")))
        #expect(h.scheduler.makeOffers().isEmpty, "the caller owns an ad-hoc offer's resources")
    }

    @Test func legacyDelaySchedulingAbortsAPartialBarrierRound() {
        // Legacy mode gives barrier sets no locality wait, so make the round partial with a
        // GPU that is busy: Spark counts barrier slots over addresses busy or not.
        let h = Harness([("spark.locality.wait.legacyResetOnTaskLaunch", .bool(true))])
        h.addExecutor("exec0", host: "host0", cores: 4, gpus: ["0", "1"])
        let gpu = TaskResourceRequest(cpus: 1, gpus: 1)
        h.submit(stage: 0, tasks: 1, resources: gpu)
        #expect(h.round(h.scheduler.makeOffers(), full: true).map(\.gpuAddresses) == [["0"]])
        let ts = h.submit(stage: 3, job: 1, tasks: 2, barrier: true, resources: gpu)
        #expect(h.round(h.scheduler.makeOffers(), full: true).isEmpty)
        #expect(h.failedTaskSets.map(\.0) == [ts])
        #expect(h.failedTaskSets.first?.1.hasPrefix("Fail resource offers for barrier stage 3 because only 1 out of "
            + "a total number of 2 tasks got resource offers.") == true)
        #expect(h.scheduler.makeOffers().first?.cores == 3, "the partial round's resources were given back")
    }

    @Test func resubmittingTheSameAttemptReplacesItAsSparksTestsDo() {
        let h = Harness([("spark.task.cpus", .int(2))])
        let ts = h.submit(stage: 0, tasks: 1, resources: TaskResourceRequest(cpus: 2))
        #expect(h.round([workerOffer("executor0", "host0", cores: 0), workerOffer("executor1", "host1", cores: 0)],
                        full: true).isEmpty)
        h.submit(stage: 0, tasks: 1, resources: TaskResourceRequest(cpus: 2))
        #expect(h.round([workerOffer("executor0", "host0", cores: 1), workerOffer("executor1", "host1", cores: 1)],
                        full: true).isEmpty)
        let launched = h.round([workerOffer("executor0", "host0", cores: 1), workerOffer("executor1", "host1", cores: 2)],
                               full: true)
        #expect(launched.map(\.executor) == ["executor1"] && launched.first?.cpus == 2)
        #expect(h.manager(ts)?.isZombie == false)
    }
}

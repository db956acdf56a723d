import Testing
@testable import Engine

/// Group B of the conformance file (TF) and TaskSetManagerSuite's failure cases.
@Suite struct TaskFailureTests {
    @Test func aTaskSetAbortsAfterMaxFailuresWithSparksMessage() {
        let h = Harness()
        h.addExecutor("exec1", host: "host1")
        let ts = h.submit(stage: 0, tasks: 1)
        for attempt in 0..<4 {
            let task = h.offer(ts, "exec1", "host1", .any, at: ms(1))
            #expect(task?.summary == "\(attempt):p0.\(attempt)@exec1/PROCESS_LOCAL")
            #expect(h.failedTaskSets.isEmpty)
            h.fail(attempt, .resultLost, at: ms(1))
        }
        #expect(h.failedTaskSets.map(\.0) == [ts])
        #expect(h.failedTaskSets.first?.1 == "Task 0 in stage 0.0 failed 4 times, most recent failure: Lost task 0.3 "
                + "in "
                + "stage 0.0 (TID 3) (host1 executor exec1): TaskResultLost (result lost from block manager)"
                + "\nDriver stacktrace:")
        #expect(h.manager(ts) == nil)
        #expect(h.traces.filter { $0.kind == .taskFailed }.map(\.detail) == Array(repeating: "result-lost", count: 4))
    }

    @Test func aLostResultReQueuesTheTask() {
        let h = Harness()
        h.addExecutor("exec1", host: "host1")
        let ts = h.submit(stage: 0, tasks: 1)
        _ = h.offer(ts, "exec1", "host1", .any)
        h.fail(0, .resultLost)
        #expect(h.offer(ts, "exec1", "host1", .any)?.summary == "1:p0.1@exec1/PROCESS_LOCAL")
        #expect(h.actions.contains(.reviveOffers))
    }

    @Test func executorExitsUnrelatedToTheAppDoNotCountButCausedByTheAppDo() {
        let h = Harness(maxFailures: 1)
        let ts = h.submit(stage: 0, prefs: [[exec("host1", "execA")], [exec("host1", "execB")],
                                            [exec("host2", "execC")], []])
        h.addExecutor("execA", host: "host1")
        h.addExecutor("execC", host: "host2")
        _ = h.round([], full: true)
        #expect(h.offer(ts, "execB", "host1", .any)?.partition == 1)
        h.loseExecutor("execA", .processLost(causedByApp: false, message: "Terminated for reason unrelated"))
        #expect(h.failedTaskSets.isEmpty)
        #expect(h.offer(ts, "execC", "host2", .any)?.partition == 2)
        h.running(0)
        h.running(1)
        h.loseExecutor("execC", .processLost(causedByApp: true, message: "Terminated due to issue with running tasks"))
        #expect(h.failedTaskSets.count == 1)
        #expect(h.failedTaskSets.first?.1.hasSuffix("ExecutorLostFailure (executor execC exited caused by one of the "
            + "running tasks) Reason: Terminated due to issue with running tasks\nDriver stacktrace:") == true)
    }

    @Test(arguments: [true, false])
    func losingAnExecutorFailsTheTaskSetOnlyIfTheTaskReportedRunning(reportedRunning: Bool) {
        let h = Harness(maxFailures: 1)
        h.addExecutor("executor0", host: "host0", cores: 1)
        let ts = h.submit(stage: 0, tasks: 1)
        #expect(h.round(h.scheduler.makeOffers(), full: true).count == 1)
        if reportedRunning { h.running(0) }
        h.loseExecutor("executor0", .processLost(causedByApp: true, message: "Executor Process Lost"))
        #expect(h.failedTaskSets.isEmpty != reportedRunning)
        if !reportedRunning {
            h.addExecutor("executor1", host: "host0", cores: 1)
            #expect(h.round(h.scheduler.makeOffers(), full: true).map(\.summary) == ["1:p0.1@executor1/PROCESS_LOCAL"])
            #expect(h.manager(ts)?.isZombie == false)
        }
        #expect(h.notifications.contains(.executorLost("executor0", reason: .processLost(
            causedByApp: true, message: "Executor Process Lost"))))
    }

    @Test func tasksWaitForAPendingLossReasonBeforeTheyAreReQueued() {
        let h = Harness()
        h.addExecutor("executor0", host: "host0", cores: 1)
        h.addExecutor("executor1", host: "host0", cores: 1)
        h.submit(stage: 0, tasks: 1)
        #expect(h.round(h.scheduler.makeOffers(executor: "executor0"), full: false).count == 1)
        h.loseExecutor("executor0", .pending)
        #expect(h.scheduler.makeOffers().map(\.executor) == ["executor1"])
        #expect(h.round(h.scheduler.makeOffers(), full: true).isEmpty)
        h.loseExecutor("executor0", .processLost(causedByApp: true, message: "Executor Process Lost"))
        #expect(h.traces.last?.kind == .taskFailed && h.traces.last?.detail == "executor-lost")
        #expect(h.round(h.scheduler.makeOffers(), full: true).map(\.summary) == ["1:p0.1@executor1/PROCESS_LOCAL"])
        let lost = h.notifications.filter { if case .executorLost = $0 { return true } else { return false } }
        #expect(lost.count == 1, "the DAG scheduler hears of the loss once")
    }

    @Test func aNewAttemptMakesOlderAttemptsZombies() {
        let h = Harness()
        h.addExecutor("exec1", host: "host1", cores: 10)
        let a0 = h.submit(stage: 0, attempt: 0, tasks: 4)
        _ = h.round(h.scheduler.makeOffers(), full: true)
        let a1 = h.submit(stage: 0, attempt: 1, tasks: 10)
        #expect(h.manager(a0)?.isZombie == true)
        #expect(h.manager(a1)?.isZombie == false)
        h.addExecutor("exec2", host: "host2", cores: 10)
        let launched = h.round(h.scheduler.makeOffers(executor: "exec2"), full: false)
        #expect(launched.count == 10 && launched.allSatisfy { $0.stage == a1 })
        let a2 = h.submit(stage: 0, attempt: 2, tasks: 1)
        #expect(h.manager(a1)?.isZombie == true && h.manager(a2)?.isZombie == false)
        for tid in 0..<4 { h.succeed(tid) }
        #expect(h.manager(a0) == nil, "a zombie with nothing running is dropped")
        #expect(h.scheduler.attempts(ofStage: StageID(0)) == [1, 2])
    }

    @Test func completionsFromAZombieAttemptCompleteThePartitionInTheActiveOne() {
        let h = Harness()
        h.addExecutor("hostA-exec", host: "hostA", cores: 4)
        let a0 = h.submit(stage: 0, tasks: 4, shuffleMap: true)
        _ = h.round(h.scheduler.makeOffers(), full: true)
        h.succeed(0)
        h.fail(1, .fetchFailed(mapStageKey: "s", mapPartition: 0, executor: "hostA-exec", host: "hostA", message: "x"))
        #expect(h.manager(a0)?.isZombie == true)
        let a1 = h.submit(stage: 0, attempt: 1, prefs: [[], [], []], shuffleMap: true, partitions: [1, 2, 3])
        _ = h.round([workerOffer("hostA-exec", "hostA", cores: 1)], full: false)
        h.succeed(4)
        h.succeed(2)
        h.scheduler.notifyPartitionCompletion(stage: StageID(0), partition: 2, now: .zero)
        h.drain()
        #expect(h.manager(a1)?.tasksSuccessful == 2)
        h.succeed(3)
        h.scheduler.notifyPartitionCompletion(stage: StageID(0), partition: 3, now: .zero)
        h.drain()
        #expect(h.manager(a1) == nil, "all partitions done: attempt 1 finishes without running 2 and 3")
        #expect(h.scheduler.isIdle)
    }

    @Test func aFetchFailureMakesTheSetAZombieAndDoesNotCount() {
        let h = Harness(maxFailures: 1)
        h.addExecutor("exec1", host: "host1", cores: 2)
        let ts = h.submit(stage: 1, tasks: 2)
        _ = h.round(h.scheduler.makeOffers(), full: true)
        h.fail(0, .fetchFailed(mapStageKey: "m", mapPartition: 0, executor: "exec9", host: "host9", message: "gone"))
        #expect(h.failedTaskSets.isEmpty)
        #expect(h.manager(ts)?.isZombie == true)
        #expect(h.round(h.scheduler.makeOffers(), full: true).isEmpty)
        h.succeed(1)
        #expect(h.manager(ts) == nil)
    }

    @Test func killedTasksNeitherCountNorStopTheSet() {
        let h = Harness(maxFailures: 1)
        h.addExecutor("exec1", host: "host1", cores: 1)
        let ts = h.submit(stage: 0, tasks: 1)
        _ = h.round(h.scheduler.makeOffers(), full: true)
        h.fail(0, .killed("test"))
        #expect(h.failedTaskSets.isEmpty)
        #expect(h.traces.last?.kind == .taskKilled && h.traces.last?.detail == "test")
        #expect(h.round(h.scheduler.makeOffers(), full: true).map(\.summary) == ["1:p0.1@exec1/PROCESS_LOCAL"])
        #expect(h.manager(ts)?.isZombie == false)
    }

    @Test func finishedShuffleMapOutputOnALostExecutorIsResubmitted() {
        let h = Harness()
        h.addExecutor("exec1", host: "host1", cores: 1)
        h.addExecutor("exec2", host: "host2", cores: 1)
        let ts = h.submit(stage: 0, tasks: 2, shuffleMap: true)
        _ = h.round(h.scheduler.makeOffers(), full: true)
        h.succeed(0)
        h.loseExecutor("exec1", .processLost(causedByApp: false, message: "lost"))
        #expect(h.notifications.contains { if case .taskResubmitted(let t) = $0 { return t.taskID == TaskID(0) }
                                           return false })
        #expect(h.manager(ts)?.tasksSuccessful == 0)
        #expect(h.round(h.scheduler.makeOffers(), full: true).isEmpty, "exec2 is busy")
        h.succeed(1)
        #expect(h.round(h.scheduler.makeOffers(executor: "exec2"), full: false).map(\.summary)
            == ["2:p0.1@exec2/PROCESS_LOCAL"])
    }

    @Test func withAnExternalShuffleServiceOutputsSurviveTheirExecutor() {
        let h = Harness([("spark.shuffle.service.enabled", .bool(true))])
        h.addExecutor("exec1", host: "host1", cores: 1)
        h.addExecutor("exec2", host: "host2", cores: 1)
        let ts = h.submit(stage: 0, tasks: 2, shuffleMap: true)
        _ = h.round(h.scheduler.makeOffers(), full: true)
        h.succeed(0)
        h.loseExecutor("exec1", .processLost(causedByApp: false, message: "lost"))
        #expect(h.manager(ts)?.tasksSuccessful == 1)
    }

    @Test func executorsAreExcludedForATaskAfterItFailsThere() {
        let h = Harness([("spark.excludeOnFailure.enabled", .bool(true)),
                         ("spark.excludeOnFailure.timeout", .duration(nanoseconds: 300_000_000)),
                         ("spark.locality.wait", .duration(nanoseconds: 0))])
        h.addExecutor("exec1", host: "host1")
        h.addExecutor("exec1.1", host: "host1")
        h.addExecutor("exec2", host: "host2")
        let ts = h.submit(stage: 0, prefs: [[exec("host1", "exec1")]], at: ms(1))
        #expect(h.offer(ts, "exec1", "host1", .processLocal, at: ms(1))?.executor == "exec1")
        h.fail(0, .resultLost, at: ms(1))
        for cap in [TaskLocality.processLocal, .nodeLocal, .rackLocal, .any] {
            #expect(h.offer(ts, "exec1", "host1", cap, at: ms(1)) == nil)
        }
        #expect(h.offer(ts, "exec1.1", "host1", .nodeLocal, at: ms(1))?.executor == "exec1.1")
        h.fail(1, .resultLost, at: ms(1))
        #expect(h.offer(ts, "exec1.1", "host1", .nodeLocal, at: ms(1)) == nil)
        #expect(h.offer(ts, "exec2", "host2", .any, at: ms(1))?.executor == "exec2")
        h.fail(2, .resultLost, at: ms(1))
        #expect(h.offer(ts, "exec2", "host2", .any, at: ms(1)) == nil)
        #expect(h.offer(ts, "exec1", "host1", .processLocal, at: ms(301)) == nil, "task-level exclusion never expires")
        #expect(h.offer(ts, "exec3", "host3", .any, at: ms(301))?.executor == "exec3")
        #expect(h.offer(ts, "exec3", "host3", .any, at: ms(301)) == nil)
        h.fail(3, .resultLost, at: ms(301))
        #expect(h.failedTaskSets.map(\.0) == [ts])
    }
}

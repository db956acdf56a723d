import Engine
import Report
import Testing
import TestSupport
@testable import Lab

/// Project Hydrogen behaviours beyond the public conformance set (`hy-*` scenarios):
/// barrier delay scheduling, slot checks that pass later, every kind of barrier task
/// failure, sync failures and poll-tick latency, Spark's refusals, stage-level profiles.
/// Each expectation is worked out by hand from Spark's rules in the file's header comment.
extension ConformanceOutcomeTests {
    static let hydrogenExpected: [Expected] = [
        Expected(file: "hy-01-barrier-delay-scheduling.yaml", launches: [
            "0 hold.0 p0.0 exec2 PROCESS_LOCAL",
            "3000 train.0 p0.0 exec1 NODE_LOCAL",
            "3000 train.0 p1.0 exec3 ANY",
        ], jobEnds: ["4000 job-succeeded gang", "5000 job-succeeded filler"]),
        Expected(file: "hy-02-slot-check-passes-when-executors-join.yaml", launches: [
            "2000 train.0 p0.0 exec1 PROCESS_LOCAL",
            "2000 train.0 p1.0 exec2 PROCESS_LOCAL",
            "2000 train.0 p2.0 exec1 PROCESS_LOCAL",
            "2000 train.0 p3.0 exec2 PROCESS_LOCAL",
        ], jobEnds: ["3000 job-succeeded job0"]),
        Expected(file: "hy-03-barrier-task-lost-with-its-executor.yaml", launches: [
            "0 s0.0 p0.0 exec1 PROCESS_LOCAL",
            "0 s0.0 p1.0 exec2 PROCESS_LOCAL",
            "1200 s0.1 p0.0 exec1 PROCESS_LOCAL",
            "1200 s0.1 p1.0 exec3 PROCESS_LOCAL",
            "4200 s1.0 p0.0 exec1 PROCESS_LOCAL",
            "4200 s1.0 p1.0 exec3 PROCESS_LOCAL",
        ], jobEnds: ["5200 job-succeeded job0"]),
        Expected(file: "hy-04-two-barrier-failures-one-retry.yaml", launches: [
            "0 s0.0 p0.0 exec1a PROCESS_LOCAL",
            "0 s0.0 p1.0 exec1b PROCESS_LOCAL",
            "1200 s0.1 p0.0 exec2a PROCESS_LOCAL",
            "1200 s0.1 p1.0 exec2b PROCESS_LOCAL",
            "4200 s1.0 p0.0 exec2a PROCESS_LOCAL",
            "4200 s1.0 p1.0 exec2b PROCESS_LOCAL",
        ], jobEnds: ["5200 job-succeeded job0"]),
        Expected(file: "hy-05-barrier-result-stage-failure-fails-job.yaml", launches: [
            "0 train.0 p0.0 exec1 PROCESS_LOCAL",
            "0 train.0 p1.0 exec2 PROCESS_LOCAL",
        ], jobEnds: ["1000 job-failed job0"]),
        Expected(file: "hy-06-sync-mixed-call-kinds-fail.yaml", launches: [
            "0 train.0 p0.0 exec1 PROCESS_LOCAL",
            "0 train.0 p1.0 exec2 PROCESS_LOCAL",
        ], jobEnds: ["1500 job-failed job0"]),
        Expected(file: "hy-07-sync-timeout-fails-attempt.yaml", launches: [
            "0 train.0 p0.0 exec1 PROCESS_LOCAL",
            "0 train.0 p1.0 exec2 PROCESS_LOCAL",
        ], jobEnds: ["5500 job-failed job0"]),
        Expected(file: "hy-08-kill-noticed-on-poll-tick.yaml", launches: [
            "0 s0.0 p0.0 exec1 PROCESS_LOCAL",
            "0 s0.0 p1.0 exec2 PROCESS_LOCAL",
            "2000 s0.1 p0.0 exec1 PROCESS_LOCAL",
            "2000 s0.1 p1.0 exec2 PROCESS_LOCAL",
            "6000 s1.0 p0.0 exec1 PROCESS_LOCAL",
            "6000 s1.0 p1.0 exec2 PROCESS_LOCAL",
        ], jobEnds: ["7000 job-succeeded job0"]),
        Expected(file: "hy-09a-barrier-refused-with-dynamic-allocation.yaml", launches: [
        ], jobEnds: ["0 job-failed job0"]),
        Expected(file: "hy-09b-local-master-ignores-dynamic-allocation.yaml", launches: [
            "0 train.0 p0.0 driver PROCESS_LOCAL",
            "0 train.0 p1.0 driver PROCESS_LOCAL",
        ], jobEnds: ["2000 job-succeeded job0"]),
        Expected(file: "hy-10-stage-level-profiles.yaml", launches: [
            "0 etl.0 p0.0 exec1 PROCESS_LOCAL",
            "0 etl.0 p1.0 exec1 PROCESS_LOCAL",
            "1000 etl.0 p2.0 exec1 PROCESS_LOCAL",
            "1000 etl.0 p3.0 exec1 PROCESS_LOCAL",
            "2000 train.0 p0.0 exec2 PROCESS_LOCAL gpu=0",
            "2000 train.0 p1.0 exec3 PROCESS_LOCAL gpu=0",
            "2000 train.0 p2.0 exec2 PROCESS_LOCAL gpu=1",
            "2000 train.0 p3.0 exec3 PROCESS_LOCAL gpu=1",
            "4000 score.0 p0.0 exec1 PROCESS_LOCAL",
            "4000 score.0 p1.0 exec1 PROCESS_LOCAL",
        ], jobEnds: ["5000 job-succeeded job0"]),
        Expected(file: "hy-11-barrier-slots-counted-per-profile.yaml", launches: [
        ], jobEnds: ["2000 job-failed job0"]),
        Expected(file: "hy-12a-gpu-failure-task-retries.yaml", launches: [
            "0 s0.0 p0.0 exec1 PROCESS_LOCAL gpu=0",
            "0 s0.0 p1.0 exec2 PROCESS_LOCAL gpu=0",
            "1000 s0.0 p1.1 exec2 PROCESS_LOCAL gpu=0",
            "1100 s0.0 p1.2 exec1 PROCESS_LOCAL gpu=0",
        ], jobEnds: ["4200 job-succeeded job0"]),
        Expected(file: "hy-12b-gpu-failure-barrier-stage-aborts.yaml", launches: [
            "0 s0.0 p0.0 exec1 PROCESS_LOCAL gpu=0",
            "0 s0.0 p1.0 exec2 PROCESS_LOCAL gpu=0",
            "1200 s0.1 p0.0 exec1 PROCESS_LOCAL gpu=0",
            "1200 s0.1 p1.0 exec2 PROCESS_LOCAL gpu=0",
            "1400 s0.2 p0.0 exec1 PROCESS_LOCAL gpu=0",
            "1400 s0.2 p1.0 exec2 PROCESS_LOCAL gpu=0",
            "1600 s0.3 p0.0 exec1 PROCESS_LOCAL gpu=0",
            "1600 s0.3 p1.0 exec2 PROCESS_LOCAL gpu=0",
        ], jobEnds: ["1600 job-failed job0"]),
    ]
}

@Suite struct HydrogenConformanceTests {
    static func trace(_ file: String) throws -> [TraceRow] { try ConformanceScenarios.trace(file) }

    static func rows(_ rows: [TraceRow], _ event: TraceEvent) -> [TraceRow] { rows.filter { $0.event == event } }

    static func at(_ row: TraceRow) -> Int64 { row.timeNanoseconds / 1_000_000 }

    @Test func aBarrierStageIsRetriedWholeWhenItsTaskIsLostWithItsExecutor() throws {
        let rows = try Self.trace("hy-03-barrier-task-lost-with-its-executor.yaml")
        let failed = try #require(Self.rows(rows, .taskFailed).first)
        #expect(Self.at(failed) == 1000 && failed.detail == "executor-lost" && failed.partition == 1)
        let stageFailed = try #require(Self.rows(rows, .stageFailed).first)
        #expect(stageFailed.detail?.hasPrefix("Stage failed because barrier task ShuffleMapTask(0, 1) finished "
            + "unsuccessfully.\nExecutorLostFailure (executor exec2 exited") == true)
        let killed = Self.rows(rows, .taskKilled).map { "\(Self.at($0)) p\($0.partition!)" }
        #expect(killed == ["1000 p0"])
        let submitted = Self.rows(rows, .stageSubmitted).map { "\(Self.at($0)) \($0.stage!).\($0.stageAttempt!)" }
        #expect(submitted == ["0 s0.0", "1200 s0.1", "4200 s1.0"])
    }

    @Test func twoFailuresOfOneAttemptRetryTheStageOnce() throws {
        let rows = try Self.trace("hy-04-two-barrier-failures-one-retry.yaml")
        #expect(Self.rows(rows, .taskFailed).count == 2)
        #expect(Self.rows(rows, .stageFailed).count == 1)
        #expect(Self.rows(rows, .stageSubmitted).filter { $0.stage == "s0" }.count == 2)
    }

    @Test func aFailedBarrierResultStageFailsTheJob() throws {
        let rows = try Self.trace("hy-05-barrier-result-stage-failure-fails-job.yaml")
        let failed = try #require(Self.rows(rows, .jobFailed).first)
        #expect(failed.detail?.hasPrefix("Job aborted due to stage failure: Could not recover from a failed barrier "
            + "ResultStage. Most recent failure reason: Stage failed because barrier task ResultTask(0, 0) finished "
            + "unsuccessfully.\n") == true)
        #expect(Self.rows(rows, .taskKilled).map { "\(Self.at($0)) p\($0.partition!)" } == ["1000 p1"])
        #expect(Self.rows(rows, .stageSubmitted).count == 1)
    }

    @Test func mixedCallKindsFailTheSyncAtThePollTick() throws {
        let rows = try Self.trace("hy-06-sync-mixed-call-kinds-fail.yaml")
        #expect(Self.rows(rows, .barrierSync).isEmpty)
        let failed = try #require(Self.rows(rows, .taskFailed).first)
        #expect(Self.at(failed) == 1500 && failed.partition == 0)
        #expect(Self.rows(rows, .jobFailed).first?.detail?.contains(
            "Different barrier sync types found for the sync Stage 0 (Stage Attempt 0): BARRIER, ALL_GATHER. Please "
            + "use the same barrier sync type within a single sync.") == true)
    }

    @Test func aSyncNobodyCompletesTimesOut() throws {
        let rows = try Self.trace("hy-07-sync-timeout-fails-attempt.yaml")
        #expect(Self.rows(rows, .taskFinished).map { "\(Self.at($0)) p\($0.partition!)" } == ["2000 p1"])
        #expect(Self.rows(rows, .jobFailed).first?.detail?.contains(
            "The coordinator didn't get all barrier sync requests for barrier epoch 0 from Stage 0 (Stage Attempt 0) "
            + "within 5 second(s).") == true)
    }

    @Test func aBlockedTaskDiesOnItsPollTickAndTheRetryWaitsForAFullRound() throws {
        let rows = try Self.trace("hy-08-kill-noticed-on-poll-tick.yaml")
        #expect(Self.rows(rows, .taskKilled).map { "\(Self.at($0)) \($0.stage!).\($0.stageAttempt!) p\($0.partition!)" }
            == ["1100 s0.0 p0"])
        let submitted = Self.rows(rows, .stageSubmitted).map { "\(Self.at($0)) \($0.stage!).\($0.stageAttempt!)" }
        #expect(submitted == ["0 s0.0", "500 s0.1", "6000 s1.0"])
        #expect(Self.rows(rows, .barrierSync).map { "\(Self.at($0)) \($0.detail!)" } == ["3500 barrier epoch=0"])
    }

    @Test func barrierStagesRefuseDynamicAllocationOnAClusterMasterOnly() throws {
        let refused = try Self.trace("hy-09a-barrier-refused-with-dynamic-allocation.yaml")
        #expect(Self.rows(refused, .jobFailed).first?.detail == BarrierChecks.dynamicAllocationMessage)
        #expect(Self.rows(refused, .stageSubmitted).isEmpty)
        let local = try Self.trace("hy-09b-local-master-ignores-dynamic-allocation.yaml")
        #expect(Self.rows(local, .jobFailed).isEmpty && Self.rows(local, .jobSucceeded).count == 1)
    }

    @Test func slotChecksCountOnlyTheStagesProfile() throws {
        let rows = try Self.trace("hy-11-barrier-slots-counted-per-profile.yaml")
        #expect(Self.rows(rows, .jobFailed).first?.detail == BarrierChecks.moreSlotsThanClusterMessage)
        let passed = try Self.trace("hy-02-slot-check-passes-when-executors-join.yaml")
        #expect(Self.rows(passed, .jobFailed).isEmpty)
        #expect(Self.rows(passed, .stageSubmitted).map(Self.at) == [2000])
    }
}

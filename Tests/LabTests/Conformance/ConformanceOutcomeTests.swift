import Report
import Testing
import TestSupport
@testable import Lab

/// The outcome each conformance scenario's header comment states, checked on Spark's
/// scheduler: every task launch (instant in ms, stage.attempt, partition.attempt,
/// executor, reported locality, detail) and every job end. The whole traces are golden
/// files under `results/`; these lists are the part a reader checks against the comment.
@Suite struct ConformanceOutcomeTests {
    struct Expected: Sendable, CustomStringConvertible {
        let file: String
        let launches: [String]
        let jobEnds: [String]
        var description: String { file }
    }

    static let expected: [Expected] = sparkSuiteExpected + hydrogenExpected

    /// The behaviours of Spark's own suites (the list of behaviours taken from Spark's own scheduler test suites).
    static let sparkSuiteExpected: [Expected] = [
        Expected(file: "br-01a-barrier-launch-waits-for-free-slots.yaml", launches: [
            "0 hold.0 p0.0 exec1 PROCESS_LOCAL",
            "5000 train.0 p0.0 exec1 PROCESS_LOCAL",
            "5000 train.0 p1.0 exec2 PROCESS_LOCAL",
            "5000 train.0 p2.0 exec3 PROCESS_LOCAL",
        ], jobEnds: ["5000 job-succeeded filler", "6000 job-succeeded gang"]),
        Expected(file: "br-01b-barrier-launch-limited-by-gpus.yaml", launches: [
            "0 hold.0 p0.0 exec1 PROCESS_LOCAL gpu=0",
            "5000 train.0 p0.0 exec2 PROCESS_LOCAL gpu=0",
            "5000 train.0 p1.0 exec1 PROCESS_LOCAL gpu=0",
            "5000 train.0 p2.0 exec3 PROCESS_LOCAL gpu=0",
        ], jobEnds: ["5000 job-succeeded filler", "6000 job-succeeded gang"]),
        Expected(file: "br-05a-barrier-needs-more-slots-result-stage.yaml", launches: [
        ], jobEnds: ["3000 job-failed job0"]),
        Expected(file: "br-05b-barrier-needs-more-slots-map-stage.yaml", launches: [
        ], jobEnds: ["3000 job-failed job0"]),
        Expected(file: "br-05c-barrier-slots-counted-by-gpus.yaml", launches: [
        ], jobEnds: ["15000 job-failed job0"]),
        Expected(file: "br-08a-failed-barrier-task-retries-whole-stage.yaml", launches: [
            "0 s0.0 p0.0 exec1 PROCESS_LOCAL",
            "0 s0.0 p1.0 exec2 PROCESS_LOCAL",
            "2200 s0.1 p0.0 exec1 PROCESS_LOCAL",
            "2200 s0.1 p1.0 exec2 PROCESS_LOCAL",
            "5200 s1.0 p0.0 exec1 PROCESS_LOCAL",
            "5200 s1.0 p1.0 exec2 PROCESS_LOCAL",
        ], jobEnds: ["6200 job-succeeded job0"]),
        Expected(file: "br-08b-barrier-stage-attempts-abort.yaml", launches: [
            "0 s0.0 p0.0 exec1 PROCESS_LOCAL",
            "0 s0.0 p1.0 exec2 PROCESS_LOCAL",
            "2200 s0.1 p0.0 exec1 PROCESS_LOCAL",
            "2200 s0.1 p1.0 exec2 PROCESS_LOCAL",
            "4400 s0.2 p0.0 exec1 PROCESS_LOCAL",
            "4400 s0.2 p1.0 exec2 PROCESS_LOCAL",
            "6600 s0.3 p0.0 exec1 PROCESS_LOCAL",
            "6600 s0.3 p1.0 exec2 PROCESS_LOCAL",
        ], jobEnds: ["8600 job-failed job0"]),
        Expected(file: "br-11-barrier-and-allgather-syncs.yaml", launches: [
            "0 train.0 p0.0 exec1 PROCESS_LOCAL",
            "0 train.0 p1.0 exec2 PROCESS_LOCAL",
            "0 train.0 p2.0 exec3 PROCESS_LOCAL",
            "0 train.0 p3.0 exec4 PROCESS_LOCAL",
        ], jobEnds: ["2800 job-succeeded job0"]),
        Expected(file: "ds-01-no-preferences-lowest-index-first.yaml", launches: [
            "0 stage0.0 p0.0 exec1 PROCESS_LOCAL",
            "1000 stage0.0 p1.0 exec1 PROCESS_LOCAL",
            "2000 stage0.0 p2.0 exec1 PROCESS_LOCAL",
        ], jobEnds: ["3000 job-succeeded job0"]),
        Expected(file: "ds-03a-basic-delay-scheduling.yaml", launches: [
            "0 stage0.0 p0.0 exec1 PROCESS_LOCAL",
            "3000 stage0.0 p1.0 exec2 PROCESS_LOCAL",
            "3000 stage0.0 p2.0 exec1 NODE_LOCAL",
        ], jobEnds: ["13000 job-succeeded job0"]),
        Expected(file: "ds-03b-no-pref-pass-skips-the-delay.yaml", launches: [
            "0 stage0.0 p0.0 exec1 PROCESS_LOCAL",
            "0 stage0.0 p2.0 exec1 NODE_LOCAL",
            "3000 stage0.0 p1.0 exec2 PROCESS_LOCAL",
            "5000 stage0.0 p3.0 exec1 PROCESS_LOCAL",
        ], jobEnds: ["15000 job-succeeded job0"]),
        Expected(file: "ds-10-delay-timer-reset-rules.yaml", launches: [
            "0 stage0.0 p0.0 exec1 PROCESS_LOCAL",
            "1000 stage0.0 p1.0 exec1 PROCESS_LOCAL",
            "2000 stage0.0 p2.0 exec1 PROCESS_LOCAL",
            "3000 stage0.0 p3.0 exec1 PROCESS_LOCAL",
            "3000 stage0.0 p4.0 exec2 NODE_LOCAL",
            "4000 stage0.0 p5.0 exec1 PROCESS_LOCAL",
            "5000 stage0.0 p6.0 exec1 PROCESS_LOCAL",
            "6000 stage0.0 p7.0 exec1 PROCESS_LOCAL",
        ], jobEnds: ["7000 job-succeeded job0"]),
        Expected(file: "el-02-executor-loss-during-map-stage.yaml", launches: [
            "0 s0.0 p0.0 hostA-exec PROCESS_LOCAL",
            "0 s0.0 p1.0 hostB-exec PROCESS_LOCAL",
            "2000 s0.0 p0.1 hostC-exec PROCESS_LOCAL",
            "3000 s1.0 p0.0 hostB-exec PROCESS_LOCAL",
        ], jobEnds: ["4000 job-succeeded job0"]),
        Expected(file: "ff-01a-fetch-failure-resubmits-missing-partitions.yaml", launches: [
            "0 s0.0 p0.0 hostA-exec PROCESS_LOCAL",
            "0 s0.0 p1.0 hostB-exec PROCESS_LOCAL",
            "1000 s1.0 p0.0 hostA-exec PROCESS_LOCAL",
            "1000 s1.0 p1.0 hostB-exec PROCESS_LOCAL",
            "1200 s0.1 p0.0 hostB-exec PROCESS_LOCAL",
            "2200 s1.1 p1.0 hostA-exec PROCESS_LOCAL",
        ], jobEnds: ["3200 job-succeeded job0"]),
        Expected(file: "ff-01b-recursive-shuffle-failures.yaml", launches: [
            "0 s0.0 p0.0 hostA-exec NODE_LOCAL",
            "0 s0.0 p1.0 hostB-exec NODE_LOCAL",
            "1000 s1.0 p0.0 hostA-exec NODE_LOCAL",
            "1000 s1.0 p1.0 hostC-exec NODE_LOCAL",
            "2000 s2.0 p0.0 hostA-exec PROCESS_LOCAL",
            "2200 s0.1 p0.0 hostA-exec NODE_LOCAL",
            "3200 s1.1 p0.0 hostA-exec NODE_LOCAL",
            "4200 s2.1 p0.0 hostA-exec PROCESS_LOCAL",
        ], jobEnds: ["5200 job-succeeded job0"]),
        Expected(file: "ff-02-consecutive-fetch-failures-abort.yaml", launches: [
            "0 s0.0 p0.0 hostA-exec PROCESS_LOCAL",
            "0 s0.0 p1.0 hostB-exec PROCESS_LOCAL",
            "1000 s1.0 p0.0 hostA-exec PROCESS_LOCAL",
            "1000 s1.0 p1.0 hostB-exec PROCESS_LOCAL",
            "1200 s0.1 p0.0 hostA-exec PROCESS_LOCAL",
            "1200 s0.1 p1.0 hostB-exec PROCESS_LOCAL",
            "2200 s1.1 p0.0 hostA-exec PROCESS_LOCAL",
            "2200 s1.1 p1.0 hostB-exec PROCESS_LOCAL",
            "2400 s0.2 p0.0 hostA-exec PROCESS_LOCAL",
            "2400 s0.2 p1.0 hostB-exec PROCESS_LOCAL",
            "3400 s1.2 p0.0 hostA-exec PROCESS_LOCAL",
            "3400 s1.2 p1.0 hostB-exec PROCESS_LOCAL",
            "3600 s0.3 p0.0 hostA-exec PROCESS_LOCAL",
            "3600 s0.3 p1.0 hostB-exec PROCESS_LOCAL",
            "4600 s1.3 p0.0 hostA-exec PROCESS_LOCAL",
            "4600 s1.3 p1.0 hostB-exec PROCESS_LOCAL",
        ], jobEnds: ["4600 job-failed job0"]),
        Expected(file: "gpu-01a-whole-gpus-assigned-by-address.yaml", launches: [
            "5000 stage0.0 p0.0 executor1 PROCESS_LOCAL gpu=0",
            "5000 stage0.0 p1.0 executor1 PROCESS_LOCAL gpu=1",
            "15000 stage0.0 p2.0 executor1 PROCESS_LOCAL gpu=0",
        ], jobEnds: ["25000 job-succeeded job0"]),
        Expected(file: "gpu-01b-task-with-two-gpus.yaml", launches: [
            "0 stage0.0 p0.0 executor0 PROCESS_LOCAL gpu=0,1",
            "0 stage0.0 p1.0 executor0 PROCESS_LOCAL gpu=2,3",
        ], jobEnds: ["1000 job-succeeded job0"]),
        Expected(file: "gpu-02-fractional-gpus-share-an-address.yaml", launches: [
            "0 stage0.0 p0.0 executor0 PROCESS_LOCAL gpu=0",
            "0 stage0.0 p1.0 executor0 PROCESS_LOCAL gpu=0",
            "0 stage0.0 p2.0 executor0 PROCESS_LOCAL gpu=0",
            "1000 stage0.0 p3.0 executor0 PROCESS_LOCAL gpu=0",
            "2000 stage0.0 p4.0 executor0 PROCESS_LOCAL gpu=0",
        ], jobEnds: ["3000 job-succeeded job0"]),
        Expected(file: "pool-02-fair-pools-min-share-and-weight.yaml", launches: [
            "0 stage0.0 p0.0 exec1 PROCESS_LOCAL",
            "1000 stage3.0 p0.0 exec2 PROCESS_LOCAL",
            "2000 stage3.0 p1.0 exec3 PROCESS_LOCAL",
            "3000 stage1.0 p0.0 exec4 PROCESS_LOCAL",
            "4000 stage4.0 p0.0 exec5 PROCESS_LOCAL",
            "5000 stage2.0 p0.0 exec6 PROCESS_LOCAL",
            "6000 stage2.0 p1.0 exec7 PROCESS_LOCAL",
            "7000 stage4.0 p1.0 exec8 PROCESS_LOCAL",
        ], jobEnds: ["100000 job-succeeded j0", "102000 job-succeeded j3", "103000 job-succeeded j1",
                     "106000 job-succeeded j2", "107000 job-succeeded j4"]),
        Expected(file: "sp-01-winning-attempt-kills-its-twin.yaml", launches: [
            "0 stage0.0 p0.0 exec1 PROCESS_LOCAL",
            "0 stage0.0 p1.0 exec2 PROCESS_LOCAL",
            "0 stage0.0 p2.0 exec1 PROCESS_LOCAL",
            "0 stage0.0 p3.0 exec2 PROCESS_LOCAL",
            "200 stage0.0 p3.1 exec1 PROCESS_LOCAL speculative",
        ], jobEnds: ["1200 job-succeeded job0"]),
        Expected(file: "sp-04a-min-task-runtime-floor.yaml", launches: [
            "0 stage0.0 p0.0 exec1 PROCESS_LOCAL",
            "0 stage0.0 p1.0 exec2 PROCESS_LOCAL",
            "3100 stage0.0 p1.1 exec1 PROCESS_LOCAL speculative",
        ], jobEnds: ["10000 job-succeeded job0"]),
        Expected(file: "sp-04b-regular-rule-with-duration-threshold.yaml", launches: [
            "0 stage0.0 p0.0 exec1 PROCESS_LOCAL",
            "0 stage0.0 p1.0 exec2 PROCESS_LOCAL",
            "1600 stage0.0 p1.1 exec1 PROCESS_LOCAL speculative",
        ], jobEnds: ["10000 job-succeeded job0"]),
        Expected(file: "tf-02-abort-after-max-failures.yaml", launches: [
            "0 stage0.0 p0.0 exec1 PROCESS_LOCAL",
            "1000 stage0.0 p0.1 exec1 PROCESS_LOCAL",
            "2000 stage0.0 p0.2 exec1 PROCESS_LOCAL",
            "3000 stage0.0 p0.3 exec1 PROCESS_LOCAL",
        ], jobEnds: ["4000 job-failed job0"]),
        Expected(file: "tf-04a-executor-loss-counts-only-when-caused-by-app.yaml", launches: [
            "0 stage0.0 p0.0 exec1 PROCESS_LOCAL",
            "0 stage0.0 p1.0 exec2 PROCESS_LOCAL",
            "2000 stage0.0 p0.1 exec3 PROCESS_LOCAL",
        ], jobEnds: ["4000 job-failed job0"]),
        Expected(file: "tf-04b-executor-lost-while-task-launching.yaml", launches: [
            "0 stage0.0 p0.0 exec1 PROCESS_LOCAL",
            "500 stage0.0 p0.1 exec2 PROCESS_LOCAL",
        ], jobEnds: ["3500 job-succeeded job0"]),
        Expected(file: "tf-08-zombie-attempt-late-successes.yaml", launches: [
            "0 a.0 p0.0 exec1 PROCESS_LOCAL",
            "0 a.0 p1.0 exec2 PROCESS_LOCAL",
            "1000 b.0 p0.0 exec1 PROCESS_LOCAL",
            "1000 b.0 p1.0 exec2 PROCESS_LOCAL",
            "1000 b.0 p2.0 exec3 PROCESS_LOCAL",
            "1000 b.0 p3.0 exec4 PROCESS_LOCAL",
            "2200 a.1 p1.0 exec1 PROCESS_LOCAL",
            "3200 b.1 p1.0 exec1 PROCESS_LOCAL",
            "3200 b.1 p2.0 exec2 PROCESS_LOCAL",
            "5200 c.0 p0.0 exec1 PROCESS_LOCAL",
        ], jobEnds: ["6200 job-succeeded job0"]),
    ]

    @Test func everyScenarioHasItsExpectedOutcome() {
        #expect(Self.expected.map(\.file).sorted() == ConformanceScenarios.files)
    }

    @Test(arguments: expected)
    func theEngineShowsTheStatedOutcome(_ expected: Expected) throws {
        let rows = try ConformanceScenarios.trace(expected.file)
        #expect(ConformanceScenarios.launches(rows) == expected.launches)
        #expect(ConformanceScenarios.jobEnds(rows) == expected.jobEnds)
    }
}

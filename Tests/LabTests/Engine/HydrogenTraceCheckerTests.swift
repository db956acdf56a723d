import Report
import Testing

/// The trace checkers catch what they are meant to catch: fabricated traces with one
/// violation each, and the same-instant order that is not a violation.
///
/// Why: a property test whose checker never fires proves nothing; these traces show it
/// fires on a double-assigned GPU address and on a partially launched barrier stage.
@Suite struct HydrogenTraceCheckerTests {
    /// One executor with 2 cores and 1 GPU; a stage `half` of 0.5 GPU per task, a
    /// stage `whole` of 1 GPU per task, and a barrier stage `gang` of 2 tasks.
    static let scenario: HydrogenScenario = {
        var scenario = HydrogenScenario(seed: 0)
        scenario.executors = [.init(id: "e0", host: "h0", rack: "r0", cores: 2, gpus: 1)]
        let need = { (units: Int) in HydrogenScenario.StageNeed(cpus: 1, gpuUnits: units, executorProfile: nil) }
        scenario.jobs = [.init(name: "j", stages: [
            .init(name: "half", tasks: 3, need: need(50), barrier: false),
            .init(name: "whole", tasks: 2, need: need(100), barrier: false),
            .init(name: "gang", tasks: 2, need: need(0), barrier: true),
        ])]
        return scenario
    }()

    static func row(_ time: Int64, _ event: TraceEvent, _ stage: String, partition: Int, attempt: Int = 0,
                    speculative: Bool = false, gpus: [String] = [], sync: BarrierSyncRecord? = nil, note: String? = nil) -> TraceRow {
        TraceRow(timeNanoseconds: time, event: event, job: "j", stage: stage, stageAttempt: attempt,
                 partition: partition, taskAttempt: 0, executor: "e0", host: "h0",
                 locality: event == .taskLaunched ? "PROCESS_LOCAL" : nil, speculative: speculative, gpus: gpus, sync: sync, note: note)
    }

    let checker = HydrogenTraceChecker(scenario: Self.scenario)

    @Test func twoHalvesShareAnAddressButAWholeTaskOnTopIsCaught() {
        let rows = [
            Self.row(0, .taskLaunched, "half", partition: 0, gpus: ["0"]),
            Self.row(0, .taskLaunched, "half", partition: 1, gpus: ["0"]),
            Self.row(5, .taskFinished, "half", partition: 1),
            Self.row(5, .taskLaunched, "whole", partition: 0, gpus: ["0"]),
        ]
        #expect(checker.resourceViolations(Array(rows.prefix(3))).isEmpty)
        let violations = checker.resourceViolations(rows)
        #expect(violations.count == 1)
        #expect(violations.first?.contains("e0 GPU 0 holds 150/100") == true)
    }

    @Test func anEndBeforeALaunchAtOneInstantFreesTheAddressButNotAfterIt() {
        let end = Self.row(5, .taskFinished, "whole", partition: 0)
        let launch = Self.row(5, .taskLaunched, "whole", partition: 1, gpus: ["0"])
        let first = Self.row(0, .taskLaunched, "whole", partition: 0, gpus: ["0"])
        #expect(checker.resourceViolations([first, end, launch]).isEmpty)
        #expect(checker.resourceViolations([first, launch, end]).count == 1)
    }

    @Test func coresAndAddressCountsAreCheckedToo() {
        let rows = [
            Self.row(0, .taskLaunched, "gang", partition: 0),
            Self.row(0, .taskLaunched, "gang", partition: 1),
            Self.row(0, .taskLaunched, "half", partition: 0, gpus: ["0", "1"]),
        ]
        let violations = checker.resourceViolations(rows)
        #expect(violations.contains { $0.contains("3 cores in use of 2") })
        #expect(violations.contains { $0.contains("got addresses [\"0\", \"1\"]") })
        #expect(violations.contains { $0.contains("address 1 is not one of e0's 1 GPUs") })
    }

    @Test func anExecutorLossEndsEverythingOnIt() {
        let rows = [
            Self.row(0, .taskLaunched, "whole", partition: 0, gpus: ["0"]),
            TraceRow(timeNanoseconds: 3, event: .executorLost, executor: "e0", note: "fault"),
            Self.row(3, .taskLaunched, "whole", partition: 1, gpus: ["0"]),
            Self.row(3, .taskFailed, "whole", partition: 0, note: "executor-lost"),
        ]
        #expect(checker.resourceViolations(rows).isEmpty)
    }

    @Test func aPartiallyLaunchedBarrierStageIsCaught() {
        let whole = [Self.row(7, .taskLaunched, "gang", partition: 0),
                     Self.row(7, .taskLaunched, "gang", partition: 1)]
        #expect(checker.barrierViolations(whole).isEmpty)
        let partial = [Self.row(7, .taskLaunched, "gang", partition: 0)]
        #expect(checker.barrierViolations(partial).count == 1)
        let late = [Self.row(7, .taskLaunched, "gang", partition: 0),
                    Self.row(9, .taskLaunched, "gang", partition: 1)]
        #expect(checker.barrierViolations(late).first?.contains("at instants [7, 9]") == true)
        let twice = whole + [Self.row(9, .taskLaunched, "gang", partition: 0)]
        #expect(checker.barrierViolations(twice).count == 1)
    }

    @Test func aResubmittedAttemptIsHeldToItsOwnTaskSet() {
        var checker = checker
        checker.barrierTaskSetSizes = [StageAttemptKey(job: "j", stage: "gang", attempt: 1): 1]
        #expect(checker.barrierViolations([Self.row(7, .taskLaunched, "gang", partition: 1, attempt: 1)]).isEmpty)
        checker.barrierTaskSetSizes[StageAttemptKey(job: "j", stage: "gang", attempt: 0)] = 1
        #expect(checker.barrierViolations([]).first?.contains("the first task set has 1 tasks, the stage 2") == true)
    }
}

import Report
import Sim
import Testing
import TestSupport
@testable import Lab

/// The scheduler-level runs of real Spark 4.3 recorded for this project (pyspark 4.3.0, event logs
/// recorded 2026-11-24), re-created in `scenarios/spark-real/`. The real figures are
/// copied here from the run summaries (the tests cannot read that folder on CI): job,
/// stage and task structure must be equal; times are compared where the scheduler alone
/// decides them (the Python worker's cold start is not part of a scripted scenario).
@Suite struct SparkRealRecreationTests {
    static func trace(_ name: String) throws -> [TraceRow] {
        let path = "scenarios/spark-real/\(name).yaml"
        let text = try String(contentsOf: RepositoryPaths.resolve(path), encoding: .utf8)
        let scenario = try ScenarioLoader.load(text: text, file: path)
        guard case .scripted(let workload) = scenario.variants[0].workload else { return [] }
        return EngineRun.run(scenario, workload, streams: RandomStreams(seed: scenario.seed),
                             makeEngine: SparkSchedulerFactory.make(for: scenario)).outcome.trace
    }

    static func count(_ rows: [TraceRow], _ event: TraceEvent) -> Int { rows.filter { $0.event == event }.count }

    /// Spark 4.3's `BarrierJobSlotsNumberCheckFailed` text from run e's driver (java_message_head).
    static let realSlotCheckMessage = "[SPARK-24819]: Barrier execution mode does not allow run a barrier stage "
        + "that requires more slots than the total number of slots in the cluster currently. Please init a new "
        + "cluster with more resources(e.g. CPU, GPU) or repartition the input RDD(s) to reduce the number of "
        + "slots required to run this barrier stage."

    @Test func runBHasOneBarrierStageOfFourTasksAndElevenOneSecondSyncs() throws {
        let rows = try Self.trace("real-b-barrier-allgather-local4")
        // Real: 1 job, 1 barrier stage attempt, 4 task attempts, all Success, launched together.
        #expect(Self.count(rows, .jobSucceeded) == 1 && Self.count(rows, .stageSubmitted) == 1)
        let launches = rows.filter { $0.event == .taskLaunched }
        #expect(launches.count == 4 && Set(launches.map(\.timeNanoseconds)).count == 1)
        #expect(Self.count(rows, .taskFinished) == 4 && Self.count(rows, .taskFailed) == 0)
        let syncs = rows.filter { $0.event == .barrierSync }.map { $0.detail! }
        #expect(syncs == (0..<11).map { "allGather epoch=\($0)" })
        // Real: 10.2-11.4 s of each task's time was spent inside Python, nearly all of it
        // waiting on the 1 s poll of 11 syncs (3 ms of compute per iteration).
        let finish = try #require(rows.last { $0.event == .taskFinished })
        let seconds = Double(finish.timeNanoseconds - launches[0].timeNanoseconds) / 1e9
        #expect(seconds >= 10.2 && seconds <= 11.4, "simulated task time \(seconds) s")
    }

    @Test(arguments: ["real-c-task-retry-local44", "real-c-task-retry-local-cluster"])
    func runCRetriesTheTaskInsideOneStageAttempt(_ name: String) throws {
        let rows = try Self.trace(name)
        // Real (both masters): 1 job, 1 stage attempt, 9 attempts: 8 Success + 1 ExceptionFailure.
        #expect(Self.count(rows, .jobSucceeded) == 1 && Self.count(rows, .stageSubmitted) == 1)
        #expect(Self.count(rows, .taskLaunched) == 9 && Self.count(rows, .taskFinished) == 8)
        let failed = rows.filter { $0.event == .taskFailed }
        #expect(failed.map { "p\($0.partition!).\($0.taskAttempt!) \($0.detail!)" } == ["p3.0 exception"])
        let retry = rows.filter { $0.event == .taskFinished && $0.partition == 3 }
        #expect(retry.map(\.taskAttempt) == [1] && retry.map(\.stageAttempt) == [0])
    }

    @Test(arguments: [("i1s-m3", 3.58), ("i2s-m2", 4.47), ("i15s-m1", 15.50), ("defaults", 600.77)])
    func runEFailsTheJobAfterIntervalTimesMaxFailures(_ variant: String, _ realSeconds: Double) throws {
        let rows = try Self.trace("real-e-slot-check-\(variant)")
        // Real: no stage, no task; the job fails with Spark 4.3's exact message.
        #expect(Self.count(rows, .stageSubmitted) == 0 && Self.count(rows, .taskLaunched) == 0)
        let failed = try #require(rows.first { $0.event == .jobFailed })
        #expect(failed.detail == Self.realSlotCheckMessage)
        let simulated = Double(failed.timeNanoseconds) / 1e9
        #expect(realSeconds - simulated >= 0 && realSeconds - simulated < 0.8,
                "real \(realSeconds) s vs simulated \(simulated) s")
    }
}

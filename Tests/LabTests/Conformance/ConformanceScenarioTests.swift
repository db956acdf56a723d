import Report
import Testing
import TestSupport
@testable import Lab

/// The conformance scenarios as files (named by behaviour, headed by what they show,
/// offers unshuffled) and the outcomes their comments quote word for word.
@Suite struct ConformanceScenarioTests {
    @Test func theFolderHoldsAScenarioForEveryExpressibleBehaviour() {
        let ids = Set(ConformanceScenarios.files.map(ConformanceScenarios.behaviourID))
        #expect(ids == ["DS-01", "DS-03", "DS-10", "TF-02", "TF-04", "TF-08", "SP-01", "SP-04", "EL-02", "FF-01",
                        "FF-02", "BR-01", "BR-05", "BR-08", "BR-11", "GPU-01", "GPU-02", "POOL-02",
                        "HY-01", "HY-02", "HY-03", "HY-04", "HY-05", "HY-06", "HY-07", "HY-08", "HY-09", "HY-10",
                        "HY-11", "HY-12"])
    }

    @Test(arguments: ConformanceScenarios.files)
    func eachFileIsNamedByItsScenarioAndStartsWithItsBehaviour(_ file: String) throws {
        let scenario = try ConformanceScenarios.load(file)
        #expect(scenario.name + ".yaml" == file)
        let head = "# \(ConformanceScenarios.behaviourID(file))"
        let text = try ConformanceScenarios.text(file)
        #expect(text.hasPrefix(head + " ") || text.hasPrefix(head + ","))
        #expect(scenario.engine.shuffleOffers == false)
        let readme = try String(contentsOf: RepositoryPaths.resolve("\(ConformanceScenarios.folder)/README.md"),
                                encoding: .utf8)
        #expect(readme.contains(String(file.split(separator: "-").prefix(2).joined(separator: "-"))))
    }

    static func row(_ rows: [TraceRow], _ event: TraceEvent) -> TraceRow? { rows.first { $0.event == event } }

    @Test func tf02AbortsWithSparksMessage() throws {
        let failed = try #require(Self.row(try ConformanceScenarios.trace("tf-02-abort-after-max-failures.yaml"),
                                           .jobFailed))
        #expect(failed.detail == "Job aborted due to stage failure: Task 0 in stage 0.0 failed 4 times, most recent "
            + "failure: Lost task 0.3 in stage 0.0 (TID 3) (host1 executor exec1): "
            + "sparksim.InjectedTaskFailure: task-failure fault\nDriver stacktrace:")
    }

    @Test func tf04aCountsOnlyTheLossCausedByTheApp() throws {
        let rows = try ConformanceScenarios.trace("tf-04a-executor-loss-counts-only-when-caused-by-app.yaml")
        let failed = try #require(Self.row(rows, .jobFailed))
        #expect(failed.detail?.hasPrefix("Job aborted due to stage failure: Task 1 in stage 0.0 failed 1 times, "
            + "most recent failure: Lost task 1.0 in stage 0.0 (TID 1) (host2 executor exec2): ExecutorLostFailure "
            + "(executor exec2 exited caused by one of the running tasks)") == true)
    }

    @Test func br05FailsWithTheSlotMessageAtTheLastCheck() throws {
        for file in ["br-05a-barrier-needs-more-slots-result-stage.yaml",
                     "br-05b-barrier-needs-more-slots-map-stage.yaml", "br-05c-barrier-slots-counted-by-gpus.yaml"] {
            let failed = try #require(Self.row(try ConformanceScenarios.trace(file), .jobFailed))
            let message = "[SPARK-24819]: Barrier execution mode does not allow run a barrier stage that requires "
                + "more slots than the total number of slots in the cluster currently."
            #expect(failed.detail?.contains(message) == true, "\(file)")
        }
    }

    @Test func ff02AndBr08bAbortAfterFourStageAttempts() throws {
        let fetch = try #require(Self.row(try ConformanceScenarios.trace("ff-02-consecutive-fetch-failures-abort.yaml"),
                                          .jobFailed))
        #expect(fetch.detail?.hasPrefix("Job aborted due to stage failure: ResultStage 1 (s1) has failed the maximum "
            + "allowable number of times: 4. Most recent failure reason:\n") == true)
        let barrier = try #require(Self.row(try ConformanceScenarios.trace("br-08b-barrier-stage-attempts-abort.yaml"),
                                            .jobFailed))
        #expect(barrier.detail?.hasPrefix("Job aborted due to stage failure: ShuffleMapStage 0 (s0) has failed the "
            + "maximum allowable number of times: 4. Most recent failure reason: Stage failed because barrier task "
            + "ShuffleMapTask(0, 1) finished unsuccessfully.") == true)
    }

    @Test func sp01KillsTheLosingTwin() throws {
        let killed = try #require(Self.row(try ConformanceScenarios.trace("sp-01-winning-attempt-kills-its-twin.yaml"),
                                           .taskKilled))
        #expect(killed.fields.joined(separator: ",")
            == "1200000000,task-killed,job0,stage0,0,3,0,exec2,host2,,another attempt succeeded")
    }

    @Test func br11ReleasesEachSyncAtTheLastCall() throws {
        let syncs = try ConformanceScenarios.trace("br-11-barrier-and-allgather-syncs.yaml")
            .filter { $0.event == .barrierSync }.map { "\($0.timeNanoseconds / 1_000_000) \($0.detail!)" }
        #expect(syncs == ["900 barrier epoch=0", "2300 allGather epoch=1"])
    }
}

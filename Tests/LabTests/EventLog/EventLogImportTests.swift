import Report
import Testing
@testable import Lab

/// Spark event logs in: decoding, the application record, the imported scenario, the replay.
@Suite struct EventLogImportTests {
    @Test func theRecordHoldsTheApplicationJobsStagesAndTasks() throws {
        let record = try SyntheticLog.record()
        #expect(record.sparkVersion == "4.3.0" && record.appID == "app-1" && record.appName == "tiny app")
        #expect(record.start == 1000 && record.end == 4800 && record.master == "local-cluster[2,2,1024]")
        #expect(record.jobs.map(\.start.job) == [0, 1] && record.jobs.map(\.end) == [4050, 4680])
        #expect(record.jobs[1].start.group == "second")
        #expect(record.stageAttempts.count == 4)
        #expect(record.stageAttempts[.init(stage: 0, attempt: 0)]!.taskEnds.map(\.reason)
                == ["Success", "ExceptionFailure", "Success"])
        #expect(record.stageAttempts[.init(stage: 2, attempt: 0)]!.submitted == false)
        #expect(record.otherEvents == ["SparkListenerSomethingNew": 1])
    }

    @Test func theImportReCreatesJobsSkippedStagesDriverTimeAndFailures() throws {
        let imported = try EventLogImporter.scenario(from: try SyntheticLog.record(), name: "replay-tiny", source: "app.log")
        let yaml = imported.yaml
        #expect(yaml.contains("cluster: {master: \"local-cluster[2,2,1024]\"}"))
        #expect(yaml.contains("spark.locality.wait: 0"))
        #expect(!yaml.contains("spark.app.name"))
        // Job 0 at its submission (1,000 ms after the start, less the 5 ms job_submit); job 1
        // after it, with the driver's 100 ms less the same 5 ms.
        #expect(yaml.contains("      submit_at: 995ms\n"))
        #expect(yaml.contains("      after: job0\n      driver_time: 95ms\n"))
        // Partition 1's duration is its successful attempt's; its failure is a fault.
        #expect(yaml.contains("durations: [990ms, 980ms]") && yaml.contains("output_bytes: [100, 300]"))
        #expect(yaml.contains("{kind: task-failure, job: job0, stage: s0, partition: 1, attempt: 0, stage_attempt: 0, after: 480ms}"))
        // Job 1 reads job 0's map stage (same RDD): skipped, as in Spark.
        #expect(yaml.contains("parents: [job0.s0]"))
        #expect(yaml.contains("SparkListenerSomethingNew x1"))
        // The driver stopped the application 120 ms after its last job.
        #expect(yaml.contains("  stop_after: 120ms\n"))
        let scenario = try ScenarioLoader.load(text: yaml, file: "replay-tiny.yaml")
        #expect(scenario.name == "replay-tiny")
    }

    @Test func theReplayComparesTheApplicationJobsAndStages() throws {
        let record = try SyntheticLog.record()
        let yaml = try EventLogImporter.scenario(from: record, name: "replay-tiny", source: "app.log").yaml
        let scenario = try ScenarioLoader.load(text: yaml, file: "replay-tiny.yaml")
        let run = Runner.records(scenario)[0]
        let rows = EventLogReplay.comparison(record, simulated: run.trace,
                                             simulatedApplication: run.summary.makespanNanoseconds)
        #expect(rows.map(\.scope) == [.app, .job, .job, .stage, .stage, .stage])
        #expect(rows[0].id == "app-1" && rows[0].realNanoseconds == 3_800_000_000)
        #expect(rows.map(\.id).suffix(3) == ["0.0", "1.0", "3.0"])
        // Every job and stage ran in the simulation, its time of the log's order (this log's
        // times are made up, and its half-second tasks are short beside the executors'
        // first-task warm-up the control plane adds).
        for row in rows {
            let error = try #require(row.relativeError, "\(row.id)")
            #expect(abs(error) < 0.5, "\(row.scope) \(row.id): \(error)")
        }
        let line = ReplayReport.summaryLine(rows[0])
        #expect(line.hasPrefix("app=app-1 real_s=3.800 simulated_s="))
    }

    @Test(arguments: [
        ("{\"Event\":\"SparkListenerApplicationStart\"", "app.log:1: not JSON"),
        ("[1,2]", "app.log:1: not a JSON object"),
        ("{\"Event\":\"SparkListenerJobEnd\",\"Job ID\":0,\"Completion Time\":1}", "app.log:1: missing field 'Job Result' in SparkListenerJobEnd"),
        ("{\"Event\":\"SparkListenerLogStart\",\"Spark Version\":\"2.4.8\"}", "app.log:1: Spark 2.4.8 is not supported"),
        ("{\"Event\":\"SparkListenerLogStart\",\"Spark Version\":\"4.3.0\"}", "app.log: not a Spark event log: no SparkListenerApplicationStart"),
        ("{\"Event\":\"SparkListenerLogStart\"}", "app.log:1: missing field 'Spark Version' in SparkListenerLogStart"),
        ("", "app.log: the log is empty"),
    ])
    func badInputIsNamedWithItsLine(_ text: String, _ message: String) {
        do {
            _ = try SyntheticLog.record(text + "\n")
            Issue.record("accepted \(text)")
        } catch {
            #expect("\(error)".hasPrefix(message), "\(error)")
        }
    }

    /// A log without jobs (e.g. a barrier job refused by the slot check, which posts no job
    /// event) imports as its driver's time alone.
    @Test func anApplicationWithoutJobsIsItsDriversTime() throws {
        let lines = SyntheticLog.lines
        let text = (lines.prefix(4) + [lines.last!]).joined(separator: "\n") + "\n"
        let yaml = try EventLogImporter.scenario(from: try SyntheticLog.record(text), name: "replay-idle", source: "a").yaml
        #expect(yaml.contains("  stop_after: 3800ms\n  jobs: []\n"))
        let scenario = try ScenarioLoader.load(text: yaml, file: "replay-idle.yaml")
        #expect(Runner.records(scenario)[0].summary.makespanNanoseconds == 3_800_000_000)
    }

    @Test func aCutOffLastLineIsDroppedAndSaid() throws {
        var text = SyntheticLog.text
        text += #"{"Event":"SparkListenerTaskEnd","Stage ID":3,"#
        let record = try SyntheticLog.record(text)
        #expect(record.cutOffLine?.number == SyntheticLog.lines.count + 1)
        #expect(record.jobs.count == 2)
        // The same line with a newline after it is an error: the log is not cut off there.
        #expect(throws: EventLogError.self) { try SyntheticLog.record(text + "\n") }
    }
}

/// What-if shapes: the same application on other executors and cores.
@Suite struct EventLogWhatIfTests {
    @Test(arguments: [
        ("local-cluster[2,2,1024]", ClusterShape(executors: 1, cores: 2), "cluster: {master: \"local-cluster[1,2,1024]\"}\n"),
        ("local-cluster[2,2,1024]", ClusterShape(executors: nil, cores: 8), "cluster: {master: \"local-cluster[2,8,1024]\"}\n"),
        ("local[4]", ClusterShape(executors: nil, cores: 2), "cluster: {master: \"local[2]\"}\n"),
        ("local[4,4]", ClusterShape(executors: 1, cores: 8), "cluster: {master: \"local[8,4]\"}\n"),
        ("local[4]", ClusterShape(executors: 3, cores: nil), "cluster: {master: \"local-cluster[3,4,1024]\"}\n"),
    ])
    func aKeptMasterGetsTheShape(_ master: String, _ shape: ClusterShape, _ expected: String) throws {
        var record = try SyntheticLog.record()
        record.properties = [SparkProperty(key: "spark.master", value: master)]
        #expect(ClusterSection.whatIf(record, shape: shape, physicalCores: nil) == expected)
    }

    @Test func explicitExecutorsShareTheirOneHostOrGetOneEach() throws {
        var record = try SyntheticLog.record()
        record.properties = [SparkProperty(key: "spark.master", value: "spark://m:7077")]
        record.executors = [ExecutorRecord(id: "1", host: "node-a", cores: 4, gpus: 0, resourceProfile: 0, time: 1500)]
        #expect(ClusterSection.whatIf(record, shape: ClusterShape(executors: 2, cores: nil), physicalCores: nil)
                == "cluster:\n  executors:\n    - {id: \"0\", host: node-a, cores: 4}\n    - {id: \"1\", host: node-a, cores: 4}\n")
        record.executors.append(ExecutorRecord(id: "2", host: "node-b", cores: 4, gpus: 0, resourceProfile: 0, time: 1500))
        #expect(ClusterSection.whatIf(record, shape: ClusterShape(executors: 1, cores: 2), physicalCores: nil)
                == "cluster:\n  executors:\n    - {id: \"0\", host: whatif-host-0, cores: 2}\n")
    }

    /// One 1-core executor runs the two map tasks one after the other; two run them
    /// together. (More executors are not always faster: each fresh executor JVM pays its
    /// warm-up and fetches each stage's task binary, as in Spark.)
    @Test func aSecondExecutorRunsTheMapTasksTogether() throws {
        let record = try SyntheticLog.record()
        var times: [Int64] = []
        for count in [1, 2] {
            let yaml = try EventLogImporter.scenario(from: record, name: "w", source: "a",
                                                     shape: ClusterShape(executors: count, cores: 1)).yaml
            #expect(!yaml.contains("executor-lost"))
            times.append(Runner.records(try ScenarioLoader.load(text: yaml, file: "w.yaml"))[0].summary.makespanNanoseconds!)
        }
        // The second map task's 980 ms of work no longer waits for the first's 990 ms.
        #expect(times[0] - times[1] > 900_000_000, "\(times)")
    }
}

/// `sparksim calibrate` on a log, and its fragment back through the replay.
@Suite struct ControlPlaneCalibrationTests {
    @Test func theObservationsMarkFirstTasksAndLaunchBursts() throws {
        let tasks = ControlPlaneCalibration.observations(try SyntheticLog.record(), log: 0)
        #expect(tasks.count == 5)
        // Both map tasks launched at 2020 on executor 0: the first ready at 2023, so both
        // are first of their stage there and among the executor's first; a burst of two.
        #expect(tasks.prefix(2).map(\.firstOfStageOnExecutor) == [true, true])
        #expect(tasks.prefix(2).map(\.firstOnExecutor) == [true, true])
        #expect(tasks.prefix(2).map(\.burstPlace) == [1, 2])
        #expect(tasks[2].firstOnExecutor == false && tasks[2].burstPlace == 1)
        #expect(ControlPlaneCalibration.stageStartDelays(try SyntheticLog.record()) == [10, 9, 10])
    }

    @Test func aFragmentIsReadBackIntoTheImport() throws {
        let costs: [(key: String, value: String)] = [("rpc_latency", "4000us"), ("task_binary", "30000us")]
        let yaml = try EventLogImporter.scenario(from: try SyntheticLog.record(), name: "c", source: "a", controlPlane: costs).yaml
        #expect(yaml.contains("engine:\n  control_plane:\n    rpc_latency: 4000us\n    task_binary: 30000us\n"))
        let scenario = try ScenarioLoader.load(text: yaml, file: "c.yaml")
        #expect(scenario.engine.controlPlane.rpcLatency == .milliseconds(4))
        #expect(scenario.engine.controlPlane.taskBinary == .milliseconds(30))
        #expect(scenario.engine.controlPlane.taskLaunch == ControlPlaneCosts().taskLaunch)
    }
}

/// `replay --set`: keys of the import set before it is decoded, as a sweep point's are.
@Suite struct ReplaySettingsTests {
    static var yaml: String {
        get throws { try EventLogImporter.scenario(from: try SyntheticLog.record(), name: "s", source: "a").yaml }
    }

    @Test func aSettingReplacesOrAddsAKey() throws {
        let scenario = try ScenarioLoader.load(text: try Self.yaml, file: "s.yaml",
                                               settings: ["engine.control_plane=none", "spark.locality.wait=1s"])
        #expect(scenario.engine.controlPlane == ControlPlaneCosts.none)
        #expect(scenario.spark.localityWaitNanoseconds == 1_000_000_000)
    }

    @Test(arguments: [("nothing", "is not PATH=VALUE"), ("faults=[]", "starts outside"),
                      ("engine.control_plan=none", "unknown key 'control_plan' in engine")])
    func aBadSettingIsNamed(_ setting: String, _ message: String) throws {
        do {
            _ = try ScenarioLoader.load(text: try Self.yaml, file: "s.yaml", settings: [setting])
            Issue.record("accepted --set \(setting)")
        } catch {
            #expect("\(error)".contains(message), "\(error)")
        }
    }
}

/// The replay's real Gantt chart beside the simulated one.
@Suite struct ReplayTimelineTests {
    @Test func theLogsTasksBecomeTraceRowsInTimeOrder() throws {
        let rows = EventLogReplay.realTrace(try SyntheticLog.record())
        #expect(rows.filter { $0.event == .taskLaunched }.count == 5)
        #expect(rows.filter { $0.event == .taskFailed }.map(\.note) == ["ExceptionFailure"])
        #expect(rows.map(\.timeNanoseconds) == rows.map(\.timeNanoseconds).sorted())
        // Launched at 2020 ms, 1,000 ms after the application started.
        #expect(rows.first?.timeNanoseconds == 1_020_000_000 && rows.first?.stage == "s0" && rows.first?.job == "job0")
        let svg = try #require(ReplayReport.realTimeline(rows, source: "app.log"))
        #expect(svg.hasPrefix("<svg") || svg.hasPrefix("<?xml"))
    }
}

import Testing
import TestSupport
@testable import Lab

/// What an import makes of each task's run time: Python stages, the tasks that started a
/// Python worker, the CPU part, and the contention taken off when the cores are known.
@Suite struct TaskWorkModelTests {
    static func stage(_ id: Int, rdds: [RDDRecord]) -> StageInfoRecord {
        StageInfoRecord(stage: id, attempt: 0, name: "s\(id)", tasks: 1, parents: [], rddIDs: rdds.map(\.id), rdds: rdds,
                        isBarrier: false, resourceProfile: 0, submissionTime: nil, completionTime: nil, failureReason: nil)
    }

    static func end(_ task: Int64, stage: Int = 0, executor: String = "0", launch: Int64, finish: Int64,
                    run: Int64, cpuMilliseconds: Int64 = 0) -> TaskEndRecord {
        TaskEndRecord(stage: stage, stageAttempt: 0,
                      info: TaskInfoRecord(taskID: task, index: Int(task), attempt: 0, launchTime: launch, executor: executor,
                                           host: "h", locality: "PROCESS_LOCAL", speculative: false, finishTime: finish,
                                           failed: false, killed: false),
                      reason: "Success",
                      metrics: TaskMetricsRecord(executorRunTime: run, executorCPUTimeNanoseconds: cpuMilliseconds * 1_000_000))
    }

    @Test func aPythonRDDOrAPythonOperatorMakesAPythonStage() {
        let rdd = { (id: Int, name: String, parents: [Int], cached: Bool) in
            RDDRecord(id: id, parents: parents, runsPython: RDDRecord.runsPython(name: name, scope: ""), cached: cached)
        }
        let python = Self.stage(0, rdds: [rdd(1, "ParallelCollectionRDD", [], false), rdd(2, "PythonRDD", [1], false)])
        #expect(TaskWorkModel.runsPython(python, materialized: []))
        let jvm = Self.stage(1, rdds: [rdd(3, "MapPartitionsRDD", [], false)])
        #expect(!TaskWorkModel.runsPython(jvm, materialized: []))
        #expect(RDDRecord.runsPython(name: "MapPartitionsRDD", scope: "{\"id\":\"7\",\"name\":\"ArrowEvalPython\"}"))
        // Reading a cached RDD an earlier stage computed runs no Python; computing it does.
        let reading = Self.stage(2, rdds: [rdd(1, "ParallelCollectionRDD", [], false), rdd(2, "PythonRDD", [1], false),
                                           rdd(4, "training instances", [2], true), rdd(5, "MapPartitionsRDD", [4], false)])
        #expect(TaskWorkModel.runsPython(reading, materialized: []))
        #expect(!TaskWorkModel.runsPython(reading, materialized: [4]))
    }

    /// Two slots: tasks 0 and 1 start workers; task 2 is launched when task 0's code has
    /// ended on the executor (launch + run), before the driver's finish time: it reuses it.
    @Test func aWorkerIsFreeWhenItsTaskEndsOnTheExecutor() {
        let ends = [Self.end(0, launch: 0, finish: 1_100, run: 1_000), Self.end(1, launch: 0, finish: 2_000, run: 1_900),
                    Self.end(2, launch: 1_050, finish: 2_000, run: 900)]
        #expect(TaskWorkModel.workerStarts(ends) == [0, 1])
        #expect(TaskWorkModel.workerStarts(ends + [Self.end(3, executor: "1", launch: 1_500, finish: 1_600, run: 50)]) == [0, 1, 3])
    }

    static func record(_ ends: [TaskEndRecord], python: Bool) -> (SparkApplicationRecord, StageInfoRecord) {
        let info = stage(0, rdds: [RDDRecord(id: 1, parents: [], runsPython: python, cached: false)])
        var record = SparkApplicationRecord()
        let key = SparkApplicationRecord.StageAttemptKey(stage: 0, attempt: 0)
        record.stageAttempts[key] = .init(info: info, submitted: true, completed: nil, taskEnds: ends)
        return (record, info)
    }

    @Test func theStartUpComesOffTheTasksThatStartedAWorker() {
        let (record, info) = Self.record([Self.end(0, launch: 0, finish: 3_000, run: 2_500, cpuMilliseconds: 100),
                                          Self.end(1, launch: 3_000, finish: 4_000, run: 900, cpuMilliseconds: 100)],
                                         python: true)
        let model = TaskWorkModel(record, stagesInOrder: [info], settings: .init(physicalCores: nil, pythonWorkerStartup: 1_600))
        #expect(model.pythonStages == [0])
        #expect(model.work(of: 0) == TaskWorkModel.Work(duration: 900, cpu: 100))
        #expect(model.work(of: 1) == TaskWorkModel.Work(duration: 900, cpu: 100))
    }

    /// Four CPU-bound tasks of 2 s wall each (1 s of CPU) together on a host of 2 cores:
    /// the demand is 2 cores, so nothing comes off; on 1 core the CPU part ran at half
    /// speed, and the 1 s it lost comes off.
    @Test func contentionInTheLogComesOffWhenTheCoresAreKnown() {
        let ends = (0..<4).map { Self.end(Int64($0), launch: 0, finish: 2_000, run: 2_000, cpuMilliseconds: 1_000) }
        let (record, info) = Self.record(ends, python: false)
        let two = TaskWorkModel(record, stagesInOrder: [info], settings: .init(physicalCores: 2, pythonWorkerStartup: 1_600))
        #expect(two.work(of: 0) == TaskWorkModel.Work(duration: 2_000, cpu: 1_000))
        let one = TaskWorkModel(record, stagesInOrder: [info], settings: .init(physicalCores: 1, pythonWorkerStartup: 1_600))
        #expect(one.work(of: 0) == TaskWorkModel.Work(duration: 1_000, cpu: 1_000))
        let unknown = TaskWorkModel(record, stagesInOrder: [info], settings: .init(physicalCores: nil, pythonWorkerStartup: 0))
        #expect(unknown.work(of: 3) == TaskWorkModel.Work(duration: 2_000, cpu: 1_000))
    }
}

/// A fetch failure in a log becomes a `fetch-failure` fault on the map output it names:
/// Spark 3.0+'s `Map ID` is the map task's id, which gives the map stage.
@Suite struct FetchFailureImportTests {
    @Test func aFetchFailureNamesItsMapStageAndPartition() throws {
        let success = SyntheticLog.task(stage: 3, index: 0, id: 4, launch: 4170, finish: 4670, run: 490)
        let failed = SyntheticLog.task(stage: 3, index: 0, id: 5, launch: 4165, finish: 4169, run: 3, reason: "FetchFailed")
            .replacingOccurrences(of: #""Task End Reason":{"Reason":"FetchFailed"}"#,
                                  with: #""Task End Reason":{"Reason":"FetchFailed","Shuffle ID":0,"Map ID":0,"Map Index":0,"Reduce ID":0,"Message":"x"}"#)
        let text = SyntheticLog.text.replacingOccurrences(of: success, with: failed + "\n" + success.replacingOccurrences(of: #""Attempt":0"#, with: #""Attempt":1"#))
        let record = try SyntheticLog.record(text)
        let yaml = try EventLogImporter.scenario(from: record, name: "f", source: "a").yaml
        #expect(yaml.contains("- {kind: fetch-failure, job: job1, stage: s3, partition: 0, attempt: 0, stage_attempt: 0, "
            + "map_stage: job0.s0, map_partition: 0, after: 3ms}"), "\(yaml)")
        #expect(!yaml.contains("not re-created"), "\(yaml)")
        // The scenario runs: Spark's answer to the fetch failure (the map output lost, the
        // map stage resubmitted for it) is simulated.
        let folder = Runner.run(try ScenarioLoader.load(text: yaml, file: "f.yaml"))
        let trace = try #require(folder.files.first { $0.name == "trace.csv" }?.contents)
        #expect(trace.contains("fetch"), "\(trace)")
    }
}

/// Locality preferences as far as the log reveals them: a stage reading a cached RDD was
/// launched PROCESS_LOCAL on the executor holding each block.
@Suite struct PreferenceImportTests {
    static let log = RepositoryPaths.resolve("scenarios/replay/logs/mllib_lr_p4__local-cluster-2-2-1024__rep1.jsonl.gz").path

    @Test func cachedBlocksBecomePreferredExecutors() throws {
        var source = try EventLogInput.open(Self.log)
        let record = try SparkApplicationRecord.read(&source)
        let yaml = try EventLogImporter.scenario(from: record, name: "m", source: "m").yaml
        #expect(yaml.contains("preferred_executors: [0, 1, 0, 1]"))
        // The first stage (no cached input) names none: its PROCESS_LOCAL is Spark's word
        // for a task without preferences.
        let first = try #require(yaml.range(of: "        - name: s0\n"))
        let next = yaml[first.upperBound...].range(of: "        - name: ")?.lowerBound ?? yaml.endIndex
        #expect(!yaml[first.upperBound..<next].contains("preferred_"))
        // On one executor only executor 0's preferences remain, and the what-if runs.
        let whatIf = try EventLogImporter.scenario(from: record, name: "m", source: "m",
                                                   shape: ClusterShape(executors: 1, cores: 2)).yaml
        #expect(!whatIf.contains("1, 0, 1]"))
        _ = try ScenarioLoader.load(text: whatIf, file: "m.yaml")
    }
}

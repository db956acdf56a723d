import Engine
import Foundation
import Report
import Sim
import Testing
import TestSupport
@testable import Lab

/// `gpu-failed` on Spark's scheduler: the two shipped scenarios, row by row, and the
/// rules they rest on (running holders fail at once, later holders as they start, other
/// GPUs and CPU-only tasks carry on, the executor stays).
@Suite struct GPUFailureTests {
    static let message = "sparksim.GPUFailure: GPU 0 of executor exec2 failed (CUDA error)"

    /// Runs scenario text on Spark's scheduler, recording the task ends the engine hears.
    struct SparkRun {
        let result: EngineRun.Result
        /// Every `taskEnded` failure the engine heard, with its instant (ns), in order.
        let failures: [(time: Int64, reason: TaskEndReason)]

        init(_ yaml: String, file: String = "inline.yaml") throws {
            let scenario = try ScenarioLoader.load(text: yaml, file: file)
            guard case .scripted(let workload) = scenario.variants[0].workload else {
                preconditionFailure("SparkRun: not a scripted workload")
            }
            let spark = SparkSchedulerFactory.make(for: scenario)
            var recorder: EndRecorder?
            result = EngineRun.run(scenario, workload, streams: RandomStreams(seed: scenario.seed)) { settings, env in
                let made = EndRecorder(spark(settings, env), clock: env.clock)
                recorder = made
                return made
            }
            failures = recorder!.failures
        }

        init(shipped name: String) throws {
            let path = "scenarios/conformance/\(name).yaml"
            try self.init(String(contentsOf: RepositoryPaths.resolve(path), encoding: .utf8), file: path)
        }

        var rows: [TraceRow] { result.outcome.trace }

        /// `time,partition.attempt,executor,detail` of every row of `event`, optionally for one
        /// stage attempt.
        func summary(_ event: TraceEvent, stageAttempt: Int? = nil) -> [String] {
            rows.filter { $0.event == event && (stageAttempt == nil || $0.stageAttempt == stageAttempt) }.map {
                "\($0.timeNanoseconds),\($0.partition.map(String.init) ?? "").\($0.taskAttempt.map(String.init) ?? ""),"
                    + "\($0.executor ?? ""),\($0.detail ?? "")"
            }
        }

        func detail(of event: TraceEvent) -> [String] { rows.filter { $0.event == event }.map { $0.detail ?? "" } }
    }

    /// Passes every input to Spark's scheduler and notes the failures among task ends.
    final class EndRecorder: SchedulingEngine {
        let engine: any SchedulingEngine
        let clock: any SchedulerClock
        private(set) var failures: [(time: Int64, reason: TaskEndReason)] = []

        init(_ engine: any SchedulingEngine, clock: any SchedulerClock) {
            self.engine = engine
            self.clock = clock
        }

        func handle(_ event: SchedulerEvent) {
            if case .taskEnded(_, let reason) = event, case .exception = reason {
                failures.append((clock.now.nanoseconds, reason))
            }
            engine.handle(event)
        }

        func stageKey(of stage: StageID) -> String? { engine.stageKey(of: stage) }
    }

    @Test func theNormalStagesTaskOnTheBrokenGPUFailsUntilARetryLandsOnAHealthyOne() throws {
        let run = try SparkRun(shipped: "hy-12a-gpu-failure-task-retries")
        #expect(run.summary(.fault) == ["1000000000,.,exec2,gpu-failed exec2 gpu=0"])
        #expect(run.summary(.taskLaunched) == [
            "0,0.0,exec1,gpu=0", "0,1.0,exec2,gpu=0",
            "1000000000,1.1,exec2,gpu=0",  // exec1 still busy: back onto the broken address
            "1100000000,1.2,exec1,gpu=0",  // exec1 free again and first in the offers
        ])
        // Attempt 0 was running; attempt 1 fails as it starts, after the 100 ms launch overhead.
        #expect(run.summary(.taskFailed) == ["1000000000,1.0,exec2,exception", "1100000000,1.1,exec2,exception"])
        #expect(run.failures.map(\.time) == [1 * second, 1100 * millisecond])
        #expect(run.failures.map(\.reason) == [.exception(Self.message), .exception(Self.message)])
        #expect(run.summary(.taskFinished) == ["1100000000,0.0,exec1,", "4200000000,1.2,exec1,"])
        #expect(run.summary(.jobSucceeded) == ["4200000000,.,,"])
        #expect(run.summary(.executorLost).isEmpty)
        #expect(run.result.counts == EngineRun.Counts(jobsSucceeded: 1, jobsFailed: 0, tasksLaunched: 4,
                                                      taskFailures: 2, makespanNanoseconds: 4200 * millisecond))
    }

    @Test func theBarrierStageKeepsGettingTheBrokenGPUAndAbortsAfterFourAttempts() throws {
        let run = try SparkRun(shipped: "hy-12b-gpu-failure-barrier-stage-aborts")
        let instants: [Int64] = [0, 1200 * millisecond, 1400 * millisecond, 1600 * millisecond]
        #expect(run.rows.filter { $0.event == .stageSubmitted }.map(\.timeNanoseconds) == instants)
        #expect(run.rows.filter { $0.event == .stageSubmitted }.map(\.stage) == Array(repeating: "s0", count: 4))
        for (attempt, launched) in instants.enumerated() {
            #expect(run.summary(.taskLaunched, stageAttempt: attempt) == ["\(launched),0.0,exec1,gpu=0",
                                                                            "\(launched),1.0,exec2,gpu=0"])
            let failedAt = attempt == 0 ? 1 * second : launched  // later attempts fail as they start
            #expect(run.summary(.taskFailed, stageAttempt: attempt) == ["\(failedAt),1.0,exec2,exception"])
            #expect(run.summary(.taskKilled, stageAttempt: attempt).map { $0.prefix(while: { $0 != "," }) }
                == ["\(failedAt)"])
        }
        #expect(run.failures.map(\.reason) == Array(repeating: .exception(Self.message), count: 4))
        let stageFailure = "Stage failed because barrier task ShuffleMapTask(0, 1) finished unsuccessfully.\n"
            + Self.message
        #expect(run.detail(of: .stageFailed) == Array(repeating: stageFailure, count: 4))
        #expect(run.detail(of: .jobFailed) == [
            "Job aborted due to stage failure: ShuffleMapStage 0 (s0) has failed the maximum allowable number "
                + "of times: 4. Most recent failure reason: " + stageFailure,
        ])
        #expect(!run.rows.contains { $0.stage == "s1" })
        #expect(run.result.counts == EngineRun.Counts(jobsSucceeded: 0, jobsFailed: 1, tasksLaunched: 8,
                                                      taskFailures: 4, makespanNanoseconds: 1600 * millisecond))
    }

    @Test func sharersOfTheAddressFailTogetherInLaunchOrder() throws {
        let run = try SparkRun(scripted(
            executors: "    - {id: exec1, host: host1, cores: 2, gpus: 1}", engine: "{shuffle_offers: false, control_plane: none}",
            spark: "spark: {spark.task.resource.gpu.amount: 0.5}",
            stages: "            - {name: s0, tasks: 2, duration: 3s}",
            faults: "faults: [{kind: gpu-failed, executor: exec1, gpu: 0, at: 1s}]"))
        #expect(Array(run.summary(.taskFailed).prefix(2)) == ["1000000000,0.0,exec1,exception",
                                                                "1000000000,1.0,exec1,exception"])
        let reason = TaskEndReason.exception("sparksim.GPUFailure: GPU 0 of executor exec1 failed (CUDA error)")
        #expect(run.failures.allSatisfy { $0.reason == reason })
        #expect(run.result.counts.jobsFailed == 1)  // every retry gets the one (broken) GPU
    }

    @Test func otherGPUsAndCPUOnlyTasksCarryOnAndLaunchingHoldersFailWhenTheyStart() throws {
        let run = try SparkRun(scripted(
            executors: "    - {id: exec1, host: host1, cores: 4, gpus: 2}",
            engine: "{shuffle_offers: false, task_launch_overhead: 1s, control_plane: none}", stages: "", jobs: """
                - name: gpu
                  stages: [{name: g, tasks: 2, duration: 3s, resources: {cpus: 1, gpus: 1}}]
                - name: cpu
                  stages: [{name: c, tasks: 1, duration: 3s, resources: {cpus: 1, gpus: 0}}]
            """, faults: "faults: [{kind: gpu-failed, executor: exec1, gpu: 1, at: 500ms}]"))
        // Partition 1 holds GPU 1; still launching at 500 ms, it fails when it starts (1 s);
        // each retry gets GPU 1 again (GPU 0 is busy) and fails 1 s after its launch.
        #expect(run.summary(.taskFailed) == ["1000000000,1.0,exec1,exception", "2000000000,1.1,exec1,exception",
                                               "3000000000,1.2,exec1,exception", "4000000000,1.3,exec1,exception"])
        #expect(run.summary(.taskLaunched).filter { $0.contains(",1.") }.allSatisfy { $0.hasSuffix("gpu=1") })
        #expect(run.summary(.taskFinished) == ["4000000000,0.0,exec1,", "4000000000,0.0,exec1,"])
        #expect(run.rows.filter { $0.event == .taskFinished }.map(\.stage) == ["g", "c"])
        #expect(run.rows.filter { $0.event == .jobFailed }.map(\.job) == ["gpu"])
        #expect(run.rows.filter { $0.event == .jobSucceeded }.map(\.job) == ["cpu"])
        #expect(run.summary(.executorLost).isEmpty)
        #expect(run.result.outcome.executorsAtEnd == 1)
    }
}

/// `gpu-failed` in scenario files: its keys, and its executor and address checked
/// against the cluster as it is at `at`.
@Suite struct GPUFaultDecodingTests {
    static func faults(_ list: String) -> String {
        minimal(cluster: """
            cluster:
              executors:
                - {id: e1, host: h1, gpus: 2}
                - {id: e2, host: h2}
            """, "faults:\n" + list)
    }

    @Test func aGPUFailureDecodesToItsCaseAndWiresToSim() throws {
        let scenario = try #require(loadValid(Self.faults("  - {kind: gpu-failed, executor: e1, gpu: 1, at: 5s}\n")))
        let at = SimInstant(nanosecondsSinceStart: 5_000_000_000)
        #expect(scenario.faults == [.gpuFailed(executor: "e1", gpu: 1, at: at)])
        #expect(scenario.faults[0].kind == "gpu-failed")
        #expect(FaultWiring.spec(scenario.faults[0], cluster: scenario.cluster)
            == .gpuFailed(executor: "e1", address: 1, at: at))
    }

    @Test func anExecutorAddedEarlierMayBeNamed() {
        let text = Self.faults("""
              - {kind: executor-added, executor: {id: e3, host: h3, gpus: 4}, at: 2s}
              - {kind: gpu-failed, executor: e3, gpu: 3, at: 2s}
            """)
        #expect(loadValid(text) != nil)
        let early = Self.faults("""
              - {kind: gpu-failed, executor: e3, gpu: 0, at: 1s}
              - {kind: executor-added, executor: {id: e3, host: h3, gpus: 4}, at: 2s}
            """)
        #expect(diagnostics(early).first?.problem
            == "GPU 0 of executor 'e3' fails at 1s but the executor is only added at 2s")
    }

    @Test func wrongExecutorsAndAddressesAreReportedWhereTheyAreWritten() {
        #expect(firstMessage(Self.faults("  - {kind: gpu-failed, executor: e9, gpu: 0, at: 1s}\n"))
            == "13:34: unknown executor 'e9' (did you mean 'e1'?); expected one of e1, e2")
        #expect(firstMessage(Self.faults("  - {kind: gpu-failed, executor: e2, gpu: 0, at: 1s}\n"))
            == "13:34: executor 'e2' has no GPUs; expected an executor with GPUs: e1")
        #expect(firstMessage(Self.faults("  - {kind: gpu-failed, executor: e1, gpu: 2, at: 1s}\n"))
            == "13:43: gpu 2 is out of range for executor 'e1' with 2 GPUs; expected a GPU address from 0 to 1")
        #expect(firstMessage(Self.faults("  - {kind: gpu-failed, executor: e1, gpu: -1, at: 1s}\n"))
            == "13:43: gpu: -1 is below the minimum 0; expected a whole number from 0 to 1023")
        #expect(firstMessage(Self.faults("  - {kind: gpu-failed, executor: e1, at: 1s}\n"))
            == "13:5: missing key 'gpu' in fault 0 (gpu-failed); "
                + "expected gpu: the GPU's address on that executor, like 0")
        let lost = Self.faults("""
              - {kind: executor-lost, executor: e1, at: 1s}
              - {kind: gpu-failed, executor: e1, gpu: 0, at: 2s}
            """)
        #expect(diagnostics(lost).first?.problem == "executor 'e1' is already lost at 1s")
    }
}

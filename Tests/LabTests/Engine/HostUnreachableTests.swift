import Engine
import Report
import Sim
import Testing
@testable import Lab

/// `host-unreachable`: nothing reports a silent host; the driver removes its executors at
/// the first heartbeat check that finds their last heartbeat older than the timeout.
@Suite struct HostUnreachableTests {
    static func rows(_ yaml: String) throws -> [TraceRow] {
        let scenario = try ScenarioLoader.load(text: yaml, file: "t.yaml")
        guard case .scripted(let workload) = scenario.variants[0].workload else { preconditionFailure() }
        return EngineRun.run(scenario, workload, streams: RandomStreams(seed: 0),
                             makeEngine: SparkSchedulerFactory.make(for: scenario)).outcome.trace
    }

    static func scenario(spark: String = "", stages: String = "[{name: map, tasks: 4, duration: 60s}]") -> String {
        """
        name: t
        cluster:
          executors:
            - {id: exec1, host: host1, cores: 2}
            - {id: exec2, host: host2, cores: 2}
        engine: {shuffle_offers: false, control_plane: none}
        spark: {\(spark)}
        workload: {kind: scripted, jobs: [{name: job0, stages: \(stages)}]}
        faults: [{kind: host-unreachable, host: host2, at: 30s}]
        """
    }

    @Test func theExecutorIsRemovedAtTheFirstCheckPastTheTimeoutWithSparksMessage() throws {
        let rows = try Self.rows(Self.scenario())
        // Heartbeats at 10 s and 20 s; checks at 0, 60, 120, 180 s; 180 - 20 > 120 first at 180 s.
        let lost = try #require(rows.first { $0.event == .executorLost })
        #expect(lost.timeNanoseconds == 180_000_000_000 && lost.executor == "exec2")
        #expect(lost.detail == "Executor heartbeat timed out after 160000 ms")
        // Until then its tasks look running: nothing of exec2 ends before 180 s.
        let exec2Ends = rows.filter { $0.executor == "exec2" && ($0.event == .taskFailed || $0.event == .taskFinished) }
        #expect(exec2Ends.map(\.timeNanoseconds) == [180_000_000_000, 180_000_000_000])
        #expect(exec2Ends.allSatisfy { $0.detail == "executor-lost" })
        #expect(rows.last?.event == .jobSucceeded)
    }

    @Test func theLostTasksCountTowardMaxFailures() throws {
        let rows = try Self.rows(Self.scenario(spark: "spark.task.maxFailures: 1"))
        let failed = try #require(rows.first { $0.event == .jobFailed })
        #expect(failed.timeNanoseconds == 180_000_000_000)
        #expect(failed.detail?.contains("Executor heartbeat timed out after 160000 ms") == true)
    }

    @Test func theTimeoutKeysSetTheInstant() throws {
        let rows = try Self.rows(Self.scenario(
            spark: "spark.network.timeout: 20s, spark.network.timeoutInterval: 5s, spark.executor.heartbeatInterval: 3s"))
        // Heartbeats every 3 s: the last before 30 s is at 27 s; checks every 5 s: 50 s is
        // the first with 50 - 27 > 20.
        let lost = try #require(rows.first { $0.event == .executorLost })
        #expect(lost.timeNanoseconds == 50_000_000_000)
        #expect(lost.detail == "Executor heartbeat timed out after 23000 ms")
    }

    @Test func aReadFromASilentHostHangsUntilTheDriverRemovesItsExecutor() throws {
        // exec2's map output (p1, done at 10 s) stays registered after host2 goes silent at
        // 30 s; the reduce stage starts at 50 s and its task on exec1 reads from host2: the
        // fetch hangs until exec2 is removed at 180 s, then fails. The reduce task the
        // scheduler sent to exec2 never started and fails as lost with it.
        let rows = try Self.rows(Self.scenario(stages: """
            [{name: map, tasks: 2, durations: [50s, 10s], output_bytes: 1MiB}, {name: reduce, parents: [map], tasks: 2, duration: 5s}]
            """))
        // The hung read fails first; the lost reduce task's retry then finds the output gone.
        let fetch = rows.filter { $0.event == .taskFailed && $0.detail == "fetch-failed" }
        #expect(fetch.map(\.partition) == [0, 1] && fetch.allSatisfy { $0.executor == "exec1" })
        #expect(fetch.allSatisfy { $0.timeNanoseconds == 180_000_000_000 })
        let lost = rows.filter { $0.event == .taskFailed && $0.detail == "executor-lost" }
        #expect(lost.count == 1 && lost[0].stage == "reduce" && lost[0].timeNanoseconds == 180_000_000_000)
        let stageFailed = try #require(rows.first { $0.event == .stageFailed })
        #expect(stageFailed.detail == "Failed to fetch map output from lost executor exec2")
        #expect(rows.last?.event == .jobSucceeded)
    }

    @Test func heartbeatArithmetic() {
        let settings = HeartbeatSettings()
        #expect(settings.lastHeartbeat(registered: .zero, silentAt: .zero + .seconds(30)) == .zero + .seconds(20))
        #expect(settings.lastHeartbeat(registered: .zero + .seconds(5), silentAt: .zero + .seconds(31))
            == .zero + .seconds(25))
        #expect(settings.lastHeartbeat(registered: .zero + .seconds(5), silentAt: .zero + .seconds(9))
            == .zero + .seconds(5))
        #expect(settings.expiry(lastSeen: .zero + .seconds(20), notBefore: .zero + .seconds(30)) == .zero + .seconds(180))
        // Exactly the timeout is not older than it: the next check.
        #expect(settings.expiry(lastSeen: .zero + .seconds(0), notBefore: .zero) == .zero + .seconds(180))
    }
}

import Engine
import Report
import Testing
@testable import Lab

/// The simulated executors when one report makes the engine kill a task whose own
/// events of the same instant are already on their way: each task ends exactly once.
@Suite struct EngineReentryTests {
    /// The map on exec1; reduce tasks 1, 2, 3 (TIDs) on exec1, exec2, exec3.
    static func shuffle(network: String, faults: String) -> String {
        scripted(executors: """
                - {id: exec1, host: host1, cores: 1}
                - {id: exec2, host: host2, cores: 1}
                - {id: exec3, host: host3, cores: 1}
            """, network: network, stages: """
                    - {name: map, tasks: 1, duration: 1s, output_bytes: 250000000b}
                    - {name: reduce, parents: [map], tasks: 3, duration: 1s}
            """, faults: faults)
    }

    /// Kills TID 3 when TID 2 ends with a fetch failure, as a scheduler failing the stage would.
    static func killSibling(_ engine: FakeEngine) {
        engine.onInput = { engine, event in
            if case .taskEnded(TaskID(2), .fetchFailed) = event { engine.kill(TaskID(3), reason: "stage failed") }
        }
    }

    @Test func aReadCompletingAfterItsTaskWasKilledIsDropped() throws {
        // Ideal network: the reads of TIDs 2 and 3 complete in one network event; TID 2's
        // fetch failure comes first and gets TID 3 killed before its completion is seen.
        let run = try FakeRun(Self.shuffle(network: "", faults: """
            faults: [{kind: fetch-failure, stage: reduce, partition: 1, map_stage: map, map_partition: 0}]
            """), configure: Self.killSibling)
        #expect(run.ends(of: 2).map(\.time) == [1 * second])
        #expect(run.ends(of: 3).map(\.reason) == [.killed("stage failed")])
    }

    @Test func readsBrokenByALossEndOnceEvenWhenTheEngineKillsABrokenSibling() throws {
        // 250 MB at 1 Gbps: TIDs 2 and 3 read from exec1 from 1 s to 3 s; exec1 dies at
        // 2 s. TID 2's fetch failure gets TID 3 killed before its own failure is reported.
        let run = try FakeRun(Self.shuffle(network: "  network: {host_link: 1Gbps, latency: 0s}",
                                           faults: "faults: [{kind: executor-lost, executor: exec1, at: 2s}]"),
                              configure: Self.killSibling)
        #expect(run.ends(of: 1).isEmpty)  // it died with exec1
        #expect(run.ends(of: 2).map(\.time) == [2 * second])
        if case .fetchFailed(_, 0, "exec1", "host1", _)? = run.ends(of: 2).first?.reason {} else {
            Issue.record("TID 2 must fail to fetch from exec1: \(run.ends(of: 2))")
        }
        #expect(run.ends(of: 3).map(\.reason) == [.killed("stage failed")])
    }
}

import Engine
import Report
import Testing
@testable import Lab

/// Executors joining and dying under a running job: what the engine hears and the trace says.
@Suite struct ExecutorMembershipTests {
    @Test func aLostExecutorsRunningTaskEndsSilentlyAndTheEngineHearsTheLoss() throws {
        let run = try FakeRun(scripted(stages: "            - {name: only, tasks: 1, duration: 2s}",
                                       faults: "faults: [{kind: executor-lost, executor: exec1, at: 1s}]"))
        #expect(run.ends(of: 0).isEmpty)
        let losses = run.engine.inputs.filter { if case .executorLost = $0.event { return true } else { return false } }
        #expect(losses.map(\.time) == [1 * second])
        if case .executorLost(let id, let reason)? = losses.first?.event {
            #expect(id == "exec1")
            #expect(reason == .processLost(causedByApp: true, message: SimulatedExecutorBackend.processLostMessage))
        }
        // The fake retries it on exec2 at once; the cluster's rows come first.
        #expect(run.ends(of: 1).map(\.time) == [3 * second])
        #expect(run.lines.filter { $0.hasPrefix("1000000000,") } == [
            "1000000000,fault,,,,,,exec1,host1,,executor-lost exec1",
            "1000000000,executor-lost,,,,,,exec1,host1,,fault",
            "1000000000,task-launched,job0,only,0,0,1,exec2,host2,,",
        ])
    }

    @Test func anAddedExecutorIsAnnouncedWithItsGPUAddressesAndProfile() throws {
        let run = try FakeRun("""
            name: t
            cluster:
              executors: [{id: exec1, host: host1, cores: 1}]
            resource_profiles:
              big: {executor: {cores: 4, gpus: 2}, task: {cpus: 1, gpus: 1}}
            workload:
              kind: scripted
              jobs: [{name: j, stages: [{name: s, tasks: 1, duration: 3s}]}]
            faults:
              - {kind: executor-added, executor: {id: exec9, host: host9, cores: 4, gpus: 2, profile: big}, at: 1s}
            """)
        let added = run.engine.inputs.compactMap { input -> ExecutorInfo? in
            if case .executorAdded(let info) = input.event { return info } else { return nil }
        }
        #expect(added.map(\.id) == ["exec1", "exec9"])
        #expect(added.last == ExecutorInfo(id: "exec9", host: "host9", rack: nil, cores: 4, gpuAddresses: ["0", "1"],
                                           resourceProfile: 1))
    }

    @Test func theEnginesOwnMembershipRowsAreNotDuplicated() throws {
        let run = try FakeRun(scripted(stages: "            - {name: only, tasks: 1, duration: 1s}")) {
            $0.traceMembership = true
        }
        #expect(run.rows(.executorAdded).count == 2)
    }

    @Test func losingTheHostOfAMapOutputBeingReadIsAFetchFailureForTheReader() throws {
        let run = try FakeRun(scripted(network: "  network: {host_link: 1Gbps, latency: 0s}", stages: """
                    - {name: map, tasks: 2, duration: 1s, output_bytes: 125000000b}
                    - {name: reduce, parents: [map], tasks: 1, duration: 1s}
            """, faults: "faults: [{kind: host-lost, host: host2, at: 1500ms}]"))
        let ends = run.ends(of: 2)  // the reduce task on exec1 reads from host2 from 1 s to 2 s
        #expect(ends.map(\.time) == [1500 * millisecond])
        guard case .fetchFailed(let map, let partition, let executor, let host, _)? = ends.first?.reason else {
            Issue.record("expected a fetch failure, got \(ends)")
            return
        }
        #expect([map, String(partition), executor, host] == ["job0.map", "1", "exec2", "host2"])
        let loss = run.engine.inputs.first { if case .executorLost = $0.event { return true } else { return false } }
        #expect(loss?.event == .executorLost("exec2", .hostLost("host2")))
    }

    @Test func aLostExecutorsOutputIsLostUnlessTheShuffleServiceServesIt() throws {
        func reduceEnd(shuffleService: Bool) throws -> TaskEndReason? {
            let run = try FakeRun(scripted(executors: """
                    - {id: exec1, host: host1, cores: 1}
                    - {id: exec2, host: host2, cores: 1}
                    - {id: exec3, host: host2, cores: 1}
                """, network: "  network: {host_link: 1Gbps, latency: 0s}",
                spark: "spark: {spark.shuffle.service.enabled: \(shuffleService)}", stages: """
                        - {name: map, tasks: 2, duration: 1s, output_bytes: 125000000b}
                        - {name: reduce, parents: [map], tasks: 1, duration: 1s}
                """, faults: "faults: [{kind: executor-lost, executor: exec2, at: 1500ms}]"))
            return run.ends(of: 2).first?.reason
        }
        if case .fetchFailed(_, 1, "exec2", "host2", _)? = try reduceEnd(shuffleService: false) {} else {
            Issue.record("without the shuffle service the read from exec2 must fail")
        }
        #expect(try reduceEnd(shuffleService: true) == .success(nil))
    }
}

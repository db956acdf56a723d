import Engine
import Report
import Sim
import Testing
@testable import Lab

/// A shuffle read asks the map output tracker when it happens: outputs unregistered with
/// their executor fail the read whatever their size (Spark's MetadataFetchFailedException).
@Suite struct MapOutputLookupTests {
    static func trace(outputBytes: String) throws -> [TraceRow] {
        let scenario = try ScenarioLoader.load(text: """
            name: t
            cluster:
              executors:
                - {id: exec1, host: host1, cores: 1}
                - {id: exec2, host: host2, cores: 1}
            engine: {shuffle_offers: false, control_plane: none}
            workload:
              kind: scripted
              jobs:
                - name: job0
                  stages:
                    - {name: map, tasks: 2, duration: 1s, output_bytes: \(outputBytes)}
                    - {name: reduce, parents: [map], tasks: 2, duration: 2s}
            faults:
              - {kind: executor-lost, executor: exec2, at: 2s}
            """, file: "t.yaml")
        guard case .scripted(let workload) = scenario.variants[0].workload else { preconditionFailure() }
        return EngineRun.run(scenario, workload, streams: RandomStreams(seed: 0),
                             makeEngine: SparkSchedulerFactory.make(for: scenario)).outcome.trace
    }

    @Test(arguments: ["0b", "1MiB"])
    func aRetryNeedingALostExecutorsOutputFailsToFetchEvenWhenItIsEmpty(_ outputBytes: String) throws {
        let rows = try Self.trace(outputBytes: outputBytes)
        // exec2 held map partition 1's output and ran a reduce task when it was lost at 2 s;
        // the retry on exec1 asks for map partition 1's output, which went with exec2.
        let fetchFailed = rows.filter { $0.event == .taskFailed && $0.detail == "fetch-failed" }
        #expect(fetchFailed.count == 1, "\(rows.map { "\($0.timeNanoseconds) \($0.event) \($0.detail ?? "")" })")
        let stageFailed = rows.first { $0.event == .stageFailed }
        #expect(stageFailed?.detail?.hasPrefix("Missing an output location for shuffle job0.map partition") == true)
        #expect(rows.contains { $0.event == .stageResubmitted && $0.stage == "map" })
        #expect(rows.last { $0.event == .jobSucceeded } != nil)
    }
}

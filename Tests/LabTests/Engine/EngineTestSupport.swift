import Engine
import Report
import Sim
import Testing
@testable import Lab

/// Runs scenario text with the fake engine.
struct FakeRun {
    let result: EngineRun.Result
    let engine: FakeEngine

    init(_ yaml: String, sourceLocation: SourceLocation = #_sourceLocation,
         configure: @escaping (FakeEngine) -> Void = { _ in }) throws {
        let scenario = try ScenarioLoader.load(text: yaml, file: "inline.yaml")
        guard case .scripted(let workload) = scenario.variants[0].workload else {
            preconditionFailure("FakeRun: not a scripted workload")
        }
        var made: FakeEngine?
        result = EngineRun.run(scenario, workload, streams: RandomStreams(seed: scenario.seed),
                               makeEngine: FakeEngine.factory { made = $0; configure($0) })
        engine = made!
    }

    var rows: [TraceRow] { result.outcome.trace }

    /// Rows of one event kind.
    func rows(_ event: TraceEvent) -> [TraceRow] { rows.filter { $0.event == event } }

    /// The instants (ns) at which the engine heard `taskEnded` for `task`, with the reasons.
    func ends(of task: Int) -> [(time: Int64, reason: TaskEndReason)] {
        engine.inputs.compactMap { input in
            guard case .taskEnded(let id, let reason) = input.event, id.rawValue == task else { return nil }
            return (input.time, reason)
        }
    }

    /// The instants at which the engine heard `taskRunning` for `task`.
    func runningTimes(of task: Int) -> [Int64] {
        engine.inputs.compactMap { input in
            guard case .taskRunning(let id) = input.event, id.rawValue == task else { return nil }
            return input.time
        }
    }

    /// `time_ns,event,...` lines of the trace, for whole-trace expectations.
    var lines: [String] { rows.map { $0.fields.joined(separator: ",") } }
}

let second: Int64 = 1_000_000_000
let millisecond: Int64 = 1_000_000

/// A scenario with `executors` (inline YAML list items) and one scripted job of `stages`.
func scripted(executors: String = """
                  - {id: exec1, host: host1, cores: 1}
                  - {id: exec2, host: host2, cores: 1}
              """, network: String = "", engine: String = "{shuffle_offers: false, control_plane: none}", spark: String = "",
              stages: String, jobs: String? = nil, faults: String = "") -> String {
    let job = jobs ?? """
            - name: job0
              stages:
        \(stages)
        """
    return """
        name: t
        cluster:
          executors:
        \(executors)
        \(network)
        engine: \(engine)
        \(spark)
        workload:
          kind: scripted
          jobs:
        \(job)
        \(faults)
        """
}

import Engine
import Testing
import TestSupport
@testable import Lab

/// A scheduler that does not hear of the loss of an executor running its tasks: the
/// planted bug of the swarm's acceptance (a lost executor's running tasks are never
/// failed), from outside the engine. (Losses of idle executors still reach it: an engine
/// offering a dead executor traps in the simulated backend, a crash the swarm counts in
/// its child processes, which a test process cannot survive.)
private final class LossDeafEngine: SchedulingEngine {
    let inner: SwarmCheckedEngine
    init(_ inner: any SchedulingEngine) { self.inner = inner as! SwarmCheckedEngine }

    func handle(_ event: SchedulerEvent) {
        if case .executorLost(let executor, _) = event,
           inner.scheduler.runningAttempts.contains(where: { $0.executor == executor }) { return }
        inner.handle(event)
    }

    func stageKey(of stage: StageID) -> String? { inner.stageKey(of: stage) }
}

/// Runs with the swarm's invariants: generated seeds pass (or report a stall), twice
/// gives the same bytes, and a planted bug is caught and shrunk to a tiny scenario.
@Suite struct SwarmRunTests {
    @Test func generatedSeedsHoldEveryInvariant() {
        withEverySeed(1...60) { seed in
            let scenario = SwarmScenarioGenerator.make(seed: seed)
            let result = SwarmRun.run(yaml: scenario.yaml, file: "swarm-\(seed).yaml", twice: seed % 10 == 0)
            guard result.status == .passed || result.status == .stalled else {
                throw PropertyFailure("\(result.status): \(result.findings.prefix(3))\n\(scenario.yaml)")
            }
        }
    }

    @Test func aLostExecutorsTasksLeftRunningAreFoundAndShrunk() throws {
        let plant: (any SchedulingEngine) -> any SchedulingEngine = { LossDeafEngine($0) }
        func fails(_ scenario: SwarmScenario) -> Bool {
            SwarmRun.run(yaml: scenario.yaml, file: "planted.yaml", twice: false, interpose: plant).status == .violated
        }
        let seed = try #require((UInt64(1)...200).first { fails(SwarmScenarioGenerator.make(seed: $0)) })
        let original = SwarmScenarioGenerator.make(seed: seed)
        let finding = SwarmRun.run(yaml: original.yaml, file: "planted.yaml", twice: false, interpose: plant)
        #expect(finding.findings.first?.contains("which was lost") == true, "\(finding.findings)")
        var shrinker = SwarmShrinker(budget: 300)
        let small = shrinker.shrink(original, stillFails: fails)
        #expect(fails(small))
        let stages = small.jobs.flatMap(\.stages)
        #expect(small.jobs.count == 1 && stages.count <= 2 && stages.reduce(0) { $0 + $1.tasks } <= 3
                && small.faults.count <= 2, "\(small.yaml)")
        if case .explicit(let executors) = small.cluster { #expect(executors.count <= 2, "\(small.yaml)") }
        // Without the plant, the shrunk scenario holds every invariant.
        #expect(SwarmRun.run(yaml: small.yaml, file: "small.yaml", twice: true).status != .violated)
    }

    @Test func workerLinesSurviveTheirText() {
        let lines: [SwarmWorkerLine] = [
            .start(seed: 7),
            .result(seed: 7, status: .violated, digest: 0xDEAD_BEEF, tasks: 12, reached: ["a job failed", "x"],
                    findings: ["first\tline\nsecond", "back\\slash"]),
            .result(seed: 8, status: .passed, digest: 1, tasks: 0, reached: [], findings: []),
        ]
        for line in lines { #expect(SwarmWorkerLine(line.text[...]) == line) }
    }

    @Test func theShrinkerKeepsOnlyWhatTheFailureNeeds() {
        // A failure that needs a host-lost fault and a barrier stage, nothing else.
        let seed = (UInt64(1)...500).first { seed in
            let s = SwarmScenarioGenerator.make(seed: seed)
            return s.faults.contains { $0.kind == "host-lost" } && s.jobs.count > 1
                && s.jobs.contains { $0.stages.contains(where: \.barrier) }
        }!
        func fails(_ s: SwarmScenario) -> Bool {
            s.faults.contains { $0.kind == "host-lost" } && s.jobs.contains { $0.stages.contains(where: \.barrier) }
                && (try? ScenarioLoader.load(text: s.yaml, file: "c.yaml")) != nil
        }
        var shrinker = SwarmShrinker()
        let small = shrinker.shrink(SwarmScenarioGenerator.make(seed: seed), stillFails: fails)
        #expect(small.jobs.count == 1 && small.jobs[0].stages.count == 1 && small.jobs[0].stages[0].tasks == 1)
        #expect(small.faults.map(\.kind) == ["host-lost"], "\(small.yaml)")
        #expect(small.spark.isEmpty && small.engine.isEmpty, "\(small.yaml)")
    }
}

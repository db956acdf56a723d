import Foundation
import Lab
import Report

/// Shrinks failing seeds and writes each as `DIR/swarm-<seed>.yaml`.
///
/// A candidate "still fails" when it fails the same way as the seed: a crash still
/// crashes (in a child process, so a trap ends only the child), a violation still
/// violates an invariant, a nondeterministic seed still gives two outputs (twice in one
/// process, and once more in another).
struct SwarmFindings {
    let directory: String
    let silenceLimit: TimeInterval
    let shrinkLimit: Int

    func write(_ outcomes: [UInt64: SeedOutcome]) throws -> [SwarmSummary.Finding] {
        var findings: [SwarmSummary.Finding] = []
        for seed in outcomes.keys.sorted() {
            let outcome = outcomes[seed]!
            guard let kind = SwarmTally.kind(outcome) else { continue }
            let generated = SwarmScenarioGenerator.make(seed: seed)
            let shrinking = findings.count < shrinkLimit
            var written = generated
            if shrinking {
                var shrinker = SwarmShrinker()
                written = shrinker.shrink(generated) { self.fails($0, like: kind) }
            }
            let file = (directory as NSString).appendingPathComponent("swarm-\(seed).yaml")
            try written.yaml.write(toFile: file, atomically: true, encoding: .utf8)
            findings.append(.init(seed: seed, kind: kind, message: message(outcome), file: file,
                                  shrunk: shrinking && written != generated, size: size(written)))
        }
        return findings
    }

    private func message(_ outcome: SeedOutcome) -> String {
        if let crash = outcome.crash { return crash }
        if let difference = outcome.crossProcessDifference { return difference }
        if case .result(_, _, _, _, _, let findings)? = outcome.line { return findings.first ?? "" }
        return ""
    }

    /// Whether `candidate` fails as a finding of `kind` does. Violations and differences
    /// within one process are checked here; only a crash needs a child process.
    private func fails(_ candidate: SwarmScenario, like kind: String) -> Bool {
        let file = "swarm-\(candidate.seed).yaml"
        switch kind {
        case "violation":
            return SwarmRun.run(yaml: candidate.yaml, file: file, twice: false).status == .violated
        case "nondeterministic":
            let here = SwarmRun.run(yaml: candidate.yaml, file: file, twice: true)
            if here.status == .nondeterministic { return true }
            guard here.status == .passed || here.status == .stalled else { return false }
            guard case .result(_, _, let other, _, _, _)? = inChild(candidate, twice: false).lines.last else {
                return false
            }
            return other != here.digest
        default:
            return inChild(candidate, twice: false).failure != nil
        }
    }

    private func inChild(_ candidate: SwarmScenario, twice: Bool) -> SwarmChild.Outcome {
        let path = NSTemporaryDirectory() + "sparksim-swarm-\(getpid())-candidate.yaml"
        guard (try? candidate.yaml.write(toFile: path, atomically: true, encoding: .utf8)) != nil else {
            return SwarmChild.Outcome(lines: [], failure: nil)
        }
        defer { try? FileManager.default.removeItem(atPath: path) }
        return SwarmChild.run(["--file", path] + (twice ? ["--twice"] : []), silenceLimit: silenceLimit)
    }

    private func size(_ s: SwarmScenario) -> String {
        let executors: Int
        switch s.cluster {
        case .explicit(let list): executors = list.count
        case .generated(let racks, let hosts, let perHost, _, _): executors = racks * hosts * perHost
        case .master(let url): executors = url.hasPrefix("local-cluster")
            ? Int(url.split(whereSeparator: { !$0.isNumber }).first ?? "1") ?? 1 : 1
        }
        let stages = s.jobs.flatMap(\.stages)
        return "\(executors) executors, \(s.jobs.count) jobs, \(stages.count) stages, "
            + "\(stages.reduce(0) { $0 + $1.tasks }) tasks, \(s.faults.count) faults"
    }
}

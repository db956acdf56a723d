import Foundation
import Lab
import Report

/// Counts a swarm's outcomes into `SwarmSummary`: verdicts, and which features the seeds
/// used (regenerated from each seed) and which situations their runs reached.
enum SwarmTally {
    /// The kind of finding a seed is, nil when it passed or stalled.
    static func kind(_ outcome: SeedOutcome) -> String? {
        if outcome.crash != nil { return "crash" }
        if outcome.crossProcessDifference != nil { return "nondeterministic" }
        guard case .result(_, let status, _, _, _, _)? = outcome.line else { return "crash" }
        switch status {
        case .passed, .stalled: return nil
        case .violated: return "violation"
        case .nondeterministic: return "nondeterministic"
        case .invalid: return "crash"
        }
    }

    static func summarise(_ outcomes: [UInt64: SeedOutcome], from: UInt64, seeds: Int, jobs: Int, twiceEvery: Int,
                          repeated: Int, wallSeconds: Double) -> SwarmSummary {
        var summary = SwarmSummary(from: from, seeds: seeds, jobs: jobs, twiceEvery: twiceEvery,
                                   wallSeconds: wallSeconds, machine: machine)
        summary.repeated = repeated
        var features: [String: Int] = [:]
        var featureOrder: [String] = []
        var reached: [String: Int] = [:]
        for seed in outcomes.keys.sorted() {
            let outcome = outcomes[seed]!
            for feature in SwarmScenarioGenerator.make(seed: seed).features {
                if features[feature] == nil { featureOrder.append(feature) }
                features[feature, default: 0] += 1
            }
            if case .result(_, let status, _, let tasks, let situations, _)? = outcome.line {
                summary.tasksLaunched += tasks
                for situation in situations { reached[situation, default: 0] += 1 }
                if status == .passed { summary.passed += 1 }
                if status == .stalled { summary.stalled += 1 }
            }
            switch kind(outcome) {
            case "violation": summary.violations += 1
            case "crash": summary.crashes += 1
            case "nondeterministic": summary.nondeterministic += 1
            default: break
            }
        }
        // The contract's feature order (first use), then every fault kind even if unused.
        let faultNames = SwarmScenario.Fault.kinds.map { "fault: \($0)" }
        let ordered = featureOrder.filter { !$0.hasPrefix("fault: ") }.sorted { rank($0) < rank($1) }
        summary.features = (ordered + faultNames + ["several faults at one instant"]).map { ($0, features[$0] ?? 0) }
            .reduce(into: []) { list, entry in if !list.contains(where: { $0.name == entry.0 }) { list.append(entry) } }
        summary.reached = reached.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { ($0.key, $0.value) }
        return summary
    }

    /// Orders features as `SwarmScenario.features` lists them.
    private static func rank(_ feature: String) -> Int {
        let order = ["cluster: explicit executors", "cluster: generated racks", "master: local", "master: local-cluster",
                     "several racks", "GPUs", "executor resource profile", "task-only resource profile", "network",
                     "oversubscribed rack uplinks", "physical cores", "FAIR scheduling", "FAIR pools", "speculation",
                     "exclusion", "external shuffle service", "job submitted after another",
                     "stage shared with an earlier job", "map-stage job", "stage with two parents",
                     "skewed shuffle output", "barrier stage", "barrier syncs", "allGather", "per-partition syncs",
                     "fractional GPU amount", "preferred hosts", "Python stage", "CPU fraction"]
        return order.firstIndex(of: feature) ?? order.count
    }

    /// The machine, as `results/bench/` describes it: CPU model and core count.
    static var machine: String {
        let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
        let model = cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
            .map { $0.split(separator: ":", maxSplits: 1).last.map { $0.trimmingCharacters(in: .whitespaces) } ?? "" }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        return "\(model ?? "unknown CPU"), \(cores) cores"
    }
}

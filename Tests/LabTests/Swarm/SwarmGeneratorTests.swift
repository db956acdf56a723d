import Testing
import TestSupport
@testable import Lab

/// The swarm's generator: every seed gives a valid scenario, the same one everywhere, and
/// the seeds together use every feature and every fault kind of the contract.
@Suite struct SwarmGeneratorTests {
    @Test func everyGeneratedScenarioValidates() {
        withEverySeed(1...300) { seed in
            let yaml = SwarmScenarioGenerator.make(seed: seed).yaml
            do {
                _ = try ScenarioLoader.load(text: yaml, file: "swarm-\(seed).yaml")
            } catch {
                throw PropertyFailure("\(error)\n\(yaml)")
            }
        }
    }

    @Test func aSeedGivesTheSameScenarioEveryTime() {
        #expect(SwarmScenarioGenerator.make(seed: 42).yaml == SwarmScenarioGenerator.make(seed: 42).yaml)
        #expect(SwarmScenarioGenerator.make(seed: 42).yaml != SwarmScenarioGenerator.make(seed: 43).yaml)
    }

    /// Pinned: the generator is part of what a seed means (a finding quoted as "seed 1234"
    /// must stay reproducible), so a change to it shows as a changed golden file
    /// (`scripts/regenerate-results.sh` rewrites them).
    @Test(arguments: [UInt64(1), 2, 3]) func generatedScenariosArePinned(seed: UInt64) {
        assertMatchesGolden(SwarmScenarioGenerator.make(seed: seed).yaml,
                            goldenPath: "Tests/LabTests/Fixtures/swarm/seed-\(seed).yaml")
    }

    @Test func threeHundredSeedsUseEveryFaultKindAndFeature() {
        var seen: [String: Int] = [:]
        for seed in UInt64(1)...300 {
            for feature in SwarmScenarioGenerator.make(seed: seed).features { seen[feature, default: 0] += 1 }
        }
        let required = SwarmScenario.Fault.kinds.map { "fault: \($0)" } + [
            "cluster: explicit executors", "cluster: generated racks", "master: local", "master: local-cluster",
            "several racks", "GPUs", "executor resource profile", "task-only resource profile", "network",
            "oversubscribed rack uplinks", "physical cores", "FAIR pools", "speculation", "exclusion",
            "external shuffle service", "stage shared with an earlier job", "map-stage job", "skewed shuffle output",
            "barrier stage", "barrier syncs", "allGather", "per-partition syncs", "fractional GPU amount",
            "preferred hosts", "Python stage", "CPU fraction", "several faults at one instant",
        ]
        for feature in required { #expect(seen[feature, default: 0] >= 3, "\(feature): \(seen[feature, default: 0])") }
    }
}

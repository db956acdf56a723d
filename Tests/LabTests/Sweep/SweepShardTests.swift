import Foundation
import Testing
import TestSupport
import Yams
@testable import Lab

/// Sweeps cut into slices (`--shard K/N`), merged (`--merge`), and the batch files that
/// run them on Slurm and Kubernetes (`--emit`).
@Suite struct SweepShardTests {
    @Test(arguments: ["1/1", "2/3", "16/16"])
    func aSelectorIsKOfN(_ text: String) throws {
        let selector = try #require(ShardSelector(text))
        #expect(selector.description == text)
    }

    @Test(arguments: ["0/3", "4/3", "1/0", "a/b", "1", "1/2/3", "-1/3", ""])
    func aBadSelectorIsRefused(_ text: String) {
        #expect(ShardSelector(text) == nil)
    }

    /// For any estimates and slice count: every run in exactly one slice, each slice's
    /// runs in plan order, the same slices every time, and the longest-processing-time
    /// bound: no slice exceeds the mean by more than the largest run.
    @Test(arguments: 0..<40)
    func slicesCoverEveryRunOnceAndAreBalanced(_ seed: Int) {
        var generator = SplitMix(seed: UInt64(seed))
        let runs = Int(generator.next() % 60)
        let count = 1 + Int(generator.next() % 12)
        let estimates = (0..<runs).map { _ in Double(generator.next() % 1_000) }
        let shards = SweepShards(estimates: estimates, count: count)
        #expect(shards.slices.count == count)
        #expect(shards.slices.flatMap { $0 }.sorted() == Array(0..<runs))
        #expect(shards.slices.allSatisfy { $0 == $0.sorted() })
        #expect(shards == SweepShards(estimates: estimates, count: count))
        let mean = estimates.reduce(0, +) / Double(count)
        #expect(shards.work.allSatisfy { $0 <= mean + (estimates.max() ?? 0) + 1e-9 })
    }

    static func plan(_ path: String) throws -> (SweepPlan, [UInt8]) {
        let text = try String(contentsOf: RepositoryPaths.resolve(path), encoding: .utf8)
        let plan = try #require(SweepPlan(try ScenarioLoader.loadSource(text: text, file: path)))
        return (plan, Array(try Data(contentsOf: RepositoryPaths.resolve(path))))
    }

    /// Slices run in any order into one folder, then merged, give exactly the committed
    /// single-machine sweep (`results/sweeps/`, which `sparksim sweep` wrote); before the
    /// last slice, the merge names the missing runs and their slice and writes nothing.
    @Test(arguments: ["scenarios/straggler-sensitivity.yaml"])  // every shipped sweep: scripts/check-shards.sh
    func slicesInAnyOrderThenMergeGiveTheSingleMachineSweep(_ path: String) throws {
        let (plan, bytes) = try Self.plan(path)
        let output = FileManager.default.temporaryDirectory
            .appendingPathComponent("sparksim-shards-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: output) }
        for k in [3, 1] {
            _ = try Sweep.runShard(plan, shard: try #require(ShardSelector("\(k)/3")), fileBytes: bytes,
                                   outputDirectory: output, jobs: 2)
        }
        let folder = (output as NSString).appendingPathComponent(plan.scenario.name)
        do {
            _ = try Sweep.merge(plan, fileBytes: bytes, outputDirectory: output)
            Issue.record("merged without slice 2")
        } catch let incomplete as SweepIncomplete {
            let slice2 = SweepShards(plan, count: 3).slices[1].map { plan.runs[$0].folderName }
            #expect(incomplete.missing == slice2)
            #expect(incomplete.missingSlices(plan, slices: 3).hasSuffix("slices not finished (of 3): 2/3"))
        }
        #expect(!FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent("sweep.csv")))
        _ = try Sweep.runShard(plan, shard: try #require(ShardSelector("2/3")), fileBytes: bytes,
                               outputDirectory: output, jobs: 2)
        let summary = try Sweep.merge(plan, fileBytes: bytes, outputDirectory: output)
        #expect(summary.runs == plan.runs.count)
        let written = try FileManager.default.contentsOfDirectory(atPath: folder)
            .filter { $0 != "runs" && !$0.hasPrefix(".") }.sorted()
        let committed = try FileManager.default.contentsOfDirectory(
            atPath: RepositoryPaths.resolve("results/sweeps/\(plan.scenario.name)").path).sorted()
        #expect(written == committed)
        for name in written {
            let text = try String(contentsOfFile: (folder as NSString).appendingPathComponent(name), encoding: .utf8)
            let golden = try String(contentsOf: RepositoryPaths.resolve("results/sweeps/\(plan.scenario.name)/\(name)"),
                                    encoding: .utf8)
            #expect(text == golden, "\(name) differs from the single-machine sweep")
        }
    }

    static func batch(slices: Int = 5, parallel: Int? = 2) -> SweepBatch {
        SweepBatch(name: "Straggler_Sensitivity", scenarioFile: RepositoryPaths.resolve("scenarios/straggler-sensitivity.yaml").path,
                   outputDirectory: "/shared/sweeps", sweepFolder: "/shared/sweeps/straggler-sensitivity",
                   executable: "/opt/sparksim/bin/sparksim", slices: slices, parallel: parallel,
                   settings: ["spark.speculation=true"], seed: 7, cpusPerSlice: 4, minutesPerSlice: 75,
                   memoryMiBPerSlice: 2048)
    }

    @Test func theSlurmArrayRunsOneSlicePerTaskAndTheMergeWaitsForIt() {
        let files = SlurmEmitter.files(Self.batch())
        #expect(files.array.hasPrefix("#!/bin/bash\n"))
        for line in ["#SBATCH --array=1-5%2", "#SBATCH --cpus-per-task=4", "#SBATCH --time=1:15:00",
                     "#SBATCH --mem=2048M", "#SBATCH --output=/shared/sweeps/straggler-sensitivity/slurm/logs/slice-%a.out"] {
            #expect(files.array.contains(line + "\n"), "\(line)")
        }
        #expect(files.array.contains("--shard \"${SLURM_ARRAY_TASK_ID}/5\""))
        #expect(files.array.contains("'--set' 'spark.speculation=true' '--seed' '7'"))
        #expect(files.merge.contains("--merge --slices 5"))
        #expect(files.submit.contains("--dependency=afterok:\"$array\""))
        // No concurrency limit: the whole array at once.
        #expect(SlurmEmitter.files(Self.batch(parallel: nil)).array.contains("#SBATCH --array=1-5\n"))
    }

    /// The fields the batch/v1 Job schema requires (and the API server checks), read back
    /// with a YAML parser: a DNS-1123 name, a pod template with a restart policy of Never
    /// or OnFailure and containers with name and image; Indexed completion with
    /// completions set and parallelism at most completions; the ConfigMap holding the
    /// scenario file byte for byte.
    @Test func theKubernetesManifestsAreValidBatchV1Jobs() throws {
        let batch = Self.batch(slices: 6, parallel: 3)
        let files = KubernetesEmitter.files(batch, .init(image: "registry.example/sparksim:0.2.0",
                                                        command: "/usr/local/bin/sparksim", volumeClaim: "sweeps"))
        func dns1123(_ name: String) -> Bool {
            name.count <= 63 && name.first?.isLetter == true && name.last.map { $0.isLetter || $0.isNumber } == true
                && name.allSatisfy { ($0.isASCII && ($0.isLowercase || $0.isNumber)) || $0 == "-" }
        }
        for (text, indexed) in [(files.slicesJob, true), (files.mergeJob, false)] {
            let job = try #require(try Yams.load(yaml: text) as? [String: Any])
            #expect(job["apiVersion"] as? String == "batch/v1" && job["kind"] as? String == "Job")
            let metadata = try #require(job["metadata"] as? [String: Any])
            #expect(dns1123(try #require(metadata["name"] as? String)))
            let spec = try #require(job["spec"] as? [String: Any])
            let template = try #require((spec["template"] as? [String: Any])?["spec"] as? [String: Any])
            #expect(["Never", "OnFailure"].contains(template["restartPolicy"] as? String ?? ""))
            let containers = try #require(template["containers"] as? [[String: Any]])
            #expect(containers.count == 1)
            #expect(containers[0]["name"] is String && containers[0]["image"] as? String == "registry.example/sparksim:0.2.0")
            let script = try #require((containers[0]["args"] as? [String])?.first)
            #expect(script.hasPrefix("exec '/usr/local/bin/sparksim' sweep '/scenario/straggler-sensitivity.yaml'"))
            let mounts = try #require(containers[0]["volumeMounts"] as? [[String: Any]]).compactMap { $0["name"] as? String }
            let volumes = try #require(template["volumes"] as? [[String: Any]]).compactMap { $0["name"] as? String }
            #expect(Set(mounts).isSubset(of: Set(volumes)))
            if indexed {
                #expect(spec["completionMode"] as? String == "Indexed")
                #expect(spec["completions"] as? Int == 6 && spec["parallelism"] as? Int == 3)
                #expect(script.contains("--shard \"$((JOB_COMPLETION_INDEX + 1))/6\""))
            } else {
                #expect(spec["completionMode"] == nil && script.contains("--merge --slices 6"))
            }
        }
        let configMap = try #require(try Yams.load(yaml: files.configMap) as? [String: Any])
        #expect(configMap["kind"] as? String == "ConfigMap")
        let data = try #require(configMap["data"] as? [String: String])
        let original = try String(contentsOf: RepositoryPaths.resolve("scenarios/straggler-sensitivity.yaml"), encoding: .utf8)
        #expect(data["straggler-sensitivity.yaml"] == original)
        #expect(files.submit.contains("kubectl wait --for=condition=complete"))
    }
}

/// A small deterministic generator for property tests (SplitMix64).
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

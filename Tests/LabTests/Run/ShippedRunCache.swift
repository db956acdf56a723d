import Foundation
import Lab
import TestSupport

/// One run per shipped scenario per test process, for the scenarios whose debug-build run
/// is long (horovod-scaling: every GPU of 27 points, step by step): the golden comparison
/// and the tests that read its figures share it.
enum ShippedRunCache {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var folders: [String: OutputFolder] = [:]

    /// Shipped scenarios a test run runs once only (their determinism is tested on a
    /// reduced copy: `DeepLearningEngineTests.twoRunsOfAReducedBenchmarkGiveIdenticalBytes`).
    static let runOnce: Set<String> = ["scenarios/horovod-scaling.yaml"]

    /// The output of the scenario at `path` (relative to the repository), run once.
    static func folder(_ path: String) throws -> OutputFolder {
        lock.lock()
        defer { lock.unlock() }
        if let folder = folders[path] { return folder }
        let text = try String(contentsOf: RepositoryPaths.resolve(path), encoding: .utf8)
        let folder = Runner.run(try ScenarioLoader.load(text: text, file: path))
        folders[path] = folder
        return folder
    }
}

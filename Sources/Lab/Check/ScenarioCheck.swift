import Foundation

/// `sparksim check`: every scenario re-run in memory and compared, as `sparksim diff`
/// compares two folders, with its committed `results/<name>/`. Nothing is written.
public enum ScenarioCheck {
    public enum Status: String, Sendable {
        case ok, differs = "DIFFERS", missing = "MISSING", invalid = "INVALID"
    }

    /// The verdict on one scenario file.
    public struct Verdict: Sendable {
        public var path: String
        public var name: String
        public var status: Status
        /// Set when `status` is `.differs`.
        public var diff: RunFolderDiff?
        /// Diagnostics when the scenario does not load.
        public var problems: [String] = []
    }

    /// Every `*.yaml` under `folder` (recursively), as paths relative to it, sorted.
    public static func scenarioFiles(in folder: String) -> [String]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue,
              let enumerator = FileManager.default.enumerator(atPath: folder) else { return nil }
        return enumerator.compactMap { $0 as? String }.filter { $0.hasSuffix(".yaml") }.sorted()
    }

    /// Re-runs each of `paths` (relative to `scenarios`) on up to `jobs` threads and hands
    /// the verdicts to `report` one at a time, in the order of `paths`, as soon as each and
    /// all before it are known.
    public static func run(
        scenarios: String, paths: [String], results: String, jobs: Int,
        report: @escaping @Sendable (Verdict) -> Void
    ) {
        let state = OrderedDelivery(count: paths.count, report: report)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, paths.count))) { _ in
            while let index = state.claim() {
                state.deliver(index, verdict(scenarios: scenarios, path: paths[index], results: results))
            }
        }
    }

    /// The paths whose scenario name, file stem or relative path is in `only`, and the
    /// names of `only` that match none; all paths when `only` is empty.
    public static func select(_ paths: [String], in scenarios: String, only: [String]) -> (paths: [String], unknown: [String]) {
        guard !only.isEmpty else { return (paths, []) }
        var matched: Set<String> = []
        let chosen = paths.filter { path in
            let file = (scenarios as NSString).appendingPathComponent(path)
            let names = [path, stem(path)] + ((try? ScenarioLoader.load(path: file)).map { [$0.name] } ?? [])
            let hits = only.filter(names.contains)
            matched.formUnion(hits)
            return !hits.isEmpty
        }
        return (chosen, only.filter { !matched.contains($0) })
    }

    /// Loads, runs and compares one scenario.
    public static func verdict(scenarios: String, path: String, results: String) -> Verdict {
        let file = (scenarios as NSString).appendingPathComponent(path)
        let scenario: Scenario
        do {
            scenario = try ScenarioLoader.load(path: file)
        } catch {
            return Verdict(path: path, name: stem(path), status: .invalid, diff: nil,
                           problems: error.diagnostics.map(\.description))
        }
        guard let committed = RunFolder.read((results as NSString).appendingPathComponent(scenario.name)) else {
            return Verdict(path: path, name: scenario.name, status: .missing, diff: nil)
        }
        let produced = Dictionary(uniqueKeysWithValues: Runner.run(scenario).files.map { ($0.name, Data($0.contents.utf8)) })
        let diff = RunFolderDiff(a: committed, b: produced)
        return Verdict(path: path, name: scenario.name, status: diff.differs ? .differs : .ok, diff: diff.differs ? diff : nil)
    }

    /// The file name without folders and `.yaml`.
    public static func stem(_ path: String) -> String {
        ((path as NSString).lastPathComponent as NSString).deletingPathExtension
    }
}

/// Hands out indices to workers and releases their verdicts in index order.
private final class OrderedDelivery: @unchecked Sendable {
    private let lock = NSLock()
    private var nextToClaim = 0
    private var nextToReport = 0
    private var ready: [Int: ScenarioCheck.Verdict] = [:]
    private let count: Int
    private let report: @Sendable (ScenarioCheck.Verdict) -> Void

    init(count: Int, report: @escaping @Sendable (ScenarioCheck.Verdict) -> Void) {
        self.count = count
        self.report = report
    }

    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextToClaim < count else { return nil }
        nextToClaim += 1
        return nextToClaim - 1
    }

    /// Reports under the lock, so that lines never interleave and stay in order.
    func deliver(_ index: Int, _ verdict: ScenarioCheck.Verdict) {
        lock.lock()
        defer { lock.unlock() }
        ready[index] = verdict
        while let next = ready.removeValue(forKey: nextToReport) {
            report(next)
            nextToReport += 1
        }
    }
}

/// A run folder as bytes: every visible regular file, by name; nil when `path` is not a folder.
public enum RunFolder {
    public static func read(_ path: String) -> [String: Data]? {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue,
              let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return nil }
        var files: [String: Data] = [:]
        for name in names where !name.hasPrefix(".") {
            let file = (path as NSString).appendingPathComponent(name)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file, isDirectory: &isFolder), !isFolder.boolValue,
                  let data = FileManager.default.contents(atPath: file) else { continue }
            files[name] = data
        }
        return files
    }
}

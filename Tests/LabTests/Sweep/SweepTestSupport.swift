import Foundation
import Testing
import Report
@testable import Lab

/// A scratch folder holding one scenario file, removed by the caller's `defer`.
struct SweepWorkspace {
    let root: URL
    var scenarioPath: String { root.appendingPathComponent("sweep.yaml").path }
    var outputPath: String { root.appendingPathComponent("out").path }

    init(_ yaml: String) throws {
        root = FileManager.default.temporaryDirectory
            .appendingPathComponent("sparksim-sweep-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try write(yaml)
    }

    func write(_ yaml: String) throws { try Data(yaml.utf8).write(to: URL(fileURLWithPath: scenarioPath)) }

    func remove() { try? FileManager.default.removeItem(at: root) }

    func plan() throws -> SweepPlan { SweepPlan(try ScenarioLoader.loadSource(path: scenarioPath))! }

    func bytes() throws -> [UInt8] { Array(try Data(contentsOf: URL(fileURLWithPath: scenarioPath))) }

    /// Runs the sweep into `out` (or `folder`) and returns the summary.
    @discardableResult
    func sweep(jobs: Int, into folder: String? = nil,
               runScenario: @escaping SweepExecutor.RunScenario = { SweepRunOutput.run($0) }) throws -> Sweep.Summary
    {
        try Sweep.run(try plan(), fileBytes: try bytes(), outputDirectory: folder ?? outputPath, jobs: jobs,
                      runScenario: runScenario)
    }

    /// Sweeps with one worker and with two into separate folders, expects the same files
    /// with the same bytes, and returns the relative paths written.
    func expectSameBytesOnOneAndTwoWorkers() throws -> [String] {
        let one = root.appendingPathComponent("jobs1").path
        let two = root.appendingPathComponent("jobs2").path
        try sweep(jobs: 1, into: one)
        try sweep(jobs: 2, into: two)
        let a = Self.files(under: one)
        let b = Self.files(under: two)
        #expect(a.map(\.0) == b.map(\.0))
        for (left, right) in zip(a, b) {
            #expect(left.1 == right.1, "\(left.0) differs between --jobs 1 and --jobs 2")
        }
        return a.map(\.0)
    }

    /// Every file under `folder`, relative path → bytes, sorted by path.
    static func files(under folder: String) -> [(String, Data)] {
        let enumerator = FileManager.default.enumerator(atPath: folder)!
        var paths: [String] = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let full = (folder as NSString).appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue {
                paths.append(path)
            }
        }
        return paths.sorted().map { ($0, FileManager.default.contents(atPath: (folder as NSString)
            .appendingPathComponent($0))!) }
    }
}

/// Records the order of the injected runner's calls.
final class RunOrder: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [Int] = []
    var values: [Int] { lock.withLock { recorded } }
    func append(_ value: Int) { lock.withLock { recorded.append(value) } }
}

/// Counts calls of the injected runner across worker threads.
final class RunCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0
    var count: Int { lock.withLock { value } }
    func increment() { lock.withLock { value += 1 } }
}

/// A two-point, five-seed scripted sweep that runs in milliseconds.
let tinySweepYAML = """
    name: tiny
    seed: 10
    cluster: {racks: 1, hosts_per_rack: 2}
    workload:
      kind: scripted
      jobs:
        - {name: only, stages: [{name: s, tasks: 4, duration: 1s}]}
    sweep:
      parameters:
        cluster.hosts_per_rack: [1, 2]
        spark.locality.wait: [0s, 3s]
      seeds: 5

    """

/// A stub runner whose makespan is (seed - 9) seconds, so a point's sample is 1…5 s.
let seedMakespanRunner: SweepExecutor.RunScenario = { scenario in
    var folder = OutputFolder()
    let row = SummaryRow(scenario: scenario.name, variant: "", seed: scenario.seed,
                         makespanNanoseconds: Int64(scenario.seed - 9) * 1_000_000_000,
                         jobsSucceeded: 1, jobsFailed: 0, tasksLaunched: 4, taskFailures: 0,
                         simulated: "stub", executorsAtStart: 2, executorsAtEnd: 2, faultsApplied: 0)
    folder.add("summary.csv", SummaryRow.csv([row]))
    return SweepRunOutput(folder: folder, figures: SweepRunFigures(variants: [
        SweepRunFigures.Variant(summary: row, finalObjective: nil, training: nil),
    ]))
}

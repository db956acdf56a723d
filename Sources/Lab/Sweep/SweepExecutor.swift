import Foundation
import Report

/// What one finished run contributes to `sweep.csv`: its figures as values, taken from
/// its records when it ran in this process, read back from its files once on a cache hit.
public struct SweepRunResult: Sendable, Equatable {
    public var figures: SweepRunFigures
    /// True when the run's folder was reused instead of running it again.
    public var cached: Bool
}

/// One run as a sweep needs it: the folder to publish under `runs/` and the figures the
/// sweep's own files are made from, both from the same records.
public struct SweepRunOutput {
    public var folder: OutputFolder
    public var figures: SweepRunFigures

    public init(folder: OutputFolder, figures: SweepRunFigures) {
        self.folder = folder
        self.figures = figures
    }

    /// Runs the scenario once (`Runner`) and keeps both views of its records.
    public static func run(_ scenario: Scenario) -> SweepRunOutput {
        let description = ScenarioDescription(scenario)
        let records = Runner.records(scenario)
        return SweepRunOutput(folder: Runner.folder(description, records),
                              figures: SweepRunFigures(scenario: description, runs: records))
    }
}

/// Progress after each finished run (called on one thread at a time).
public struct SweepProgress: Sendable {
    public var finished: Int
    public var total: Int
    public var cachedSoFar: Int
    public var run: SweepPlan.Run
    public var cached: Bool
}

/// Runs a plan's runs on worker threads; each run is independent, and results are
/// stored by the run's position in the plan, so the merge order is fixed.
///
/// Why threads and not Swift concurrency: a run is a long synchronous computation; N
/// plain threads pulling the next index from a locked counter give exactly `--jobs`
/// runs at a time with no executor policy in between.
public struct SweepExecutor: Sendable {
    /// Runs one scenario (a point with one seed); `SweepRunOutput.run` in production, a
    /// counting stub in tests.
    public typealias RunScenario = @Sendable (Scenario) -> SweepRunOutput

    public var plan: SweepPlan
    /// The scenario file's bytes, hashed into each run's cache key.
    public var fileBytes: [UInt8]
    /// `--set PATH=VALUE` settings the plan was loaded with, also hashed into each key.
    public var settings: [String]
    /// `DIR/<name>`.
    public var folder: String
    public var jobs: Int
    public var runScenario: RunScenario

    public init(plan: SweepPlan, fileBytes: [UInt8], settings: [String] = [], folder: String, jobs: Int,
                runScenario: @escaping RunScenario = { SweepRunOutput.run($0) })
    {
        precondition(jobs >= 1, "a sweep needs at least one worker")
        self.plan = plan
        self.fileBytes = fileBytes
        self.settings = settings
        self.folder = folder
        self.jobs = jobs
        self.runScenario = runScenario
    }

    var runsFolder: String { (folder as NSString).appendingPathComponent("runs") }

    /// Executes every run (or reuses its folder) and returns results in plan order; with
    /// `only` (plan positions: a slice), just those, and results for them alone, in plan order.
    public func execute(only: [Int]? = nil, progress: @escaping @Sendable (SweepProgress) -> Void = { _ in }) throws
        -> [SweepRunResult]
    {
        try FileManager.default.createDirectory(atPath: runsFolder, withIntermediateDirectories: true)
        let selected = only.map(Set.init)
        let state = SharedState(order: executionOrder.filter { selected?.contains($0) ?? true }, runs: plan.runs.count)
        let workers = min(jobs, max(plan.runs.count, 1))
        let done = DispatchSemaphore(value: 0)
        for _ in 0..<workers {
            let thread = Thread { [self] in
                work(state, progress: progress)
                done.signal()
            }
            thread.stackSize = 16 << 20
            thread.start()
        }
        for _ in 0..<workers { done.wait() }
        if let error = state.firstError { throw error }
        return state.results.compactMap { $0 }
    }

    /// Run indices, largest estimated work first (ties in plan order): longest-processing-
    /// time-first scheduling, so the last runs to start are short and no worker is left
    /// alone with a long one at the end. Only the order of execution changes; results are
    /// stored by plan position.
    var executionOrder: [Int] {
        var estimates: [Int: Double] = [:]
        for run in plan.runs where estimates[run.point.index] == nil {
            estimates[run.point.index] = (try? ScenarioLoader.scenario(plan.source, at: run.point))?.estimatedWork ?? 0
        }
        return plan.runs.indices.sorted { a, b in
            let (x, y) = (estimates[plan.runs[a].point.index]!, estimates[plan.runs[b].point.index]!)
            return x != y ? x > y : a < b
        }
    }

    private func work(_ state: SharedState, progress: @Sendable (SweepProgress) -> Void) {
        while let index = state.next() {
            let run = plan.runs[index]
            do {
                let result = try perform(run)
                state.finish(index, result) { finished, cachedSoFar in
                    progress(SweepProgress(finished: finished, total: state.total, cachedSoFar: cachedSoFar,
                                           run: run, cached: result.cached))
                }
            } catch {
                state.fail(error)
            }
        }
    }

    /// Reuses `runs/<id>/` when its `.key` matches and its files decode; otherwise runs
    /// and publishes it, then writes `.key` last, so a folder without a matching key is
    /// never trusted.
    func perform(_ run: SweepPlan.Run) throws -> SweepRunResult {
        let (scenario, key) = try keyed(run)
        let runFolder = (runsFolder as NSString).appendingPathComponent(run.folderName)
        let keyPath = (runFolder as NSString).appendingPathComponent(".key")
        if let cached = Self.cached(runFolder, key: key) { return cached }
        let output = runScenario(scenario)
        // Inside this sweep's own (checked) folder: its runs are replaced as they go stale.
        try output.folder.publish(into: runsFolder, name: run.folderName,
                                  marker: OutputMarker(kind: .sweepRun, scenario: plan.scenario.name), force: true)
        try AtomicFile.write(key + "\n", to: keyPath)
        return SweepRunResult(figures: output.figures, cached: false)
    }

    /// The run in `runFolder` when its `.key` is `key` and its files decode; nil otherwise.
    static func cached(_ runFolder: String, key: String) -> SweepRunResult? {
        let keyPath = (runFolder as NSString).appendingPathComponent(".key")
        guard AtomicFile.read(keyPath) == key + "\n", let figures = cachedFigures(in: runFolder) else { return nil }
        return SweepRunResult(figures: figures, cached: true)
    }

    /// The run as an earlier sweep or slice left it in `runs/`, or nil when it is missing,
    /// stale (another file, point, seed, version or setting) or unreadable.
    public func completed(_ run: SweepPlan.Run) throws -> SweepRunResult? {
        Self.cached((runsFolder as NSString).appendingPathComponent(run.folderName), key: try keyed(run).key)
    }

    /// The run's scenario and its cache key (file bytes, point, seed, version, settings and
    /// the data files it reads).
    private func keyed(_ run: SweepPlan.Run) throws -> (scenario: Scenario, key: String) {
        let scenario = try ScenarioLoader.scenario(plan.source, at: run.point).withSeed(run.seed)
        let data = try scenario.dataFiles.map { path in
            guard let contents = FileManager.default.contents(atPath: path) else { throw SweepError.unreadableData(path) }
            return (path: path, bytes: Array(contents))
        }
        return (scenario, SweepPlan.cacheKey(fileBytes: fileBytes, run: run, dataFiles: data, settings: settings))
    }

    /// The figures of a run folder written by an earlier sweep, read from its files
    /// (`SweepRunFiles`); nil when `summary.csv` is missing or a file does not decode,
    /// and the run is then done again.
    static func cachedFigures(in runFolder: String) -> SweepRunFigures? {
        func read(_ name: String) -> String? { AtomicFile.read((runFolder as NSString).appendingPathComponent(name)) }
        guard let summary = read("summary.csv") else { return nil }
        return try? SweepRunFiles(summaryCSV: summary, iterationsCSV: read("iterations.csv"),
                                  trainingScalingCSV: read("training_scaling.csv")).figures()
    }
}

/// Why a sweep stopped.
public enum SweepError: Error, CustomStringConvertible {
    case unreadableData(String)

    public var description: String {
        switch self {
        case .unreadableData(let path): "cannot read the data file \(path)"
        }
    }
}

/// The work queue and result slots shared by the workers, behind one lock.
private final class SharedState: @unchecked Sendable {
    private let lock = NSLock()
    private let order: [Int]
    /// How many runs this execution does.
    var total: Int { order.count }
    private var nextIndex = 0
    private var finished = 0
    private var cachedCount = 0
    private(set) var results: [SweepRunResult?]
    private(set) var firstError: Error?

    init(order: [Int], runs: Int) {
        self.order = order
        results = Array(repeating: nil, count: runs)
    }

    /// The next run to do, or nil when none is left or a run has failed.
    func next() -> Int? {
        lock.withLock {
            guard firstError == nil, nextIndex < order.count else { return nil }
            defer { nextIndex += 1 }
            return order[nextIndex]
        }
    }

    func finish(_ index: Int, _ result: SweepRunResult, report: (Int, Int) -> Void) {
        lock.withLock {
            results[index] = result
            finished += 1
            if result.cached { cachedCount += 1 }
            report(finished, cachedCount)
        }
    }

    func fail(_ error: Error) {
        lock.withLock { if firstError == nil { firstError = error } }
    }
}

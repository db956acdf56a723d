import Engine
import Report
import Sim

/// What one swarm run found.
public struct SwarmRunResult: Sendable {
    public enum Status: String, Sendable {
        /// Every invariant held and every job ended.
        case passed
        /// Every invariant held; the run stopped with jobs left and said so (a stall).
        case stalled
        /// An invariant broke.
        case violated
        /// Two runs of the same scenario gave different bytes.
        case nondeterministic
        /// The scenario does not validate (the generator's fault, counted as a crash).
        case invalid
    }

    public var status: Status
    /// What broke, first first; for `invalid`, the diagnostics.
    public var findings: [String]
    /// Features and situations the run reached.
    public var reached: [String]
    /// FNV-1a 64 of the run's outputs (`trace.csv` then `summary.csv`).
    public var digest: UInt64
    public var tasksLaunched: Int
}

/// Runs one scenario file the way `sparksim run` runs a scripted workload, with every
/// invariant of `SwarmCheckedEngine` and `SwarmInvariantChecker` checked after every
/// event, and (when asked) a second time from scratch, comparing the two runs' outputs
/// byte for byte.
public enum SwarmRun {
    /// A generated scenario's own timers all act within minutes (slot checks, sync and
    /// heartbeat timeouts, exclusion's unschedulable timeout), so an hour without a task
    /// or a trace row is a stall; `sparksim run` waits a day and reports the same.
    static let stallLimit = SimDuration.seconds(3_600)

    public static func run(yaml: String, file: String, twice: Bool) -> SwarmRunResult {
        run(yaml: yaml, file: file, twice: twice, interpose: nil)
    }

    /// `interpose` wraps the checked engine (tests plant bugs between it and the cluster).
    static func run(yaml: String, file: String, twice: Bool,
                    interpose: ((any SchedulingEngine) -> any SchedulingEngine)?) -> SwarmRunResult {
        let scenario: Scenario
        do {
            scenario = try ScenarioLoader.load(text: yaml, file: file)
        } catch {
            return SwarmRunResult(status: .invalid, findings: ["\(error)"], reached: [], digest: 0, tasksLaunched: 0)
        }
        guard case .scripted(let workload) = scenario.variants[0].workload else {
            return SwarmRunResult(status: .invalid, findings: ["\(file): the swarm runs scripted workloads only"],
                                  reached: [], digest: 0, tasksLaunched: 0)
        }
        var first = once(scenario, workload, interpose)
        guard twice, first.result.status == .passed || first.result.status == .stalled else { return first.result }
        let second = once(scenario, workload, interpose)
        if second.bytes != first.bytes {
            first.result.status = .nondeterministic
            first.result.findings = [difference(first.bytes, second.bytes)]
        }
        return first.result
    }

    private static func once(_ scenario: Scenario, _ workload: Scenario.ScriptedWorkload,
                             _ interpose: ((any SchedulingEngine) -> any SchedulingEngine)?)
        -> (result: SwarmRunResult, bytes: [UInt8]) {
        let setup = DeploymentSetup(scenario)
        let plan = ScriptedPlan(workload, setup: setup)
        let checker = SwarmInvariantChecker()
        let makeSpark = SparkSchedulerFactory.make(for: scenario)
        let shuffleService = setup.spark.shuffleServiceEnabled
        let (result, _) = EngineRun.run(
            setup, source: plan, taskFaults: TaskFaultTable(setup.faults, workload: workload),
            streams: RandomStreams(seed: scenario.seed),
            makeEngine: { settings, environment in
                let engine = SwarmCheckedEngine(makeSpark(settings, environment) as! SparkScheduler,
                                                shuffleServiceEnabled: shuffleService, report: checker.report)
                checker.engine = engine
                return interpose?(engine) ?? engine
            },
            stallLimit: stallLimit, prepare: { $0.observer = checker })
        checker.finish(allJobsEnded: result.stop == .allJobsEnded)
        let summary = EngineRun.summary(result, scenario: scenario, variant: "")
        let bytes = Array((TraceRow.csv(result.outcome.trace) + SummaryRow.csv([summary])).utf8)
        var reached = checker.reached
        if result.stop != .allJobsEnded { reached.insert("run stalled") }
        let status: SwarmRunResult.Status = !checker.violations.isEmpty ? .violated
            : result.stop == .allJobsEnded ? .passed : .stalled
        var findings = checker.violations
        if status == .stalled, let reason = result.outcome.unfinishedReason { findings = [reason] }
        return (SwarmRunResult(status: status, findings: findings, reached: reached.sorted(),
                               digest: SeedDerivation.fnv1a64(bytes), tasksLaunched: result.counts.tasksLaunched),
                bytes)
    }

    /// Where two runs' outputs first differ, as a line of each.
    static func difference(_ a: [UInt8], _ b: [UInt8]) -> String {
        let linesA = String(decoding: a, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let linesB = String(decoding: b, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for index in 0..<max(linesA.count, linesB.count) {
            let lineA = index < linesA.count ? String(linesA[index]) : "(none)"
            let lineB = index < linesB.count ? String(linesB[index]) : "(none)"
            if lineA != lineB { return "the outputs differ at line \(index + 1): first run '\(lineA)', second '\(lineB)'" }
        }
        return "the outputs differ"
    }
}

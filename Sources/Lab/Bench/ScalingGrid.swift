import Report

/// The cases of `sparksim bench scaling`, in the order they run and are reported.
public enum ScalingCase: String, CaseIterable, Sendable {
    case engine, phold, network, sweep, replay
}

/// One point of the suite before it runs: which curve, which size, and the `sparksim`
/// command line that measures it in a child process.
public struct ScalingPointSpec: Sendable, Equatable {
    public var scalingCase: ScalingCase
    public var series: String
    public var sizeName: String
    /// The x value; replaced by the child's `sizeKey` figure when that is set.
    public var size: Int
    public var sizeKey: String?
    public var unitName: String
    /// The key of the child's output line that counts the units of work (`tasks=`).
    public var unitsKey: String
    /// After the executable: `bench engine --executors 1000 ...`.
    public var arguments: [String]
    /// Only output lines whose `case=` starts with this are read (the network benchmark
    /// prints one line per case).
    public var lineCase: String?

    public var command: String { "sparksim " + arguments.joined(separator: " ") }
}

/// The sizes each case runs at: the full grid (minutes), or `quick` (seconds, for tests
/// and a smoke run); the engine's points stop at `maxTasks` tasks.
///
/// Why 1-3-10 steps: three or more points a decade make a curve whose bends can be seen,
/// and the largest points (where the time goes) stay the ones the issue names.
public struct ScalingGrid: Sendable {
    public var quick: Bool
    public var maxTasks: Int
    /// Worker threads of the sweep's second series (the machine's processors).
    public var processors: Int
    public var sweepScenario: String
    public var replayLog: String

    public static let defaultMaxTasks = 1_000_000
    /// A sweep of 8 training runs a seed (about 0.3 s a run, release build).
    public static let defaultSweepScenario = "scenarios/straggler-persistent.yaml"
    /// A sweep of 8 collective runs a seed (about 40 ms a run, release build).
    public static let quickSweepScenario = "Tests/LabTests/Fixtures/valid/generated-collective.yaml"

    public init(quick: Bool, maxTasks: Int = defaultMaxTasks, processors: Int, sweepScenario: String? = nil,
                replayLog: String = ReplayBenchmark.defaultLog)
    {
        self.quick = quick
        self.maxTasks = maxTasks
        self.processors = max(1, processors)
        self.sweepScenario = sweepScenario ?? (quick ? Self.quickSweepScenario : Self.defaultSweepScenario)
        self.replayLog = replayLog
    }

    /// What is wrong with the options, or nil.
    public static func problem(maxTasks: Int, repeats: Int) -> String? {
        if maxTasks < 1 { return "--max-tasks must be at least 1" }
        if repeats < 1 || repeats > 100 { return "--repeat must be from 1 to 100" }
        return nil
    }

    /// Every point of `cases`, case by case, smallest first within each series.
    public func points(_ cases: [ScalingCase] = ScalingCase.allCases) -> [ScalingPointSpec] {
        ScalingCase.allCases.filter(cases.contains).flatMap { scalingCase -> [ScalingPointSpec] in
            switch scalingCase {
            case .engine: engine
            case .phold: phold
            case .network: network
            case .sweep: sweep
            case .replay: replay
            }
        }
    }

    var engine: [ScalingPointSpec] {
        let executorSteps = quick ? [10, 30, 100] : [1_000, 3_000, 10_000, 30_000, 100_000]
        let fixed = quick ? 100 : 10_000
        func point(_ series: String, executors: Int, tasks: Int) -> ScalingPointSpec {
            ScalingPointSpec(scalingCase: .engine, series: series, sizeName: "tasks", size: tasks, unitName: "task",
                             unitsKey: "tasks", arguments: ["bench", "engine", "--executors", String(executors),
                                                             "--tasks", String(tasks), "--seed", "1"])
        }
        let perExecutor = executorSteps.map { point("100 tasks/exec", executors: $0, tasks: 100 * $0) }
        let atFixed = executorSteps.map {
            point("\(PlotQuantity.compact(Double(fixed))) executors", executors: fixed, tasks: 100 * $0)
        }
        return (perExecutor + atFixed).filter { $0.size <= maxTasks }
    }

    var phold: [ScalingPointSpec] {
        let events = quick ? 50_000 : 5_000_000
        let lps = quick ? [10, 100, 1_000] : [1_000, 3_000, 10_000, 30_000, 100_000]
        return lps.map {
            ScalingPointSpec(scalingCase: .phold, series: "\(PlotQuantity.compact(Double(events))) events",
                             sizeName: "LPs", size: $0, unitName: "event", unitsKey: "events",
                             arguments: ["bench", "phold", "--lps", String($0), "--per-lp", "16",
                                         "--events", String(events), "--seed", "1"])
        }
    }

    var network: [ScalingPointSpec] {
        let hosts = quick ? [16, 32, 64] : [64, 128, 256]
        let ranks = quick ? [16, 32, 64] : [64, 128, 256, 512, 1_024]
        let ringBytes = quick ? 1 << 20 : 100 << 20
        let shuffle = hosts.map {
            ScalingPointSpec(scalingCase: .network, series: "all-to-all", sizeName: "hosts",
                             size: $0, unitName: "flow", unitsKey: "flows",
                             arguments: ["bench", "network", "--hosts", String($0), "--racks", "2",
                                         "--shuffle-bytes", String(1 << 20), "--ranks", "2", "--allreduce-bytes", "0",
                                         "--unequal-hosts", "0"],
                             lineCase: "all-to-all-")
        }
        let ring = ranks.map {
            ScalingPointSpec(scalingCase: .network, series: "ring allreduce",
                             sizeName: "ranks", size: $0, unitName: "flow", unitsKey: "flows",
                             arguments: ["bench", "network", "--hosts", "2", "--racks", "1", "--shuffle-bytes", "0",
                                         "--ranks", String($0), "--allreduce-bytes", String(ringBytes),
                                         "--unequal-hosts", "0"],
                             lineCase: "ring-allreduce-")
        }
        return shuffle + ring
    }

    var sweep: [ScalingPointSpec] {
        let seeds = quick ? [1, 2] : [1, 2, 4]
        let jobs = quick ? [1] : (processors > 1 ? [1, processors] : [1])
        return jobs.flatMap { jobCount in
            seeds.map {
                ScalingPointSpec(scalingCase: .sweep, series: "--jobs \(jobCount)", sizeName: "runs", size: $0,
                                 sizeKey: "runs", unitName: "run", unitsKey: "runs",
                                 arguments: ["bench", "sweep", sweepScenario, "--jobs", String(jobCount),
                                             "--seeds", String($0)])
            }
        }
    }

    var replay: [ScalingPointSpec] {
        let copies = quick ? [1, 2] : [1, 3, 10, 30, 50]
        return copies.map {
            ScalingPointSpec(scalingCase: .replay, series: "tiny_tasks copies", sizeName: "tasks", size: $0,
                             sizeKey: "tasks", unitName: "task", unitsKey: "tasks",
                             arguments: ["bench", "replay", "--log", replayLog, "--copies", String($0)])
        }
    }

    /// What each case measures, for the report.
    public static let notes: [ScalingCaseNote] = [
        ScalingCaseNote(caseName: "engine", text: "`sparksim bench engine`: Spark's scheduler alone, one job on "
            + "executors of 4 cores (one per host), each task preferring one random host (delay scheduling on, "
            + "3 s), 1-10 s a task, offers revived every second. Two curves: 100 tasks per executor (executors "
            + "and tasks grow together), and tasks growing on a fixed number of executors."),
        ScalingCaseNote(caseName: "phold", text: "`sparksim bench phold`: the simulation kernel on PHOLD "
            + "(Fujimoto's benchmark), 16 initial events per logical process and a fixed number of events, so the "
            + "event queue grows with the LPs while the work stays the same."),
        ScalingCaseNote(caseName: "network", text: "`sparksim bench network`, one case per child: an all-to-all "
            + "shuffle (every host sends 1 MiB to every other, all at once, over 2 racks: h(h-1) flows), and a "
            + "ring allreduce (2(p-1) dependent steps of p flows)."),
        ScalingCaseNote(caseName: "sweep", text: "`sparksim bench sweep`: every run of a sweep scenario into a "
            + "fresh folder, files included, with 1 worker thread and with one per processor; the size is the "
            + "number of runs (the scenario's points times `--seeds`). The full grid sweeps "
            + "scenarios/straggler-persistent.yaml (8 points: 4 slowdowns, speculation off and on), the quick one "
            + "a collective sweep of the test fixtures."),
        ScalingCaseNote(caseName: "replay", text: "`sparksim bench replay`: the public tiny_tasks event log with its "
            + "2,000-task job copied K times, read, imported, simulated and its replay files made (in memory)."),
    ]
}

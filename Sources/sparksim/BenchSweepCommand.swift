import ArgumentParser
import Foundation
import Lab

/// A whole sweep, timed: what `sparksim sweep` costs at a given `--jobs`.
struct BenchSweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Time every run of a sweep scenario; the last line is case=sweep-<name> runs=<n> jobs=<j> wall_s=<x> runs_per_s=<y>.",
        discussion: """
            Runs the scenario's sweep (every point with every seed) in this process on --jobs \
            worker threads into a fresh temporary folder, so no run is reused from a cache, and \
            removes the folder afterwards. The wall time covers Sweep.run alone: the runs, each \
            run's files, sweep.csv, sweep.md and the figures; loading the scenario is outside it. \
            --seeds N runs N seeds per point instead of the file's sweep.seeds (the size of the \
            work: points x N runs). The simulated results are deterministic; the wall time is not. \
            A scenario without sweep: exits 2.
            """)

    @Argument(help: "A scenario file with a sweep: section.") var file: String = ScalingGrid.defaultSweepScenario
    @Option(help: "Runs at a time (worker threads).") var jobs: Int = 1
    @Option(help: "Seeds per point instead of the file's sweep.seeds.") var seeds: Int?
    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Override one key before the file is validated, PATH=VALUE, as `sparksim sweep --set`; repeatable.",
        valueName: "PATH=VALUE"))
    var settings: [String] = []

    func validate() throws {
        if let problem = SweepBenchmark.problem(jobs: jobs, seeds: seeds) { throw ValidationError(problem) }
    }

    func run() throws {
        let source = try loadSourceOrExit(file, settings: settings)
        guard let plan = SweepBenchmark.plan(source, seeds: seeds) else {
            printToStandardError("\(file): the scenario has no sweep: section; expected sweep: {parameters: {...}, seeds: N}")
            throw ExitCode(2)
        }
        guard let bytes = FileManager.default.contents(atPath: file) else {
            printToStandardError("\(file): cannot read the file")
            throw ExitCode(2)
        }
        do {
            print(try SweepBenchmark.measure(plan, fileBytes: Array(bytes), settings: settings, jobs: jobs).line)
        } catch {
            printToStandardError("sparksim: bench sweep failed: \(error)")
            throw ExitCode(1)
        }
    }
}

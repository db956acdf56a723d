import ArgumentParser
import Foundation
import Lab
import Report

/// The scaling suite: every benchmark case over growing sizes, a child process per point.
struct BenchScalingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scaling",
        abstract: "Run every benchmark case over growing sizes; write <case>.csv, <case>.svg, scaling.svg, scaling.md.",
        discussion: """
            Each point runs `sparksim bench <case> ...` (this binary) as a child process, so its \
            peak memory (the child's peak resident set) is its own; the wall time is the one the \
            child measured around its measured call. Cases, in order: engine (tasks 100k to \
            --max-tasks, at 100 tasks per executor and at 10k executors), phold (1k to 100k LPs, \
            5M events), network (all-to-all on 64 to 256 hosts, ring allreduce on 64 to 1024 \
            ranks), sweep (scenarios/straggler-persistent.yaml at 1, 2, 4 seeds, --jobs 1 and \
            one per processor), replay (the tiny_tasks log's job copied 1 to 50 times). --quick runs \
            a small grid in seconds (for tests and a first look). --cases runs some cases only; \
            the other cases' points are then read back from their CSV files in DIR, so \
            scaling.md and scaling.svg still cover every case. Run from the repository root \
            (the sweep scenario and the replay log are read from there).
            """)

    @Option(name: .customLong("out"), help: "Folder that receives the files.") var outputDirectory = "results/bench/scaling"
    @Flag(help: "The small grid: seconds instead of minutes.") var quick = false
    @Option(name: .customLong("max-tasks"), help: "The engine's largest point, in tasks (10000000 for the 10M point).")
    var maxTasks: Int = ScalingGrid.defaultMaxTasks
    @Option(help: ArgumentHelp("Cases to run, comma-separated: engine, phold, network, sweep, replay (default: all).",
                               valueName: "CASE,..."))
    var cases: String?
    @Option(name: .customLong("repeat"), help: "Child processes per point; the median wall time is kept.")
    var repeats: Int = 1

    func validate() throws {
        if let problem = ScalingGrid.problem(maxTasks: maxTasks, repeats: repeats) { throw ValidationError(problem) }
        if let cases, selectedCases(cases) == nil {
            throw ValidationError("--cases takes a comma-separated list of "
                                  + ScalingCase.allCases.map(\.rawValue).joined(separator: ", ") + "; got '\(cases)'")
        }
    }

    func selectedCases(_ text: String) -> [ScalingCase]? {
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let found = names.compactMap(ScalingCase.init(rawValue:))
        return found.count == names.count && !found.isEmpty ? found : nil
    }

    func run() throws {
        let grid = ScalingGrid(quick: quick, maxTasks: maxTasks, processors: ProcessInfo.processInfo.activeProcessorCount)
        let chosen = cases.flatMap(selectedCases) ?? ScalingCase.allCases
        for (scalingCase, path) in [(ScalingCase.sweep, grid.sweepScenario), (.replay, grid.replayLog)]
        where chosen.contains(scalingCase) && !FileManager.default.fileExists(atPath: path) {
            printToStandardError("sparksim: \(path) is missing: run bench scaling from the repository root")
            throw ExitCode(2)
        }
        let specs = grid.points(chosen)
        let loadAtStart = BenchHost.loadAverages
        printToStandardError("bench scaling: \(specs.count) points (\(chosen.map(\.rawValue).joined(separator: ", "))), "
                             + "\(repeats) child process(es) each")
        let points: [ScalingPoint]
        do {
            points = try ScalingSuite.run(
                specs, repeats: repeats, measure: ScalingSuite.childMeasure(executable: Self.executable),
                now: { (BenchHost.loadAverage, BenchHost.utcMinute) },
                progress: { point, done, total in
                    print("[\(done)/\(total)] case=\(point.caseName) \(point.sizeName)=\(point.size) "
                          + "\(point.unitName)s=\(point.units) wall_s=\(point.wallSeconds) "
                          + "ns_per_\(point.unitName)=\(NumberFormat.fixed(point.nanosecondsPerUnit, decimals: 1)) "
                          + "peak_rss_mib=\(point.peakResidentMiB) series=\"\(point.series)\"")
                    fflush(nil)  // every stream: a line per point as it ends, also into a file or a pipe
                })
        } catch {
            printToStandardError("sparksim: bench scaling stopped: \(error)")
            throw ExitCode(1)
        }
        let machine = BenchMachine(
            processor: BenchHost.processor, memory: BenchHost.memory, toolchain: BenchHost.toolchain,
            build: "sparksim \(SparksimVersion.current), \(Self.buildKind) build",
            command: (["sparksim"] + CommandLine.arguments.dropFirst()).joined(separator: " "),
            loadAtStart: loadAtStart, loadAtEnd: BenchHost.loadAverages)
        do {
            let names = try ScalingSuite.write(points, machine: machine, into: outputDirectory)
            print("wrote \(outputDirectory)/ (\(names.joined(separator: ", ")))")
        } catch {
            printToStandardError("sparksim: cannot write \(outputDirectory): \(error)")
            throw ExitCode(1)
        }
    }

    /// This binary, for the children (the file /proc/self/exe points to).
    static let executable: String = {
        if let resolved = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            return resolved
        }
        return CommandLine.arguments[0]
    }()

    static var buildKind: String {
        #if DEBUG
        "debug"
        #else
        "release"
        #endif
    }
}

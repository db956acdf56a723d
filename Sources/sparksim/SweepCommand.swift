import ArgumentParser
import Foundation
import Lab

struct SweepCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sweep",
        abstract: "Run every point of the scenario's sweep: grid with every seed.",
        discussion: """
            Writes DIR/<name>/sweep.csv (one row per point and seed, then one aggregated row \
            per point with seed `all`), sweep.md, and each run's folder under \
            runs/<point>-seed<seed>/. A run whose folder holds a matching .key (scenario \
            bytes, point, seed, sparksim version) is reused, so an interrupted sweep resumes. \
            Output bytes do not depend on --jobs. A scenario without sweep: exits 2.
            """)

    @Argument(help: "The scenario file (YAML) with a sweep: section.") var file: String
    @Option(name: .customLong("out"), help: "Folder that receives <name>/.") var outputDirectory: String
    @Option(name: .customLong("jobs"), help: "Runs at a time (default: active processor count).") var jobs: Int?
    @Flag(help: "Replace DIR/<name>/ whatever it holds.") var force = false
    @Flag(help: "No progress line on a terminal.") var quiet = false
    @Option(name: .customLong("set"), help: ArgumentHelp(
        "Override one key before the file is validated, PATH=VALUE with the paths of sweep.parameters "
            + "(not one the sweep varies); repeatable.", valueName: "PATH=VALUE"))
    var settings: [String] = []
    @Option(help: "Override the scenario's seed: each point runs seeds N, N+1, ...") var seed: UInt64?
    @Option(help: ArgumentHelp("Run only slice K of N (K from 1): the runs of that slice, into DIR/<name>/runs/.",
                               valueName: "K/N"))
    var shard: String?
    @Flag(help: ArgumentHelp("Write sweep.csv, sweep.md and the figures from the runs the slices left (exit 1, "
                             + "naming them, while any is missing)."))
    var merge = false
    @Option(help: ArgumentHelp("Write the batch files that run the sweep as slices and a merge: slurm or k8s.",
                               valueName: "slurm|k8s"))
    var emit: String?
    @Option(help: "Slices for --emit and --merge (default: the file's sweep.slices, else up to 16).") var slices: Int?
    @Option(help: "At most this many slices at once for --emit (default: the file's sweep.parallel, else all).")
    var parallel: Int?
    @Option(help: "--emit slurm: the sparksim the slices run (default: this one).") var sparksim: String?
    @Option(help: "--emit k8s: the container image holding sparksim.") var image = "sparksim:latest"
    @Option(help: "--emit k8s: the command that runs sparksim inside the image.") var command = "sparksim"
    @Option(name: .customLong("volume-claim"), help: "--emit k8s: the PersistentVolumeClaim shared by the slices.")
    var volumeClaim = "sparksim-sweeps"

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
        if [shard != nil, merge, emit != nil].filter({ $0 }).count > 1 {
            throw ValidationError("--shard, --merge and --emit are exclusive: a slice, the merge, or the batch files")
        }
        if let shard, ShardSelector(shard) == nil {
            throw ValidationError("--shard must be K/N with 1 <= K <= N, like 2/8; got '\(shard)'")
        }
        if let emit, !["slurm", "k8s"].contains(emit) {
            throw ValidationError("--emit takes slurm or k8s; got '\(emit)'")
        }
        if let slices, slices < 1 { throw ValidationError("--slices must be at least 1") }
        if let parallel, parallel < 1 { throw ValidationError("--parallel must be at least 1") }
    }

    func run() throws {
        var source = try loadSourceOrExit(file, settings: settings)
        if let seed { source = source.withSeed(seed) }
        guard let plan = SweepPlan(source) else {
            printToStandardError("\(file): the scenario has no sweep: section; "
                                 + "expected sweep: {parameters: {...}, seeds: N} (use `sparksim run` for one run)")
            throw ExitCode(2)
        }
        guard let bytes = FileManager.default.contents(atPath: file) else {
            printToStandardError("\(file): cannot read the file")
            throw ExitCode(2)
        }
        let workers = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let sliceCount = slices ?? plan.sweep.slices ?? SweepShards.defaultCount(plan)
        if let emit {
            try emitBatch(emit, plan: plan, slices: sliceCount)
            return
        }
        let bar = TerminalProgress(total: 0, unit: "runs", enabled: TerminalProgress.wanted(quiet: quiet))
        let show: @Sendable (SweepProgress) -> Void = { p in
            bar.update(done: p.finished, total: p.total, note: "\(p.cachedSoFar) reused")
        }
        do {
            if merge {
                let summary = try Sweep.merge(plan, fileBytes: Array(bytes), settings: settings,
                                              outputDirectory: outputDirectory)
                print("wrote \(summary.folder)/ (sweep.csv, sweep.md: merged \(summary.runs) run(s))")
                return
            }
            if let shard, let selector = ShardSelector(shard) {
                let summary = try Sweep.runShard(plan, shard: selector, fileBytes: Array(bytes), settings: settings,
                                                 outputDirectory: outputDirectory, jobs: workers, force: force,
                                                 progress: show)
                bar.finish()
                print("wrote \(summary.folder)/runs/: slice \(selector) of the sweep, \(summary.runs) run(s), "
                      + "\(summary.cached) reused")
                return
            }
            let summary = try Sweep.run(plan, fileBytes: Array(bytes), settings: settings, outputDirectory: outputDirectory,
                                        jobs: workers, force: force, progress: show)
            bar.finish()
            print("wrote \(summary.folder)/ (sweep.csv, sweep.md, runs/: \(summary.runs) run(s), "
                  + "\(summary.cached) reused)")
        } catch let incomplete as SweepIncomplete {
            printToStandardError("sparksim: cannot merge yet: \(incomplete)"
                                 + incomplete.missingSlices(plan, slices: sliceCount))
            throw ExitCode(1)
        } catch let refusal as OutputRefusal {
            bar.finish()
            printToStandardError("sparksim: \(refusal)")
            throw ExitCode(1)
        } catch {
            bar.finish()
            printToStandardError("sparksim: sweep into \(outputDirectory) failed: \(error)")
            throw ExitCode(1)
        }
    }
}

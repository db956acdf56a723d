import ArgumentParser
import Foundation
import Lab
import Report

struct SwarmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "swarm",
        abstract: "Run random scenarios with every invariant checked after every event; shrink what fails.",
        discussion: """
            Generates N scenarios from seeds S, S+1, ... (clusters with racks, GPUs, profiles and \
            masters; jobs with shared and skipped stages, skewed shuffles, barrier stages with syncs, \
            pools, speculation, exclusion; faults of every kind), runs each in a child process with \
            the engine's and the cross-layer invariants checked after every event, runs every k-th \
            seed twice in one process (bytes compared) and again in another (digests compared), \
            shrinks each failing seed to a small scenario written to DIR/swarm-<seed>.yaml for \
            `sparksim run`, and writes DIR/swarm.md (throughput, coverage, findings). The last \
            line is seeds=<N> violations=<V> crashes=<C> nondeterministic=<D>; exit 1 when any is not 0.
            """)

    @Option(help: "How many seeds.") var seeds: Int
    @Option(help: "First seed.") var from: UInt64 = 1
    @Option(help: "Worker processes at a time (default: active processor count).") var jobs: Int?
    @Option(name: .customLong("out"), help: "Folder for swarm.md and the failing seeds' scenarios.")
    var outputDirectory = "swarm"
    @Option(help: "Run every k-th seed twice (0: never).") var twiceEvery = 10
    @Option(help: "Shrink at most this many failing seeds (the rest are written as generated).") var shrink = 10
    @Option(help: "Seconds a seed may run without ending before it counts as a hang.") var timeout = 120.0
    @Flag(help: "No progress line on a terminal.") var quiet = false

    func validate() throws {
        guard seeds >= 1 else { throw ValidationError("--seeds must be at least 1") }
        guard (jobs ?? 1) >= 1 else { throw ValidationError("--jobs must be at least 1") }
        guard twiceEvery >= 0, shrink >= 0, timeout > 0 else {
            throw ValidationError("--twice-every and --shrink must be 0 or more, --timeout positive")
        }
    }

    func run() throws {
        let workers = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let started = Date()
        let progress = TerminalProgress(total: seeds, unit: "seeds", enabled: !quiet && isatty(STDERR_FILENO) == 1)
        let pool = SwarmPool(workers: workers, silenceLimit: timeout)
        var outcomes = pool.run(from: from, count: seeds, twiceEvery: twiceEvery, progress: progress)
        let repeats = twiceEvery > 0 ? outcomes.keys.filter { $0 % UInt64(twiceEvery) == 0 }.sorted() : []
        let again = pool.rerun(repeats, progress: progress)
        progress.finish()
        for seed in repeats {
            guard case .result(_, let status, let digest, _, _, _)? = outcomes[seed]?.line,
                  status == .passed || status == .stalled,
                  case .result(_, _, let second, _, _, _)? = again[seed]?.line, second != digest else { continue }
            outcomes[seed]?.crossProcessDifference = "two processes gave different outputs (digests "
                + "\(String(digest, radix: 16)) and \(String(second, radix: 16)))"
        }
        var summary = SwarmTally.summarise(outcomes, from: from, seeds: seeds, jobs: workers, twiceEvery: twiceEvery,
                                           repeated: repeats.count, wallSeconds: Date().timeIntervalSince(started))
        try FileManager.default.createDirectory(atPath: outputDirectory, withIntermediateDirectories: true)
        summary.findings = try SwarmFindings(directory: outputDirectory, silenceLimit: timeout, shrinkLimit: shrink)
            .write(outcomes)
        for finding in summary.findings {
            print("seed \(finding.seed): \(finding.kind): \(finding.message.split(separator: "\n").first ?? "")")
            print("  -> \(finding.file) (\(finding.shrunk ? "shrunk to" : "as generated,") \(finding.size))")
        }
        let report = (outputDirectory as NSString).appendingPathComponent("swarm.md")
        try SwarmReport.markdown(summary).write(toFile: report, atomically: true, encoding: .utf8)
        print("report: \(report)")
        print(summary.lastLine)
        if summary.violations + summary.crashes + summary.nondeterministic > 0 { throw ExitCode(1) }
    }
}

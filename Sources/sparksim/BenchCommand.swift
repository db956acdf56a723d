import ArgumentParser
import Lab
import Sim

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks of sparksim's own machinery (wall-clock timings, not simulations).",
        subcommands: [PholdCommand.self])
}

/// PHOLD, the standard kernel benchmark, with the flags and output line of the Python
/// peers in shared/bench/phold, so that the numbers compare side by side.
struct PholdCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "phold",
        abstract: "Run the PHOLD kernel benchmark; the last line is events=<n> wall_s=<x> events_per_s=<y>.")

    @Option(help: "Number of logical processes (N).") var lps: Int = 1000
    @Option(name: .customLong("per-lp"), help: "Initial events per LP (M).") var perLP: Int = 16
    @Option(help: "Events to process.") var events: Int = 5_000_000
    @Option(help: "Scenario seed; the model draws from the named stream 'bench.phold'.") var seed: UInt64 = 1
    @Flag(help: "Also print sim_time, checksum and the derived stream seed on stderr.") var verbose = false

    func validate() throws {
        guard lps > 0 else { throw ValidationError("--lps must be at least 1") }
        guard perLP > 0 else { throw ValidationError("--per-lp must be at least 1") }
        guard events >= 0 else { throw ValidationError("--events must not be negative") }
    }

    func run() throws {
        let parameters = PholdParameters(lps: lps, perLP: perLP, events: events, seed: seed)
        let measurement = PholdBenchmark.measure(parameters)
        if verbose { printToStandardError(measurement.result.description) }
        print(measurement.line)
    }
}

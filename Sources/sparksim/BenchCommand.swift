import ArgumentParser
import Lab
import Sim

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Benchmarks of sparksim's own machinery (wall-clock timings, not simulations).",
        discussion: """
            phold, network and engine time one part of sparksim (kernel, flow network, scheduler); \
            sweep and replay time two commands end to end; scaling runs them all over growing \
            sizes, one child process per point, and writes CSV files, charts and a table \
            (results/bench/scaling/). The simulated work is deterministic; the wall time is not.
            """,
        subcommands: [PholdCommand.self, NetworkCommand.self, EngineCommand.self, BenchSweepCommand.self,
                      BenchReplayCommand.self, BenchScalingCommand.self])
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

/// The flow network under many concurrent flows: flows per second of wall time.
struct NetworkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "network",
        abstract: "Benchmark the flow network: all-to-all shuffles (equal and unequal sizes) and a ring allreduce.",
        discussion: "Prints one line per case: case=<name> flows=<n> sim_s=<x> wall_s=<y> flows_per_s=<z>.")

    @Option(help: "Hosts in the all-to-all shuffle (split evenly over --racks).") var hosts: Int = 256
    @Option(help: "Racks for the shuffle (10Gbps NICs, 100Gbps rack uplinks).") var racks: Int = 2
    @Option(help: "Bytes each host sends to each other host in the shuffle.") var shuffleBytes: Int64 = 1 << 20
    @Option(help: "Ranks in the ring allreduce (one per host, one rack, 10Gbps).") var ranks: Int = 1024
    @Option(help: "Bytes per rank in the ring allreduce.") var allreduceBytes: Int64 = 100 << 20
    @Option(help: "Hosts in the unequal-size shuffle (sizes ±50% of --shuffle-bytes; 0 skips it).")
    var unequalHosts: Int = 128

    func validate() throws {
        guard hosts >= 2, racks >= 1, hosts % racks == 0 else {
            throw ValidationError("--hosts must be at least 2 and a multiple of --racks")
        }
        guard ranks >= 2 else { throw ValidationError("--ranks must be at least 2") }
        guard unequalHosts == 0 || (unequalHosts >= 2 && unequalHosts % racks == 0) else {
            throw ValidationError("--unequal-hosts must be 0, or at least 2 and a multiple of --racks")
        }
        guard shuffleBytes >= 0, allreduceBytes >= 0 else { throw ValidationError("sizes must not be negative") }
    }

    func run() throws {
        print(NetworkBenchmark.shuffle(hosts: hosts, racks: racks, bytes: shuffleBytes).line)
        print(NetworkBenchmark.ringAllreduce(ranks: ranks, bytes: allreduceBytes).line)
        if unequalHosts > 0 {
            print(NetworkBenchmark.unequalShuffle(hosts: unequalHosts, racks: racks, bytes: shuffleBytes).line)
        }
    }
}

/// Spark's scheduler at scale: one job of T tasks on E executors of 4 cores.
struct EngineCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "engine",
        abstract: "Benchmark the scheduler: one job of --tasks tasks on --executors executors of 4 cores.",
        discussion: """
            Each task prefers one random host and runs 1-10 s (drawn from a named stream); \
            delay scheduling is on (spark.locality.wait 3s), offers are revived every second. \
            The last line is tasks=<n> wall_s=<x> peak_rss_mib=<y>.
            """)

    @Option(help: "Executors (4 cores each, one per host).") var executors: Int = 1000
    @Option(help: "Tasks in the job.") var tasks: Int = 100_000
    @Option(help: "Scenario seed for the named streams.") var seed: UInt64 = 1

    func validate() throws {
        guard executors >= 1, tasks >= 1 else { throw ValidationError("--executors and --tasks must be at least 1") }
    }

    func run() throws {
        let measurement = EngineBenchmark.run(executors: executors, tasks: tasks, seed: seed)
        print("executors=\(measurement.executors) simulated_s=\(Double(measurement.makespanNanoseconds) / 1e9)")
        print(measurement.line)
    }
}

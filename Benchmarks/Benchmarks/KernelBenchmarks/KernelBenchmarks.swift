import Benchmark
import Report
import Sim

/// Benchmarks of what exists today: Sim's unit parsers (run for every duration in
/// every scenario file), Report's GSL statistics and formatting (run for every sweep
/// summary), and one small PHOLD run of the Sim kernel. The PHOLD comparison against
/// the SimPy and heapq peers (DESIGN.md, `bench/phold`) and engine-at-scale benchmarks
/// belong in their own targets here.
///
/// Inputs are fixed values, never random, so two runs measure the same work.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .mallocCountTotal, .throughput],
        maxDuration: .seconds(2)
    )

    let durations = ["500ms", "3s", "250us", "1.5s", "2min", "1h", "120", "64ns"]
    Benchmark("DurationFormat.parse (8 spellings)") { benchmark in
        for _ in benchmark.scaledIterations {
            for text in durations {
                blackHole(try? DurationFormat.parse(text))
            }
        }
    }

    // 1,000 values spread over a few orders of magnitude, like per-task durations.
    let sample = (0..<1_000).map { Double(($0 * 7_919) % 1_000 + 1) * 1.25 }
    Benchmark("SampleStatistics (1000 values) + 95% CI") { benchmark in
        for _ in benchmark.scaledIterations {
            let stats = try SampleStatistics(sample)
            blackHole(stats.quantile(0.99))
            blackHole(stats.confidenceInterval())
        }
    }

    Benchmark("HumanUnits.duration + NumberFormat.fixed") { benchmark in
        for _ in benchmark.scaledIterations {
            for value in sample.prefix(100) {
                blackHole(HumanUnits.duration(nanoseconds: Int64(value * 1_000_000)))
                blackHole(NumberFormat.fixed(value, decimals: 2))
            }
        }
    }

    // A small PHOLD (Fujimoto 1990): N = 1000 LPs, M = 16 events each, E = 100,000
    // deliveries per iteration, so events per second = 100,000 / wall-clock time. The
    // result is checked so a kernel change that alters the run cannot pass as "faster".
    let phold = PholdParameters(lps: 1_000, perLP: 16, events: 100_000, seed: 1)
    let reference = runPhold(phold)
    Benchmark(
        "PHOLD N=1000 M=16 E=100k",
        configuration: .init(
            metrics: [.wallClock, .mallocCountTotal, .throughput],
            maxDuration: .seconds(3), maxIterations: 50)
    ) { benchmark in
        for _ in benchmark.scaledIterations {
            let result = runPhold(phold)
            precondition(result == reference, "PHOLD is not deterministic: \(result) != \(reference)")
            blackHole(result)
        }
    }
}

import Report
import Sim

/// The network model as a benchmark: many concurrent flows, timed in wall-clock seconds
/// around the simulation (never inside it), reported as flows per second of wall time.
///
/// Three cases: an all-to-all shuffle among 256 hosts (every host sends to every other,
/// 65,280 flows at once across oversubscribed rack uplinks), a 1024-rank ring allreduce
/// (2,095,104 flows in 2,046 dependent steps), and the hard case of max-min sharing
/// (issue 18): an all-to-all shuffle whose sizes are drawn per transfer (uniform in
/// ±50% of the mean, stream `bench.network`), so transfers end one by one and every end
/// reshares one component holding every transfer still moving.
public enum NetworkBenchmark {
    public struct Measurement: Sendable {
        public let name: String
        public let flows: Int
        public let simulatedSeconds: Double
        public let wallSeconds: Double

        public var flowsPerSecond: Double { Double(flows) / max(wallSeconds, 1e-9) }

        public var line: String {
            "case=\(name) flows=\(flows) sim_s=\(simulatedSeconds) wall_s=\(NumberFormat.fixed(wallSeconds, decimals: 3)) "
                + "flows_per_s=\(Int64(flowsPerSecond.rounded()))"
        }
    }

    public static func shuffle(hosts: Int, racks: Int, bytes: Int64) -> Measurement {
        let (result, wall) = timed { runAllToAllShuffle(AllToAllShuffleParameters(hosts: hosts, racks: racks, bytes: bytes)) }
        return Measurement(name: "all-to-all-\(hosts)-hosts", flows: result.flows,
                           simulatedSeconds: Double(result.makespan.nanosecondsSinceStart) / 1e9, wallSeconds: wall)
    }

    /// The all-to-all shuffle with unequal sizes (`sizeSpread` 0.5): H·(H−1) distinct
    /// completion instants, each resharing the whole remaining component.
    public static func unequalShuffle(hosts: Int, racks: Int, bytes: Int64) -> Measurement {
        let parameters = AllToAllShuffleParameters(hosts: hosts, racks: racks, bytes: bytes, sizeSpread: 0.5)
        let (result, wall) = timed { runAllToAllShuffle(parameters) }
        return Measurement(name: "all-to-all-unequal-\(hosts)-hosts", flows: result.flows,
                           simulatedSeconds: Double(result.makespan.nanosecondsSinceStart) / 1e9, wallSeconds: wall)
    }

    public static func ringAllreduce(ranks: Int, bytes: Int64) -> Measurement {
        let (result, wall) = timed { runRingAllreduceBenchmark(ranks: ranks, bytes: bytes) }
        return Measurement(name: "ring-allreduce-\(ranks)-ranks", flows: result.flows,
                           simulatedSeconds: result.makespan.seconds, wallSeconds: wall)
    }

    private static func timed<T>(_ body: () -> T) -> (T, Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let result = body()
        let elapsed = clock.now - start
        return (result, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}

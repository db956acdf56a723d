import Report
import Sim

/// PHOLD as a benchmark of the simulation kernel: the model of `shared/bench/phold`,
/// run on `Sim`'s event queue, timed from just before the initial events are scheduled
/// to the end of the run, as the Python peers time themselves.
///
/// The wall clock is read here, around the run, never inside it: the model's result
/// (checksum, simulated time) is the same on every machine, only the timing differs.
public enum PholdBenchmark {
    public struct Measurement: Sendable {
        public let result: PholdResult
        public let wallSeconds: Double

        public var eventsPerSecond: Double { Double(result.events) / max(wallSeconds, 1e-9) }

        /// The peers' one-line format: `events=<n> wall_s=<x> events_per_s=<y>`.
        public var line: String {
            return "events=\(result.events) wall_s=\(NumberFormat.fixed(wallSeconds, decimals: 3)) events_per_s=\(Int64(eventsPerSecond.rounded()))"
        }
    }

    public static func measure(_ parameters: PholdParameters) -> Measurement {
        let clock = ContinuousClock()
        let start = clock.now
        let result = runPhold(parameters)
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Measurement(result: result, wallSeconds: seconds)
    }

}

/// The wall clock of the benchmarks, read only around the measured call, never inside a
/// simulation (the simulated result is the same on every machine; only this differs).
enum BenchClock {
    /// `body`'s result and the wall-clock seconds it took.
    static func timed<T>(_ body: () throws -> T) rethrows -> (result: T, seconds: Double) {
        let clock = ContinuousClock()
        let start = clock.now
        let result = try body()
        let elapsed = clock.now - start
        return (result, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
    }
}

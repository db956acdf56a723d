import Sim

/// SplitMix64 as a generator: the state advances by the golden gamma and each output is
/// `SeedDerivation.splitMix64` of it.
///
/// Why: a swarm seed must give the same scenario on every machine and toolchain, so the
/// generators draw from this fixed function, never from the standard library's sampling.
public struct SplitMix64: Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        defer { state &+= 0x9E37_79B9_7F4A_7C15 }
        return SeedDerivation.splitMix64(state)
    }

    /// A whole number in `range` (modulo bias is irrelevant for a scenario generator).
    public mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.count))
    }

    /// True with probability `percent` / 100.
    public mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }

    public mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }
}

/// GPU amounts in hundredths, as the generators write them: 0.25, 0.33, 0.5, 1 and 2.
/// Capacity per address is 100, so three 0.33 shares fit one address and a fourth does
/// not, as in Spark's integer `RESOURCE_TOTAL_AMOUNT` arithmetic.
public enum GPUHundredths {
    public static let choices = [0, 25, 33, 50, 100, 200]

    public static func yaml(_ units: Int) -> String { SwarmScenario.gpus(units) }

    /// Tasks of `units` one executor with `cores` and `gpus` holds at once (barrier slots).
    public static func slots(cores: Int, gpus: Int, cpus: Int, units: Int) -> Int {
        let byCores = cores / cpus
        guard units > 0 else { return byCores }
        let byGPUs = units < 100 ? gpus * (100 / units) : gpus / (units / 100)
        return min(byCores, byGPUs)
    }
}

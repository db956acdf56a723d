/// What reducing (combining element-wise) received bytes costs on a rank's device: the γ
/// of α-β-γ cost models, γ = 1 / bytesPerSecond seconds per byte.
///
/// Why a rate in integer bytes per second: a GPU reduces at ~10^12 B/s, so γ in whole
/// nanoseconds per byte would round to zero; the duration is the exact ceiling
/// `⌈bytes · 10^9 / rate⌉` ns (as `ComputeCost.reductionTime`), the same on every machine.
public enum ReductionCost: Hashable, Sendable {
    /// Reductions take no time (SimGrid's reference runs, γ = 0).
    case free
    /// Every rank's device reduces at this rate.
    case uniform(bytesPerSecond: Int64)
    /// Rank r's device reduces at `bytesPerSecondByRank[r]` (mixed CPU/GPU groups).
    case perRank(bytesPerSecondByRank: [Int64])

    /// The time `rank` takes to reduce `bytes`.
    ///
    /// - Complexity: O(1).
    public func duration(bytes: Int64, rank: Int) -> SimDuration {
        precondition(bytes >= 0, "ReductionCost: negative size \(bytes)")
        let rate: Int64
        switch self {
        case .free: return .zero
        case .uniform(let bytesPerSecond): rate = bytesPerSecond
        case .perRank(let rates): rate = rates[rank]
        }
        precondition(rate > 0, "ReductionCost: a reduction rate must be positive, got \(rate)")
        let scaled = UInt128(bytes) * 1_000_000_000
        let nanoseconds = (scaled + UInt128(rate) - 1) / UInt128(rate)
        precondition(nanoseconds <= UInt128(Int64.max), "ReductionCost: \(bytes) bytes take too long")
        return .nanoseconds(Int64(nanoseconds))
    }

    /// γ for `rank` in seconds per byte, for the analytic formulas (`CollectiveCost`).
    public func secondsPerByte(rank: Int = 0) -> Double {
        switch self {
        case .free: return 0
        case .uniform(let bytesPerSecond): return 1 / Double(bytesPerSecond)
        case .perRank(let rates): return 1 / Double(rates[rank])
        }
    }
}

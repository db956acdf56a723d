/// The compute cost model: how long work takes on a device, as exact virtual time.
///
/// A device (a CPU core or a GPU) runs work in FLOPs at `rate × efficiency`, divided by
/// its host's slowdown factor at each instant (straggler faults): over an interval where
/// the factor is S the work proceeds at `rate × efficiency / S`. Work given as a plain
/// duration (a scripted task's `duration: 2s`) is consumed at `1/S` work-seconds per
/// second, so on a host 3× slow one second of work takes three seconds.
///
/// Every function returns the least integer nanosecond by which the work is done (the
/// exact ceiling: see `WorkIntegrator`), so a piece of work never ends early and the
/// answer is the same on every machine.
///
/// - Complexity: O(log k + s) for a host schedule of k intervals of which the work spans s
///   segments; O(1) without slowdown.
public enum ComputeCost {
    /// When `flops` of work started at `start` on a device of `rate` at `efficiency`
    /// finishes, under `slowdown` (the device's host's schedule).
    public static func finishInstant(
        start: SimInstant, flops: Int64, rate: FlopRate, efficiency: Efficiency = .full,
        slowdown: SlowdownSchedule = .none
    ) -> SimInstant {
        precondition(flops >= 0, "ComputeCost: negative work \(flops) FLOPs")
        precondition(rate.flopsPerSecond > 0, "ComputeCost: rate must be positive")
        let speed = UInt128(rate.flopsPerSecond) * UInt128(efficiency.partsPerMillion)
        return WorkIntegrator.finish(start: start, work: UInt128(flops) * 1_000_000_000, speed: speed,
                                     slowdown: slowdown)
    }

    /// The time `flops` take on a device of `rate` at `efficiency`, without slowdown:
    /// `⌈flops / (rate × efficiency)⌉` in nanoseconds.
    public static func duration(flops: Int64, rate: FlopRate, efficiency: Efficiency = .full) -> SimDuration {
        finishInstant(start: .zero, flops: flops, rate: rate, efficiency: efficiency) - .zero
    }

    /// When `work` (a duration of work at normal speed) started at `start` finishes on a
    /// host with `slowdown`: each second of work takes S seconds while the factor is S.
    public static func finishInstant(start: SimInstant, work: SimDuration, slowdown: SlowdownSchedule)
        -> SimInstant
    {
        precondition(work >= .zero, "ComputeCost: negative work \(work)")
        return WorkIntegrator.finish(start: start, work: UInt128(work.nanoseconds),
                                     speed: UInt128(PartsPerMillion.one), slowdown: slowdown)
    }

    /// The time a device takes to reduce (combine element-wise) `bytes` of data at
    /// `bytesPerSecond`: the reduction cost γ·bytes of collective cost models, where
    /// γ = 1 / bytesPerSecond seconds per byte. `⌈bytes / bytesPerSecond⌉` in nanoseconds.
    public static func reductionTime(bytes: ByteCount, bytesPerSecond: Int64) -> SimDuration {
        reductionFinish(start: .zero, bytes: bytes, bytesPerSecond: bytesPerSecond) - .zero
    }

    /// When a reduction of `bytes` at `bytesPerSecond` started at `start` finishes on a
    /// host with `slowdown`.
    public static func reductionFinish(
        start: SimInstant, bytes: ByteCount, bytesPerSecond: Int64, slowdown: SlowdownSchedule = .none
    ) -> SimInstant {
        precondition(bytes.bytes >= 0, "ComputeCost: negative reduction size \(bytes)")
        precondition(bytesPerSecond > 0, "ComputeCost: reduction rate must be positive")
        return WorkIntegrator.finish(start: start, work: UInt128(bytes.bytes) * 1_000_000_000,
                                     speed: UInt128(bytesPerSecond) * UInt128(PartsPerMillion.one),
                                     slowdown: slowdown)
    }
}

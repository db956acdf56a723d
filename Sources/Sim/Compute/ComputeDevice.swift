/// One device that runs work: some CPU cores of an executor, or one of its GPUs.
///
/// A value that pairs a rate with an efficiency, so a caller computes cost with one call
/// (`device.finishInstant(start:flops:slowdown:)`) instead of threading both through.
/// The host's slowdown schedule stays a parameter: it belongs to the host, and changes
/// with the fault plan, not with the device.
public struct ComputeDevice: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        /// `count` CPU cores working together (a task with `spark.task.cpus` = count).
        case cpuCores(Int)
        /// The GPU with this address on its executor.
        case gpu(address: Int)
    }

    public let kind: Kind
    /// The peak rate of the whole device (all its cores).
    public let rate: FlopRate
    public let efficiency: Efficiency

    public init(kind: Kind, rate: FlopRate, efficiency: Efficiency = .full) {
        precondition(rate.flopsPerSecond > 0, "ComputeDevice: rate must be positive")
        self.kind = kind
        self.rate = rate
        self.efficiency = efficiency
    }

    /// When `flops` started at `start` finish on this device under `slowdown`.
    public func finishInstant(start: SimInstant, flops: Int64, slowdown: SlowdownSchedule = .none) -> SimInstant {
        ComputeCost.finishInstant(start: start, flops: flops, rate: rate, efficiency: efficiency,
                                  slowdown: slowdown)
    }

    /// The time `flops` take on this device without slowdown.
    public func duration(flops: Int64) -> SimDuration {
        ComputeCost.duration(flops: flops, rate: rate, efficiency: efficiency)
    }
}

extension ExecutorSpec {
    /// `count` of this executor's cores as one device; nil when the core rate is unknown.
    public func cpuCores(_ count: Int, efficiency: Efficiency = .full) -> ComputeDevice? {
        precondition(count > 0 && count <= cores, "ExecutorSpec: \(id) has no \(count) cores")
        guard let perCore = cpuFlopsPerCore else { return nil }
        let (total, overflow) = perCore.flopsPerSecond.multipliedReportingOverflow(by: Int64(count))
        precondition(!overflow, "ExecutorSpec: \(id) core rate overflows")
        return ComputeDevice(kind: .cpuCores(count), rate: FlopRate(flopsPerSecond: total), efficiency: efficiency)
    }

    /// The GPU with `address`; nil when its rate is unknown.
    public func gpu(_ address: Int, efficiency: Efficiency = .full) -> ComputeDevice? {
        precondition(gpus.indices.contains(address), "ExecutorSpec: \(id) has no GPU \(address)")
        guard let rate = gpus[address].flops else { return nil }
        return ComputeDevice(kind: .gpu(address: address), rate: rate, efficiency: efficiency)
    }
}

import Sim

/// Horovod's tensor fusion, as a pure function of when gradients become ready.
///
/// Horovod's background thread wakes every `HOROVOD_CYCLE_TIME`, takes the gradients that
/// every rank has produced since its last wake, and packs them, in the order they were
/// produced, into fusion buffers of at most `HOROVOD_FUSION_THRESHOLD` bytes (a tensor
/// larger than the threshold goes alone); each buffer is one allreduce, and allreduces
/// run one after another. Defaults in Horovod 0.11-0.20 (`horovod/common/operations.cc`:
/// `SetTensorFusionThresholdBytes(64 * 1024 * 1024)`, `SetCycleTimeMs(5)`); later
/// versions moved to 128 MiB and 1 ms.
public struct TensorFusion: Hashable, Sendable {
    /// Largest fusion buffer in bytes; 0 disables fusion (one allreduce per tensor).
    public var thresholdBytes: Int64
    /// Interval of the background thread's wakes; zero = a buffer is cut the instant its
    /// last gradient is ready (static bucketing, as PyTorch DDP does).
    public var cycleTime: SimDuration

    public init(thresholdBytes: Int64 = 64 << 20, cycleTime: SimDuration = .milliseconds(5)) {
        precondition(thresholdBytes >= 0 && cycleTime >= .zero, "TensorFusion: negative parameter")
        self.thresholdBytes = thresholdBytes
        self.cycleTime = cycleTime
    }

    /// One fusion buffer: gradients `tensors` (indices into the ready list), `bytes` in
    /// all, handed to the allreduce at `handedOver` (offset from the step's start).
    public struct Buffer: Hashable, Sendable {
        public let tensors: Range<Int>
        public let bytes: Int64
        public let handedOver: SimDuration
    }

    /// The buffers for gradients of `bytes[i]` ready at `ready[i]` (non-decreasing), with
    /// wakes at `firstWake`, `firstWake + cycleTime`, ...
    ///
    /// - Complexity: O(tensors).
    public func buffers(bytes: [Int64], ready: [SimDuration], firstWake: SimDuration) -> [Buffer] {
        precondition(bytes.count == ready.count, "TensorFusion: \(bytes.count) sizes for \(ready.count) instants")
        var result: [Buffer] = []
        var next = 0
        var wake = firstWake
        while next < bytes.count {
            if cycleTime == .zero {
                wake = max(wake, ready[next])
            } else {
                if wake < ready[next] {
                    let behind = (ready[next] - wake).nanoseconds, cycle = cycleTime.nanoseconds
                    wake = wake + cycleTime * ((behind + cycle - 1) / cycle)
                }
            }
            var end = next
            while end < bytes.count && ready[end] <= wake { end += 1 }
            result += pack(bytes: bytes, next..<end, at: wake)
            next = end
        }
        return result
    }

    /// Packs consecutive tensors into buffers of at most `thresholdBytes`.
    private func pack(bytes: [Int64], _ tensors: Range<Int>, at wake: SimDuration) -> [Buffer] {
        var result: [Buffer] = []
        var start = tensors.lowerBound, total: Int64 = 0
        for index in tensors {
            if index > start && total + bytes[index] > thresholdBytes {
                result.append(Buffer(tensors: start..<index, bytes: total, handedOver: wake))
                start = index
                total = 0
            }
            total += bytes[index]
        }
        if start < tensors.upperBound {
            result.append(Buffer(tensors: start..<tensors.upperBound, bytes: total, handedOver: wake))
        }
        return result
    }
}

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
///
/// With `messageOverhead` > 0 the wakes follow the control plane Horovod had when its
/// 512-GPU benchmark was published (master at 8318a898, May 2018; replaced by collective
/// MPI_Gather/MPI_Bcast in PR #276, June 2018), one loop of the background thread:
/// `sleep_for(5 ms)`; each worker sends rank 0 its request list (if it has new tensors)
/// and an empty "done" message; rank 0 takes them one by one (`MPI_Probe(ANY_SOURCE)` +
/// `MPI_Recv`), then for each fused response sends it to the p-1 workers one by one
/// (`MPI_Send` in a loop) before enqueuing its own NCCL allreduce, and ends with p-1
/// "done" sends. Each message costs rank 0 `messageOverhead`, so a buffer reaches the
/// last rank (and its ring can start) `(p-1) · o` after the previous one, and the next
/// wake comes `cycleTime` after the loop's last send, not on a fixed grid. The NCCL
/// calls are asynchronous (a finalizer thread waits on them), so the loop never waits
/// for an allreduce, and the buffers do not depend on how long allreduces take.
public struct TensorFusion: Hashable, Sendable {
    /// Largest fusion buffer in bytes; 0 disables fusion (one allreduce per tensor).
    public var thresholdBytes: Int64
    /// Interval of the background thread's wakes; zero = a buffer is cut the instant its
    /// last gradient is ready (static bucketing, as PyTorch DDP does).
    public var cycleTime: SimDuration
    /// Rank 0's cost per control message (zero: coordination is free and wakes sit on a
    /// `cycleTime` grid).
    public var messageOverhead: SimDuration

    public init(thresholdBytes: Int64 = 64 << 20, cycleTime: SimDuration = .milliseconds(5),
                messageOverhead: SimDuration = .zero) {
        precondition(thresholdBytes >= 0 && cycleTime >= .zero && messageOverhead >= .zero,
                     "TensorFusion: negative parameter")
        self.thresholdBytes = thresholdBytes
        self.cycleTime = cycleTime
        self.messageOverhead = messageOverhead
    }

    /// One fusion buffer: gradients `tensors` (indices into the ready list), `bytes` in
    /// all, handed to the allreduce at `handedOver` (offset from the step's start).
    public struct Buffer: Hashable, Sendable {
        public let tensors: Range<Int>
        public let bytes: Int64
        public let handedOver: SimDuration
    }

    /// The buffers for gradients of `bytes[i]` ready at `ready[i]` (non-decreasing) on
    /// `workers` ranks, with the first wake at `firstWake`.
    ///
    /// - Complexity: O(tensors + busy cycles).
    public func buffers(bytes: [Int64], ready: [SimDuration], firstWake: SimDuration, workers: Int = 1) -> [Buffer] {
        precondition(bytes.count == ready.count, "TensorFusion: \(bytes.count) sizes for \(ready.count) instants")
        precondition(workers >= 1, "TensorFusion: at least one worker")
        var result: [Buffer] = []
        var next = 0
        var wake = firstWake
        while next < bytes.count {
            wake = self.wake(wake, notBefore: ready[next], workers: workers)
            var end = next
            while end < bytes.count && ready[end] <= wake { end += 1 }
            let packed = pack(bytes: bytes, next..<end)
            let cycle = self.cycle(at: wake, buffers: packed.count, workers: workers)
            for (buffer, handedOver) in zip(packed, cycle.handedOver) {
                result.append(Buffer(tensors: buffer.tensors, bytes: buffer.bytes, handedOver: handedOver))
            }
            next = end
            wake = cycle.nextWake
        }
        return result
    }

    /// The loop's first wake at or after `ready`, when its next wake is `wake`: with
    /// nothing to fuse a loop takes `cycleTime` plus one "done" message per worker in and
    /// one out; without a cycle time, `ready` itself (or `wake` if later). Offsets from any
    /// origin (a step's start, the run's).
    public func wake(_ wake: SimDuration, notBefore ready: SimDuration, workers: Int) -> SimDuration {
        guard cycleTime > .zero else { return max(wake, ready) }
        guard wake < ready else { return wake }
        let idle = (cycleTime + messageOverhead * Int64(workers - 1) * 2).nanoseconds
        let behind = (ready - wake).nanoseconds
        return wake + .nanoseconds(idle * ((behind + idle - 1) / idle))
    }

    /// A wake at `wake` that cut `buffers` buffers: when each is handed over (rank 0 has
    /// gathered every rank's requests, then sent each buffer's response to every rank in
    /// turn) and when the loop wakes next (a cycle after its closing messages; at once
    /// without a cycle time).
    public func cycle(at wake: SimDuration, buffers: Int, workers: Int)
        -> (handedOver: [SimDuration], end: SimDuration, nextWake: SimDuration)
    {
        let perRank = messageOverhead * Int64(workers - 1)
        let gathered = wake + perRank * 2
        let handedOver = (0..<buffers).map { gathered + perRank * Int64($0 + 1) }
        let end = gathered + perRank * Int64(buffers + 1)
        return (handedOver, end, cycleTime > .zero ? end + cycleTime : wake)
    }

    /// The sizes of the buffers that tensors of `bytes` (in order) are packed into: each
    /// buffer takes consecutive tensors up to `thresholdBytes` (a larger tensor goes alone).
    public func pack(_ bytes: [Int64]) -> [(tensors: Range<Int>, bytes: Int64)] {
        pack(bytes: bytes, bytes.indices)
    }

    /// Packs consecutive tensors into buffers of at most `thresholdBytes`.
    private func pack(bytes: [Int64], _ tensors: Range<Int>) -> [(tensors: Range<Int>, bytes: Int64)] {
        var result: [(tensors: Range<Int>, bytes: Int64)] = []
        var start = tensors.lowerBound, total: Int64 = 0
        for index in tensors {
            if index > start && total + bytes[index] > thresholdBytes {
                result.append((start..<index, total))
                start = index
                total = 0
            }
            total += bytes[index]
        }
        if start < tensors.upperBound { result.append((start..<tensors.upperBound, total)) }
        return result
    }
}

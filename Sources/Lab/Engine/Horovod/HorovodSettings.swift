import Engine
import Sim
import Workloads

/// What Horovod's runtime needs to know of one deep-learning barrier stage: the ranks,
/// the gradient tensors each backward layer group produces, tensor fusion and the
/// allreduce on the wire. Carried by the stage's `StageWork`; the simulated executors
/// run one `HorovodCoordinator` per stage attempt from it.
struct HorovodSettings: Equatable {
    /// Ranks (one task per GPU).
    let workers: Int
    /// Per layer group that produces gradients, in backward order: each tensor's bytes.
    let groupTensors: [[Int64]]
    /// Fusion threshold, cycle time and rank 0's cost per control message.
    let fusion: TensorFusion
    let algorithm: AllreduceCost.Algorithm
    let nccl: AllreduceCost.NCCLOverheads
    /// One message from host to host (two links crossed): what a ring step costs at least
    /// on the wire.
    let pathLatency: SimDuration
    /// Where the run's buffers, cycles and steps are written down.
    let log: HorovodLog

    /// The ring's latency for `ranks` ranks spread over more than one host: 2(p-1) steps
    /// at `max(path latency, NCCL's step latency)`, less the one path latency the flows
    /// pay themselves on the network.
    func ringLatency(ranks: Int) -> SimDuration {
        let step = max(pathLatency, nccl.stepLatency)
        return max(.zero, step * Int64(2 * (ranks - 1)) - pathLatency)
    }
}

/// What Horovod did in one run: every fusion buffer's allreduce and every cycle of the
/// background thread that fused something. Shared by reference between the stage's
/// settings (the executors write) and the run (which reads it afterwards); one run's
/// simulation writes it, one event at a time.
final class HorovodLog: Equatable, @unchecked Sendable {
    /// One fusion buffer, from the cycle that cut it to its allreduce's end.
    struct Buffer: Equatable {
        let step: Int
        let bytes: Int64
        /// When its allreduce started (handed over and the previous one done) and ended.
        let start: SimInstant
        let end: SimInstant
    }

    /// One wake of the background thread that fused tensors.
    struct Cycle: Equatable {
        let step: Int
        let wake: SimInstant
        /// When its last control message was sent (its last buffer handed over).
        let end: SimInstant
        let buffers: Int
    }

    private(set) var buffers: [Buffer] = []
    private(set) var cycles: [Cycle] = []

    static func == (lhs: HorovodLog, rhs: HorovodLog) -> Bool { lhs === rhs }

    func add(_ buffer: Buffer) { buffers.append(buffer) }
    func add(_ cycle: Cycle) { cycles.append(cycle) }
}

import Sim

/// One Horovod-style data-parallel training step of one worker, as a pure cost plan: the
/// compute segments in order and the allreduces (fusion buffers) with the instant, from
/// the step's start, each is handed to the communication thread.
///
/// Why a plan and not a time: the Hydrogen runtime runs each iteration as compute ->
/// allreduce -> update inside one barrier stage, and must time the allreduces on its own
/// network (with faults and other traffic); the scaling experiment times them with
/// `AllreduceCost`. Both read the same plan (`DataParallelStepModel.plan(workers:)`) and
/// combine it with `DataParallelStepModel.timing(_:allreduce:)`.
///
/// Model: forward, then backward layer by layer in reverse (backward = 2 × forward
/// FLOPs per layer), each layer's gradient ready when its backward segment ends; the
/// gradients are fused into buffers (`TensorFusion`, wakes from the start of backward);
/// with overlap each buffer's allreduce starts when it is handed over and the previous
/// one has ended (one communication stream), without overlap all start after backward.
/// Step time = max(backward end, last allreduce end) + optimizer update.
public struct DataParallelStepPlan: Equatable, Sendable {
    /// The backward pass through one layer that has parameters (and any parameter-free
    /// layers after it in forward order); its gradient is ready when it ends.
    public struct Segment: Equatable, Sendable {
        public let layer: String
        public let duration: SimDuration
    }

    /// Forward pass over the whole per-worker batch.
    public let forward: SimDuration
    /// Backward segments in execution order (last layer first): layer name and duration;
    /// layers without parameters are folded into the next segment that has some.
    public let backward: [Segment]
    /// Fusion buffers in allreduce order.
    public let buffers: [TensorFusion.Buffer]
    /// The optimizer's update after the last allreduce.
    public let update: SimDuration

    /// Forward + backward: the whole compute of one step on one worker.
    public var compute: SimDuration { backward.reduce(forward) { $0 + $1.duration } }
}

/// When each part of a step happened, from the step's start.
public struct DataParallelStepTiming: Hashable, Sendable {
    public let backwardEnd: SimDuration
    /// (start, end) of each buffer's allreduce, in plan order.
    public let allreduces: [ClosedRange<SimDuration>]
    /// The whole step, update included.
    public let step: SimDuration

    /// Time spent in allreduces, summed (they never overlap each other).
    public var allreduceTotal: SimDuration { allreduces.reduce(.zero) { $0 + ($1.upperBound - $1.lowerBound) } }
}

/// Builds step plans for one model, batch and GPU, and times them.
public struct DataParallelStepModel: Hashable, Sendable {
    public var profile: ModelProfile
    /// Samples per worker per step.
    public var batchSize: Int
    public var gpu: GPUCompute
    public var fusion: TensorFusion
    /// Allreduce each buffer as soon as it is handed over (true), or only after backward.
    public var overlap: Bool
    /// Bytes per gradient element: 4 for fp32, 2 for fp16.
    public var bytesPerGradient: Int64
    /// Optimizer FLOPs per parameter (momentum SGD: v = μv + g, w -= ηv: 4).
    public var updateFLOPsPerParameter: Int64

    public init(profile: ModelProfile, batchSize: Int, gpu: GPUCompute, fusion: TensorFusion = TensorFusion(),
                overlap: Bool = true, bytesPerGradient: Int64 = 4, updateFLOPsPerParameter: Int64 = 4) {
        precondition(batchSize >= 1 && bytesPerGradient >= 1 && updateFLOPsPerParameter >= 0,
                     "DataParallelStepModel: bad parameter")
        self.profile = profile
        self.batchSize = batchSize
        self.gpu = gpu
        self.fusion = fusion
        self.overlap = overlap
        self.bytesPerGradient = bytesPerGradient
        self.updateFLOPsPerParameter = updateFLOPsPerParameter
    }

    /// The plan of one step among `workers` workers (one worker: no buffers).
    ///
    /// - Complexity: O(layers).
    public func plan(workers: Int) -> DataParallelStepPlan {
        precondition(workers >= 1, "DataParallelStepModel: at least one worker")
        let forwardFLOPs = profile.layers.reduce(Int64(0)) { $0 + gpu.forwardFLOPs($1, samples: batchSize) }
        let forward = gpu.duration(flops: forwardFLOPs)
        var backward: [DataParallelStepPlan.Segment] = []
        var pendingFLOPs: Int64 = 0
        for layer in profile.layers.reversed() {
            pendingFLOPs += 2 * gpu.forwardFLOPs(layer, samples: batchSize)
            guard layer.parameters > 0 else { continue }
            backward.append(.init(layer: layer.name, duration: gpu.duration(flops: pendingFLOPs)))
            pendingFLOPs = 0
        }
        if pendingFLOPs > 0 { backward.append(.init(layer: "input", duration: gpu.duration(flops: pendingFLOPs))) }
        var buffers: [TensorFusion.Buffer] = []
        if workers > 1 {
            let grads = profile.gradientsInBackwardOrder
            let end = backward.reduce(forward) { $0 + $1.duration }
            var ready: [SimDuration] = []
            var clock = forward
            for segment in backward.prefix(grads.count) {
                clock = clock + segment.duration
                ready.append(overlap ? clock : end)
            }
            buffers = fusion.buffers(bytes: grads.map { $0.parameters * bytesPerGradient }, ready: ready,
                                     firstWake: overlap ? forward : end, workers: workers)
        }
        let update = gpu.duration(flops: profile.parameters * updateFLOPsPerParameter)
        return DataParallelStepPlan(forward: forward, backward: backward, buffers: buffers, update: update)
    }

    /// Times `plan` with `allreduce(bytes)` giving each buffer's allreduce duration:
    /// buffers run one after another, each from max(handed over, previous end).
    ///
    /// - Complexity: O(buffers).
    public static func timing(_ plan: DataParallelStepPlan, allreduce: (Int64) -> SimDuration)
        -> DataParallelStepTiming
    {
        let backwardEnd = plan.compute
        var free = SimDuration.zero
        var spans: [ClosedRange<SimDuration>] = []
        for buffer in plan.buffers {
            let start = max(buffer.handedOver, free)
            free = start + allreduce(buffer.bytes)
            spans.append(start...free)
        }
        return DataParallelStepTiming(backwardEnd: backwardEnd, allreduces: spans,
                                      step: max(backwardEnd, free) + plan.update)
    }
}

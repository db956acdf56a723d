import Sim

/// The backward pass of one step cut into layer groups, as the simulated GPU runs it:
/// each group is one stretch of GPU work, and the gradient tensors of its layers become
/// ready when it ends.
///
/// Why groups and not layers: a worker's backward pass on the engine is a sequence of
/// events, one per group, on every GPU of a 512-GPU run; Horovod's background thread only
/// looks at what is ready once per `HOROVOD_CYCLE_TIME`, so readiness finer than a cycle
/// changes nothing it decides. Groups are therefore cut once their compute reaches
/// `resolution` (the cycle time): a tensor is seen ready at most one cycle late, as it
/// would be at the next wake anyway.
public struct BackwardGroups: Equatable, Sendable {
    /// One group: its backward compute and the gradient tensors (indices into
    /// `ModelProfile.gradientsInBackwardOrder`) ready when it ends.
    public struct Group: Equatable, Sendable {
        public let duration: SimDuration
        public let tensors: Range<Int>
    }

    public let groups: [Group]

    /// Groups of `plan`'s backward segments (segment i produces tensor i while tensors
    /// remain; a trailing segment without parameters only adds compute), each closed once
    /// its compute reaches `resolution` (zero: one group per segment).
    ///
    /// - Complexity: O(segments).
    public init(_ plan: DataParallelStepPlan, tensors: Int, resolution: SimDuration) {
        precondition(tensors <= plan.backward.count, "BackwardGroups: \(tensors) tensors for \(plan.backward.count) segments")
        var groups: [Group] = []
        var duration = SimDuration.zero
        var first = 0
        for (index, segment) in plan.backward.enumerated() {
            duration = duration + segment.duration
            let produced = min(index + 1, tensors)
            let isLast = index == plan.backward.count - 1
            if duration >= resolution || isLast {
                groups.append(Group(duration: duration, tensors: first..<produced))
                first = produced
                duration = .zero
            }
        }
        self.groups = groups
    }

    /// The whole backward compute (equal to the plan's).
    public var duration: SimDuration { groups.reduce(.zero) { $0 + $1.duration } }
}

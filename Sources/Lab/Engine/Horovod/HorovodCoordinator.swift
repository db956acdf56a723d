import DequeModule
import Engine
import Sim

/// Horovod's background thread and its NCCL stream for one barrier stage attempt of
/// deep-learning training, as state: which gradient groups every rank has produced, the
/// fusion buffers cut at each cycle, and the one allreduce on the wire at a time.
///
/// The rules are `TensorFusion`'s (one loop of the background thread: wake, gather the
/// ranks' requests, cut buffers of at most the fusion threshold from the tensors every
/// rank has ready, hand each to the NCCL stream after its control messages, sleep a
/// cycle), applied to readiness as the engine produces it, rank by rank, instead of to
/// one worker's planned instants: a slow rank holds every buffer back. The backend
/// (`SimulatedExecutorBackend+Horovod`) turns the decisions into events and flows.
///
/// Steps complete in order: ranks block after their backward pass until every buffer of
/// their step has been allreduced, so no rank reports step k+1 before step k is done.
final class HorovodCoordinator {
    let settings: HorovodSettings
    let stage: StageAttemptID
    /// Each rank's task and host, once it first reported.
    private(set) var members: [TaskID?]
    private(set) var hosts: [HostIndex?]
    /// Per step in progress: how many ranks reported each group.
    private var reported: [Int: [Int]] = [:]
    /// Groups every rank has reported and no cycle has fused yet, in order.
    private var ready: Deque<(step: Int, group: Int)> = []
    /// Per step (lookup only): groups fused, buffers cut and not yet allreduced.
    private var fused: [Int: Int] = [:]
    private var buffersLeft: [Int: Int] = [:]
    /// Steps whose every buffer has been allreduced (lookup only).
    private var completed: Set<Int> = []
    /// Ranks blocked until their step completes, per step, in arrival order.
    private var waiting: [Int: [TaskID]] = [:]
    /// The background thread's next wake if nothing is pending (its loop phase).
    private var anchor: SimInstant
    /// The pending wake, if one is scheduled.
    var cycleEvent: EventID?

    /// A fusion buffer on its way through the NCCL stream.
    struct QueuedBuffer {
        let step: Int
        let bytes: Int64
        let handedOver: SimInstant
    }

    enum Stream {
        case idle
        /// Waiting for the buffer to be handed over (the stream is free).
        case handover(QueuedBuffer)
        /// Phase `phase`'s fixed latency; the allreduce started at `start`.
        case latency(QueuedBuffer, start: SimInstant, phase: Int)
        /// The bytes on the wire: phase `phase` of the algorithm, `left` flows to go.
        case moving(QueuedBuffer, start: SimInstant, phase: Int, left: Int)
    }

    private(set) var queue: Deque<QueuedBuffer> = []
    var stream = Stream.idle
    /// The stream's pending timer (handover or latency end).
    var streamEvent: EventID?
    /// The current buffer's allreduce, laid out for the ranks' hosts.
    var phases: HorovodAllreducePhases?
    /// Flows of the current phase still on the network (lookup; cancelled in id order).
    var inFlight: Set<TransferID> = []

    init(settings: HorovodSettings, stage: StageAttemptID, now: SimInstant) {
        self.settings = settings
        self.stage = stage
        members = Array(repeating: nil, count: settings.workers)
        hosts = Array(repeating: nil, count: settings.workers)
        anchor = now
    }

    var groupsPerStep: Int { settings.groupTensors.count }

    /// Rank `rank` (task `task` on `host`) produced group `group` of step `step`; true when
    /// that makes the group ready on every rank.
    func report(rank: Int, task: TaskID, host: HostIndex, step: Int, group: Int) -> Bool {
        precondition(group >= 0 && group < groupsPerStep, "HorovodCoordinator: group \(group) of \(groupsPerStep)")
        precondition(!completed.contains(step), "HorovodCoordinator: step \(step) reported after it completed")
        members[rank] = task
        hosts[rank] = host
        // Mutated in place: a copy out of the dictionary would copy the array per report.
        reported[step, default: Array(repeating: 0, count: groupsPerStep)][group] += 1
        let count = reported[step]![group]
        precondition(count <= settings.workers, "HorovodCoordinator: group \(group) reported twice by a rank")
        guard count == settings.workers else { return false }
        ready.append((step, group))
        return true
    }

    /// The first wake of the loop at or after `instant` (the loop idles `cycle + 2(p-1)o`
    /// per turn with nothing to fuse); `instant` itself without a cycle time.
    func wake(notBefore instant: SimInstant) -> SimInstant {
        .zero + settings.fusion.wake(anchor - .zero, notBefore: instant - .zero, workers: settings.workers)
    }

    /// Whether a wake should be scheduled: something is ready and none is pending.
    var needsWake: Bool { cycleEvent == nil && !ready.isEmpty }

    /// The loop wakes at `now`: the tensors of every ready group are cut into buffers,
    /// each handed over after the cycle's control messages; the next turn starts a cycle
    /// after the last message. Returns the new buffers (queued for the stream).
    func cycle(at now: SimInstant) -> [QueuedBuffer] {
        guard let step = ready.first?.step else { return [] }
        var sizes: [Int64] = []
        while let next = ready.first, next.step == step {
            ready.removeFirst()
            sizes += settings.groupTensors[next.group]
            fused[step, default: 0] += 1
        }
        let packed = settings.fusion.pack(sizes)
        let cycle = settings.fusion.cycle(at: now - .zero, buffers: packed.count, workers: settings.workers)
        let buffers = zip(packed, cycle.handedOver).map { buffer, handedOver in
            QueuedBuffer(step: step, bytes: buffer.bytes, handedOver: .zero + handedOver)
        }
        buffersLeft[step, default: 0] += buffers.count
        queue.append(contentsOf: buffers)
        anchor = .zero + cycle.nextWake
        settings.log.add(HorovodLog.Cycle(step: step, wake: now, end: .zero + cycle.end, buffers: buffers.count))
        return buffers
    }

    /// The next buffer for an idle stream.
    func takeNext() -> QueuedBuffer? { queue.popFirst() }

    /// A buffer of `step` finished its allreduce; the ranks to resume when that completed
    /// the step (every group fused and every buffer done), in arrival order.
    func bufferDone(_ buffer: QueuedBuffer, start: SimInstant, at now: SimInstant) -> [TaskID] {
        settings.log.add(HorovodLog.Buffer(step: buffer.step, bytes: buffer.bytes, start: start, end: now))
        buffersLeft[buffer.step, default: 0] -= 1
        return completeIfDone(buffer.step)
    }

    private func completeIfDone(_ step: Int) -> [TaskID] {
        guard fused[step] == groupsPerStep, buffersLeft[step] == 0 else { return [] }
        completed.insert(step)
        reported[step] = nil
        fused[step] = nil
        buffersLeft[step] = nil
        return waiting.removeValue(forKey: step) ?? []
    }

    /// Task `task` finished its backward pass of `step` and waits for its allreduces;
    /// false when they are already done (it goes on at once).
    func await(_ task: TaskID, step: Int) -> Bool {
        if completed.contains(step) { return false }
        waiting[step, default: []].append(task)
        return true
    }

    /// The hosts of Horovod's ranks in its rank order (every rank has reported once a
    /// buffer exists). Horovod on Spark does not take Spark's partition order: its driver
    /// collects the tasks' hosts and numbers ranks host by host (`horovod.spark` groups
    /// the tasks by host before it launches `mpirun -H host1:k,host2:k`), so a host's GPUs
    /// are neighbours in the ring however Spark spread the partitions. Hosts in index
    /// order, as the topology numbers them.
    var rankHosts: [HostIndex] {
        hosts.map { host in
            guard let host else { preconditionFailure("HorovodCoordinator: a rank has not reported") }
            return host
        }.sorted()
    }
}

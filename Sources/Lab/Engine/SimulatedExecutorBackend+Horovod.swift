import Engine
import Sim

/// Horovod inside a deep-learning barrier stage: ranks report gradient groups as their
/// backward pass produces them and wait for their step's allreduces; one
/// `HorovodCoordinator` per stage attempt fuses what every rank has ready at each cycle
/// and runs the buffers' allreduces one at a time on the flow network.
extension SimulatedExecutorBackend {
    /// Rank `id` produced gradient group `group` of step `step` (it goes on computing).
    func gradientsReady(_ id: TaskID, step: Int, group: Int) {
        let task = tasks[id]!
        let stage = task.description.stage
        let coordinator: HorovodCoordinator
        if let existing = horovod[stage] {
            coordinator = existing
        } else {
            guard let settings = task.stage.horovod else { preconditionFailure("gradientsReady: \(id) has no Horovod") }
            coordinator = HorovodCoordinator(settings: settings, stage: stage, now: now)
            horovod[stage] = coordinator
        }
        _ = coordinator.report(rank: task.partition, task: id, host: task.host, step: step, group: group)
        scheduleCycleIfNeeded(coordinator)
    }

    /// Rank `id` ended its backward pass of `step`: true when it must wait for the step's
    /// allreduces (it resumes when the last one ends), false when they are done.
    func awaitAllreduces(_ id: TaskID, step: Int) -> Bool {
        let stage = tasks[id]!.description.stage
        guard let coordinator = horovod[stage] else { preconditionFailure("awaitAllreduces: \(id) reported nothing") }
        return coordinator.await(id, step: step)
    }

    private func scheduleCycleIfNeeded(_ coordinator: HorovodCoordinator) {
        guard coordinator.needsWake else { return }
        coordinator.cycleEvent = schedule(.horovodCycle(coordinator.stage), at: coordinator.wake(notBefore: now))
    }

    /// The background thread wakes: what every rank has ready is fused and queued.
    func horovodCycle(_ stage: StageAttemptID) {
        guard let coordinator = horovod[stage] else { return }
        coordinator.cycleEvent = nil
        _ = coordinator.cycle(at: now)
        scheduleCycleIfNeeded(coordinator)
        pumpStream(coordinator)
    }

    /// The NCCL stream's timer: a buffer was handed over, or a phase's latency is over.
    func horovodStream(_ stage: StageAttemptID) {
        guard let coordinator = horovod[stage] else { return }
        coordinator.streamEvent = nil
        switch coordinator.stream {
        case .handover(let buffer):
            beginPhase(coordinator, buffer, start: now, phase: 0)
        case .latency(let buffer, let start, let phase):
            startFlows(coordinator, buffer, start: start, phase: phase)
        case .idle, .moving:
            preconditionFailure("horovodStream: no timer pending in \(coordinator.stream)")
        }
    }

    /// One of a buffer's flows arrived.
    func horovodTransferArrived(_ stage: StageAttemptID, transfer: TransferID) {
        guard let coordinator = horovod[stage] else { return }
        coordinator.inFlight.remove(transfer)
        guard case .moving(let buffer, let start, let phase, let left) = coordinator.stream else {
            preconditionFailure("horovodTransferArrived: no flows in \(coordinator.stream)")
        }
        coordinator.stream = .moving(buffer, start: start, phase: phase, left: left - 1)
        if left == 1 { phaseDone(coordinator, buffer, start: start, phase: phase) }
    }

    /// A flow of the stage's allreduce was aborted (its host went silent): the allreduce
    /// can never end; its ranks wait until the driver gives up on that host.
    func horovodTransferAborted(_ stage: StageAttemptID, transfer: TransferID) {
        horovod[stage]?.inFlight.remove(transfer)
    }

    /// A rank's task went (finished, failed or killed): its stage attempt's Horovod stops,
    /// its timers and flows with it.
    func horovodMemberRemoved(_ task: RunningTask) {
        guard !horovod.isEmpty, let coordinator = horovod.removeValue(forKey: task.description.stage)
        else { return }
        if let event = coordinator.cycleEvent { deployment.cluster.simulation.cancel(event) }
        if let event = coordinator.streamEvent { deployment.cluster.simulation.cancel(event) }
        for transfer in coordinator.inFlight.sorted() {
            deployment.cluster.cancelTransfer(transfer)
            transfers[transfer] = nil
        }
    }

    private func pumpStream(_ coordinator: HorovodCoordinator) {
        guard case .idle = coordinator.stream, let next = coordinator.takeNext() else { return }
        if next.handedOver > now {
            coordinator.stream = .handover(next)
            coordinator.streamEvent = schedule(.horovodStream(coordinator.stage), at: next.handedOver)
        } else {
            beginPhase(coordinator, next, start: now, phase: 0)
        }
    }

    private func beginPhase(_ coordinator: HorovodCoordinator, _ buffer: HorovodCoordinator.QueuedBuffer,
                            start: SimInstant, phase: Int) {
        if phase == 0 {
            coordinator.phases = HorovodAllreducePhases(bytes: buffer.bytes, rankHosts: coordinator.rankHosts,
                                                        settings: coordinator.settings)
        }
        let latency = coordinator.phases!.phases[phase].latency
        coordinator.stream = .latency(buffer, start: start, phase: phase)
        if latency > .zero {
            coordinator.streamEvent = schedule(.horovodStream(coordinator.stage), at: now + latency)
        } else {
            startFlows(coordinator, buffer, start: start, phase: phase)
        }
    }

    private func startFlows(_ coordinator: HorovodCoordinator, _ buffer: HorovodCoordinator.QueuedBuffer,
                            start: SimInstant, phase: Int) {
        let flows = coordinator.phases!.phases[phase].flows
        guard !flows.isEmpty else {
            phaseDone(coordinator, buffer, start: start, phase: phase)
            return
        }
        coordinator.stream = .moving(buffer, start: start, phase: phase, left: flows.count)
        for flow in flows {
            // Nothing moves to or from a silent host: that hop never ends, nor the allreduce.
            guard !silentHosts.contains(flow.from), !silentHosts.contains(flow.to) else { continue }
            let id = startTransfer(bytes: flow.bytes, from: flow.from, to: flow.to, for: .horovod(coordinator.stage))
            coordinator.inFlight.insert(id)
        }
    }

    private func phaseDone(_ coordinator: HorovodCoordinator, _ buffer: HorovodCoordinator.QueuedBuffer,
                           start: SimInstant, phase: Int) {
        if phase + 1 < coordinator.phases!.phases.count {
            beginPhase(coordinator, buffer, start: start, phase: phase + 1)
            return
        }
        coordinator.stream = .idle
        coordinator.phases = nil
        for rank in coordinator.bufferDone(buffer, start: start, at: now) where !silentHosts.contains(tasks[rank]!.host) {
            resumeSoon(rank)  // a rank on a silent host stays frozen
        }
        pumpStream(coordinator)
    }
}

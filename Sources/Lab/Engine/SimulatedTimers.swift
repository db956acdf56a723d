import Engine
import Sim

/// The engine's timers as events on the shared simulation queue.
///
/// A timer is the event `LabEvent.engineTimer(timer, handle)`; the kernel orders it by
/// (instant, scheduling sequence), so a timer due now fires after every event already
/// pending now, which is what lets an offer round requested by a task end run after the
/// other task ends of that instant (docs/scenario.md's offer timing). A timer asked for an
/// instant already past fires now: the engine computed it from a clock reading that can
/// only be now or earlier.
final class SimulatedTimers: SchedulerTimers {
    private unowned let deployment: SimulatedDeployment
    private var lastHandle: UInt64 = 0
    /// The kernel event of every pending timer (lookup only, never iterated).
    private var pending: [TimerHandle: EventID] = [:]

    init(_ deployment: SimulatedDeployment) { self.deployment = deployment }

    /// Timers scheduled and neither fired nor cancelled.
    var pendingCount: Int { pending.count }

    func schedule(_ timer: EngineTimer, at instant: EngineInstant) -> TimerHandle {
        lastHandle += 1
        let handle = TimerHandle(rawValue: lastHandle)
        let due = max(instant.simInstant, deployment.cluster.simulation.now)
        pending[handle] = deployment.cluster.simulation.schedule(.engineTimer(timer, handle), at: due)
        return handle
    }

    /// Cancels a pending timer; a handle that already fired or was cancelled is a no-op.
    func cancel(_ handle: TimerHandle) {
        guard let event = pending.removeValue(forKey: handle) else { return }
        deployment.cluster.simulation.cancel(event)
    }

    /// Forgets a timer the simulation just delivered.
    func fired(_ handle: TimerHandle) {
        precondition(pending.removeValue(forKey: handle) != nil, "SimulatedTimers: \(handle) fired but not pending")
    }
}

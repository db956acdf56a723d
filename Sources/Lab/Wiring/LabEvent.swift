import Engine
import Sim

/// Everything that can happen in a lab run, in one enum so that every component shares
/// one event queue and so one total order of events (ties by scheduling order).
enum LabEvent: ClusterEventCarrying {
    case network(NetworkEvent)
    case collective(CollectiveEvent)
    case fault(FaultWake)
    /// A timer the engine asked for (`SimulatedTimers`), with the handle that cancels it.
    case engineTimer(EngineTimer, TimerHandle)
    /// A step of a task on the simulated executors or of a barrier sync (`SimulatedExecutorBackend`).
    case backend(BackendWake)
    /// A scripted job reaches the scheduler (its index in the run's job list).
    case submitJob(Int)
    /// A submitted job reaches the engine once the driver's scheduling thread has handled
    /// it (the control plane's `job_submit`).
    case jobReachesScheduler(Int)

    init(clusterEvent: ClusterEvent) {
        switch clusterEvent {
        case .network(let event): self = .network(event)
        case .collective(let event): self = .collective(event)
        case .fault(let wake): self = .fault(wake)
        }
    }
}

import Engine
import Sim

/// Tasks' CPU work on hosts with fewer physical cores than busy task slots
/// (`cluster.cpu.physical_cores`), and PySpark's Python workers.
///
/// On such a host every piece of CPU work (a scripted task's CPU part, a training step's
/// compute, a Python worker's start-up) shares the cores with the others running there
/// (`ProcessorSharing`): each start and end moves the others' finish events. Waiting work
/// (`TaskStep.wait`) never takes a core. A host without the key keeps a core per task.
extension SimulatedExecutorBackend {
    /// Runs `work` (already varied) as the task's current step: on the host's shared cores
    /// when it has a physical core count and the step needs a core, else on a core of its own.
    func startHostWork(_ id: TaskID, work: SimDuration, needsCore: Bool) {
        let host = tasks[id]!.host
        let hostID = deployment.cluster.topology.hosts[host].id
        let slowdown = deployment.cluster.faults.plan.slowdownSchedule(forHost: hostID)
        guard needsCore, let cores = options.physicalCores else {
            tasks[id]!.step = schedule(.segmentEnd(id), at: ComputeCost.finishInstant(
                start: now, work: work, slowdown: slowdown))
            return
        }
        var sharing = cpuSharing[host] ?? ProcessorSharing(cores: cores, slowdown: slowdown)
        let pieces = sharing.start(id.rawValue, work: work, at: now)
        cpuSharing[host] = sharing
        tasks[id]!.sharesCore = true
        reschedule(pieces, on: host)
    }

    /// The task's shared CPU work is over or stopped: the host's others speed up.
    func endSharedWork(_ id: TaskID, host: HostIndex) {
        guard var sharing = cpuSharing[host] else { return }
        let pieces = sharing.end(id.rawValue, at: now)
        cpuSharing[host] = sharing
        reschedule(pieces, on: host)
    }

    /// Moves each piece's segment end to its new finish (nothing on a silent host: its
    /// tasks are frozen).
    private func reschedule(_ pieces: [ProcessorSharing.Piece], on host: HostIndex) {
        guard !silentHosts.contains(host) else { return }
        for piece in pieces {
            let id = TaskID(piece.key)
            guard let task = tasks[id], task.sharesCore else { continue }
            if let step = task.step { deployment.cluster.simulation.cancel(step) }
            tasks[id]!.step = schedule(.segmentEnd(id), at: piece.finish)
        }
    }

    /// The task takes an idle Python worker of its executor (true), or must start one.
    func takePythonWorker(_ id: TaskID) -> Bool {
        let executor = tasks[id]!.description.executor
        tasks[id]!.holdsPythonWorker = true
        guard let idle = idlePythonWorkers[executor], idle > 0 else { return false }
        idlePythonWorkers[executor] = idle - 1
        return true
    }

    /// A task that ended on its own path gives its Python worker back for reuse.
    func releasePythonWorker(of task: RunningTask) {
        guard task.holdsPythonWorker else { return }
        let executor = task.description.executor
        guard let index = deployment.cluster.topology.executor(id: executor),
              deployment.cluster.topology.executors[index].isLive else { return }
        idlePythonWorkers[executor, default: 0] += 1
    }
}

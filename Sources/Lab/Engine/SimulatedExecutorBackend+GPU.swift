import Engine
import Sim

/// Broken GPUs (`gpu-failed`): what a task holding one sees.
///
/// Spark's scheduler has no notion of GPU health: the executor keeps advertising every
/// address it registered with, so the scheduler keeps assigning a broken one, and the
/// task's own code (its CUDA calls) is what fails, as an ordinary exception that counts
/// toward `spark.task.maxFailures` (or fails a barrier stage attempt). So the fault acts
/// here, on the tasks, and never on the engine's view of the executor.
extension SimulatedExecutorBackend {
    /// The exception a task holding a broken GPU fails with (the style of
    /// `sparksim.InjectedTaskFailure`: a class-like name, then what happened).
    static func gpuFailureMessage(gpu: Int, executor: String) -> String {
        "sparksim.GPUFailure: GPU \(gpu) of executor \(executor) failed (CUDA error)"
    }

    /// The first address, in the task's assignment order, of a GPU of its executor that
    /// has failed; nil when every GPU it holds works (or it holds none).
    ///
    /// - Complexity: O(1) expected for a task without GPUs; O(g·f) otherwise, for g
    ///   addresses held and f failed GPUs on the executor.
    func failedGPU(of task: RunningTask) -> Int? {
        guard !task.description.gpuAddresses.isEmpty else { return nil }
        let topology = deployment.cluster.topology
        guard let index = topology.executor(id: task.description.executor),
              !topology.executors[index].failedGPUs.isEmpty else { return nil }
        let executor = topology.executors[index]
        return task.description.gpuAddresses.lazy.compactMap { Int($0) }.first { executor.hasFailedGPU($0) }
    }

    /// How a task holding a broken GPU ends.
    func gpuFailure(_ gpu: Int, of task: RunningTask) -> TaskEndReason {
        .exception(Self.gpuFailureMessage(gpu: gpu, executor: task.description.executor))
    }

    /// GPU `address` of an executor has just failed: every task attempt of that executor
    /// holding the address (a whole GPU or a share of it) whose code is running (past its
    /// launch overhead: reading, working or blocked in a barrier call) fails now, in
    /// launch order. Attempts still in their launch overhead fail when they start.
    func gpuFailed(executor index: ExecutorIndex, address: Int) {
        let executor = deployment.cluster.topology.executors[index].id
        let label = String(address)
        let holders = (tasksByExecutor[executor] ?? []).filter { id in
            guard let task = tasks[id] else { return false }
            return task.phase != .launching && task.description.gpuAddresses.contains(label)
        }
        for id in holders {
            // A barrier sibling may have been killed by the engine for an earlier failure.
            guard let task = tasks[id] else { continue }
            end(id, gpuFailure(address, of: task))
        }
    }
}

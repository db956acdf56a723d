import Sim

/// `gpu-failed`: one GPU address of one executor breaks for good.
///
/// Why its own checks: Spark knows an executor's GPUs only as the addresses it registered
/// with (`spark.executor.resource.gpu.amount`, addresses `0` ... `gpus-1` here), so the
/// fault must name one of those, on an executor that exists when the GPU fails (present
/// at time 0 or added earlier by `executor-added`, and not yet lost).
struct GPUFaultDecoder: SectionDecoder {
    let sink: DecodingSink

    /// What the fault timeline knows of one executor when a GPU fault names it (nil
    /// fields: the executor never appears in the cluster).
    struct TimelineExecutor {
        var id: String
        var joinedAt: SimInstant?
        var lostAt: SimInstant?
        var gpus: Int?
    }

    /// `{kind: gpu-failed, executor: exec1, gpu: 0, at: 5s}`; the executor and address
    /// are checked against the cluster by `checkGPUFault`, in time order.
    func decodeGPUFault(_ f: Fields) -> Scenario.Fault? {
        let executor = required(f, "executor", expected: "the id of the executor whose GPU fails")
            .flatMap { name($0, "executor") }
        let gpu = required(f, "gpu", expected: "the GPU's address on that executor, like 0")
            .flatMap { int($0, "gpu", range: 0...ScenarioLimits.maxGPUsPerExecutor - 1) }
        let at = required(f, "at", expected: "when the GPU fails, like 5s").flatMap { instant($0, "at") }
        guard let executor, let gpu, let at else { return nil }
        return .gpuFailed(executor: executor, gpu: gpu, at: at)
    }

    /// Checks a `gpu-failed` against the executor as the timeline has it at `at`: known,
    /// already joined, not yet lost, with GPUs, and the address among them.
    /// - Parameters:
    ///   - known: every executor id of the run, in cluster order (for "did you mean").
    ///   - withGPUs: those of them with at least one GPU.
    func checkGPUFault(_ executor: TimelineExecutor, gpu: Int, at: SimInstant, node: SourceNode,
                                known: [String], withGPUs: [String])
    {
        let position = TaskFaultDecoder.valuePosition(node, "executor")
        let id = executor.id
        guard let joined = executor.joinedAt, let gpus = executor.gpus else {
            reportUnknown("executor", id, at: position, among: known)
            return
        }
        if joined > at {
            report(position, "GPU \(gpu) of executor '\(id)' fails at \(TaskFaultDecoder.text(at)) but the executor is only "
                       + "added at \(TaskFaultDecoder.text(joined))", expected: "a time when the executor exists")
        } else if let lost = executor.lostAt {
            report(position, "executor '\(id)' is already lost at \(TaskFaultDecoder.text(lost))",
                   expected: "an executor that is still alive")
        } else if gpus == 0 {
            report(position, "executor '\(id)' has no GPUs",
                   expected: withGPUs.isEmpty ? "an executor with gpus: 1 or more (this cluster has none)"
                       : "an executor with GPUs: " + withGPUs.prefix(12).joined(separator: ", "))
        } else if gpu >= gpus {
            report(TaskFaultDecoder.valuePosition(node, "gpu"),
                   "gpu \(gpu) is out of range for executor '\(id)' with \(gpus) GPU\(gpus == 1 ? "" : "s")",
                   expected: "a GPU address from 0 to \(gpus - 1)")
        }
    }
}

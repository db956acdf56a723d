import Report
import Sim
import Workloads

/// The `report.md` section of a deep-learning run: what was assumed, and the scaling of
/// each model at every GPU count, so a reader can check the inputs next to the results.
struct DeepLearningReport {
    let workload: Scenario.DeepLearningWorkload
    let cluster: Scenario.Cluster
    let rows: [DeepLearningRow]

    var lines: [String] {
        var lines = ["## Data-parallel training (Horovod-style)", ""]
        let gpu = cluster.gpu.map { "\($0.model ?? "GPU") at \($0.flops?.description ?? "?")" } ?? "GPU"
        lines += [
            "Per GPU: batch \(workload.batchSize), \(gpu) x efficiency \(workload.efficiency) on executed FLOPs"
                + (workload.winograd ? " (3x3 stride-1 convolutions as Winograd F(4x4,3x3))" : "")
                + "; \(workload.precision.rawValue) gradients, fusion threshold \(workload.fusionThreshold),"
                + " cycle time \(workload.cycleTime), \(workload.allreduce.rawValue) allreduce,"
                + " overlap \(workload.overlap ? "on" : "off").",
            "",
            "NCCL and Horovod on the wire: \(workload.nccl.stepLatency) per inter-node ring step,"
                + " \(workload.nccl.launchLatency) per collective, \(workload.nccl.goodput) of the link rate as payload;"
                + " \(workload.controlMessageCost) per control message at rank 0 (2(p-1) in, p-1 out per fused buffer"
                + " and p-1 to close each cycle).",
            "",
            "| model | GPUs | samples/s | scaling efficiency | step | compute | allreduces | exposed communication |",
            "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        ]
        for row in rows {
            let exposed = row.timing.step - row.plan.update - row.timing.backwardEnd
            lines.append("| \(row.model) | \(row.gpus) | \(NumberFormat.fixed(row.throughput, decimals: 1)) | "
                + "\(NumberFormat.percent(row.efficiency, decimals: 1)) | \(ms(row.timing.step)) | "
                + "\(ms(row.plan.compute)) | \(row.plan.buffers.count) | \(ms(exposed)) |")
        }
        return lines + [""]
    }

    private func ms(_ duration: SimDuration) -> String {
        NumberFormat.fixed(Double(duration.nanoseconds) / 1e6, decimals: 1) + " ms"
    }
}

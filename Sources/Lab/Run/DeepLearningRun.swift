import Report
import Sim
import Workloads

/// `kind: deep-learning`: the Horovod scaling benchmark on the simulated cluster. For each
/// model and GPU count it plans one training step (`DataParallelStepModel`), times each
/// fusion buffer's allreduce for that placement (`AllreduceCost`: ranks fill hosts in
/// order, `gpusPerHost` to a host), and reports throughput and scaling efficiency against
/// one GPU, as the Horovod README does (efficiency = throughput(n) / (n x throughput(1))).
///
/// Every step of a run is identical (no randomness, no faults act on it), so the
/// throughput over `iterations` steps after `warmup` is the per-step throughput.
enum DeepLearningRun {
    static let scope = "deep-learning"

    static func run(_ scenario: Scenario, _ workload: Scenario.DeepLearningWorkload) -> RunOutcome {
        let rows = workload.models.flatMap { name in
            guard let profile = ModelProfile.named(name) else { preconditionFailure("validated model \(name)") }
            return scaling(profile, workload, cluster: scenario.cluster)
        }
        var scalingTable = CSVTable(columns: DeepLearningRow.scalingColumns)
        var stepTable = CSVTable(columns: DeepLearningRow.stepColumns)
        for row in rows {
            scalingTable.append(row.scalingFields)
            stepTable.append(row.stepFields)
        }
        return RunOutcome(
            scope: scope, trace: [], executorsAtStart: scenario.cluster.executors.count,
            executorsAtEnd: scenario.cluster.executors.count, faultsApplied: 0, end: .zero,
            faultKindsNotSimulated: MembershipRun.notSimulated(scenario),
            extraFiles: [("scaling.csv", scalingTable.text), ("steps.csv", stepTable.text)],
            reportSection: DeepLearningReport(workload: workload, cluster: scenario.cluster, rows: rows).lines)
    }

    /// The step model the scenario describes for `profile`.
    static func stepModel(_ profile: ModelProfile, _ workload: Scenario.DeepLearningWorkload,
                          cluster: Scenario.Cluster) -> DataParallelStepModel {
        guard let peak = cluster.gpu?.flops else { preconditionFailure("validated gpu.flops missing") }
        let gpu = GPUCompute(peak: peak, efficiency: workload.efficiency, winogradReduction: workload.winograd ? 4 : 1)
        let fusion = TensorFusion(thresholdBytes: workload.fusionThreshold.bytes, cycleTime: workload.cycleTime,
                                  messageOverhead: workload.controlMessageCost)
        return DataParallelStepModel(profile: profile, batchSize: workload.batchSize, gpu: gpu, fusion: fusion,
                                     overlap: workload.overlap, bytesPerGradient: workload.precision.bytes)
    }

    /// The allreduce cost on the scenario's network (ideal when it has none).
    static func allreduceCost(_ workload: Scenario.DeepLearningWorkload, cluster: Scenario.Cluster) -> AllreduceCost {
        guard let perHost = ScenarioDecoder.gpusPerHost(cluster) else { preconditionFailure("validated GPUs per host") }
        let network = cluster.network.map {
            NetworkParameters(hostLink: $0.hostLink, rackUplink: $0.rackUplink, latency: $0.latency,
                              rackUplinkLatency: $0.rackUplinkLatency, intraHost: $0.intraHost)
        } ?? .ideal
        return AllreduceCost(algorithm: workload.allreduce, network: network, gpusPerHost: perHost, nccl: workload.nccl)
    }

    private static func scaling(_ profile: ModelProfile, _ workload: Scenario.DeepLearningWorkload,
                                cluster: Scenario.Cluster) -> [DeepLearningRow] {
        let model = stepModel(profile, workload, cluster: cluster)
        let cost = allreduceCost(workload, cluster: cluster)
        let counts = workload.scaleGPUs.first == 1 ? workload.scaleGPUs : [1] + workload.scaleGPUs
        var base: Double?
        return counts.map { gpus in
            let plan = model.plan(workers: gpus)
            let timing = DataParallelStepModel.timing(plan) { cost.duration(bytes: $0, workers: gpus) }
            let throughput = Double(gpus * workload.batchSize) / timing.step.seconds
            if base == nil { base = throughput }
            return DeepLearningRow(
                model: profile.name, gpus: gpus, throughput: throughput,
                efficiency: throughput / (Double(gpus) * (base ?? throughput)), plan: plan, timing: timing)
        }
    }
}

/// One model at one GPU count.
struct DeepLearningRow {
    var model: String
    var gpus: Int
    var throughput: Double
    var efficiency: Double
    var plan: DataParallelStepPlan
    var timing: DataParallelStepTiming

    static let scalingColumns = ["model", "gpus", "throughput_samples_per_s", "scaling_efficiency"]
    static let stepColumns = ["model", "gpus", "step_ns", "compute_ns", "backward_end_ns", "allreduces",
                              "allreduce_ns", "exposed_communication_ns", "update_ns"]

    var scalingFields: [String] {
        [model, String(gpus), NumberFormat.fixed(throughput, decimals: 2), NumberFormat.fixed(efficiency, decimals: 4)]
    }

    var stepFields: [String] {
        let exposed = timing.step - plan.update - timing.backwardEnd
        return [model, String(gpus), String(timing.step.nanoseconds), String(plan.compute.nanoseconds),
                String(timing.backwardEnd.nanoseconds), String(plan.buffers.count),
                String(timing.allreduceTotal.nanoseconds), String(exposed.nanoseconds),
                String(plan.update.nanoseconds)]
    }
}

import Report
import Sim
import Workloads

/// `kind: deep-learning`: the Horovod scaling benchmark on the simulated cluster. Each model
/// at each GPU count runs on the engine as one Spark job, one barrier stage of a task per
/// GPU, whose tasks run Horovod's training steps (`DeepLearningProgram`, with Horovod's
/// runtime among them: `HorovodCoordinator`), with the faults that name its hosts. It
/// reports throughput and scaling efficiency against one GPU, as the Horovod README does
/// (efficiency = throughput(n) / (n x throughput(1))), measured on the engine's timeline
/// over the steps after `warmup`, and names the points whose training failed.
///
/// The step model (`DataParallelStepModel` with `AllreduceCost`) plans the layer groups
/// and is the analytic reference the engine's steps are tested against.
enum DeepLearningRun {
    static let scope = RunScope.deepLearning

    static func run(_ scenario: Scenario, _ workload: Scenario.DeepLearningWorkload,
                    variant: String = "") -> (outcome: RunOutcome, summary: SummaryRow) {
        var runs: [PointRun] = []
        let rows = workload.models.flatMap { name in
            guard let profile = ModelProfile.named(name) else { preconditionFailure("validated model \(name)") }
            return scaling(profile, workload, scenario: scenario, runs: &runs)
        }
        // The trace of the first model's largest point: its barrier stage and GPU addresses.
        let faultsApplied = runs.reduce(0) { $0 + $1.result.outcome.faultsApplied }
        let firstModel = runs.filter { $0.model == workload.models[0] }
        let traced = firstModel.first { $0.gpus == firstModel.map(\.gpus).max() }
        var outcome = RunOutcome(
            scope: scope, trace: traced?.result.outcome.trace ?? [], executorsAtStart: scenario.cluster.executors.count,
            executorsAtEnd: traced?.result.outcome.executorsAtEnd ?? scenario.cluster.executors.count,
            faultsApplied: faultsApplied, end: traced?.result.outcome.end ?? .zero,
            faultKindsNotSimulated: notSimulated(scenario),
            deepLearning: DeepLearningRecord(setup: setup(workload, cluster: scenario.cluster),
                                             points: rows.map(\.point), published: workload.published))
        if let log = traced?.program.horovod?.log { outcome.spanTracks = Self.tracks(log) }
        outcome.deepLearning?.failures = runs.compactMap(\.failure)
        if faultsApplied > 0 {
            outcome.deepLearning?.progress = runs.map { run in
                DeepLearningProgress(model: run.model, gpus: run.gpus, marks: run.program.progress.map {
                    DeepLearningProgress.Mark(timeNanoseconds: $0.time.nanosecondsSinceStart, step: $0.step)
                })
            }
        }
        let counts = runs.map(\.result.counts)
        let summary = SummaryRow(
            scenario: scenario.name, variant: variant, seed: scenario.seed,
            makespanNanoseconds: counts.reduce(Int64(0)) { $0 + ($1.makespanNanoseconds ?? 0) },
            jobsSucceeded: counts.reduce(0) { $0 + $1.jobsSucceeded }, jobsFailed: counts.reduce(0) { $0 + $1.jobsFailed },
            tasksLaunched: counts.reduce(0) { $0 + $1.tasksLaunched }, taskFailures: counts.reduce(0) { $0 + $1.taskFailures },
            simulated: scope.rawValue, executorsAtStart: outcome.executorsAtStart, executorsAtEnd: outcome.executorsAtEnd,
            faultsApplied: faultsApplied)
        return (outcome, summary)
    }

    /// Horovod's runtime as `trace.json` tracks: each cycle of the background thread that
    /// fused something (wake to its last control message) and each buffer's allreduce.
    static func tracks(_ log: HorovodLog) -> [SpanTrack] {
        let cycles = log.cycles.map { cycle in
            CriticalPathSpan(part: "step \(cycle.step): cycle, \(cycle.buffers) buffer\(cycle.buffers == 1 ? "" : "s")",
                             startNanoseconds: cycle.wake.nanosecondsSinceStart,
                             endNanoseconds: cycle.end.nanosecondsSinceStart)
        }
        let buffers = log.buffers.map { buffer in
            CriticalPathSpan(part: "step \(buffer.step): allreduce "
                                 + NumberFormat.fixed(Double(buffer.bytes) / 1_048_576, decimals: 1) + " MiB",
                             startNanoseconds: buffer.start.nanosecondsSinceStart,
                             endNanoseconds: buffer.end.nanosecondsSinceStart)
        }
        return [SpanTrack(name: "horovod (background thread cycles)", spans: cycles),
                SpanTrack(name: "horovod (NCCL allreduces)", spans: buffers)]
    }

    /// Fault kinds a deep-learning run leaves out: those naming a scripted stage's tasks
    /// and added executors (a point runs on the scenario's first hosts only).
    static func notSimulated(_ scenario: Scenario) -> [String] {
        var kinds: [String] = []
        for fault in scenario.faults {
            switch fault {
            case .taskFailure, .fetchFailure, .executorAdded:
                if !kinds.contains(fault.kind) { kinds.append(fault.kind) }
            default: continue
            }
        }
        return kinds
    }

    /// One scaling point as the engine ran it.
    struct PointRun {
        var model: String
        var gpus: Int
        var result: EngineRun.Result
        var program: DeepLearningProgram

        /// Why the point has no throughput (its training never reached the last step),
        /// with the last job failure's reason; nil when it finished.
        var failure: String? {
            guard program.stepEnds.last.map({ $0 == nil }) ?? true else { return nil }
            let failed = result.outcome.trace.filter { $0.event == .jobFailed }
            let reason = failed.last?.detail.flatMap { detail in
                detail.components(separatedBy: "Most recent failure reason: ").last?
                    .split(separator: "\n").last.map(String.init)
            }
            return "\(model) on \(gpus) GPU\(gpus == 1 ? "" : "s"): training stopped at step \(program.lastEndedStep) of "
                + "\(program.iterations) after \(failed.count) failed attempt\(failed.count == 1 ? "" : "s")"
                + (reason.map { " (last: \($0))" } ?? "")
        }
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
        guard let perHost = DeepLearningDecoder.gpusPerHost(cluster) else { preconditionFailure("validated GPUs per host") }
        let network = cluster.network.map {
            NetworkParameters(hostLink: $0.hostLink, rackUplink: $0.rackUplink, latency: $0.latency,
                              rackUplinkLatency: $0.rackUplinkLatency, intraHost: $0.intraHost)
        } ?? .ideal
        return AllreduceCost(algorithm: workload.allreduce, network: network, gpusPerHost: perHost, nccl: workload.nccl)
    }

    /// Each GPU count of `profile` as a Spark application on the engine: one barrier stage
    /// of a task per GPU (1 GPU, 1 core each) on the first hosts that hold that many GPUs
    /// (plus `spare_hosts`), each task running `iterations` training steps
    /// (`DeepLearningProgram`, Horovod's runtime among them); throughput from the instants
    /// the steps after `warmup` ended.
    private static func scaling(_ profile: ModelProfile, _ workload: Scenario.DeepLearningWorkload,
                                scenario: Scenario, runs: inout [PointRun]) -> [DeepLearningRow] {
        let points = plannedPoints(profile, workload, scenario: scenario)
        for point in points {
            let result = runPoint(point.program, scenario: scenario, spareHosts: workload.spareHosts)
            runs.append(PointRun(model: profile.name, gpus: point.gpus, result: result, program: point.program))
        }
        return rows(points, workload)
    }

    /// One model at one GPU count, planned: its step, the analytic timing of that step on
    /// an idle network (`AllreduceCost`, the reference the engine's run is checked
    /// against) and the program its tasks run.
    struct PlannedPoint {
        var model: String
        var gpus: Int
        var plan: DataParallelStepPlan
        var timing: DataParallelStepTiming
        var program: DeepLearningProgram
    }

    /// Every GPU count of `profile` (1 first, for the efficiency's base), each with its
    /// step planned for ranks filling hosts in order.
    static func plannedPoints(_ profile: ModelProfile, _ workload: Scenario.DeepLearningWorkload,
                              scenario: Scenario) -> [PlannedPoint] {
        let cluster = scenario.cluster
        let model = stepModel(profile, workload, cluster: cluster)
        let cost = allreduceCost(workload, cluster: cluster)
        let counts = workload.scaleGPUs.first == 1 ? workload.scaleGPUs : [1] + workload.scaleGPUs
        let gradientBytes = profile.gradientsInBackwardOrder.map { $0.parameters * workload.precision.bytes }
        return counts.map { gpus in
            let plan = model.plan(workers: gpus)
            let timing = DataParallelStepModel.timing(plan) { cost.duration(bytes: $0, workers: gpus) }
            let groups = BackwardGroups(plan, tensors: gradientBytes.count, resolution: workload.cycleTime)
            let horovod = gpus == 1 ? nil : HorovodSettings(
                workers: gpus, groupTensors: groups.groups.filter { !$0.tensors.isEmpty }.map { Array(gradientBytes[$0.tensors]) },
                fusion: model.fusion, algorithm: workload.allreduce, nccl: workload.nccl,
                pathLatency: (cluster.network?.latency ?? .zero) * 2, log: HorovodLog())
            let checkpoint = TrainingCosts().checkpointTime(bytes: profile.parameters * 4)
            let program = DeepLearningProgram(
                workers: gpus, iterations: workload.iterations,
                parts: .init(forward: plan.forward, groups: groups, update: plan.update), overlap: workload.overlap,
                horovod: horovod, variation: cluster.gpu?.variation ?? 0, checkpointEvery: workload.checkpointEvery,
                checkpointTime: checkpoint, streams: RandomStreams(seed: scenario.seed))
            return PlannedPoint(model: profile.name, gpus: gpus, plan: plan, timing: timing, program: program)
        }
    }

    /// The points that ran to their end, with throughput read off the engine's timeline
    /// and efficiency against the model's first such point (one GPU, when it ran).
    static func rows(_ points: [PlannedPoint], _ workload: Scenario.DeepLearningWorkload) -> [DeepLearningRow] {
        var base: [String: Double] = [:]
        return points.compactMap { point in
            guard let step = point.program.steadyStepNanoseconds(warmup: workload.warmup) else { return nil }
            let throughput = Double(point.gpus * workload.batchSize) / (step / 1e9)
            if base[point.model] == nil { base[point.model] = throughput }
            return DeepLearningRow(
                model: point.model, gpus: point.gpus, throughput: throughput,
                efficiency: throughput / (Double(point.gpus) * (base[point.model] ?? throughput)), plan: point.plan,
                measured: MeasuredStep(point.program, warmup: workload.warmup, step: step))
        }
    }

    /// Runs `program` as one barrier job on as many of the scenario's hosts as its workers
    /// need, plus `spareHosts` (ranks fill hosts in order, as `AllreduceCost` assumes), with
    /// the faults that name those hosts, their executors, or none.
    static func runPoint(_ program: DeepLearningProgram, scenario: Scenario, spareHosts: Int = 0) -> EngineRun.Result {
        guard let perHost = DeepLearningDecoder.gpusPerHost(scenario.cluster) else { preconditionFailure("validated GPUs per host") }
        let needed = (program.workers + perHost - 1) / perHost + spareHosts
        let hosts = Set(scenario.cluster.hosts.prefix(needed).map(\.id))
        var cluster = scenario.cluster
        cluster.hosts = scenario.cluster.hosts.filter { hosts.contains($0.id) }
        cluster.executors = scenario.cluster.executors.filter { hosts.contains($0.host) }
        cluster.racks = scenario.cluster.racks.filter { rack in cluster.hosts.contains { $0.rack == rack } }
        let executors = Set(cluster.executors.map(\.id))
        let faults = scenario.faults.filter { fault in
            switch fault {
            case .hostLost(let host, _), .hostUnreachable(let host, _), .straggler(let host, _, _, _),
                 .linkDegraded(let host, _, _, _):
                return hosts.contains(host)
            case .executorLost(let executor, _), .gpuFailed(let executor, _, _): return executors.contains(executor)
            case .randomExecutorLoss, .randomTaskFailures: return true
            case .taskFailure, .fetchFailure, .executorAdded: return false
            }
        }
        return TrainingRun.run(DeploymentSetup(scenario, cluster: cluster, faults: faults), setup: trainingSetup(program),
                               trainer: NoTrainer(), streams: RandomStreams(seed: scenario.seed)).engine
    }
}

/// What one point's steady steps measured on the engine, per step (means over the steps
/// after `warmup`).
struct MeasuredStep {
    var step: Double
    /// From the step's start to the slowest rank's end of its backward pass.
    var backward: Double
    var restarts: Int
    var redoneSteps: Int
    /// Allreduces (fusion buffers) per step and their summed time.
    var allreduces: Double
    var allreduceNanoseconds: Double

    init(_ program: DeepLearningProgram, warmup: Int, step: Double) {
        self.step = step
        backward = program.steadyBackwardNanoseconds(warmup: warmup) ?? step
        restarts = program.restarts
        redoneSteps = program.redoneSteps
        let skipped = min(max(warmup, 0), program.iterations - 1)
        let steps = Double(program.iterations - skipped)
        let counted = program.horovod?.log.buffers.filter { $0.step > skipped } ?? []
        allreduces = Double(counted.count) / steps
        allreduceNanoseconds = counted.reduce(0.0) {
            $0 + Double($1.end.nanosecondsSinceStart - $1.start.nanosecondsSinceStart)
        } / steps
    }
}

extension DeepLearningRun {
    /// A point's training: a barrier stage of a task per GPU, 1 GPU and 1 core each.
    static func trainingSetup(_ program: DeepLearningProgram) -> TrainingSetup {
        var setup = TrainingSetup(style: .steps(program), partitions: program.workers, rows: 0, bytesPerRow: 0)
        setup.taskCPUs = 1
        setup.taskGPUs = 1
        return setup
    }
}

/// One model at one GPU count.
struct DeepLearningRow {
    var model: String
    var gpus: Int
    var throughput: Double
    var efficiency: Double
    var plan: DataParallelStepPlan
    var measured: MeasuredStep

    /// The point as Report's record.
    var point: DeepLearningPoint {
        var point = DeepLearningPoint(
            model: model, gpus: gpus, throughput: throughput, efficiency: efficiency,
            stepNanoseconds: Int64(measured.step.rounded()), computeNanoseconds: plan.compute.nanoseconds,
            backwardEndNanoseconds: Int64(measured.backward.rounded()), allreduces: Int(measured.allreduces.rounded()),
            allreduceNanoseconds: Int64(measured.allreduceNanoseconds.rounded()), updateNanoseconds: plan.update.nanoseconds)
        point.restarts = measured.restarts
        point.redoneSteps = measured.redoneSteps
        return point
    }
}

extension DeepLearningRun {
    /// What the scenario assumed, each quantity spelled by its own type.
    static func setup(_ workload: Scenario.DeepLearningWorkload, cluster: Scenario.Cluster) -> DeepLearningSetup {
        DeepLearningSetup(
            batchSize: workload.batchSize, gpuModel: cluster.gpu?.model, gpuFlops: cluster.gpu?.flops?.description,
            clusterHasGPU: cluster.gpu != nil, efficiency: "\(workload.efficiency)", winograd: workload.winograd,
            precision: workload.precision.rawValue, fusionThreshold: "\(workload.fusionThreshold)",
            cycleTime: "\(workload.cycleTime)", allreduce: workload.allreduce.rawValue, overlap: workload.overlap,
            ncclStepLatency: "\(workload.nccl.stepLatency)", ncclLaunchLatency: "\(workload.nccl.launchLatency)",
            ncclGoodput: "\(workload.nccl.goodput)", controlMessageCost: "\(workload.controlMessageCost)")
    }
}

import Report
import Sim
import Workloads

/// `kind: deep-learning`.
struct DeepLearningDecoder: SectionDecoder {
    let sink: DecodingSink

    static let deepLearningKeys = ["kind", "model", "models", "batch_size", "iterations", "warmup", "allreduce",
                                   "fusion_threshold", "cycle_time", "overlap", "precision", "scale_gpus",
                                   "efficiency", "winograd", "nccl_step_latency", "nccl_launch_latency",
                                   "link_goodput", "control_message_cost", "published_efficiency",
                                   "checkpoint_every", "spare_hosts"]

    func decodeDeepLearning(_ f: Fields, ctx: WorkloadContext) -> Scenario.DeepLearningWorkload? {
        typealias DL = Scenario.DeepLearningWorkload
        guard exclusive(f, ["model", "models"], expected: "model: <name> or models: [<name>, ...], not both")
        else { return nil }
        let models = decodeModels(f)
        let batch = f.present("batch_size").map { int($0, "batch_size", range: 1...1 << 20) } ?? 64
        let iterations = f.present("iterations").map { int($0, "iterations", range: 1...ScenarioLimits.maxIterations) }
            ?? 20
        let warmup = f.present("warmup").map { int($0, "warmup", range: 0...ScenarioLimits.maxIterations) } ?? 5
        let algorithms = AllreduceCost.Algorithm.allCases.map(\.rawValue)
        let allreduce = f.present("allreduce").map {
            choice($0, "allreduce", algorithms).flatMap(AllreduceCost.Algorithm.init(rawValue:))
        } ?? .ring
        let threshold = f.present("fusion_threshold").map { size($0, "fusion_threshold") } ?? ByteCount(bytes: 64 << 20)
        let cycle = f.present("cycle_time").map { duration($0, "cycle_time") } ?? .milliseconds(5)
        let overlap = f.present("overlap").map { bool($0, "overlap") } ?? true
        let precisions = DL.Precision.allCases.map(\.rawValue)
        let precision = f.present("precision").map {
            choice($0, "precision", precisions).flatMap(DL.Precision.init(rawValue:))
        } ?? .fp32
        let efficiency = f.present("efficiency").map {
            double($0, "efficiency", expected: "a fraction of peak in (0, 1], like 0.36") { $0 > 0 && $0 <= 1 }
                .map { Efficiency($0) }
        } ?? Efficiency(0.36)
        let winograd = f.present("winograd").map { bool($0, "winograd") } ?? true
        let stepLatency = f.present("nccl_step_latency").map { duration($0, "nccl_step_latency") } ?? .zero
        let launchLatency = f.present("nccl_launch_latency").map { duration($0, "nccl_launch_latency") } ?? .zero
        let goodput = f.present("link_goodput").map {
            double($0, "link_goodput", expected: "a fraction of the line rate in (0, 1], like 0.93") { $0 > 0 && $0 <= 1 }
                .map { Efficiency($0) }
        } ?? .full
        let messageCost = f.present("control_message_cost").map { duration($0, "control_message_cost") } ?? .zero
        let checkpointEvery = f.present("checkpoint_every").map {
            int($0, "checkpoint_every", range: 1...ScenarioLimits.maxIterations)
        }
        let spareHosts = f.present("spare_hosts").map { int($0, "spare_hosts", range: 0...1 << 20) } ?? 0
        let scale = required(f, "scale_gpus", expected: "GPU counts in ascending order, like [1, 8, 64]")
            .flatMap { decodeScale($0, ctx: ctx) }
        guard let models, let batch, let iterations, let warmup, let allreduce, let threshold, let cycle, let overlap,
              let precision, let efficiency, let winograd, let scale, let stepLatency, let launchLatency, let goodput,
              let messageCost, checkpointEvery != .some(nil), let spareHosts
        else { return nil }
        if allreduce == .hierarchical, let perHost = ctx.cluster.flatMap(Self.gpusPerHost),
           let odd = scale.first(where: { $0 > perHost && $0 % perHost != 0 }), let at = f.keyPosition("scale_gpus")
        {
            report(at, "hierarchical allreduce on \(odd) GPUs leaves a host partly used",
                   expected: "GPU counts that are multiples of the \(perHost) GPUs per host, or allreduce: ring")
            return nil
        }
        var published: PublishedEfficiencies?
        if let node = f.present("published_efficiency") {
            guard let decoded = PublishedEfficiencyDecoder(sink: sink).decode(node, models: models, scale: scale)
            else { return nil }
            published = decoded
        }
        return DL(models: models, batchSize: batch, iterations: iterations, warmup: warmup, allreduce: allreduce,
                  fusionThreshold: threshold, cycleTime: cycle, overlap: overlap, precision: precision,
                  scaleGPUs: scale, efficiency: efficiency, winograd: winograd,
                  nccl: .init(stepLatency: stepLatency, launchLatency: launchLatency, goodput: goodput),
                  controlMessageCost: messageCost, published: published,
                  checkpointEvery: checkpointEvery.flatMap { $0 }, spareHosts: spareHosts)
    }

    private func decodeModels(_ f: Fields) -> [String]? {
        let names = ModelProfile.catalog.map(\.name)
        if let single = f.value("model") { return choice(single, "model", names).map { [$0] } }
        guard let node = required(f, "models", expected: "model: <name> or models: [<name>, ...]"),
              let items = list(node, "models", expected: "a list of models like [resnet-101, vgg-16]")
        else { return nil }
        if items.isEmpty {
            report(node.position, "models is an empty list", expected: "one or more of " + names.joined(separator: ", "))
            return nil
        }
        var models: [String] = []
        for item in items {
            guard let name = choice(item, "model", names) else { return nil }
            if models.contains(name) {
                report(item.position, "model '\(name)' is listed twice", expected: "each model once")
                return nil
            }
            models.append(name)
        }
        return models
    }

    /// Ascending, distinct GPU counts that the cluster can hold (hosts × GPUs per host).
    private func decodeScale(_ node: SourceNode, ctx: WorkloadContext) -> [Int]? {
        let expected = "GPU counts in ascending order, like [1, 8, 64]"
        guard let items = list(node, "scale_gpus", expected: expected) else { return nil }
        if items.isEmpty {
            report(node.position, "scale_gpus is an empty list", expected: expected)
            return nil
        }
        var counts: [Int] = []
        for item in items {
            guard let n = int(item, "scale_gpus", range: 1...ScenarioLimits.maxTasksPerStage) else { return nil }
            if let last = counts.last, n <= last {
                report(item.position, "scale_gpus: \(n) does not follow \(last)", expected: expected)
                return nil
            }
            counts.append(n)
        }
        guard let cluster = ctx.cluster else { return counts }
        guard cluster.gpu?.flops != nil else {
            report(node.position, "deep-learning needs the GPUs' compute rate",
                   expected: "cluster.gpu: {flops: ...}, like {model: p100, flops: 9.3TFLOPS}")
            return nil
        }
        guard let perHost = Self.gpusPerHost(cluster) else {
            report(node.position, "deep-learning needs the same number of GPUs (at least 1) on every host",
                   expected: "a cluster whose hosts all have equal GPU counts, like executor: {gpus: 4}")
            return nil
        }
        let capacity = perHost * cluster.hosts.count
        if let last = counts.last, last > capacity {
            report(items[items.count - 1].position, "scale_gpus: \(last) but the cluster has \(capacity) GPUs",
                   expected: "at most \(capacity) (\(cluster.hosts.count) hosts x \(perHost) GPUs)")
            return nil
        }
        return counts
    }

    /// GPUs per host when every host has the same positive number, else nil.
    static func gpusPerHost(_ cluster: Scenario.Cluster) -> Int? {
        var perHost: [String: Int] = [:]
        for executor in cluster.executors { perHost[executor.host, default: 0] += executor.gpus }
        guard let first = cluster.hosts.first.flatMap({ perHost[$0.id] }), first > 0,
              cluster.hosts.allSatisfy({ perHost[$0.id] == first }) else { return nil }
        return first
    }
}

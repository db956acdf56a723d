import Foundation
import Lab
import Sim
import Testing
import TestSupport
import Workloads

/// The deep-learning workload: the analytic allreduce against the flow simulation, the
/// scenario's outputs, and its diagnostics.
@Suite struct DeepLearningRunTests {
    static let network = NetworkParameters(
        hostLink: Bandwidth(bitsPerSecond: 25_000_000_000), latency: .microseconds(2),
        intraHost: Bandwidth(bitsPerSecond: 384_000_000_000))

    /// The buffer sizes the three benchmark models produce (64 MiB fusion, 5 ms cycles).
    static func bufferSizes() -> [Int64] {
        let gpu = GPUCompute(peak: FlopRate(flopsPerSecond: 9_300_000_000_000), efficiency: Efficiency(0.36))
        var sizes: [Int64] = []
        for profile in [ModelProfile.resNet101, .inceptionV3, .vgg16] {
            let plan = DataParallelStepModel(profile: profile, batchSize: 64, gpu: gpu).plan(workers: 8)
            sizes += plan.buffers.map(\.bytes)
        }
        // The smallest, the median and the largest, to keep the flow runs short.
        let sorted = sizes.sorted()
        return [sorted[0], sorted[sorted.count / 2], sorted[sorted.count - 1]]
    }

    @Test(arguments: [(AllreduceCost.Algorithm.ring, 8), (.ring, 16), (.ring, 64), (.hierarchical, 8),
                      (.hierarchical, 64)])
    func analyticAllreduceAgreesWithTheFlowSimulationWithinTwoPercent(_ algorithm: AllreduceCost.Algorithm,
                                                                       _ ranks: Int) {
        let cost = AllreduceCost(algorithm: algorithm, network: Self.network, gpusPerHost: 4)
        let hosts = cost.rankHosts(workers: ranks)
        for bytes in Self.bufferSizes() {
            var flow = CollectiveSimulation(topology: NetworkTopology(
                parameters: Self.network, racks: 1, hostsPerRack: ranks / 4))
            let schedule = CollectiveSchedule.build(algorithm == .ring ? .ring : .hierarchical, ranks: ranks,
                                                    bytesPerRank: bytes, rankHosts: hosts)
            let id = flow.start(schedule, rankHosts: hosts)
            flow.run()
            let simulated = Double(flow.outcome(of: id)!.duration.nanoseconds)
            let analytic = Double(cost.duration(bytes: bytes, workers: ranks).nanoseconds)
            #expect(abs(analytic - simulated) / simulated < 0.02,
                    "\(algorithm) \(ranks) ranks \(bytes) B: analytic \(analytic) ns, flow \(simulated) ns")
        }
    }

    /// NCCL's per-step latency and the link goodput, as the scenario sets them.
    static let nccl = AllreduceCost.NCCLOverheads(stepLatency: .nanoseconds(6_600), launchLatency: .nanoseconds(8_400),
                                                  goodput: Efficiency(0.926))

    /// The flow simulation knows no NCCL, so it carries the overheads on the wire: each
    /// network step's path latency (two links) is the step latency, the links run at the
    /// goodput; the analytic ring with `nccl` must then agree with it (launch aside).
    @Test(arguments: [(AllreduceCost.Algorithm.ring, 8), (.ring, 16), (.ring, 64), (.hierarchical, 64)])
    func analyticAllreduceWithNCCLOverheadsAgreesWithTheFlowSimulationCarryingThemOnTheWire(
        _ algorithm: AllreduceCost.Algorithm, _ ranks: Int)
    {
        let line = Self.network
        let wire = NetworkParameters(
            hostLink: Bandwidth(bitsPerSecond: Int64(25_000_000_000.0 * Self.nccl.goodput.fraction)),
            latency: .nanoseconds(Self.nccl.stepLatency.nanoseconds / 2), intraHost: line.intraHost)
        let cost = AllreduceCost(algorithm: algorithm, network: line, gpusPerHost: 4, nccl: Self.nccl)
        let hosts = cost.rankHosts(workers: ranks)
        for bytes in Self.bufferSizes() + [4_096] {
            var flow = CollectiveSimulation(topology: NetworkTopology(parameters: wire, racks: 1, hostsPerRack: ranks / 4))
            let schedule = CollectiveSchedule.build(algorithm == .ring ? .ring : .hierarchical, ranks: ranks,
                                                    bytesPerRank: bytes, rankHosts: hosts)
            let id = flow.start(schedule, rankHosts: hosts)
            flow.run()
            let simulated = Double(flow.outcome(of: id)!.duration.nanoseconds)
            let analytic = Double((cost.duration(bytes: bytes, workers: ranks) - Self.nccl.launchLatency).nanoseconds)
            #expect(abs(analytic - simulated) / simulated < 0.02,
                    "\(algorithm) \(ranks) ranks \(bytes) B: analytic \(analytic) ns, flow \(simulated) ns")
        }
    }

    static func load() throws -> Scenario {
        let path = "scenarios/horovod-scaling.yaml"
        return try ScenarioLoader.load(text: String(contentsOf: RepositoryPaths.resolve(path), encoding: .utf8),
                                       file: path)
    }

    @Test func scalingCSVHasExactlyTheContractColumnsAndOneRowPerModelAndCount() throws {
        let folder = try ShippedRunCache.folder("scenarios/horovod-scaling.yaml")
        let csv = try #require(folder.files.first { $0.name == "scaling.csv" }?.contents)
        let lines = csv.split(separator: "\n")
        #expect(lines.first == "model,gpus,throughput_samples_per_s,scaling_efficiency")
        #expect(lines.count == 1 + 3 * 9)
        #expect(lines[1].hasPrefix("resnet-101,1,") && lines[1].hasSuffix(",1.0000"))
    }

    static let base = """
        name: dl
        cluster:
          racks: 1
          hosts_per_rack: 2
          executors_per_host: 1
          executor: {cores: 4, gpus: 4}
          gpu: {flops: 9.3TFLOPS}
        workload:

        """

    @Test(arguments: [
        ("  kind: deep-learning\n  model: resnet-102\n  scale_gpus: [1, 8]\n",
         "dl.yaml:10:10: model: unknown value 'resnet-102' (did you mean 'resnet-101'?)"),
        ("  kind: deep-learning\n  model: vgg-16\n  scale_gpus: [1, 16]\n",
         "dl.yaml:11:19: scale_gpus: 16 but the cluster has 8 GPUs"),
        ("  kind: deep-learning\n  model: vgg-16\n  scale_gpus: [8, 4]\n",
         "dl.yaml:11:19: scale_gpus: 4 does not follow 8"),
        ("  kind: deep-learning\n  model: vgg-16\n  scale_gpus: [1]\n  fusion_treshold: 1MiB\n",
         "dl.yaml:12:3: unknown key 'fusion_treshold'"),
    ])
    func badKeysAreReportedWithTheirPosition(_ workload: String, _ prefix: String) {
        do {
            _ = try ScenarioLoader.load(text: Self.base + workload, file: "dl.yaml")
            Issue.record("accepted: \(workload)")
        } catch let error as ScenarioError {
            #expect(error.description.hasPrefix(prefix), "\(error.description)")
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}

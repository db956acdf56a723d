import Engine
import Foundation
import Report
import Sim

/// The scenario as Report describes it: counts, each variant's workload shape, fault
/// kinds, and Spark settings spelled as Spark spells them.
extension ScenarioDescription {
    init(_ scenario: Scenario) {
        let cluster = scenario.cluster
        let network = cluster.network.map {
            NetworkDescription(hostLink: $0.hostLink.map(\.description), rackUplink: $0.rackUplink.map(\.description),
                               latency: "\($0.latency)")
        }
        let added = scenario.faults.filter { if case .executorAdded = $0 { return true } else { return false } }.count
        let clusterDescription = ClusterDescription(
            racks: cluster.racks.count, hosts: cluster.hosts.count, executors: cluster.executors.count,
            cores: cluster.executors.reduce(0) { $0 + $1.cores }, gpus: cluster.executors.reduce(0) { $0 + $1.gpus },
            executorsAdded: added, network: network, hostSlowdown: Self.hostSlowdown(scenario))
        let settingsFree = scenario.variants.map { Self.withoutWorkers($0.workload) }
        let variants = scenario.variants.enumerated().map { index, variant in
            VariantDescription(name: variant.name, kind: variant.workload.kind, shape: Self.shape(variant.workload),
                               sameSettingsAs: settingsFree.firstIndex(of: settingsFree[index])!)
        }
        self.init(name: scenario.name, seed: scenario.seed, seeds: scenario.seeds, description: scenario.description,
                  file: (scenario.file as NSString).lastPathComponent, version: SparksimVersion.current,
                  commandLineSettings: scenario.commandLineSettings, cluster: clusterDescription,
                  variants: variants, faults: scenario.faults.map(\.kind),
                  sparkSettings: scenario.spark.settings.map { setting in
                      SparkSetting(key: setting.key, value: Self.spell(setting.value),
                                   ignoredBecause: scenario.ignoredSettings.first { $0.key == setting.key }?.reason)
                  },
                  faultDetails: scenario.faults.enumerated().map { index, fault in
                      var description = FaultDescription(fault)
                      description.note = index < scenario.faultNotes.count ? scenario.faultNotes[index] : nil
                      return description
                  })
    }

    /// `cluster.cpu.host_slowdown` as written, and the factors the run draws from it.
    static func hostSlowdown(_ scenario: Scenario) -> HostSlowdownDescription? {
        guard let slowdown = scenario.cluster.cpu?.hostSlowdown, let drawn = HostSlowdowns(scenario) else { return nil }
        return HostSlowdownDescription(
            variation: slowdown.variation,
            written: slowdown.hosts.map { HostSlowdownDescription.Host(id: $0.host, factor: $0.factor) },
            factors: drawn.factors.map { HostSlowdownDescription.Host(id: $0.host, factor: $0.factor) })
    }

    /// A setting's value in Spark's own spelling (`30s`, `64m`).
    static func spell(_ value: SparkConfigValue) -> String {
        switch value {
        case .duration(let ns): return DurationFormat.spark(ns)
        case .bytes(let bytes): return ByteCount(bytes: bytes).description
        default: return value.description
        }
    }

    static func shape(_ workload: Scenario.Workload) -> WorkloadShape {
        switch workload {
        case .collective(let collective):
            let groups: WorkloadShape.CollectiveGroups
            switch collective.participants {
            case .ranks(let ranks): groups = .firstHosts(ranks: ranks)
            case .groups(let list): groups = .groups(list.map(\.count))
            }
            return .collective(algorithm: collective.algorithm.rawValue, bytesPerRank: collective.bytes.bytes,
                               groups: groups)
        case .logisticRegression(let training): return .training(style: training.style.rawValue, workers: training.partitions)
        case .kMeans(let training): return .training(style: training.style.rawValue, workers: training.partitions)
        case .gradientBoostedTrees(let training):
            return .training(style: training.style.rawValue, workers: training.partitions)
        case .scripted(let scripted):
            return .scripted(jobs: scripted.jobs.count, stages: scripted.jobs.reduce(0) { $0 + $1.stages.count },
                             tasks: scripted.jobs.reduce(0) { $0 + $1.stages.reduce(0) { $0 + $1.tasks } })
        case .application(let application):
            return .application(phases: application.phases.map { PhaseShape(kind: $0.kind, shape: shape($0)) })
        case .deepLearning:
            return .unspecified
        }
    }

    /// The workload with its worker count set to zero, so that two workloads compare
    /// equal exactly when only their worker count differs (one scaling line).
    static func withoutWorkers(_ workload: Scenario.Workload) -> Scenario.Workload {
        switch workload {
        case .logisticRegression(var training):
            training.partitions = 0
            return .logisticRegression(training)
        case .kMeans(var training):
            training.partitions = 0
            return .kMeans(training)
        case .gradientBoostedTrees(var training):
            training.partitions = 0
            return .gradientBoostedTrees(training)
        default:
            return workload
        }
    }
}

import Sim

/// Maps the scenario's faults onto the simulator's `FaultSpec`s.
///
/// Task-level faults (`task-failure`, `fetch-failure`) name Spark's task attempts and
/// shuffle fetches; they belong to the engine's backend adapter, not to the cluster, so
/// they map to nothing here.
enum FaultWiring {
    static func spec(_ fault: Scenario.Fault, cluster: Scenario.Cluster) -> FaultSpec? {
        switch fault {
        case .taskFailure, .fetchFailure:
            return nil
        case .executorLost(let executor, let at):
            return .executorLost(executor: executor, at: at)
        case .hostLost(let host, let at):
            return .hostLost(host: host, at: at)
        case .hostUnreachable(let host, let at):
            return .hostUnreachable(host: host, at: at)
        case .executorAdded(let executor, let at):
            return .executorAdded(ClusterWiring.executorSpec(executor, cluster: cluster), at: at)
        case .straggler(let host, let slowdown, let from, let until):
            return .straggler(host: host, slowdown: slowdown, from: from, until: until)
        case .linkDegraded(let host, let factor, let from, let until):
            return .linkDegraded(host: host, factor: factor, from: from, until: until)
        case .gpuFailed(let executor, let gpu, let at):
            return .gpuFailed(executor: executor, address: gpu, at: at)
        case .randomTaskFailures(let probability):
            return .randomWorkFailures(probability: probability)
        case .randomExecutorLoss(let mtbf, let distribution):
            switch distribution {
            case .exponential: return .randomExecutorLoss(mtbf: mtbf, distribution: .exponential)
            case .weibull(let shape): return .randomExecutorLoss(mtbf: mtbf, distribution: .weibull(shape: shape))
            }
        }
    }
}

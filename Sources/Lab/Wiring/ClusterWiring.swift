import Sim

/// Turns a scenario's `cluster:` into the simulator's vocabulary: executor specs for the
/// topology and the parameters of the flow network.
///
/// Lab is the only module that knows both the scenario and the simulator; keeping the
/// mapping in one place means a new scenario key changes one file.
enum ClusterWiring {
    /// The rack id given to hosts of a cluster that names no racks (docs/scenario.md: "without
    /// racks, all hosts are one rack").
    static let implicitRack = "rack"

    static func executorSpec(_ executor: Scenario.Executor, cluster: Scenario.Cluster) -> ExecutorSpec {
        let gpu = GPUSpec(model: cluster.gpu?.model, flops: cluster.gpu?.flops, memory: cluster.gpu?.memory)
        return ExecutorSpec(
            id: executor.id, host: executor.host, rack: executor.rack ?? implicitRack,
            cores: executor.cores, memory: executor.memory, cpuFlopsPerCore: cluster.cpu?.flopsPerCore,
            gpus: Array(repeating: gpu, count: executor.gpus))
    }

    /// The executors present at time 0, in the order the scenario defines them.
    static func topology(_ cluster: Scenario.Cluster) -> ClusterTopology {
        ClusterTopology(executors: cluster.executors.map { executorSpec($0, cluster: cluster) })
    }

    static func networkParameters(_ cluster: Scenario.Cluster) -> NetworkParameters {
        guard let network = cluster.network else { return .ideal }
        return NetworkParameters(
            hostLink: network.hostLink, rackUplink: network.rackUplink, latency: network.latency,
            rackUplinkLatency: network.rackUplinkLatency, intraHost: network.intraHost)
    }

    /// The flow network over the topology's hosts, host `i` of the topology being host
    /// `i` of the network.
    static func network(_ cluster: Scenario.Cluster, topology: ClusterTopology) -> Network {
        Network(topology: NetworkTopology(parameters: networkParameters(cluster), hostRacks: topology.hostRacks))
    }
}

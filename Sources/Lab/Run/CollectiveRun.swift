import Report
import Sim

/// docs/scenario.md's `collective` workload: one collective operation per group, all started
/// at time 0 on the simulated network, measured as nccl-tests measures one on hardware.
///
/// Groups run at the same time and compete for links. Cluster faults act while they run
/// (a degraded link slows them; a lost host aborts its transfers, and a group that can no
/// longer finish has an empty `time_ns`). The run ends when every group has finished or
/// nothing is left to happen.
enum CollectiveRun {
    static let scope = RunScope.collective
    /// Random executor losses are drawn up to this instant; the run stops long before.
    static let faultHorizon = SimInstant.zero + .seconds(365 * 24 * 3600)

    static func run(_ scenario: Scenario, _ workload: Scenario.CollectiveWorkload,
                    streams: RandomStreams) -> RunOutcome {
        var cluster = SimulatedCluster(scenario.cluster, faults: scenario.faults, streams: streams, horizon: faultHorizon)
        let algorithm = workload.algorithm
        var started: [(id: CollectiveGroupID, ranks: Int)] = []
        for rankHosts in groups(workload.participants, topology: cluster.topology) {
            let schedule = CollectiveSchedule.build(
                algorithm, ranks: rankHosts.count, bytesPerRank: workload.bytes.bytes, rankHosts: rankHosts)
            let id = cluster.collectives.start(
                schedule, rankHosts: rankHosts, network: &cluster.network, in: &cluster.simulation)
            started.append((id, rankHosts.count))
        }
        cluster.run { $0.collectives.runningCount > 0 }
        let rows = started.enumerated().map { group, start in
            CollectiveRecord(group: group, ranks: start.ranks, bytes: workload.bytes.bytes,
                             algorithm: workload.algorithm.rawValue,
                             durationNanoseconds: cluster.collectives.outcome(of: start.id)?.duration.nanoseconds)
        }
        var outcome = RunOutcome(
            scope: scope, trace: cluster.trace, executorsAtStart: scenario.cluster.executors.count,
            executorsAtEnd: cluster.topology.liveExecutors.count, faultsApplied: cluster.faults.records.count,
            end: cluster.simulation.now, collectives: rows,
            links: cluster.linkRows(),
            faultKindsNotSimulated: MembershipRun.notSimulated(scenario),
            abortedTransfers: cluster.abortedTransfers)
        outcome.linkUtilisation = cluster.linkUtilisation()
        return outcome
    }

    /// The host of each rank of each group: `ranks: n` takes the first n hosts in the
    /// order the cluster defines them; `groups:` names hosts, list order = rank order.
    static func groups(_ participants: Scenario.CollectiveWorkload.Participants,
                       topology: ClusterTopology) -> [[HostIndex]] {
        switch participants {
        case .ranks(let count):
            return [Array(topology.hosts.prefix(count).map(\.index))]
        case .groups(let groups):
            return groups.map { hosts in
                hosts.map { id in
                    guard let host = topology.host(id: id) else { preconditionFailure("validated host \(id) missing") }
                    return host
                }
            }
        }
    }
}

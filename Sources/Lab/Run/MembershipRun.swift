import Report
import Sim

/// A run of a workload the engine will execute once it exists (scripted jobs, training):
/// today only the cluster is simulated — executors present at time 0 and the faults
/// that act on the cluster — and the outcome says so.
enum MembershipRun {
    static let scope = RunScope.membership

    static func run(_ scenario: Scenario, streams: RandomStreams) -> RunOutcome {
        // Random executor losses need a run length, which the workload will define; until
        // the engine runs it, they are drawn only up to the last timed fault.
        let horizon = scenario.faults.compactMap(Self.instant).max() ?? .zero
        var cluster = SimulatedCluster(scenario.cluster, faults: scenario.faults, streams: streams, horizon: horizon)
        cluster.runUntilEmpty()
        var outcome = RunOutcome(
            scope: scope, trace: cluster.trace, executorsAtStart: scenario.cluster.executors.count,
            executorsAtEnd: cluster.topology.liveExecutors.count, faultsApplied: cluster.faults.records.count,
            end: cluster.simulation.now, links: cluster.linkRows(),
            faultKindsNotSimulated: notSimulated(scenario))
        outcome.linkUtilisation = cluster.linkUtilisation()
        return outcome
    }

    /// Fault kinds that need the engine (task-level faults and per-attempt failures);
    /// stragglers and GPU failures are recorded but act on nothing until tasks run.
    static func notSimulated(_ scenario: Scenario) -> [String] {
        var kinds: [String] = []
        for fault in scenario.faults {
            switch fault {
            case .taskFailure, .fetchFailure, .randomTaskFailures, .straggler, .gpuFailed:
                if !kinds.contains(fault.kind) { kinds.append(fault.kind) }
            default: continue
            }
        }
        return kinds
    }

    static func instant(_ fault: Scenario.Fault) -> SimInstant? {
        switch fault {
        case .executorLost(_, let at), .hostLost(_, let at), .executorAdded(_, let at), .gpuFailed(_, _, let at),
             .hostUnreachable(_, let at):
            return at
        case .straggler(_, _, let from, let until), .linkDegraded(_, _, let from, let until): return until ?? from
        default: return nil
        }
    }
}

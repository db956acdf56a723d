import Report
import Sim

/// Simulates what the foundation can simulate honestly: which executors exist, and when.
///
/// Executors present at time 0 are added first, in the order the scenario lists (or
/// generates) them; then the cluster-level faults (`executor-added`, `executor-lost`,
/// `host-lost`) take effect at their instants, through the simulation kernel, so that
/// faults at one instant apply in file order. Everything else a scenario describes — the
/// workload, task-level faults, stragglers, degraded links, random faults — needs the
/// Spark engine and the cluster models of later issues; `unsimulatedFaults` names them so
/// that reports can say so instead of pretending.
struct ClusterMembershipRun {
    enum Change {
        case add(Scenario.Executor, injected: Bool)
        case loseExecutor(String)
        case loseHost(String)
    }

    private(set) var trace: [TraceRow] = []
    private(set) var live: [Scenario.Executor] = []
    private(set) var faultsApplied = 0
    private(set) var lastEventInstant: SimInstant = .zero

    /// Runs the membership changes of `scenario` to completion.
    init(_ scenario: Scenario) {
        var simulation = Simulation<Change>()
        for executor in scenario.cluster.executors {
            _ = simulation.schedule(.add(executor, injected: false), at: .zero)
        }
        for fault in scenario.faults {
            switch fault {
            case .executorAdded(let executor, let at):
                _ = simulation.schedule(.add(executor, injected: true), at: at)
            case .executorLost(let executor, let at):
                _ = simulation.schedule(.loseExecutor(executor), at: at)
            case .hostLost(let host, let at):
                _ = simulation.schedule(.loseHost(host), at: at)
            default:
                continue
            }
        }
        var run = self
        _ = simulation.runUntilEmpty { sim, change in run.apply(change, at: sim.now) }
        self = run
    }

    /// The fault kinds of `scenario` this run did not simulate, in file order, once each.
    static func unsimulatedFaults(of scenario: Scenario) -> [String] {
        var kinds: [String] = []
        for fault in scenario.faults {
            switch fault {
            case .executorAdded, .executorLost, .hostLost: continue
            default: if !kinds.contains(fault.kind) { kinds.append(fault.kind) }
            }
        }
        return kinds
    }

    private mutating func apply(_ change: Change, at now: SimInstant) {
        let time = now.nanosecondsSinceStart
        lastEventInstant = now
        switch change {
        case .add(let executor, let injected):
            if injected {
                faultsApplied += 1
                record(time, "fault", executor: executor.id, host: executor.host,
                       detail: "executor-added \(executor.id)")
            }
            precondition(!live.contains { $0.id == executor.id }, "executor \(executor.id) added twice")
            live.append(executor)
            record(time, "executor-added", executor: executor.id, host: executor.host,
                   detail: "cores=\(executor.cores) gpus=\(executor.gpus)")
        case .loseExecutor(let id):
            faultsApplied += 1
            let host = live.first { $0.id == id }?.host
            record(time, "fault", executor: id, host: host, detail: "executor-lost \(id)")
            remove(live.filter { $0.id == id }, at: time, reason: "fault: executor-lost")
        case .loseHost(let host):
            faultsApplied += 1
            record(time, "fault", host: host, detail: "host-lost \(host)")
            remove(live.filter { $0.host == host }, at: time, reason: "fault: host-lost \(host)")
        }
    }

    private mutating func remove(_ executors: [Scenario.Executor], at time: Int64, reason: String) {
        for executor in executors {
            live.removeAll { $0.id == executor.id }
            record(time, "executor-lost", executor: executor.id, host: executor.host, detail: reason)
        }
    }

    private mutating func record(
        _ time: Int64, _ event: String, executor: String? = nil, host: String? = nil, detail: String
    ) {
        trace.append(TraceRow(timeNanoseconds: time, event: event, executor: executor, host: host, detail: detail))
    }
}

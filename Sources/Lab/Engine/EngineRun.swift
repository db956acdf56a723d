import Engine
import Report
import Sim

/// A scripted workload run by the engine on the simulated cluster: the whole thing,
/// from scenario to trace and summary counts.
///
/// The engine comes from a factory, so the same wiring runs Spark's scheduler
/// (`SparkScheduler`) or a test's fake. Random executor losses are drawn up to a year
/// (a run stops long before: when every job has ended, or when it stalls).
enum EngineRun {
    static let scope = RunScope.engine
    static let faultHorizon = SimInstant.zero + .seconds(365 * 86_400)
    /// A run with jobs left, no task running, no submission due and nothing traced for
    /// this long has stalled: what is left can never run. Long enough for Spark's own
    /// give-up timers (the barrier slot check fails a job after 40 × 15 s by default).
    static let stallLimit = SimDuration.seconds(86_400)

    /// The counts of `summary.csv`.
    struct Counts: Equatable {
        var jobsSucceeded: Int
        var jobsFailed: Int
        var tasksLaunched: Int
        var taskFailures: Int
        /// The instant the last job ended; nil when none did.
        var makespanNanoseconds: Int64?
    }

    /// What a run produced.
    struct Result {
        var outcome: RunOutcome
        var counts: Counts
        var stop: SimulatedDeployment.Stop
    }

    static func run(_ scenario: Scenario, _ workload: Scenario.ScriptedWorkload, streams: RandomStreams,
                    makeEngine: SchedulingEngineFactory) -> Result {
        let setup = DeploymentSetup(scenario)
        let plan = ScriptedPlan(workload, setup: setup)
        var result = run(setup, source: plan, taskFaults: TaskFaultTable(setup.faults, workload: workload),
                         streams: streams, makeEngine: makeEngine).result
        // The driver stops the application after its last job (`stop_after`).
        if let stop = workload.stopAfter, result.stop == .allJobsEnded {
            result.counts.makespanNanoseconds = (result.counts.makespanNanoseconds ?? 0) + stop.nanoseconds
        }
        return result
    }

    /// Runs `source`'s jobs on a deployment of `setup` until every job has ended (or the
    /// run stalls), with `makeEngine`'s scheduler.
    /// `prepare` sees the deployment before it starts (a source that asks about the cluster).
    static func run(_ setup: DeploymentSetup, source: any JobSource, taskFaults: TaskFaultTable,
                    streams: RandomStreams, makeEngine: SchedulingEngineFactory, stallLimit: SimDuration = stallLimit,
                    prepare: (SimulatedDeployment) -> Void = { _ in })
        -> (result: Result, deployment: SimulatedDeployment) {
        let deployment = SimulatedDeployment(setup, source: source, taskFaults: taskFaults, streams: streams,
                                             horizon: faultHorizon)
        prepare(deployment)
        deployment.start(makeEngine(setup.engineSettings, deployment.environment))
        let stop = deployment.run(stallLimit: stallLimit)
        return (result(of: deployment, setup: setup, stop: stop, stallLimit: stallLimit), deployment)
    }

    /// The outcome and counts of a deployment that has run.
    static func result(of deployment: SimulatedDeployment, setup: DeploymentSetup,
                       stop: SimulatedDeployment.Stop, stallLimit: SimDuration = stallLimit) -> Result {
        let trace = deployment.trace
        var cluster = deployment.cluster
        var outcome = RunOutcome(
            scope: scope, trace: trace.rows, executorsAtStart: setup.cluster.executors.count,
            executorsAtEnd: cluster.topology.liveExecutors.count, faultsApplied: cluster.faults.records.count,
            end: cluster.simulation.now, links: cluster.linkRows(), abortedTransfers: cluster.abortedTransfers)
        outcome.linkUtilisation = cluster.linkUtilisation()
        switch stop {
        case .allJobsEnded: break
        case .nothingPending: outcome.unfinishedReason = "nothing was left to happen with jobs unfinished"
        case .abandoned: outcome.unfinishedReason = "abandoned after an invariant broke"
        case .stalled:
            outcome.unfinishedReason = "stalled: no task ran and nothing happened for \(stallLimit) "
                + "(the jobs left can never run, e.g. no executor has the resources they need)"
        }
        let counts = Counts(jobsSucceeded: trace.jobsSucceeded, jobsFailed: trace.jobsFailed,
                            tasksLaunched: trace.tasksLaunched, taskFailures: trace.taskFailures,
                            makespanNanoseconds: trace.lastJobEnd)
        return Result(outcome: outcome, counts: counts, stop: stop)
    }

    /// The `summary.csv` row of a run.
    static func summary(_ result: Result, scenario: Scenario, variant: String) -> SummaryRow {
        let outcome = result.outcome
        return SummaryRow(
            scenario: scenario.name, variant: variant, seed: scenario.seed,
            makespanNanoseconds: result.counts.makespanNanoseconds, jobsSucceeded: result.counts.jobsSucceeded,
            jobsFailed: result.counts.jobsFailed, tasksLaunched: result.counts.tasksLaunched,
            taskFailures: result.counts.taskFailures, simulated: outcome.scope.rawValue,
            executorsAtStart: outcome.executorsAtStart, executorsAtEnd: outcome.executorsAtEnd,
            faultsApplied: outcome.faultsApplied)
    }
}

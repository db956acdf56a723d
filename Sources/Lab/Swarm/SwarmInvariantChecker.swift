import Engine
import Report
import Sim

/// The swarm's cross-layer invariants, checked after every event of a run: the kernel's
/// and the cluster's own checks (which trap), time that never goes back, and the trace
/// and the simulated executors against each other:
///
/// - every launched attempt ends at most once, never before it launched, and nothing is
///   launched on an executor the trace has seen lost;
/// - the executors never run an attempt the driver does not count running (each one
///   the driver counts ended is gone from its executor);
/// - no executor holds more cores than it has, and no GPU address more than one whole
///   (fractional shares add up to at most 1);
/// - no job ends twice (so none both succeeded and failed), and when the run ends every
///   submitted job has ended;
/// - a barrier stage attempt launches its whole task set at one instant.
///
/// Why here and not only in tests: these are the properties a user's regression test
/// trusts, and they involve three layers (engine, executors, cluster) that each check
/// only themselves. TigerBeetle's VOPR and FoundationDB's simulation tests check the same
/// way: state checkers that rebuild the truth from outside the component under test.
final class SwarmInvariantChecker: DeploymentObserver {
    /// At most this many violations are kept (the first is what shrinking looks for).
    static let keep = 20

    private(set) var violations: [String] = []
    /// Features and situations the run reached (coverage, not correctness).
    private(set) var reached: Set<String> = []
    var engine: SwarmCheckedEngine?

    private var lastInstant = SimInstant.zero
    private var rowsSeen = 0
    private var membership: Set<String> = []
    /// Attempts the trace shows running, by `job.stage#attempt#partition#taskAttempt`:
    /// their executors. A key may be open twice at once: a stage shared by two jobs is
    /// created again (a new stage id, attempts counted from 0 again, as in Spark) while a
    /// zombie attempt of the old one still runs.
    private var open: [String: [String]] = [:]
    private var jobEnds: [String: TraceEvent] = [:]
    private var submittedJobs: [String] = []
    /// Attempts the executors have been seen running.
    private var seenOnExecutors: Set<TaskID> = []
    /// Per barrier stage attempt: launches and their instants.
    private var barrierLaunches: [StageAttemptID: (count: Int, instants: Set<SimInstant>)] = [:]
    private var phasesBeforeFault: [TaskID: String] = [:]

    /// A broken invariant ends the run: what follows it proves nothing, and shrinking
    /// runs failing candidates hundreds of times.
    var wantsToStop: Bool { !violations.isEmpty }

    func report(_ violation: String) {
        if violations.count < Self.keep { violations.append(violation) }
    }

    // MARK: Each event

    func willHandle(_ event: LabEvent, in deployment: SimulatedDeployment) {
        guard case .fault = event else { return }
        phasesBeforeFault = deployment.backend.tasks.mapValues { Self.phaseName($0.phase) }
    }

    func didHandle(_ event: LabEvent, in deployment: SimulatedDeployment) {
        let now = deployment.cluster.simulation.now
        if now < lastInstant { report("time went back from \(lastInstant) to \(now)") }
        lastInstant = now
        deployment.cluster.simulation.checkInvariants()
        deployment.cluster.topology.checkInvariants()
        deployment.cluster.faults.checkInvariants()
        checkNewRows(deployment.trace.rows)
        checkExecutors(deployment, after: event)
        checkMapOutputs(deployment)
        if case .fault = event {
            for (task, phase) in phasesBeforeFault where deployment.backend.tasks[task] == nil {
                reached.insert("fault hit a task while \(phase)")
            }
            phasesBeforeFault = [:]
        }
    }

    private static func phaseName(_ phase: RunningTask.Phase) -> String {
        switch phase {
        case .launching: "launching"
        case .reading: "reading shuffle"
        case .working: "working"
        case .blocked: "in a barrier sync"
        }
    }

    // MARK: The trace

    private func key(_ row: TraceRow) -> String? {
        guard let job = row.job, let stage = row.stage, let attempt = row.stageAttempt,
              let partition = row.partition, let taskAttempt = row.taskAttempt else { return nil }
        return "\(job).\(stage)#\(attempt)#\(partition)#\(taskAttempt)"
    }

    private func checkNewRows(_ rows: [TraceRow]) {
        var previous = rowsSeen > 0 ? rows[rowsSeen - 1].timeNanoseconds : 0
        for index in rowsSeen..<rows.count {
            let row = rows[index]
            let at = "trace row \(index + 2) (t=\(row.timeNanoseconds) ns, \(row.event.rawValue))"
            if row.timeNanoseconds < previous { report("\(at): earlier than the row before it") }
            previous = row.timeNanoseconds
            switch row.event {
            case .executorAdded: membership.insert(row.executor ?? "")
            case .executorLost: membership.remove(row.executor ?? "")
            case .jobSubmitted: submittedJobs.append(row.job ?? "")
            case .jobSucceeded, .jobFailed:
                let job = row.job ?? ""
                if let earlier = jobEnds[job] { report("\(at): job \(job) ended again (it had \(earlier.rawValue))") }
                jobEnds[job] = row.event
            case .taskLaunched: launched(row, at: at)
            case .taskFinished, .taskFailed, .taskKilled:
                guard let key = key(row), let executor = row.executor else {
                    report("\(at): a task end without its ids")
                    continue
                }
                guard let index = open[key]?.firstIndex(of: executor) else {
                    report("\(at): \(key) ended on \(executor) but was not running there (ended twice, or never launched)")
                    continue
                }
                open[key]!.remove(at: index)
                if open[key]!.isEmpty { open[key] = nil }
            case .stageResubmitted: reached.insert("stage resubmitted")
            case .barrierSync: reached.insert("barrier sync completed")
            default: break
            }
            if row.event == .taskKilled, row.speculative != true { reached.insert("task killed") }
            if row.event == .taskLaunched, row.speculative == true { reached.insert("speculative copy launched") }
        }
        rowsSeen = rows.count
        // Once an event is handled, nothing the driver counts running is on a lost executor:
        // a loss fails its attempts at once (host-unreachable ones when the loss is noticed).
        for (key, executors) in open.sorted(by: { $0.key < $1.key }) {
            for executor in executors where !membership.contains(executor) {
                report("\(lastInstant): \(key) still runs on \(executor), which was lost")
            }
        }
    }

    private func launched(_ row: TraceRow, at: String) {
        guard let key = key(row), let executor = row.executor else {
            return report("\(at): a launch without its ids")
        }
        if !membership.contains(executor) { report("\(at): \(key) launched on \(executor), which is not alive") }
        if open[key]?.contains(executor) == true {
            report("\(at): \(key) launched on \(executor) while it was already running there")
        }
        open[key, default: []].append(executor)
    }

    // MARK: The executors

    private func checkExecutors(_ deployment: SimulatedDeployment, after event: LabEvent) {
        let backend = deployment.backend!
        guard !backend.tasks.isEmpty else { return }
        var cores: [String: Int] = [:]
        var shares: [String: Int] = [:]
        for task in backend.tasks.keys.sorted() {
            let running = backend.tasks[task]!
            let description = running.description
            let stageName = engine?.traceName[running.stage.key] ?? running.stage.key
            let key = "\(stageName)#\(description.stage.attempt)#\(description.partition)#\(description.attemptNumber)"
            if open[key]?.contains(description.executor) != true {
                report("\(lastInstant): executor \(description.executor) runs \(key), which the driver does not "
                    + "count running")
            }
            if seenOnExecutors.insert(task).inserted, engine?.stages[stageName]?.isBarrier == true {
                barrierLaunches[description.stage, default: (0, [])].count += 1
                barrierLaunches[description.stage]!.instants.insert(lastInstant)
            }
            cores[description.executor, default: 0] += description.cpus
            let share = engine?.stages[stageName]?.gpuShare ?? 10_000
            for address in description.gpuAddresses {
                shares["\(description.executor)/\(address)", default: 0] += share
            }
        }
        let topology = deployment.cluster.topology
        for (executor, used) in cores.sorted(by: { $0.key < $1.key }) {
            guard let index = topology.executor(id: executor) else {
                report("\(lastInstant): tasks run on \(executor), which the cluster never had")
                continue
            }
            let spec = topology.executors[index].spec
            if used > spec.cores { report("\(lastInstant): \(executor) runs tasks holding \(used) of \(spec.cores) cores") }
            if !topology.isLive(executor: executor) { report("\(lastInstant): tasks still run on lost \(executor)") }
        }
        for (address, used) in shares.sorted(by: { $0.key < $1.key }) where used > 10_000 {
            report("\(lastInstant): GPU \(address) is held \(Double(used) / 10_000) times over")
        }
        if shares.values.contains(where: { $0 > 0 && $0 < 10_000 }) { reached.insert("GPU address shared") }
    }

    /// Every map output the driver lists can be served by the executors (or hangs on a
    /// silent host): the two sides of the shuffle agree on what exists.
    private func checkMapOutputs(_ deployment: SimulatedDeployment) {
        guard let scheduler = engine?.scheduler else { return }
        let backend = deployment.backend!
        let topology = deployment.cluster.topology
        scheduler.forEachMapOutput { shuffle, partition, status in
            let read = ShuffleRead(mapStage: shuffle, mapPartition: partition, executor: status.executor,
                                   host: status.host, bytes: 0)
            let silent = topology.host(id: status.host).map { backend.silentHosts.contains($0) } ?? false
            if !backend.isReadable(read) && !silent {
                report("\(lastInstant): the driver lists map output \(partition) of \(shuffle) on \(status.executor) "
                    + "at \(status.host), which the executors cannot serve")
            }
        }
    }

    // MARK: The end

    /// Checks what must hold once the run is over; `ended` = every job ended.
    func finish(allJobsEnded: Bool) {
        if allJobsEnded {
            for job in submittedJobs where jobEnds[job] == nil { report("the run ended with job \(job) never ending") }
        }
        for (attempt, launches) in barrierLaunches.sorted(by: { $0.key < $1.key }) {
            let expected = engine?.barrierTaskSetSizes[attempt] ?? 0
            if launches.count != expected || launches.instants.count != 1 {
                report("barrier stage attempt \(attempt) launched \(launches.count) of \(expected) tasks at "
                    + "\(launches.instants.count) instants")
            }
        }
        if jobEnds.values.contains(.jobFailed) { reached.insert("a job failed") }
    }
}

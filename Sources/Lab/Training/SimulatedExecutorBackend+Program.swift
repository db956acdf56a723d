import Engine
import Sim

/// Training tasks on the simulated executors: each step of a task's program becomes
/// work on its host, a transfer on the network, a collective among its barrier peers or
/// a sync through Spark's coordinator (`ProgramStep`).
///
/// Program transfers carry tags in their own namespace (top byte `0xB0`), so the shuffle
/// read path ignores them; the deployment hands their completions here after each
/// cluster event, with a look at the running allreduces.
extension SimulatedExecutorBackend {
    static let programTagNamespace: UInt64 = 0xB0
    private static let broadcastKind: UInt64 = 1
    private static let resultKind: UInt64 = 2

    private static func programTag(_ kind: UInt64, _ value: Int) -> UInt64 {
        precondition(value >= 0 && value < 1 << 48, "programTag: \(value)")
        return programTagNamespace << 56 | kind << 48 | UInt64(value)
    }

    /// The task's current step is over (or its reads are done, or a sync released it):
    /// runs its next steps until one takes time.
    func advanceProgram(_ id: TaskID) {
        guard let task = tasks[id], let program = task.stage.program else {
            preconditionFailure("advanceProgram: \(id) is not a running training task")
        }
        let context = ProgramTask(id: id, partition: task.partition, executor: task.description.executor,
                                  host: task.host, stageAttempt: task.description.stage, cpus: task.description.cpus)
        while true {
            let step = program.driver.nextStep(program, task: context, cursor: &tasks[id]!.program, now: now)
            tasks[id]!.phase = .working
            switch step {
            case .work(let duration, _):
                let hostID = deployment.cluster.topology.hosts[task.host].id
                let slowdown = deployment.cluster.faults.plan.slowdownSchedule(forHost: hostID)
                let work = options.workVariation.map { $0.vary(duration) } ?? duration
                tasks[id]!.step = schedule(.segmentEnd(id), at: ComputeCost.finishInstant(
                    start: now, work: work, slowdown: slowdown))
                return
            case .fetchBroadcast(let broadcast, let bytes):
                let key = BroadcastCache.Key(broadcast: broadcast, executor: context.executor)
                if case .cached? = program.driver.broadcasts.state(key) { continue }
                if let index = program.driver.broadcasts.wait(id, for: key) {
                    _ = deployment.cluster.startTransfer(bytes: bytes, from: program.driver.driverHost, to: task.host,
                                                         tag: Self.programTag(Self.broadcastKind, index))
                }
                return
            case .sendToDriver(let bytes):
                _ = deployment.cluster.startTransfer(bytes: bytes, from: task.host, to: program.driver.driverHost,
                                                     tag: Self.programTag(Self.resultKind, id.rawValue))
                return
            case .allreduce(let pass, let bytes):
                arriveAtAllreduce(id, pass: pass, bytes: bytes, driver: program.driver)
                return
            case .allGather:
                callSync(id, .allGather)
                return
            case .finish:
                finish(id)
                return
            }
        }
    }

    /// `id` reached pass `pass`'s allreduce; the last of the stage attempt's tasks to
    /// arrive starts it on the network, ranks in partition order.
    private func arriveAtAllreduce(_ id: TaskID, pass: Int, bytes: Int64, driver: TrainingDriver) {
        let task = tasks[id]!
        let key = AllreduceTable.Key(stage: task.description.stage, pass: pass)
        guard let members = driver.allreduces.arrive(id, partition: task.partition, workers: task.stage.partitions,
                                                     key: key) else { return }
        guard case .barrier(.allreduce(let algorithm)) = driver.setup.style else {
            preconditionFailure("allreduce step without an allreduce style")
        }
        let hosts = members.map { tasks[$0]!.host }
        let schedule = CollectiveSchedule.build(algorithm, ranks: hosts.count, bytesPerRank: bytes, rankHosts: hosts)
        let group = deployment.cluster.startCollective(schedule, hosts: hosts)
        driver.allreduces.running.append(AllreduceTable.Running(group: group, members: members))
        checkAllreduces(driver)
    }

    /// After a cluster event: program transfers that arrived resume their tasks, and
    /// allreduces that finished resume their workers (at this instant); an allreduce
    /// whose worker died is abandoned (its flows stop taking bandwidth).
    func programClusterChanged(_ change: SimulatedCluster.Change, driver: TrainingDriver) {
        for transfer in change.completedTransfers where transfer.tag >> 56 == Self.programTagNamespace {
            let kind = (transfer.tag >> 48) & 0xFF, value = Int(transfer.tag & 0xFFFF_FFFF_FFFF)
            switch kind {
            case Self.broadcastKind:
                for waiter in driver.broadcasts.arrived(value) { resumeSoon(waiter) }
            case Self.resultKind:
                resumeSoon(TaskID(value))
            default:
                preconditionFailure("programClusterChanged: tag kind \(kind)")
            }
        }
        checkAllreduces(driver)
    }

    private func checkAllreduces(_ driver: TrainingDriver) {
        var still: [AllreduceTable.Running] = []
        for running in driver.allreduces.running {
            if deployment.cluster.collectives.outcome(of: running.group) != nil {
                for member in running.members { resumeSoon(member) }
            } else if running.members.contains(where: { tasks[$0] == nil }) {
                deployment.cluster.abortCollective(running.group)
            } else {
                still.append(running)
            }
        }
        driver.allreduces.running = still
    }

    /// Resumes a task waiting on a transfer or collective at this instant, as its own
    /// event (so a resumption never runs inside another task's step); a task that died
    /// meanwhile is skipped.
    private func resumeSoon(_ id: TaskID) {
        guard tasks[id] != nil else { return }
        precondition(tasks[id]!.step == nil, "resumeSoon: \(id) already has a step")
        tasks[id]!.step = schedule(.segmentEnd(id), at: now)
    }
}

extension SimulatedCluster {
    /// Starts `schedule` among `hosts` on this cluster's network (one exclusive access
    /// to the cluster, where three `inout` properties through a class would overlap).
    mutating func startCollective(_ schedule: CollectiveSchedule, hosts: [HostIndex]) -> CollectiveGroupID {
        collectives.start(schedule, rankHosts: hosts, network: &network, in: &simulation)
    }

    /// Stops a running collective and its flows.
    mutating func abortCollective(_ group: CollectiveGroupID) {
        collectives.abort(group, network: &network, in: &simulation)
    }
}

import Engine
import Sim

/// Each step of a task's program becomes work on its host, a transfer on the network, a
/// collective among its barrier peers or a sync through Spark's coordinator.
extension SimulatedExecutorBackend {
    /// The task's current step is over (its launch, its reads, its work, a transfer or a
    /// sync): runs its next steps until one takes time.
    func advance(_ id: TaskID) {
        guard let task = tasks[id] else { preconditionFailure("advance: \(id) is not running") }
        let context = programTask(task)
        while true {
            let step = task.stage.program.nextStep(context, cursor: &tasks[id]!.program, now: now)
            tasks[id]!.phase = .working
            if let work = step.hostWork {
                startHostWork(id, work: stretched(work, of: task), needsCore: step.needsCore)
                return
            }
            switch step {
            case .wait(let duration):
                // Not the host's CPU: neither its slowdown nor a straggler's applies.
                tasks[id]!.step = schedule(.segmentEnd(id), at: now + varied(duration))
                return
            case .pythonWorker:
                if takePythonWorker(id) { continue }
                startHostWork(id, work: stretched(deployment.controlPlane.pythonWorkerStartup, of: task),
                              needsCore: true)
                return
            case .readShuffle:
                beginReads(id)
                return
            case .compute, .pythonStartup, .exchange:
                preconditionFailure("advance: host work handled above")
            case .fetchBroadcast(let broadcast, let bytes):
                let key = BroadcastCache.Key(broadcast: broadcast, executor: context.executor)
                if case .cached? = broadcasts.state(key) { continue }
                if broadcasts.wait(id, for: key) {
                    startTransfer(bytes: bytes, from: deployment.driverHost, to: task.host, for: .broadcast(key))
                }
                return
            case .readCachedBlock(let bytes, let hostName):
                guard let source = deployment.cluster.topology.host(id: hostName) else {
                    preconditionFailure("advance: cached block on unknown host \(hostName)")
                }
                startTransfer(bytes: bytes, from: source, to: task.host, for: .cachedBlock(id))
                return
            case .sendToDriver(let bytes):
                tasks[id]!.resultBytes += bytes
                startTransfer(bytes: bytes, from: task.host, to: deployment.driverHost, for: .taskResult(id))
                return
            case .gradientsReady(let step, let group):
                gradientsReady(id, step: step, group: group)
                continue
            case .awaitAllreduces(let step):
                if awaitAllreduces(id, step: step) { return }
                continue
            case .allreduce(let pass, let bytes, let algorithm):
                arriveAtAllreduce(id, pass: pass, bytes: bytes, algorithm: algorithm)
                return
            case .sync(let call):
                callSync(id, call)
                return
            case .finish:
                finish(id)
                return
            }
        }
    }

    /// A stretch of `task`'s CPU work as its host takes it: times the host's persistent
    /// factor (`cluster.cpu.host_slowdown`, like a straggler that lasts the whole run),
    /// then times this stretch's own draw (`cluster.cpu.variation`).
    private func stretched(_ work: SimDuration, of task: RunningTask) -> SimDuration {
        varied(options.hostSlowdowns.map { $0.scale(work, onHost: task.description.host) } ?? work)
    }

    /// A stretch of work times its own draw (`cluster.cpu.variation`); unchanged, and no
    /// stream touched, without it.
    private func varied(_ work: SimDuration) -> SimDuration {
        options.workVariation.map { $0.vary(work) } ?? work
    }

    /// The task's current step took its time: the program goes on.
    func segmentEnded(_ id: TaskID) {
        tasks[id]!.step = nil
        if tasks[id]!.sharesCore {
            tasks[id]!.sharesCore = false
            endSharedWork(id, host: tasks[id]!.host)
        }
        advance(id)
    }

    /// The task as its program sees it.
    func programTask(_ task: RunningTask) -> ProgramTask {
        ProgramTask(id: task.id, partition: task.partition, executor: task.description.executor,
                    hostName: task.description.host, host: task.host, stageAttempt: task.description.stage,
                    cpus: task.description.cpus, executorCores: task.executorCores)
    }

    /// Starts a transfer on the network and remembers what it is for.
    @discardableResult
    func startTransfer(bytes: Int64, from source: HostIndex, to destination: HostIndex,
                       for purpose: TransferPurpose) -> TransferID {
        let transfer = deployment.cluster.startTransfer(bytes: bytes, from: source, to: destination, tag: 0)
        transfers[transfer] = purpose
        return transfer
    }

    /// `id` reached pass `pass`'s allreduce; the last of the stage attempt's tasks to
    /// arrive starts it on the network, ranks in partition order.
    private func arriveAtAllreduce(_ id: TaskID, pass: Int, bytes: Int64, algorithm: CollectiveAlgorithm) {
        let task = tasks[id]!
        let key = AllreduceTable.Key(stage: task.description.stage, pass: pass)
        guard let members = allreduces.arrive(id, partition: task.partition, workers: task.stage.partitions,
                                              key: key) else { return }
        let hosts = members.map { tasks[$0]!.host }
        let schedule = CollectiveSchedule.build(algorithm, ranks: hosts.count, bytesPerRank: bytes, rankHosts: hosts)
        let group = deployment.cluster.startCollective(schedule, hosts: hosts)
        logAllreduce(AllreduceStart(stageKey: task.stage.key, stageAttempt: task.description.stage.attempt, pass: pass,
                                    group: group))
        allreduces.running.append(AllreduceTable.Running(group: group, members: members))
        checkAllreduces()
    }

    /// After a cluster event: broadcasts and results that arrived resume their tasks, and
    /// allreduces that finished resume their workers (at this instant); an allreduce
    /// whose worker died is abandoned (its flows stop taking bandwidth).
    func programTransfersArrived(_ arrived: [(CompletedTransfer, TransferPurpose)]) {
        for (transfer, purpose) in arrived {
            switch purpose {
            case .horovod(let stage):
                horovodTransferArrived(stage, transfer: transfer.id)
            case .broadcast(let key):
                for waiter in broadcasts.arrived(key) { resumeSoon(waiter) }
            case .taskResult(let id), .cachedBlock(let id):
                resumeSoon(id)
            case .shuffleRead:
                preconditionFailure("programTransfersArrived: a shuffle read")
            }
        }
        checkAllreduces()
    }

    private func checkAllreduces() {
        var still: [AllreduceTable.Running] = []
        for running in allreduces.running {
            if deployment.cluster.collectives.outcome(of: running.group) != nil {
                for member in running.members { resumeSoon(member) }
            } else if running.members.contains(where: { tasks[$0] == nil }) {
                deployment.cluster.abortCollective(running.group)
            } else {
                still.append(running)
            }
        }
        allreduces.running = still
    }

    /// Resumes a task waiting on a transfer or collective at this instant, as its own
    /// event (so a resumption never runs inside another task's step); a task that died
    /// meanwhile is skipped.
    func resumeSoon(_ id: TaskID) {
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

import Engine
import Sim

/// A task's shuffle reads, its work, and how it ends.
extension SimulatedExecutorBackend {
    /// Starts one transfer per non-empty map output the task reads (parents in the order
    /// listed, map partitions in order), from the output's host to the task's. A missing
    /// output, or one whose executor (or, with the external shuffle service, whose host)
    /// is gone, is a fetch failure at once, as Spark's shuffle reader fails on it.
    func beginReads(_ id: TaskID) {
        var task = tasks[id]!
        if task.stage.program != nil { task.program.runStart = now }
        let partition = task.partition
        for parent in task.stage.parents {
            for mapPartition in 0..<plan.stage(parent).partitions {
                guard let status = mapOutputs.status(stage: parent, partition: mapPartition) else {
                    tasks[id] = task
                    let message = "Missing an output location for shuffle \(parent) partition \(partition)"
                    end(id, .fetchFailed(mapStageKey: parent, mapPartition: mapPartition, executor: "", host: "",
                                         message: message))
                    return
                }
                let bytes = ScriptedStage.bytesRead(from: status, partition: partition,
                                                    readerPartitions: task.stage.partitions)
                guard bytes > 0 else { continue }  // Spark skips empty blocks: nothing to fetch
                let read = ShuffleRead(mapStage: parent, mapPartition: mapPartition, executor: status.executor,
                                       host: status.host, bytes: bytes)
                guard isReadable(read), let source = deployment.cluster.topology.host(id: status.host) else {
                    tasks[id] = task
                    end(id, lostOutputFailure(read))
                    return
                }
                let transfer = deployment.cluster.startTransfer(
                    bytes: bytes, from: source, to: task.host, tag: Self.readTag(id, read: task.reads.count))
                task.reads.append(read)
                task.readTransfers.append(transfer)
                task.readsInFlight += 1
            }
        }
        task.phase = .reading
        tasks[id] = task
        if task.readsInFlight == 0 { readsDone(id) }
    }

    /// The tag of a read's transfer: the task id in the high 32 bits, the read's index in
    /// the low 32.
    static func readTag(_ id: TaskID, read index: Int) -> UInt64 {
        precondition(id.rawValue >= 0 && id.rawValue < 1 << 32 && index < 1 << 32, "readTag: \(id) read \(index)")
        return UInt64(id.rawValue) << 32 | UInt64(index)
    }

    /// Whether a map output can still be fetched: its executor is alive, or, with the
    /// external shuffle service, an executor of its host is.
    func isReadable(_ read: ShuffleRead) -> Bool {
        let topology = deployment.cluster.topology
        if topology.isLive(executor: read.executor) { return true }
        guard options.shuffleServiceEnabled, let host = topology.host(id: read.host) else { return false }
        return !topology.hosts[host].liveExecutors.isEmpty
    }

    /// The fetch failure of a read whose source is gone.
    func lostOutputFailure(_ read: ShuffleRead) -> TaskEndReason {
        .fetchFailed(mapStageKey: read.mapStage, mapPartition: read.mapPartition, executor: read.executor,
                     host: read.host, message: "Failed to fetch map output from lost executor \(read.executor)")
    }

    /// A shuffle-read transfer completed.
    func readFinished(_ transfer: CompletedTransfer) {
        let id = TaskID(Int(transfer.tag >> 32))
        let index = Int(transfer.tag & 0xFFFF_FFFF)
        // A task that ended while earlier completions of this instant were handed on (a kill
        // the engine decided meanwhile) no longer waits for its reads.
        // (No copy of the task is held while it changes: its arrays stay uniquely owned and
        // are updated in place, not copied once per completion.)
        guard tasks[id]?.readTransfers.indices.contains(index) == true,
              tasks[id]!.readTransfers[index] == transfer.id else { return }
        tasks[id]!.readTransfers[index] = nil
        tasks[id]!.readsInFlight -= 1
        if tasks[id]!.readsInFlight == 0, tasks[id]!.phase == .reading { readsDone(id) }
    }

    /// Every read is done: a fetch-failure fault without `after:` fires here, before
    /// the work; otherwise the work starts.
    private func readsDone(_ id: TaskID) {
        if let fault = tasks[id]!.fault, case .fetchFailure(_, _, nil) = fault {
            end(id, failure(of: fault, task: tasks[id]!))
            return
        }
        startStretch(id)
    }

    /// Starts the work up to the next barrier call, or to the end.
    func startStretch(_ id: TaskID) {
        if tasks[id]!.stage.program != nil { return advanceProgram(id) }
        var task = tasks[id]!
        let target = workTarget(task)
        let hostID = deployment.cluster.topology.hosts[task.host].id
        let slowdown = deployment.cluster.faults.plan.slowdownSchedule(forHost: hostID)
        var work = max(.zero, target - task.workDone)
        if let variation = options.workVariation { work = variation.vary(work) }
        let finish = ComputeCost.finishInstant(start: now, work: work, slowdown: slowdown)
        task.phase = .working
        task.step = schedule(.segmentEnd(id), at: finish)
        tasks[id] = task
    }

    /// The work done at the end of the current stretch: the next call's `after`, or the
    /// task's duration.
    private func workTarget(_ task: RunningTask) -> SimDuration {
        let duration = task.stage.duration(ofPartition: task.partition)
        let syncs = task.stage.syncs(ofPartition: task.partition)
        return task.nextSync < syncs.count ? min(syncs[task.nextSync].after, duration) : duration
    }

    /// A stretch of work is done: the task calls its next sync, or ends.
    func segmentEnded(_ id: TaskID) {
        tasks[id]!.step = nil
        if tasks[id]!.stage.program != nil { return advanceProgram(id) }
        tasks[id]!.workDone = workTarget(tasks[id]!)
        let syncs = tasks[id]!.stage.syncs(ofPartition: tasks[id]!.partition)
        if tasks[id]!.nextSync < syncs.count {
            callSync(id, syncs[tasks[id]!.nextSync].call)
        } else {
            finish(id)
        }
    }

    /// The work is over. A fault still pending fires now (a failure timed after the end
    /// fails the attempt at its end; the scenario named the attempt as failing), as does
    /// a random failure; otherwise the task succeeds, a shuffle-map task registering its
    /// output.
    func finish(_ id: TaskID) {
        let task = tasks[id]!
        if let fault = task.fault {
            end(id, failure(of: fault, task: task))
        } else if task.failsAtRandom {
            end(id, .exception("sparksim.InjectedTaskFailure: random-task-failures picked this attempt"))
        } else if task.stage.writesShuffleOutput {
            task.stage.program.map { $0.driver.taskSucceeded($0.role, task: task, at: now) }
            let status = MapStatus(executor: task.description.executor, host: task.description.host,
                                   sizesByReducer: task.stage.sizesByReducer(ofPartition: task.partition))
            mapOutputs.register(status, stage: task.stage.key, partition: task.partition,
                                partitions: task.stage.partitions)
            end(id, .success(status))
        } else {
            task.stage.program.map { $0.driver.taskSucceeded($0.role, task: task, at: now) }
            end(id, .success(nil))
        }
    }

    /// How an injected fault ends the attempt: `.exception`, or `.fetchFailed` naming the
    /// map output and where the executors last saw it.
    func failure(of fault: InjectedTaskFault, task: RunningTask) -> TaskEndReason {
        switch fault {
        case .failure:
            return .exception("sparksim.InjectedTaskFailure: task-failure fault")
        case .fetchFailure(let map, let mapPartition, _):
            let status = mapOutputs.status(stage: map, partition: mapPartition)
            return .fetchFailed(mapStageKey: map, mapPartition: mapPartition, executor: status?.executor ?? "",
                                host: status?.host ?? "", message: "sparksim.InjectedFetchFailure: fetch-failure fault")
        }
    }
}

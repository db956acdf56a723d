import Engine
import Sim

/// A task's shuffle reads (`TaskStep.readShuffle`) and how a task ends.
extension SimulatedExecutorBackend {
    /// Starts one transfer per non-empty map output the task reads (parents in the order
    /// listed, map partitions in order), from the output's host to the task's. A missing
    /// output, or one whose executor (or, with the external shuffle service, whose host)
    /// is gone, is a fetch failure at once, empty or not, as Spark's map output tracker
    /// fails the read (`MetadataFetchFailedException`: missing an output location).
    func beginReads(_ id: TaskID) {
        let task = tasks[id]!
        let partition = task.partition
        for parent in task.stage.parents {
            guard let mapStage = deployment.stageWork(parent) else {
                preconditionFailure("SimulatedExecutorBackend: \(task.stage.key) reads unknown stage \(parent)")
            }
            for mapPartition in 0..<mapStage.partitions {
                // The read asks the map output tracker now: an output never registered, or
                // unregistered since (its executor was lost, and no external shuffle service
                // keeps its files), is a MetadataFetchFailedException whatever its size.
                let read = mapOutputs.status(stage: parent, partition: mapPartition).map { status in
                    ShuffleRead(mapStage: parent, mapPartition: mapPartition, executor: status.executor,
                                host: status.host, bytes: StageWork.bytesRead(
                                    from: status, partition: partition, readerPartitions: task.stage.partitions))
                }
                guard let read, isReadable(read) else {
                    tasks[id] = task
                    let message = "Missing an output location for shuffle \(mapStage.job).\(mapStage.name) "
                        + "partition \(partition)"
                    end(id, .fetchFailed(mapStageKey: parent, mapPartition: mapPartition, executor: "", host: "",
                                         message: message))
                    return
                }
                let bytes = read.bytes
                guard bytes > 0 else { continue }  // Spark skips empty blocks: nothing to fetch
                guard let source = deployment.cluster.topology.host(id: read.host) else {
                    tasks[id] = task
                    end(id, lostOutputFailure(read))
                    return
                }
                if silentHosts.contains(source) {
                    // The fetch hangs: nothing answers until the driver removes the executor.
                    if task.stalledRead == nil { task.stalledRead = read }
                    task.readsInFlight += 1
                    continue
                }
                let transfer = startTransfer(bytes: bytes, from: source, to: task.host,
                                             for: .shuffleRead(id, index: task.reads.count))
                task.reads.append(read)
                task.readTransfers.append(transfer)
                task.readsInFlight += 1
            }
        }
        task.phase = .reading
        tasks[id] = task
        if task.readsInFlight == 0 { readsDone(id) }
    }

    /// Whether a map output can still be fetched: its executor is alive, or, with the
    /// external shuffle service, its host is (the service is a process of the host, as
    /// YARN's NodeManager runs it, and serves the files of executors that are gone; a lost
    /// host takes it down, and a silent one does not answer).
    func isReadable(_ read: ShuffleRead) -> Bool {
        if deployment.cluster.topology.isLive(executor: read.executor) { return true }
        guard options.shuffleServiceEnabled, let host = deployment.cluster.topology.host(id: read.host) else {
            return false
        }
        return !lostHosts.contains(read.host) && !silentHosts.contains(host)
    }

    /// The fetch failure of a read whose source is gone.
    func lostOutputFailure(_ read: ShuffleRead) -> TaskEndReason {
        .fetchFailed(mapStageKey: read.mapStage, mapPartition: read.mapPartition, executor: read.executor,
                     host: read.host, message: "Failed to fetch map output from lost executor \(read.executor)")
    }

    /// Shuffle read `index` of task `id` completed.
    func readFinished(_ transfer: CompletedTransfer, task id: TaskID, index: Int) {
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
    /// the work; otherwise the program goes on.
    private func readsDone(_ id: TaskID) {
        if let fault = tasks[id]!.fault, case .fetchFailure(_, _, nil) = fault {
            end(id, failure(of: fault, task: tasks[id]!))
            return
        }
        advance(id)
    }

    /// The work is over. A fault still pending fires now (a failure timed after the end
    /// fails the attempt at its end; the scenario named the attempt as failing), as does
    /// a random failure; otherwise the task succeeds, a shuffle-map task registering its
    /// output.
    func finish(_ id: TaskID) {
        let task = tasks[id]!
        // An attempt whose code fails `after:` its start fails then, even when its work
        // would have been done sooner (a failed attempt's run time, as an event log
        // records it, is not its partition's work): it holds its slot until the fault fires.
        if task.faultEvent != nil { return }
        if let fault = task.fault {
            end(id, failure(of: fault, task: task))
        } else if task.failsAtRandom {
            end(id, .exception("sparksim.InjectedTaskFailure: random-task-failures picked this attempt"))
        } else if task.stage.writesShuffleOutput {
            task.stage.program.taskSucceeded(programTask(task), at: now)
            let status = MapStatus(executor: task.description.executor, host: task.description.host,
                                   sizesByReducer: task.stage.sizesByReducer(ofPartition: task.partition))
            mapOutputs.register(status, stage: task.stage.key, partition: task.partition,
                                partitions: task.stage.partitions)
            end(id, .success(status))
        } else {
            task.stage.program.taskSucceeded(programTask(task), at: now)
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

import Engine
import Sim

/// What the cluster's changes mean for the executors and the engine: reads completing,
/// executors joining and dying.
extension SimulatedExecutorBackend {
    /// Spark's `CoarseGrainedSchedulerBackend.onDisconnected` reason: an executor process
    /// that dies is first seen as a dropped RPC connection, an `ExecutorProcessLost`
    /// whose `causedByApp` defaults to true, so its running tasks' failures count.
    static let processLostMessage = "Remote RPC client disassociated. Likely due to containers exceeding thresholds, "
        + "or network issues. Check driver logs for WARN messages."

    /// Passes on one cluster event's changes, in this order: completed reads; an added
    /// executor (the engine hears `executorAdded`); a failed GPU (the tasks holding it
    /// fail; the engine hears only their failures); lost executors, each with its running
    /// tasks ended silently (Spark's backend reports them through `executorLost`, not as
    /// status updates; `TaskSchedulerImpl.removeExecutor` fails them) and then the engine
    /// hearing `executorLost`; last, tasks elsewhere whose reads the loss broke end with
    /// a fetch failure, in task id order; last of all, broadcasts and results that arrived
    /// and allreduces that finished resume their tasks.
    func clusterChanged(_ change: SimulatedCluster.Change) {
        var programArrivals: [(CompletedTransfer, TransferPurpose)] = []
        for transfer in change.completedTransfers {
            guard let purpose = transfers.removeValue(forKey: transfer.id) else { continue }
            if case .shuffleRead(let task, let index) = purpose {
                readFinished(transfer, task: task, index: index)
            } else {
                programArrivals.append((transfer, purpose))
            }
        }
        if let index = change.addedExecutor {
            let id = deployment.cluster.topology.executors[index].id
            registeredAt[id] = now
            deployment.deliver(.executorAdded(executors.info(id)))
        }
        if let host = change.unreachableHost { hostWentSilent(host) }
        if let failed = change.failedGPU { gpuFailed(executor: failed.executor, address: failed.address) }
        if let fault = change.fault, fault.kind == .hostLost, let host = fault.host { lostHosts.insert(host) }
        if !change.lostExecutors.isEmpty {
            for index in change.lostExecutors {
                let executor = deployment.cluster.topology.executors[index]
                for id in tasksByExecutor[executor.id] ?? [] { remove(id) }
                deployment.deliver(.executorLost(executor.id, lossReason(change.fault)))
            }
            failBrokenReads(aborted: Set(change.abortedTransfers.map(\.id)))
        }
        for aborted in change.abortedTransfers {
            if case .horovod(let stage)? = transfers.removeValue(forKey: aborted.id) {
                horovodTransferAborted(stage, transfer: aborted.id)
            }
        }
        programTransfersArrived(programArrivals)
    }

    /// Why the engine is told the executor went: a lost host is Spark's worker loss
    /// (`ExecutorProcessLost` with the worker's host: not the app's fault); anything else
    /// (an `executor-lost` fault, a random loss) is a process that died.
    private func lossReason(_ fault: FaultRecord?) -> ExecutorLossReason {
        if let fault, fault.kind == .hostLost, let host = fault.host { return .hostLost(host) }
        return .processLost(causedByApp: true, message: Self.processLostMessage)
    }

    /// Ends every task with a read in flight that can no longer finish: its transfer was
    /// aborted (host lost) or its source is gone (no external shuffle service). The first
    /// broken read in the task's read order is the one reported.
    func failBrokenReads(aborted: Set<TransferID>) {
        func firstBroken(_ task: RunningTask) -> ShuffleRead? {
            guard task.readsInFlight > 0 else { return nil }
            if let stalled = task.stalledRead, !isReadable(stalled) { return stalled }
            for (index, transfer) in task.readTransfers.enumerated() {
                guard let transfer else { continue }
                if aborted.contains(transfer) || !isReadable(task.reads[index]) { return task.reads[index] }
            }
            return nil
        }
        // The dictionary's order only gathers the ids; they are ended in id order.
        let broken = tasks.values.compactMap { task in firstBroken(task).map { (task.id, $0) } }
        for (id, read) in broken.sorted(by: { $0.0 < $1.0 }) where tasks[id] != nil {
            end(id, lostOutputFailure(read))  // unless the engine killed it for an earlier one
        }
    }
}

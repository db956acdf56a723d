/// Executors joining and leaving: which map outputs die with them.
extension DAGScheduler {
    /// An executor registered (`handleExecutorAdded`): results from it count again, even
    /// from tasks created before an earlier loss of an executor with the same id.
    public mutating func handleExecutorAdded(_ executor: ExecutorID, host: HostID, now: EngineInstant) -> [DAGAction] {
        begin(now)
        executorFailureEpoch[executor] = nil
        shuffleFileLostEpoch[executor] = nil
        return finish()
    }

    /// An executor was lost (`handleExecutorLost`).
    ///
    /// Its map outputs are lost too unless an external shuffle service serves them
    /// (`spark.shuffle.service.enabled`); when the whole host is lost
    /// (`ExecutorLossReason.hostLost`, Spark's `workerHost`), every output on the host is
    /// lost, shuffle service or not. Either way, map-task successes from the executor by
    /// tasks created before now are ignored from here on (EL-02). Stages are not
    /// resubmitted here: a running map stage notices its missing outputs when its
    /// attempt ends, a later stage when it is submitted or when a fetch fails.
    public mutating func handleExecutorLost(_ executor: ExecutorID, reason: ExecutorLossReason,
                                            now: EngineInstant) -> [DAGAction] {
        begin(now)
        var workerHost: HostID?
        if case .hostLost(let host) = reason { workerHost = host }
        let fileLost = workerHost != nil || !shuffleServiceEnabled
        removeExecutorAndUnregisterOutputs(executor, fileLost: fileLost, host: workerHost, epoch: nil)
        return finish()
    }

    /// `removeExecutorAndUnregisterOutputs`: records the failure at `epoch` (the failing
    /// task's, or the current one) and, when files are lost and this epoch has not been
    /// handled for the executor yet, forgets its outputs (or its host's).
    mutating func removeExecutorAndUnregisterOutputs(_ executor: ExecutorID, fileLost: Bool, host: HostID?,
                                                     epoch: Int64?) {
        let currentEpoch = epoch ?? mapOutputTracker.epoch
        if executorFailureEpoch[executor].map({ $0 < currentEpoch }) ?? true {
            executorFailureEpoch[executor] = currentEpoch
        }
        guard fileLost, shuffleFileLostEpoch[executor].map({ $0 < currentEpoch }) ?? true else { return }
        shuffleFileLostEpoch[executor] = currentEpoch
        if let host {
            mapOutputTracker.removeOutputsOnHost(host)
        } else {
            mapOutputTracker.removeOutputsOnExecutor(executor)
        }
    }
}

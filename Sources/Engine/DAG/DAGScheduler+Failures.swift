/// Fetch failures and barrier-task failures: fail the stage attempt, forget the lost
/// outputs, resubmit after `RESUBMIT_TIMEOUT`, or abort after too many attempts.
extension DAGScheduler {
    /// A task could not read a map output (`FetchFailed` in `handleTaskCompletion`).
    ///
    /// A failure from an attempt older than the stage's latest is ignored. Otherwise the
    /// attempt is marked failed (once; later fetch failures of the same attempt find the
    /// stage no longer running), the map output is unregistered (all of them when the map
    /// stage is a barrier stage), and both stages are queued for one resubmission
    /// `RESUBMIT_TIMEOUT` later; the `maxConsecutiveAttempts`-th failed attempt aborts the
    /// stage instead. Finally the executor that served the output is treated as lost: all
    /// its outputs go (all of its host's, with an external shuffle service and
    /// `spark.files.fetchFailure.unRegisterOutputOnHost`), once per failure epoch.
    mutating func fetchFailed(_ attempt: StageAttemptID, mapStageKey: String, mapPartition: Int,
                              executor: ExecutorID, host: HostID, message: String) {
        let failedID = attempt.stage
        guard let mapStageID = shuffleToMapStage[mapStageKey] else {
            preconditionFailure("DAGScheduler: fetch failure names shuffle \(mapStageKey), which no live stage writes")
        }
        guard stages[failedID]!.latestAttempt == attempt.attempt else { return }
        stages[failedID]!.failedAttemptIDs.insert(attempt.attempt)
        let shouldAbort = stages[failedID]!.failedAttemptIDs.count >= maxConsecutiveStageAttempts
        if runningStages.contains(failedID) {
            markStageAsFinished(failedID, error: message)
        }
        if stages[mapStageID]!.spec.isBarrier {
            mapOutputTracker.unregisterAllMapOutput(mapStageKey)
        } else {
            mapOutputTracker.unregisterMapOutput(mapStageKey, mapPartition: mapPartition, executor: executor,
                                                 host: host)
        }
        let failed = stages[failedID]!
        if failed.spec.isBarrier {
            switch failed.kind {
            case .shuffleMap: mapOutputTracker.unregisterAllMapOutput(failed.spec.key)
            case .result:
                abortStage(failedID, reason: "Could not recover from a failed barrier ResultStage. Most recent "
                    + "failure reason: \(message)")
            }
        }
        if shouldAbort {
            abortStage(failedID, reason: "\(failed.sparkName) (\(failed.name)) has failed the maximum allowable "
                + "number of times: \(maxConsecutiveStageAttempts). Most recent failure reason:\n\(message)")
        } else {
            let noResubmitQueued = !failedStages.contains(failedID)
            markFailed(failedID)
            markFailed(mapStageID)
            if noResubmitQueued {
                traceResubmission(of: [mapStageID, failedID], detail: "fetch failed")
                emit(.scheduleTimer(.resubmitFailedStages, at: now + Self.resubmitTimeout))
            }
        }
        let hostToUnregister = shuffleServiceEnabled && unregisterOutputOnHostOnFetchFailure ? host : nil
        removeExecutorAndUnregisterOutputs(executor, fileLost: true, host: hostToUnregister,
                                           epoch: failed.attemptEpochs[attempt.attempt])
    }

    /// A barrier task ended without success (`case failure: TaskFailedReason if
    /// task.isBarrier`): the whole attempt fails once.
    ///
    /// A failure from an older attempt is ignored. Otherwise every running task of the
    /// stage is killed, the attempt is marked failed with «Stage failed because barrier
    /// task ShuffleMapTask(s, p) finished unsuccessfully.\n<reason>», all of a map
    /// stage's outputs are unregistered (so the retry runs every partition) and the stage
    /// is resubmitted `RESUBMIT_TIMEOUT` later, once however many of its tasks fail. A
    /// failed barrier result stage cannot be retried (its output may be committed): its
    /// job fails. The `maxConsecutiveAttempts`-th failed attempt aborts the stage.
    ///
    /// Spark posts a stage-completed event for every failed task of the attempt; the
    /// trace records the attempt's failure once.
    mutating func barrierTaskFailed(_ attempt: StageAttemptID, partition: Int, failure: String) {
        let stageID = attempt.stage
        let stage = stages[stageID]!
        guard stage.latestAttempt == attempt.attempt else { return }
        let taskName = stage.sparkTaskName(partition: partition)
        let message = "Stage failed because barrier task \(taskName) finished unsuccessfully.\n\(failure)"
        emit(.killAllTaskAttempts(stageID, reason: "Task \(taskName) from barrier stage \(stage.sparkName) "
            + "(\(stage.name)) failed."))
        if runningStages.contains(stageID) {
            markStageAsFinished(stageID, error: message)
        }
        stages[stageID]!.failedAttemptIDs.insert(attempt.attempt)
        if stages[stageID]!.failedAttemptIDs.count >= maxConsecutiveStageAttempts {
            abortStage(stageID, reason: "\(stage.sparkName) (\(stage.name)) has failed the maximum allowable "
                + "number of times: \(maxConsecutiveStageAttempts). Most recent failure reason: \(message)")
            return
        }
        switch stage.kind {
        case .shuffleMap: mapOutputTracker.unregisterAllMapOutput(stage.spec.key)
        case .result:
            abortStage(stageID, reason: "Could not recover from a failed barrier ResultStage. Most recent "
                + "failure reason: \(message)")
        }
        let noResubmitQueued = !failedStages.contains(stageID)
        markFailed(stageID)
        if noResubmitQueued {
            traceResubmission(of: [stageID], detail: "barrier stage failed")
            emit(.scheduleTimer(.resubmitFailedStages, at: now + Self.resubmitTimeout))
        }
    }

    /// `failedStages += stage`. Spark also adds a stage its abort just removed (a failed
    /// barrier result stage); resubmitting it later does nothing, so it is not kept.
    private mutating func markFailed(_ stageID: StageID) {
        if stages[stageID] != nil { failedStages.insert(stageID) }
    }

    /// One `stage-resubmitted` row per distinct stage still alive, in the given order.
    private mutating func traceResubmission(of stageIDs: [StageID], detail: String) {
        var seen: [StageID] = []
        for id in stageIDs where !seen.contains(id) {
            seen.append(id)
            if let stage = stages[id] { trace(.stageResubmitted, stage: stage, detail: detail) }
        }
    }
}

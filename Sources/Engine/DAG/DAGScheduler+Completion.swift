/// Task completions: results, map outputs, stage and job completion.
extension DAGScheduler {
    /// `handleTaskCompletion`, after Spark's bookkeeping for listeners: an event for a
    /// stage that no longer exists (cancelled, or its jobs are done) changes nothing.
    mutating func taskCompleted(attempt: StageAttemptID, partition: Int, reason: TaskEndReason) {
        guard let stage = stages[attempt.stage] else { return }
        precondition((0..<stage.numPartitions).contains(partition),
                     "DAGScheduler: \(stage.sparkName) has no partition \(partition)")
        switch reason {
        case .success(let status):
            // A late success from an older (zombie) attempt still counts; the current
            // attempt need not run that partition (SPARK-23433).
            if attempt.attempt < stage.latestAttempt {
                emit(.notifyPartitionCompletion(stage.id, partition: partition))
            }
            switch stage.kind {
            case .result: resultTaskSucceeded(stage.id, partition: partition)
            case .shuffleMap:
                guard let status else { preconditionFailure("DAGScheduler: map task success without a MapStatus") }
                mapTaskSucceeded(attempt, partition: partition, status: status)
            }
        case .fetchFailed(let mapStageKey, let mapPartition, let executor, let host, let message):
            fetchFailed(attempt, mapStageKey: mapStageKey, mapPartition: mapPartition, executor: executor,
                        host: host, message: message)
        case .exception, .resultLost, .killed, .executorLost:
            // The task scheduler retries ordinary failures; only a barrier task's failure
            // fails its whole stage attempt.
            if stage.spec.isBarrier { barrierTaskFailed(attempt, partition: partition, failure: reason.description) }
        }
    }

    /// A result task succeeded: the job's partition is done, and the job with it when it
    /// was the last one.
    private mutating func resultTaskSucceeded(_ stageID: StageID, partition: Int) {
        guard let jobID = stages[stageID]!.resultJob, jobs[jobID] != nil, !jobs[jobID]!.finished[partition] else {
            return  // the job already has this result, or has ended
        }
        jobs[jobID]!.finished[partition] = true
        jobs[jobID]!.numFinished += 1
        let job = jobs[jobID]!
        guard job.numFinished == job.numPartitions else { return }
        markStageAsFinished(stageID)
        cancelRunningIndependentStages(jobID, reason: "Job \(jobID.rawValue) is finished.")
        cleanupStateForJobAndIndependentStages(jobID)
        // The result stage is this job's alone: speculative or zombie copies can go.
        emit(.killAllTaskAttempts(stageID, reason: "Stage finished"))
        trace(.jobSucceeded, job: job.name)
        emit(.jobEnded(jobID, name: job.name, succeeded: true, message: nil))
    }

    /// A map task succeeded: its output is registered unless the task was created before
    /// the latest loss of its executor that the scheduler processed (`executorFailureEpoch`,
    /// "ignoring possibly bogus ShuffleMapTask completion"); either way the partition is
    /// no longer pending, and the stage completes when none is.
    private mutating func mapTaskSucceeded(_ attempt: StageAttemptID, partition: Int, status: MapStatus) {
        let stageID = attempt.stage
        stages[stageID]!.pendingPartitions.remove(partition)
        guard let taskEpoch = stages[stageID]!.attemptEpochs[attempt.attempt] else {
            preconditionFailure("DAGScheduler: \(attempt) was never submitted")
        }
        if let failureEpoch = executorFailureEpoch[status.executor], taskEpoch <= failureEpoch {
            // Stale: the output may have died with the executor.
        } else {
            mapOutputTracker.registerMapOutput(stages[stageID]!.spec.key, mapPartition: partition, status: status)
        }
        if runningStages.contains(stageID), stages[stageID]!.pendingPartitions.isEmpty {
            processShuffleMapStageCompletion(stageID)
        }
    }

    /// `processShuffleMapStageCompletion`: the attempt is over. If outputs are missing (a
    /// stale success, or outputs lost meanwhile) the stage runs again for them; else its
    /// map-stage jobs succeed and the stages waiting on it are submitted.
    mutating func processShuffleMapStageCompletion(_ stageID: StageID) {
        markStageAsFinished(stageID)
        mapOutputTracker.incrementEpoch()
        let stage = stages[stageID]!
        if !mapOutputTracker.isAvailable(stage.spec.key) {
            trace(.stageResubmitted, stage: stage, detail: "map outputs lost")
            submitStage(stageID)
        } else {
            markMapStageJobsAsFinished(stageID)
            submitWaitingChildStages(stageID)
        }
    }

    /// `markMapStageJobsAsFinished`: every map-stage job waiting on the stage succeeds
    /// (Spark keeps them newest first).
    mutating func markMapStageJobsAsFinished(_ stageID: StageID) {
        let stage = stages[stageID]!
        guard mapOutputTracker.isAvailable(stage.spec.key) else { return }
        for jobID in stage.mapStageJobs.reversed() where jobs[jobID] != nil {
            markMapStageJobAsFinished(jobID)
        }
    }

    /// `markMapStageJobAsFinished`.
    mutating func markMapStageJobAsFinished(_ jobID: JobID) {
        jobs[jobID]!.finished[0] = true
        jobs[jobID]!.numFinished += 1
        let name = jobs[jobID]!.name
        cleanupStateForJobAndIndependentStages(jobID)
        trace(.jobSucceeded, job: name)
        emit(.jobEnded(jobID, name: name, succeeded: true, message: nil))
    }
}

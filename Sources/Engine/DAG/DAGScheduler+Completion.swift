/// Task completions: results, map outputs, stage and job completion.
extension DAGScheduler {
    /// `handleTaskCompletion`, after Spark's bookkeeping for listeners: an event for a
    /// stage that no longer exists (cancelled, or its jobs are done) changes nothing.
    mutating func taskCompleted(attempt: StageAttemptID, partition: Int, reason: TaskEndReason) {
        // The stage's fields are read in place (through a modify access): a copy of the
        // whole stage (its sets and tables retained and released) on every task end
        // showed in profiles.
        guard let position = stages.index(forKey: attempt.stage) else { return }
        let (numPartitions, latestAttempt, kind, isBarrier) = Self.essentials(of: &stages.values[position])
        precondition((0..<numPartitions).contains(partition),
                     "DAGScheduler: \(stages[attempt.stage]!.sparkName) has no partition \(partition)")
        let stageID = attempt.stage
        switch reason {
        case .success(let status):
            // A late success from an older (zombie) attempt still counts; the current
            // attempt need not run that partition (SPARK-23433).
            if attempt.attempt < latestAttempt {
                emit(.notifyPartitionCompletion(stageID, partition: partition))
            }
            switch kind {
            case .result: resultTaskSucceeded(stageID, partition: partition)
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
            if isBarrier { barrierTaskFailed(attempt, partition: partition, failure: reason.description) }
        }
    }

    /// What a task end reads of its stage, read from an `inout` so that no copy is made.
    private static func essentials(of stage: inout DAGStage) -> (Int, Int, DAGStage.Kind, Bool) {
        (stage.numPartitions, stage.latestAttempt, stage.kind, stage.spec.isBarrier)
    }

    private static func resultJob(of stage: inout DAGStage) -> JobID? { stage.resultJob }

    /// Marks the job's partition finished (in place); true when that finished the job.
    /// False, changing nothing, when the partition had finished already.
    private static func markFinished(_ job: inout ActiveJob, partition: Int) -> Bool {
        guard !job.finished[partition] else { return false }
        job.finished[partition] = true
        job.numFinished += 1
        return job.numFinished == job.numPartitions
    }

    /// A result task succeeded: the job's partition is done, and the job with it when it
    /// was the last one.
    private mutating func resultTaskSucceeded(_ stageID: StageID, partition: Int) {
        guard let position = stages.index(forKey: stageID),
              let jobID = Self.resultJob(of: &stages.values[position]),
              let jobPosition = jobs.index(forKey: jobID),
              Self.markFinished(&jobs.values[jobPosition], partition: partition) else {
            return  // the job already has this result, or has ended
        }
        let job = jobs[jobID]!
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

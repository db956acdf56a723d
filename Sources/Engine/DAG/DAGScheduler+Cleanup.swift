/// Ending stages and jobs: finishing, aborting, and forgetting what no job needs.
extension DAGScheduler {
    /// `markStageAsFinished`: the latest attempt is over, successfully (which resets the
    /// consecutive-failure count) or with `error`; the stage is no longer running.
    mutating func markStageAsFinished(_ stageID: StageID, error: String? = nil) {
        if error == nil { stages[stageID]!.failedAttemptIDs.removeAll() }
        let stage = stages[stageID]!
        if let error {
            trace(.stageFailed, stage: stage, detail: error)
        } else {
            trace(.stageCompleted, stage: stage)
        }
        runningStages.remove(stageID)
    }

    /// `abortStage`: every active job that depends on the stage fails with «Job aborted
    /// due to stage failure: <reason>». Nothing happens for a stage already forgotten.
    mutating func abortStage(_ stageID: StageID, reason: String) {
        guard stages[stageID] != nil else { return }
        let dependentJobs = jobs.keys.sorted().filter { stageDependsOn(jobs[$0]!.finalStage, stageID) }
        for jobID in dependentJobs where jobs[jobID] != nil {
            failJobAndIndependentStages(jobID, error: "Job aborted due to stage failure: \(reason)")
        }
    }

    /// `stageDependsOn`: whether `target` is `stage` or an ancestor reached through map
    /// stages whose outputs are not all available.
    func stageDependsOn(_ stage: StageID, _ target: StageID) -> Bool {
        if stage == target { return true }
        var visited: Set<StageID> = [stage]
        var toVisit = [stage]
        while let next = toVisit.popLast() {
            for parent in stages[next]!.parents
            where !mapOutputTracker.isAvailable(stages[parent]!.spec.key) && visited.insert(parent).inserted {
                toVisit.append(parent)
            }
        }
        return visited.contains(target)
    }

    /// `failJobAndIndependentStages`: kills the stages only this job needs, forgets the
    /// job's state, and reports the failure.
    mutating func failJobAndIndependentStages(_ jobID: JobID, error: String) {
        let name = jobs[jobID]!.name
        cancelRunningIndependentStages(jobID, reason: error)
        cleanupStateForJobAndIndependentStages(jobID)
        trace(.jobFailed, job: name, detail: error)
        emit(.jobEnded(jobID, name: name, succeeded: false, message: error))
    }

    /// `cancelRunningIndependentStages`: every running stage needed by this job alone is
    /// killed and marked failed with `reason`.
    mutating func cancelRunningIndependentStages(_ jobID: JobID, reason: String) {
        for stageID in (jobToStages[jobID] ?? []).sorted() {
            guard let stage = stages[stageID], stage.jobIDs == [jobID], runningStages.contains(stageID) else {
                continue
            }
            emit(.killAllTaskAttempts(stageID, reason: reason))
            markStageAsFinished(stageID, error: reason)
        }
    }

    /// `cleanupStateForJobAndIndependentStages`: the job is forgotten, and so is every
    /// stage no other job needs (a map stage's outputs stay in the tracker).
    mutating func cleanupStateForJobAndIndependentStages(_ jobID: JobID) {
        for stageID in (jobToStages[jobID] ?? []).sorted() {
            guard stages[stageID] != nil else { continue }
            stages[stageID]!.jobIDs.remove(jobID)
            guard stages[stageID]!.jobIDs.isEmpty else { continue }
            let stage = stages.removeValue(forKey: stageID)!
            runningStages.remove(stageID)
            waitingStages.remove(stageID)
            failedStages.remove(stageID)
            if stage.isShuffleMap, shuffleToMapStage[stage.spec.key] == stageID {
                shuffleToMapStage[stage.spec.key] = nil
            }
        }
        jobToStages[jobID] = nil
        let job = jobs.removeValue(forKey: jobID)!
        if stages[job.finalStage] != nil {
            if job.isMapStageJob {
                stages[job.finalStage]!.mapStageJobs.removeAll { $0 == jobID }
            } else {
                stages[job.finalStage]!.resultJob = nil
            }
        }
    }
}

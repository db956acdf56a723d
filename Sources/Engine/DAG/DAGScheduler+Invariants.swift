/// Read-only views and consistency checks (STYLE.md habit 7).
extension DAGScheduler {
    /// The ids of the jobs still running, ascending.
    public var activeJobIDs: [JobID] { jobs.keys.sorted() }

    /// The stages whose latest attempt is running, ascending.
    public var runningStageIDs: [StageID] { runningStages.sorted() }

    /// The stages waiting for their parents, ascending.
    public var waitingStageIDs: [StageID] { waitingStages.sorted() }

    /// The stages queued for the next `resubmitFailedStages`, ascending.
    public var failedStageIDs: [StageID] { failedStages.sorted() }

    /// The latest attempt number of a live stage (`latestInfo.attemptNumber`).
    public func latestAttempt(of stage: StageID) -> Int? { stages[stage]?.latestAttempt }

    /// The live stage writing a shuffle, by map stage key.
    public func mapStage(forKey key: String) -> StageID? { shuffleToMapStage[key] }

    /// Whether nothing about any job remains (Spark's `assertDataStructuresEmpty`): no
    /// jobs, stages, running/waiting/failed sets or pending slot checks. The map output
    /// tracker and the executor failure epochs are not job state and may remain.
    public var hasNoJobState: Bool {
        jobs.isEmpty && stages.isEmpty && jobToStages.isEmpty && shuffleToMapStage.isEmpty
            && runningStages.isEmpty && waitingStages.isEmpty && failedStages.isEmpty
            && jobsAwaitingSlotCheck.isEmpty && barrierCheckFailures.isEmpty && actions.isEmpty
    }

    /// Traps if the scheduler's maps disagree with each other.
    public func checkInvariants() {
        mapOutputTracker.checkInvariants()
        precondition(actions.isEmpty, "DAGScheduler: actions left over between events")
        for id in runningStages.union(waitingStages).union(failedStages) {
            precondition(stages[id] != nil, "DAGScheduler: stage \(id.rawValue) is listed but forgotten")
        }
        precondition(runningStages.isDisjoint(with: waitingStages), "DAGScheduler: a stage both runs and waits")
        for (key, id) in shuffleToMapStage {
            precondition(stages[id]?.spec.key == key && stages[id]!.isShuffleMap,
                         "DAGScheduler: shuffle \(key) maps to stage \(id.rawValue), which does not write it")
        }
        for (id, stage) in stages {
            checkStage(id, stage)
        }
        for (jobID, job) in jobs {
            checkJob(jobID, job)
        }
        for (jobID, stageIDs) in jobToStages {
            for stageID in stageIDs where stages[stageID] != nil {
                precondition(stages[stageID]!.jobIDs.contains(jobID),
                             "DAGScheduler: job \(jobID.rawValue) lists stage \(stageID.rawValue), "
                                 + "which does not list it")
            }
        }
    }

    private func checkStage(_ id: StageID, _ stage: DAGStage) {
        precondition(stage.id == id, "DAGScheduler: stage filed under the wrong id")
        precondition(stage.latestAttempt < max(stage.nextAttemptID, 1), "DAGScheduler: \(stage.sparkName) attempts")
        precondition(stage.pendingPartitions.allSatisfy { (0..<stage.numPartitions).contains($0) },
                     "DAGScheduler: \(stage.sparkName) pending partition out of range")
        precondition(stage.isShuffleMap || stage.pendingPartitions.isEmpty,
                     "DAGScheduler: \(stage.sparkName) is a result stage with pending partitions")
        for parent in stage.parents {
            precondition(stages[parent] != nil, "DAGScheduler: \(stage.sparkName) lost its parent \(parent.rawValue)")
        }
        for jobID in stage.jobIDs {
            precondition(jobToStages[jobID]?.contains(id) == true,
                         "DAGScheduler: \(stage.sparkName) lists job \(jobID.rawValue), which does not list it")
        }
        if let jobID = stage.resultJob {
            precondition(jobs[jobID]?.finalStage == id, "DAGScheduler: \(stage.sparkName) has a stale result job")
        }
        if stage.isShuffleMap {
            precondition(mapOutputTracker.containsShuffle(stage.spec.key),
                         "DAGScheduler: \(stage.sparkName) writes an unregistered shuffle")
        }
    }

    private func checkJob(_ jobID: JobID, _ job: ActiveJob) {
        precondition(job.id == jobID, "DAGScheduler: job filed under the wrong id")
        precondition(job.numFinished == job.finished.filter { $0 }.count,
                     "DAGScheduler: job \(jobID.rawValue) counts \(job.numFinished) finished partitions")
        precondition(job.numFinished < job.numPartitions, "DAGScheduler: job \(jobID.rawValue) finished but active")
        guard let stage = stages[job.finalStage] else {
            preconditionFailure("DAGScheduler: job \(jobID.rawValue) lost its final stage")
        }
        if job.isMapStageJob {
            precondition(stage.mapStageJobs.contains(jobID), "DAGScheduler: map-stage job not on its stage")
        } else {
            precondition(stage.resultJob == jobID, "DAGScheduler: result job not on its stage")
        }
    }
}

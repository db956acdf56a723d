/// Submitting stages: missing parents first, then a task set for the missing partitions.
extension DAGScheduler {
    /// `activeJobForStage`: the earliest-submitted active job that needs the stage.
    func activeJobForStage(_ stageID: StageID) -> JobID? {
        stages[stageID]!.jobIDs.sorted().first { jobs[$0] != nil }
    }

    /// `(firstJobId, id)`: the order Spark sorts resubmissions and waiting children by
    /// (its ties come from a hash set; here the stage id breaks them).
    func submissionOrder(_ ids: some Sequence<StageID>) -> [StageID] {
        ids.sorted { (stages[$0]!.firstJobID, $0) < (stages[$1]!.firstJobID, $1) }
    }

    /// `submitStage`: submits the stage when its parents' outputs all exist, else submits
    /// the missing parents (lowest id first) and parks the stage as waiting.
    mutating func submitStage(_ stageID: StageID) {
        guard let jobID = activeJobForStage(stageID) else {
            abortStage(stageID, reason: "No active job for stage \(stageID.rawValue)")
            return
        }
        guard !waitingStages.contains(stageID), !runningStages.contains(stageID),
              !failedStages.contains(stageID)
        else { return }
        let stage = stages[stageID]!
        if stage.nextAttemptID >= maxStageAttempts {
            let reason = "\(stage.sparkName) (name=\(stage.name)) has been resubmitted for the maximum allowable "
                + "number of times: \(maxStageAttempts), which is the max value of config `spark.stage.maxAttempts` "
                + "and `spark.stage.maxConsecutiveAttempts`."
            abortStage(stageID, reason: reason)
            return
        }
        let missing = missingParentStages(stageID)
        if missing.isEmpty {
            submitMissingTasks(stageID, jobID: jobID)
        } else {
            for parent in missing { submitStage(parent) }
            waitingStages.insert(stageID)
        }
    }

    /// `getMissingParentStages`: the direct parents whose outputs are not all there,
    /// ascending by id. A parent found complete is skipped (and, the first time, its
    /// attempt numbering moves to 1).
    mutating func missingParentStages(_ stageID: StageID) -> [StageID] {
        var missing: [StageID] = []
        for parent in stages[stageID]!.parents {
            if mapOutputTracker.isAvailable(stages[parent]!.spec.key) {
                stages[parent]!.increaseAttemptIDOnFirstSkip()
            } else if !missing.contains(parent) {
                missing.append(parent)
            }
        }
        return missing.sorted()
    }

    /// `Stage.findMissingPartitions`: map partitions without output, or result partitions
    /// without a result for the stage's job.
    func missingPartitions(_ stage: DAGStage) -> [Int] {
        switch stage.kind {
        case .shuffleMap:
            return mapOutputTracker.findMissingPartitions(stage.spec.key) ?? Array(0..<stage.numPartitions)
        case .result:
            guard let jobID = stage.resultJob, let job = jobs[jobID] else { return Array(0..<stage.numPartitions) }
            return (0..<job.numPartitions).filter { !job.finished[$0] }
        }
    }

    /// `submitMissingTasks`: a new attempt of the stage with one task per missing
    /// partition. The attempt's tasks carry the current map-output epoch. With nothing
    /// missing, the stage completes at once.
    mutating func submitMissingTasks(_ stageID: StageID, jobID: JobID) {
        let partitions = missingPartitions(stages[stageID]!)
        runningStages.insert(stageID)
        // A loop over one copy of the stage: a closure here copied the stage, and the whole
        // DAG scheduler with it, for every partition.
        let current = stages[stageID]!
        var tasks: [TaskSpec] = []
        tasks.reserveCapacity(partitions.count)
        for partition in partitions { tasks.append(taskSpec(current, partition: partition)) }
        stages[stageID]!.makeNewAttempt(epoch: mapOutputTracker.epoch)
        let stage = stages[stageID]!
        trace(.stageSubmitted, stage: stage, detail: partitions.isEmpty ? "no missing partitions" : nil)
        if stage.isShuffleMap { stages[stageID]!.pendingPartitions = Set(partitions) }
        if !tasks.isEmpty {
            let job = jobs[jobID]!
            emit(.submitTaskSet(TaskSet(
                stage: StageAttemptID(stage: stageID, attempt: stage.latestAttempt), jobID: jobID,
                jobName: stage.spec.jobName, stageName: stage.name, pool: job.pool, tasks: tasks,
                isBarrier: stage.spec.isBarrier, resources: stage.spec.resources,
                resourceProfile: stage.spec.resourceProfile)))
        } else if stage.isShuffleMap {
            processShuffleMapStageCompletion(stageID)
        } else {
            markStageAsFinished(stageID)
            submitWaitingChildStages(stageID)
        }
    }

    /// One task of a new attempt, with its preferred locations (`getPreferredLocs`): the
    /// spec's own preferences for the partition if it has any; else, for a stage reading
    /// exactly one shuffle (Spark's `ShuffledRDD`), the hosts holding at least 20% of the
    /// partition's input; else none.
    func taskSpec(_ stage: DAGStage, partition: Int) -> TaskSpec {
        var locations: [TaskLocation] = []
        if stage.spec.preferredLocations.indices.contains(partition) {
            locations = stage.spec.preferredLocations[partition]
        }
        if locations.isEmpty, stage.parents.count == 1 {
            let hosts = mapOutputTracker.preferredHostsForShuffle(
                stages[stage.parents[0]]!.spec.key, reducer: partition, numReducers: stage.numPartitions,
                localityEnabled: reduceLocalityEnabled)
            locations = hosts.map { TaskLocation.host($0) }
        }
        return TaskSpec(partition: partition, preferredLocations: locations, isShuffleMap: stage.isShuffleMap)
    }

    /// `resubmitFailedStages` (the `RESUBMIT_TIMEOUT` timer): every failed stage is
    /// submitted again, earliest job first.
    mutating func resubmitFailedStages() {
        guard !failedStages.isEmpty else { return }
        let failed = submissionOrder(failedStages)
        failedStages.removeAll()
        for stageID in failed { submitStage(stageID) }
    }

    /// `submitWaitingChildStages`: the waiting stages that read `parent` are submitted again.
    mutating func submitWaitingChildStages(_ parent: StageID) {
        let children = submissionOrder(waitingStages.filter { stages[$0]!.parents.contains(parent) })
        waitingStages.subtract(children)
        for child in children { submitStage(child) }
    }
}

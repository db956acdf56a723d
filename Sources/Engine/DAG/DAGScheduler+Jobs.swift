/// Job submission: stages from a `JobSpec`, the barrier checks, the slot-check retry.
extension DAGScheduler {
    /// Why a stage could not be created (Spark's exceptions out of `createResultStage`).
    enum StageCreationError: Error {
        /// `BarrierJobSlotsNumberCheckFailed`: retried after the check interval.
        case notEnoughSlots
        /// Any other refusal: the job fails at once with this message.
        case refused(String)
    }

    /// How many jobs have been submitted; jobs are numbered 0, 1, 2, … in submission
    /// order (Spark's `nextJobId`), so the next one gets `JobID(submittedJobCount)`.
    public var submittedJobCount: Int { nextJobID }

    /// A job reaches the scheduler (`handleJobSubmitted`).
    ///
    /// Creates the result stage and any shuffle-map stages not already alive (a map stage
    /// whose outputs all exist is created but skipped), then submits the result stage,
    /// which submits its missing parents first. A barrier stage that needs more slots
    /// than `maxConcurrentTasks` reports (Spark's `sc.maxNumConcurrentTasks` for the
    /// stage's resource profile, busy slots included) is checked again every
    /// `spark.scheduler.barrier.maxConcurrentTasksCheck.interval`; the check failing
    /// more than `…maxFailures` times fails the job with
    /// `BarrierChecks.moreSlotsThanClusterMessage`.
    ///
    /// `lineages` optionally describes the RDD chain inside a stage, by stage key, for
    /// the barrier chain-pattern check (see `StageLineage`).
    ///
    /// - Spark: `DAGScheduler.handleJobSubmitted`, `createResultStage`,
    ///   `checkBarrierStageWithNumSlots` (SPARK-24819).
    public mutating func handleJobSubmitted(_ job: JobSpec, now: EngineInstant,
                                            lineages: [String: StageLineage] = [:],
                                            maxConcurrentTasks: (StageSpec) -> Int) -> [DAGAction] {
        begin(now)
        let id = admit(job, isMapStageJob: false)
        submitJob(id, PendingJob(spec: job, lineages: lineages), isMapStageJob: false,
                  maxConcurrentTasks: maxConcurrentTasks)
        return finish()
    }

    /// A job that runs only its last stage's shuffle-map side (`submitMapStage` →
    /// `handleMapStageSubmitted`, used by adaptive query execution): it succeeds when
    /// every map output of its last stage exists, at once if they already do. Any
    /// refusal, the slot check included, fails it at once (Spark has no retry here).
    public mutating func handleMapStageSubmitted(_ job: JobSpec, now: EngineInstant,
                                                 lineages: [String: StageLineage] = [:],
                                                 maxConcurrentTasks: (StageSpec) -> Int) -> [DAGAction] {
        begin(now)
        let id = admit(job, isMapStageJob: true)
        submitJob(id, PendingJob(spec: job, lineages: lineages), isMapStageJob: true,
                  maxConcurrentTasks: maxConcurrentTasks)
        return finish()
    }

    /// Numbers the job, remembers its map-stage specs by key, traces its arrival.
    private mutating func admit(_ job: JobSpec, isMapStageJob: Bool) -> JobID {
        let id = JobID(nextJobID)
        nextJobID += 1
        for spec in isMapStageJob ? job.stages[...] : job.stages.dropLast() { remember(spec) }
        trace(.jobSubmitted, job: job.name)
        return id
    }

    private mutating func remember(_ spec: StageSpec) {
        if let known = knownMapStages[spec.key] {
            precondition(known.partitions == spec.partitions,
                         "DAGScheduler: map stage \(spec.key) redeclared with \(spec.partitions) partitions")
        } else {
            knownMapStages[spec.key] = spec
        }
    }

    /// Turns a job into stages and submits them, or schedules the slot-check retry.
    mutating func submitJob(_ id: JobID, _ pending: PendingJob, isMapStageJob: Bool,
                            maxConcurrentTasks: (StageSpec) -> Int) {
        let finalStage: StageID
        do throws(StageCreationError) {
            let context = StageCreationContext(job: pending, jobID: id)
            finalStage = isMapStageJob
                ? try getOrCreateShuffleMapStage(pending.spec.resultStage.key, context, maxConcurrentTasks)
                : try createResultStage(context, maxConcurrentTasks)
        } catch {
            switch error {
            case .notEnoughSlots where !isMapStageJob:
                retrySlotCheckOrFail(id, pending)
            case .notEnoughSlots:
                failJobAtSubmission(id, name: pending.spec.name, message: BarrierChecks.moreSlotsThanClusterMessage)
            case .refused(let message):
                failJobAtSubmission(id, name: pending.spec.name, message: message)
            }
            return
        }
        barrierCheckFailures[id] = nil
        startJob(id, spec: pending.spec, finalStage: finalStage, isMapStageJob: isMapStageJob)
    }

    /// `BarrierJobSlotsNumberCheckFailed`: the job is submitted again after the check
    /// interval, until the check has failed more than `maxFailures` times.
    private mutating func retrySlotCheckOrFail(_ id: JobID, _ pending: PendingJob) {
        let failures = barrierCheckFailures[id, default: 0] + 1
        if failures <= barrierCheckMaxFailures {
            barrierCheckFailures[id] = failures
            jobsAwaitingSlotCheck[id] = pending
            emit(.scheduleTimer(.barrierSlotCheck(id), at: now + barrierCheckInterval))
        } else {
            barrierCheckFailures[id] = nil
            failJobAtSubmission(id, name: pending.spec.name, message: BarrierChecks.moreSlotsThanClusterMessage)
        }
    }

    /// Registers the active job and submits its final stage (the tail of `handleJobSubmitted`
    /// and `handleMapStageSubmitted`).
    private mutating func startJob(_ id: JobID, spec: JobSpec, finalStage: StageID, isMapStageJob: Bool) {
        let job = ActiveJob(id: id, name: spec.name, pool: spec.pool ?? defaultPool, finalStage: finalStage,
                            isMapStageJob: isMapStageJob,
                            numPartitions: isMapStageJob ? 1 : stages[finalStage]!.numPartitions)
        jobs[id] = job
        if isMapStageJob {
            // Spark's getOrCreateShuffleMapStage does not register the job with a stage that
            // already existed; registering it here keeps jobIdToStageIds complete.
            updateJobIDStageIDMaps(id, finalStage)
            stages[finalStage]!.mapStageJobs.append(id)
        } else {
            stages[finalStage]!.resultJob = id
        }
        submitStage(finalStage)
        // The stage was already available: Spark finishes the job here (and again if
        // submitMissingTasks already did, which is skipped).
        if isMapStageJob, jobs[id] != nil, let stage = stages[finalStage],
           mapOutputTracker.isAvailable(stage.spec.key) {
            markMapStageJobAsFinished(id)
        }
    }

    /// A job refused before it had stages (`listener.jobFailed` in `handleJobSubmitted`).
    private mutating func failJobAtSubmission(_ id: JobID, name: String, message: String) {
        trace(.jobFailed, job: name, detail: message)
        emit(.jobEnded(id, name: name, succeeded: false, message: message))
    }

    /// `updateJobIdStageIdMaps`: the job needs the stage and all its ancestors.
    mutating func updateJobIDStageIDMaps(_ jobID: JobID, _ stageID: StageID) {
        var toVisit = [stageID]
        while let next = toVisit.popLast() {
            stages[next]!.jobIDs.insert(jobID)
            jobToStages[jobID, default: []].insert(next)
            toVisit += stages[next]!.parents.filter { !stages[$0]!.jobIDs.contains(jobID) }
        }
    }

    /// The spec of a map stage named by key: the job's own first, else an earlier job's.
    func mapStageSpec(_ key: String, job: JobSpec) -> StageSpec {
        if let own = job.stages.first(where: { $0.key == key }) { return own }
        guard let known = knownMapStages[key] else {
            preconditionFailure("DAGScheduler: job \(job.name) names unknown parent stage \(key)")
        }
        return known
    }
}

/// Spark's high-level scheduler: turns jobs into stages, submits each stage's missing
/// partitions as a task set once its parents' outputs exist, and recovers from lost map
/// outputs, fetch failures and barrier-stage failures by resubmitting stages.
///
/// A value with mutating handlers, one per input (STYLE.md habit 6). Each handler takes
/// the current instant and returns the `DAGAction`s Spark's `DAGScheduler` would perform
/// for the same event, in the same order. The caller (the `SparkScheduler` glue) routes
/// the task scheduler's notifications and the timers here and carries out the actions.
///
/// Determinism: where Spark iterates a `HashSet` (waiting stages, failed stages, active
/// jobs, a job's stages), this iterates by `(firstJobId, stage id)` or by id, which is
/// the order Spark itself sorts by where it sorts at all.
///
/// - Spark: `org.apache.spark.scheduler.DAGScheduler` (4.x), with `Stage`, `ActiveJob`
///   and `MapOutputTrackerMaster`.
public struct DAGScheduler: Sendable {
    /// `DAGScheduler.RESUBMIT_TIMEOUT`: wait for more fetch failures before resubmitting.
    public static let resubmitTimeout = EngineDuration.milliseconds(200)

    // MARK: Configuration (read once, as Spark's fields are)

    let maxConsecutiveStageAttempts: Int
    let maxStageAttempts: Int
    let shuffleServiceEnabled: Bool
    let unregisterOutputOnHostOnFetchFailure: Bool
    let reduceLocalityEnabled: Bool
    let barrierCheckInterval: EngineDuration
    let barrierCheckMaxFailures: Int
    let dynamicAllocationEnabled: Bool
    let defaultPool: String

    // MARK: State (Spark's fields of the same names)

    /// The map outputs of every shuffle of the run.
    public internal(set) var mapOutputTracker = MapOutputTracker()
    var nextJobID = 0
    var nextStageID = 0
    var stages: [StageID: DAGStage] = [:]
    /// `shuffleIdToMapStage`: map stage key → the live stage writing it.
    var shuffleToMapStage: [String: StageID] = [:]
    /// `jobIdToStageIds`.
    var jobToStages: [JobID: Set<StageID>] = [:]
    /// `jobIdToActiveJob` / `activeJobs`.
    var jobs: [JobID: ActiveJob] = [:]
    var waitingStages: Set<StageID> = []
    var runningStages: Set<StageID> = []
    var failedStages: Set<StageID> = []
    /// `executorFailureEpoch`.
    var executorFailureEpoch: [ExecutorID: Int64] = [:]
    /// `shuffleFileLostEpoch`.
    var shuffleFileLostEpoch: [ExecutorID: Int64] = [:]
    /// `barrierJobIdToNumTasksCheckFailures`.
    var barrierCheckFailures: [JobID: Int] = [:]
    /// Jobs waiting for a barrier slot-check retry (Spark re-posts the `JobSubmitted` event).
    var jobsAwaitingSlotCheck: [JobID: PendingJob] = [:]
    /// Every map stage spec seen, by key: a job may name a parent defined by an earlier job.
    var knownMapStages: [String: StageSpec] = [:]

    // MARK: Per-event scratch

    var now = EngineInstant.zero
    var actions: [DAGAction] = []

    /// A submitted job not yet turned into stages (kept for the slot-check retry).
    struct PendingJob: Sendable {
        var spec: JobSpec
        var lineages: [String: StageLineage]
    }

    /// Reads Spark's settings once, as `DAGScheduler`'s constructor does. `onLocalMaster`
    /// says the application runs on `local[...]`, where Spark ignores dynamic allocation.
    public init(conf: SparkConf, onLocalMaster: Bool = false) {
        maxConsecutiveStageAttempts = conf.stageMaxConsecutiveAttempts
        maxStageAttempts = max(conf.stageMaxConsecutiveAttempts, conf.stageMaxAttempts)
        shuffleServiceEnabled = conf.shuffleServiceEnabled
        unregisterOutputOnHostOnFetchFailure = conf.unregisterOutputOnHostOnFetchFailure
        reduceLocalityEnabled = conf.shuffleReduceLocalityEnabled
        barrierCheckInterval = EngineDuration(nanoseconds: conf.barrierMaxConcurrentTasksCheckIntervalNanoseconds)
        barrierCheckMaxFailures = conf.barrierMaxConcurrentTasksCheckMaxFailures
        dynamicAllocationEnabled = conf.dynamicAllocationApplies(onLocalMaster: onLocalMaster)
        defaultPool = conf.schedulerPool
    }

    // MARK: Inputs from the task scheduler

    /// A task attempt started (`taskStarted` → `handleBeginEvent`): Spark only tells its
    /// listeners, so nothing is decided here.
    public mutating func handleTaskStarted(stage: StageAttemptID, partition: Int, now: EngineInstant) -> [DAGAction] {
        []
    }

    /// A speculative copy was queued (`speculativeTaskSubmitted`): listener-only in Spark.
    public mutating func handleSpeculativeTaskSubmitted(stage: StageAttemptID, partition: Int,
                                                        now: EngineInstant) -> [DAGAction] {
        []
    }

    /// A task attempt ended (`taskEnded` → `handleTaskCompletion`).
    ///
    /// `stage` is the attempt the task belonged to; a shuffle-map task's success carries
    /// its `MapStatus`.
    public mutating func handleTaskCompletion(stage: StageAttemptID, partition: Int, reason: TaskEndReason,
                                              now: EngineInstant) -> [DAGAction] {
        begin(now)
        taskCompleted(attempt: stage, partition: partition, reason: reason)
        return finish()
    }

    /// A shuffle-map task that had succeeded on a lost executor is queued again in the same
    /// attempt (Spark's `Resubmitted` task end → `handleResubmittedFailure`): its partition
    /// is pending again, so the stage does not finish before it reruns. In a barrier
    /// stage this is a failed barrier task like any other (Spark matches `Resubmitted` as
    /// a `TaskFailedReason` of a barrier task): the whole attempt fails.
    public mutating func handleTaskResubmitted(stage: StageAttemptID, partition: Int,
                                               now: EngineInstant) -> [DAGAction] {
        begin(now)
        if let current = stages[stage.stage] {
            precondition(current.isShuffleMap, "DAGScheduler: Resubmitted is only sent for shuffle-map tasks")
            stages[stage.stage]!.pendingPartitions.insert(partition)
            if current.spec.isBarrier {
                barrierTaskFailed(stage, partition: partition, failure: Self.resubmittedErrorString)
            }
        }
        return finish()
    }

    /// `Resubmitted.toErrorString`.
    public static let resubmittedErrorString = "Resubmitted (resubmitted due to lost executor)"

    /// The task scheduler gave up on a task set (`taskSetFailed` → `handleTaskSetFailed`):
    /// the stage is aborted and every job depending on it fails with
    /// «Job aborted due to stage failure: <message>». Spark does not look at the attempt.
    public mutating func handleTaskSetFailed(stage: StageAttemptID, message: String,
                                             now: EngineInstant) -> [DAGAction] {
        begin(now)
        if stages[stage.stage] != nil { abortStage(stage.stage, reason: message) }
        return finish()
    }

    // MARK: Timers

    /// One of the DAG scheduler's timers fired: `resubmitFailedStages`, or the retry of a
    /// barrier job's slot check (which needs the cluster's slot count again). Timers of
    /// other components are ignored.
    public mutating func handleTimer(_ timer: EngineTimer, now: EngineInstant,
                                     maxConcurrentTasks: (StageSpec) -> Int) -> [DAGAction] {
        begin(now)
        switch timer {
        case .resubmitFailedStages:
            resubmitFailedStages()
        case .barrierSlotCheck(let jobID):
            if let pending = jobsAwaitingSlotCheck.removeValue(forKey: jobID) {
                submitJob(jobID, pending, isMapStageJob: false, maxConcurrentTasks: maxConcurrentTasks)
            }
        case .revive, .offerRound, .speculationCheck:
            break
        }
        return finish()
    }

    // MARK: Scratch handling

    mutating func begin(_ instant: EngineInstant) {
        precondition(instant >= now, "DAGScheduler: time went back from \(now) to \(instant)")
        precondition(actions.isEmpty, "DAGScheduler: re-entered while handling an event")
        now = instant
    }

    mutating func finish() -> [DAGAction] {
        let result = actions
        actions = []
        return result
    }

    mutating func emit(_ action: DAGAction) { actions.append(action) }

    mutating func trace(_ kind: SchedulerTraceEvent.Kind, job: String? = nil, stage: DAGStage? = nil,
                        attempt: Int? = nil, detail: String? = nil) {
        emit(.trace(SchedulerTraceEvent(
            time: now, kind: kind, job: job ?? stage?.spec.jobName, stage: stage?.name,
            stageAttempt: attempt ?? stage?.latestAttempt, detail: detail)))
    }
}

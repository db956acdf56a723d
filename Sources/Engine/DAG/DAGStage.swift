import BitCollections

/// One stage as the DAG scheduler tracks it across its attempts (Spark's `Stage`, with
/// `ShuffleMapStage` and `ResultStage` as the two kinds).
///
/// A shuffle-map stage's output lives in the `MapOutputTracker` under `spec.key`; the
/// stage object lives only while some active job needs it. A job submitted after the
/// stage object was dropped gets a new one (a new stage id) over the same shuffle, and
/// skips it when the outputs are all there, as Spark does.
///
/// - Spark: `Stage.scala`, `ShuffleMapStage.scala`, `ResultStage.scala`.
struct DAGStage: Sendable {
    enum Kind: Hashable, Sendable {
        /// Writes the shuffle keyed by `spec.key`.
        case shuffleMap
        /// Runs the job's action on every partition.
        case result
    }

    let id: StageID
    let kind: Kind
    let spec: StageSpec
    /// The stages whose shuffles this stage reads, in `spec.parents` order.
    let parents: [StageID]
    /// `firstJobId`: the job that created the stage (FIFO priority).
    let firstJobID: JobID
    /// `jobIds`: every job that needs the stage.
    var jobIDs: Set<JobID>
    /// `nextAttemptId`.
    var nextAttemptID = 0
    /// `latestInfo.attemptNumber()`: 0 until the first attempt is made.
    var latestAttempt = 0
    /// `failedAttemptIds`: attempts that failed since the stage last succeeded.
    var failedAttemptIDs: Set<Int> = []
    /// `ShuffleMapStage.pendingPartitions`: partitions whose task has not reported success
    /// in any attempt since the latest attempt was submitted.
    var pendingPartitions: Set<Int> = []
    /// `ResultStage.activeJob`.
    var resultJob: JobID?
    /// `ShuffleMapStage.mapStageJobs`, in submission order.
    var mapStageJobs: [JobID] = []
    /// The map-output epoch each attempt's tasks carry (set by Spark's `TaskSetManager`
    /// when the task set is created): what `executorFailureEpoch` is compared with.
    var attemptEpochs: [Int: Int64] = [:]

    init(id: StageID, kind: Kind, spec: StageSpec, parents: [StageID], firstJobID: JobID) {
        self.id = id
        self.kind = kind
        self.spec = spec
        self.parents = parents
        self.firstJobID = firstJobID
        self.jobIDs = [firstJobID]
    }

    var isShuffleMap: Bool { kind == .shuffleMap }
    var numPartitions: Int { spec.partitions }
    var name: String { spec.name }

    /// `Stage.toString`: `ShuffleMapStage 0`, `ResultStage 1`.
    var sparkName: String {
        switch kind {
        case .shuffleMap: return "ShuffleMapStage \(id.rawValue)"
        case .result: return "ResultStage \(id.rawValue)"
        }
    }

    /// `Task.toString` for one of this stage's tasks: `ShuffleMapTask(0, 1)`, `ResultTask(1, 0)`.
    func sparkTaskName(partition: Int) -> String {
        switch kind {
        case .shuffleMap: return "ShuffleMapTask(\(id.rawValue), \(partition))"
        case .result: return "ResultTask(\(id.rawValue), \(partition))"
        }
    }

    /// `makeNewStageAttempt`: the next attempt becomes the latest.
    mutating func makeNewAttempt(epoch: Int64) {
        latestAttempt = nextAttemptID
        attemptEpochs[nextAttemptID] = epoch
        nextAttemptID += 1
    }

    /// `increaseAttemptIdOnFirstSkip`: a stage skipped the first time it is visited starts
    /// its attempts at 1, so that a later run is reported as a retry.
    mutating func increaseAttemptIDOnFirstSkip() {
        if nextAttemptID == 0 { nextAttemptID = 1 }
    }
}

/// A job the DAG scheduler is running (Spark's `ActiveJob`).
///
/// A result job finishes when every partition of its result stage has a result; a
/// map-stage job (`submitMapStage`) has one "partition", done when its map stage's
/// outputs are all available.
struct ActiveJob: Sendable {
    let id: JobID
    let name: String
    let pool: String
    let finalStage: StageID
    let isMapStageJob: Bool
    /// `finished`: one flag per output partition, one bit each: result tasks end in no
    /// particular partition order, and at ten million partitions a byte per flag was a
    /// cache miss per task where a bit array (1.2 MB) stays in cache.
    var finished: BitArray
    /// `numFinished`.
    var numFinished = 0

    init(id: JobID, name: String, pool: String, finalStage: StageID, isMapStageJob: Bool, numPartitions: Int) {
        self.id = id
        self.name = name
        self.pool = pool
        self.finalStage = finalStage
        self.isMapStageJob = isMapStageJob
        self.finished = BitArray(repeating: false, count: numPartitions)
    }

    var numPartitions: Int { finished.count }
}

import Engine
import Sim
import Workloads

/// What a training run needs besides the trainer: its style, its data's shape and the
/// cost model.
struct TrainingSetup {
    enum Style: Equatable {
        /// MLlib: one job per pass (broadcast, a task per partition, treeAggregate).
        case taskParallel
        /// Hydrogen: one barrier stage, a task per worker, an exchange per pass.
        case barrier(BarrierExchange)
        /// Deep learning: one barrier stage, a task per GPU, each running a fixed list of
        /// timed iterations (`DeepLearningProgram`); no trainer numerics.
        case steps(DeepLearningProgram)
    }

    /// How barrier workers sum their vectors each pass.
    enum BarrierExchange: Equatable {
        /// Horovod/Gloo-style: an allreduce on the network, no Spark poll tick.
        case allreduce(Sim.CollectiveAlgorithm)
        /// Through Spark's `BarrierTaskContext.allGather` (the coordinator and its poll tick).
        case allGather
    }

    var style: Style
    /// Task-parallel: partitions; barrier: workers.
    var partitions: Int
    var rows: Int
    /// How many rows each data row stands for in the cost model (`data.represents_rows /
    /// data.rows`, 1 by default): the numerics run on the rows held, time is charged as for
    /// the full data set, so strong-scaling experiments need not hold it in memory.
    var rowCostScale = 1.0
    /// How many of the model's doubles each one the trainer holds stands for in the cost
    /// model (`represents_features`: a wide sparse model), 1 by default: what crosses the
    /// network or the driver per pass (gradients, broadcasts, checkpoints) and the
    /// driver's update scale with it; per-row work does not.
    var modelCostScale = 1.0

    /// `doubles` of the trainer's model as the cost model charges them.
    func modelDoubles(_ doubles: Int) -> Int { Int((Double(doubles) * modelCostScale).rounded()) }
    /// Bytes of one row as it crosses from the JVM to Python (features and label, 8 each).
    var bytesPerRow: Int64
    var costs = TrainingCosts()
    /// One executor core's rate (`cluster.cpu.flops_per_core`, else the documented default).
    var flopsPerCore = TrainingCosts.defaultFlopsPerCore
    /// The driver's rate for its own work (one core at `flopsPerCore`).
    var driverRate = TrainingCosts.defaultFlopsPerCore
    /// `spark.task.cpus`: the cores a task computes on.
    var taskCPUs = 1
    /// GPUs each task asks for (the engine assigns their addresses).
    var taskGPUs = 0.0
    /// `engine.control_plane`: the driver program's time between jobs (MLlib's own
    /// driver work), JVM code warm-up and row overhead, each Python task's round trip.
    var controlPlane = ControlPlaneCosts.none
    /// Barrier jobs restarted from the last checkpoint at most this many times.
    var maxRestarts = 3
}

/// One iteration reached, with the instant every holder of the model had it.
struct TimedIteration: Equatable {
    var record: IterationRecord
    var time: SimInstant
}

/// The driver program of a training run, as a job source: it submits one job after
/// another to the engine (the deployment tells it when a job ends), keeps the trainer,
/// sums the tasks' partial vectors, and gives each training stage its task program
/// (`TrainingTaskProgram`), which tells the simulated executors what a task does next.
///
/// The numerics are real: each successful task's `partialResult` is kept by partition
/// and summed as `treeAggregate` would (task-parallel), or summed when every worker has
/// reached a pass's allreduce (barrier); the trainer then `complete`s the pass. Time comes
/// only from the cost model: FLOPs at the cores' rate, bytes on the simulated network,
/// Python start-up and JVM -> Python exchange, checkpoints.
///
/// - Complexity: O(P) per pass for the partials, plus O(log) per task step.
final class TrainingDriver: JobSource {
    let setup: TrainingSetup
    /// Put before every stage key (keeps an application's phases apart).
    let keyPrefix: String
    /// The stages of the jobs submitted so far, by key (lookup only).
    private(set) var stages: [String: StageWork] = [:]
    /// The trainer as the driver (task-parallel) or every worker (barrier) holds it.
    var trainer: any PartitionedTrainer
    /// Row ranges of each partition (task-parallel) or worker (barrier): Spark's slicing.
    let slices: [Range<Int>]
    private(set) var isFinished = false
    /// Why training stopped early (a job failed beyond recovery); nil when it completed.
    private(set) var failure: String?
    private(set) var records: [TimedIteration] = []
    private(set) var restarts = 0
    /// Iterations reached again after a restart from a checkpoint.
    private(set) var redoneIterations = 0
    /// Jobs submitted so far; the current job's index is `jobCount - 1`.
    private(set) var jobCount = 0
    private(set) var trainingStart = SimInstant.zero
    private(set) var trainingEnd: SimInstant?
    var timeline = CriticalPath()
    var logs: [TaskID: [CriticalPath.Interval]] = [:]
    var launches: [TaskID: SimInstant] = [:]
    var jobSubmitted = SimInstant.zero

    // Task-parallel pass state.
    var pass: DataPass?
    var shape = TreeAggregateShape(partitions: 1)
    var partials: [[Double]?] = []
    var cacheLocations: [TaskLocation?]
    /// Partitions whose cached block was lost with its executor and not cached again
    /// since (lookup only): the next task that needs one recomputes it.
    var lostCaches: Set<Int> = []
    /// Whether an executor is still registered (set by the run; cached blocks die with it).
    var isExecutorAlive: (String) -> Bool = { _ in true }
    /// Per stage level of the current job: the log and end of its last successful task.
    var stageCritical: [(end: SimInstant, launch: SimInstant, log: [CriticalPath.Interval])?] = []

    // Barrier state (for the current job's stage attempt).
    var barrier = BarrierPasses()
    var checkpoint: Checkpoint

    /// Executors whose Python worker has started.
    var pythonWorkers: Set<String> = []
    /// Per code path (executor and pass purpose): how many of its data tasks have
    /// completed on that executor JVM, which is how far its JIT warm-up has got (lookup only).
    var codeRuns: [String: Int] = [:]

    /// A trainer saved after an iteration, and how far it had got.
    struct Checkpoint {
        var trainer: any PartitionedTrainer
        var iteration: Int
    }

    init(setup: TrainingSetup, trainer: any PartitionedTrainer, keyPrefix: String = "") {
        precondition(setup.partitions >= 1 && setup.rows >= 0, "TrainingDriver: bad setup")
        self.setup = setup
        self.trainer = trainer
        self.keyPrefix = keyPrefix
        slices = SparkPartitioning.slices(count: setup.rows, partitions: setup.partitions)
        cacheLocations = Array(repeating: nil, count: setup.partitions)
        checkpoint = Checkpoint(trainer: trainer, iteration: 0)
    }

    /// The task rate: `spark.task.cpus` cores at the core rate.
    var taskRate: FlopRate { FlopRate(flopsPerSecond: setup.flopsPerCore.flopsPerSecond * Int64(setup.taskCPUs)) }

    func plannedJobs(from start: SimInstant) -> [JobSubmission] { [] }

    /// Training starts: the first job, none when the trainer wants no pass.
    func driverStarted(at now: SimInstant) -> [JobSubmission] {
        trainingStart = now
        timeline = CriticalPath(start: now)
        // MLlib's fit does its own driver work before its first job.
        let first = setup.style == .taskParallel ? now + setup.controlPlane.mllibFitStart : now
        timeline.add(.driver, from: now, to: first)
        return nextJob(at: first).map { [JobSubmission(spec: $0, at: first)] } ?? []
    }

    func stage(_ key: String) -> StageWork? { stages[key] }

    /// Registers a training stage's work for the executors.
    func register(_ stage: StageWork) {
        precondition(stages[stage.key] == nil, "TrainingDriver: stage \(stage.key) made twice")
        stages[stage.key] = stage
    }

    /// A job ended: the driver finishes its pass (or restarts barrier training from the
    /// last checkpoint after a failure) and submits the next job, when it is ready.
    func jobEnded(_ job: String, succeeded: Bool, at now: SimInstant) -> [JobSubmission] {
        nextAfterJob(succeeded: succeeded, at: now).map { [JobSubmission(spec: $0.0, at: $0.1)] } ?? []
    }

    private func nextAfterJob(succeeded: Bool, at now: SimInstant) -> (JobSpec, SimInstant)? {
        switch setup.style {
        case .taskParallel:
            guard succeeded else { return stop(at: now, failure: "job \(jobCount - 1) failed") }
            let updated = finishTaskParallelPass(at: now)
            // MLlib's driver work between jobs: its set-up after the first pass, then each
            // update's broadcast and next RDD; after the last job, the model and summary.
            let costs = setup.controlPlane
            let ready = updated + (jobCount == 1 ? costs.mllibSetup : costs.mllibIteration)
            if let job = nextJob(at: ready) {
                timeline.add(.driver, from: updated, to: ready)
                return (job, ready)
            }
            trainingEnd = updated + costs.mllibFitEnd
            timeline.add(.driver, from: updated, to: updated + costs.mllibFitEnd)
            return nil
        case .barrier:
            if succeeded { return stop(at: now, failure: nil) }
            guard restarts < setup.maxRestarts else {
                return stop(at: now, failure: "barrier job failed \(restarts + 1) times")
            }
            restarts += 1
            restoreCheckpoint()
            return nextJob(at: now).map { ($0, now) }
        case .steps(let program):
            if succeeded { return stop(at: now, failure: nil) }
            guard program.restarts < setup.maxRestarts else {
                return stop(at: now, failure: "barrier job failed \(program.restarts + 1) times")
            }
            program.restart(at: now)
            return nextJob(at: now).map { ($0, now) }
        }
    }

    private func stop(at now: SimInstant, failure: String?) -> (JobSpec, SimInstant)? {
        isFinished = true
        self.failure = failure
        trainingEnd = now
        return nil
    }

    /// The next job: the trainer's next pass (task-parallel) or a barrier stage looping
    /// over passes from the trainer's state; nil (and training over) when none is wanted.
    private func nextJob(at now: SimInstant) -> JobSpec? {
        if case .steps(let program) = setup.style {
            jobSubmitted = now
            jobCount += 1
            return stepsJob(program, index: jobCount - 1)
        }
        guard let next = trainer.nextPass() else {
            _ = stop(at: now, failure: nil)
            return nil
        }
        jobSubmitted = now
        jobCount += 1
        switch setup.style {
        case .taskParallel: return taskParallelJob(next, index: jobCount - 1)
        case .barrier: return barrierJob(first: next, index: jobCount - 1)
        case .steps: preconditionFailure("TrainingDriver: steps job handled above")
        }
    }

    /// Records `new` iterations as reached at `instant` (iteration 0, the initial model,
    /// at the training's start).
    func stamp(_ new: [IterationRecord], at instant: SimInstant) {
        for record in new {
            precondition(records.last.map { record.iteration > $0.record.iteration } ?? true,
                         "TrainingDriver: iteration \(record.iteration) out of order")
            records.append(TimedIteration(record: record, time: record.iteration == 0 ? trainingStart : instant))
        }
    }

    /// Back to the last checkpoint: the iterations after it are dropped (they will be
    /// reached again) and the trainer is the saved copy.
    private func restoreCheckpoint() {
        let last = records.last?.record.iteration ?? 0
        redoneIterations += max(0, last - checkpoint.iteration)
        records.removeAll { $0.record.iteration > checkpoint.iteration }
        trainer = checkpoint.trainer
        if checkpoint.iteration == 0 { records.removeAll() }  // the initial model is evaluated again
    }
}

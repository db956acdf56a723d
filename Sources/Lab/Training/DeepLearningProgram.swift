import Engine
import Sim
import Workloads

/// The task program of a deep-learning barrier stage (Hydrogen running Horovod): one
/// task per GPU, each running `iterations` training steps back to back. A step is one
/// `.work` of `stepTime`, the step model's time for this many workers (compute, the
/// allreduce left exposed after the backward pass, the update: `DataParallelStepModel`
/// with `AllreduceCost`), so the engine places and times the tasks and the step model
/// says what one iteration costs.
///
/// It records when the last worker ended each iteration, so throughput is read off the
/// engine's timeline. Shared by reference between the run and its driver's style; it is
/// `@unchecked Sendable` only so the style stays `Sendable`: one run creates it, and only
/// that run's simulation (one thread, one event at a time) ever mutates it.
final class DeepLearningProgram: Equatable, @unchecked Sendable {
    let workers: Int
    let iterations: Int
    let stepTime: SimDuration
    /// Per iteration (index `k - 1`): workers that ended iteration `k`, and the last end.
    private var endedCount: [Int]
    private(set) var iterationEnds: [SimInstant?]
    /// When the last worker started its first iteration.
    private(set) var firstStart: SimInstant?
    private var started = 0

    init(workers: Int, iterations: Int, stepTime: SimDuration) {
        precondition(workers >= 1 && iterations >= 1, "DeepLearningProgram: \(workers) workers, \(iterations) iterations")
        self.workers = workers
        self.iterations = iterations
        self.stepTime = stepTime
        endedCount = Array(repeating: 0, count: iterations)
        iterationEnds = Array(repeating: nil, count: iterations)
    }

    static func == (lhs: DeepLearningProgram, rhs: DeepLearningProgram) -> Bool { lhs === rhs }

    fileprivate func workerStarted(at now: SimInstant) {
        started += 1
        if started == workers { firstStart = now }
    }

    fileprivate func workerEnded(iteration k: Int, at now: SimInstant) {
        endedCount[k - 1] += 1
        if endedCount[k - 1] == workers { iterationEnds[k - 1] = now }
    }

    /// The mean time of the steps after the first `warmup` (nanoseconds), from the instant
    /// every worker had ended iteration `warmup` (or started the first one) to the instant
    /// every worker had ended the last; nil until then. At least the last step counts.
    func steadyStepNanoseconds(warmup: Int) -> Double? {
        let skipped = min(max(warmup, 0), iterations - 1)
        guard let end = iterationEnds[iterations - 1],
              let start = skipped == 0 ? firstStart : iterationEnds[skipped - 1] else { return nil }
        return Double(end.nanosecondsSinceStart - start.nanosecondsSinceStart) / Double(iterations - skipped)
    }
}

/// A trainer with nothing to train: the deep-learning program has no numerics.
struct NoTrainer: PartitionedTrainer {
    mutating func nextPass() -> DataPass? { nil }
    func partialResult(of pass: DataPass, rows: Range<Int>) -> [Double] { [] }
    mutating func complete(_ pass: DataPass, sum: [Double]) -> [IterationRecord] { [] }
}

extension TrainingDriver {
    /// Attempt `index`: one job, one barrier ResultStage `train` of a task per worker.
    func stepsJob(_ program: DeepLearningProgram, index: Int) -> JobSpec {
        let spec = addStage(job: "train", name: "train", tasks: program.workers, parents: [], barrier: true,
                            reducers: 1, writesShuffleOutput: false, role: .steps(job: index))
        return JobSpec(name: "train", stages: [spec])
    }

    /// The next step of a deep-learning worker: iteration after iteration, then done.
    func programStep(task: ProgramTask, cursor: inout ProgramCursor, now: SimInstant) -> TaskStep {
        guard case .steps(let program) = setup.style else { preconditionFailure("TrainingDriver: steps role without a program") }
        let next: Int
        switch cursor.phase {
        case .start:
            program.workerStarted(at: now)
            next = 1
        case .iteration(let k):
            program.workerEnded(iteration: k, at: now)
            next = k + 1
        default:
            preconditionFailure("TrainingDriver: deep-learning task in phase \(cursor.phase)")
        }
        guard next <= program.iterations else {
            cursor.phase = .done
            return .finish
        }
        cursor.phase = .iteration(next)
        return .compute(program.stepTime, .compute)
    }
}

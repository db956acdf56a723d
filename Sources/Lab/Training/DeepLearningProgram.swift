import Engine
import Sim
import Workloads

/// Where a deep-learning rank is in its training step `step` (from 1).
enum DeepLearningPhase: Equatable {
    case forward(step: Int)
    /// Backward layer group `group` (of all groups, in backward order) is computing.
    case backward(step: Int, group: Int)
    /// Group `group` was just reported to Horovod (overlap on).
    case reported(step: Int, group: Int)
    /// Without overlap, after the backward pass: gradient group `gradientGroup` reported.
    case reportedLate(step: Int, gradientGroup: Int)
    case awaiting(step: Int)
    case update(step: Int)
    case checkpoint(step: Int)
}

/// The task program of a deep-learning barrier stage (Hydrogen running Horovod): one
/// task per GPU, each running training steps as the GPU would: the forward pass, the
/// backward pass layer group by layer group (each group's gradients handed to Horovod as
/// it ends, when `overlap` is on; all at the end otherwise), a wait until every fusion
/// buffer of the step has been allreduced on the network (`HorovodCoordinator`), the
/// optimizer's update; rank 0 writes a checkpoint every `checkpointEvery` steps.
///
/// Each rank's compute in a step is multiplied by one draw of its own stream
/// (`cluster.gpu.variation`: lognormal with mean 1 and that coefficient of variation, per
/// GPU per step): kernels, clocks and the input pipeline
/// vary step to step, and a synchronous step waits for its slowest rank. Host slowdowns
/// and straggler faults act on the compute as on any work on the host.
///
/// After a failed attempt the driver restarts the stage from the last checkpoint: the
/// steps after it are run again (`redoneSteps`).
///
/// It records when the last rank ended each step, so throughput is read off the engine's
/// timeline. Shared by reference between the run and its driver's style; `@unchecked
/// Sendable` only so the style stays `Sendable`: one run creates it, and only that run's
/// simulation (one thread, one event at a time) ever mutates it.
final class DeepLearningProgram: Equatable, @unchecked Sendable {
    let workers: Int
    let iterations: Int
    let forward: SimDuration
    let groups: [BackwardGroups.Group]
    /// For each group, its index among the groups that produce gradients (nil: none).
    let gradientGroup: [Int?]
    let update: SimDuration
    let overlap: Bool
    /// Horovod's runtime for the stage (nil for one worker: nothing to allreduce).
    let horovod: HorovodSettings?
    /// Gradient groups Horovod is told of per step (0 for one worker).
    private let gradientGroups: Int
    /// The per-step speed factor's distribution (nil: every step as planned).
    let variation: MeanOneLognormal?
    let checkpointEvery: Int?
    let checkpointTime: SimDuration
    private let streams: RandomStreams
    private var rankStreams: [RandomStream?]

    /// Per step (index `k - 1`): ranks that ended step `k` in the current attempt, and
    /// the instant the last did (the latest attempt's).
    private var endedCount: [Int]
    private(set) var stepEnds: [SimInstant?]
    /// Per step: when the last rank ended its backward pass (the latest attempt's).
    private(set) var backwardEnds: [SimInstant?]
    /// When the last rank of the first attempt started its first step.
    private(set) var firstStart: SimInstant?
    private var started = 0
    /// The first step of the current attempt.
    private(set) var firstStep = 1
    /// The last step rank 0 saved a checkpoint after.
    private(set) var checkpointed = 0
    private(set) var restarts = 0
    private(set) var redoneSteps = 0
    /// Every instant a step was reached (every rank ended it), and each restart's fall
    /// back to its checkpoint, in time order.
    private(set) var progress: [(time: SimInstant, step: Int)] = []

    struct Parts {
        var forward: SimDuration
        var groups: BackwardGroups
        var update: SimDuration
    }

    init(workers: Int, iterations: Int, parts: Parts, overlap: Bool, horovod: HorovodSettings?, variation: Double,
         checkpointEvery: Int?, checkpointTime: SimDuration, streams: RandomStreams) {
        precondition(workers >= 1 && iterations >= 1, "DeepLearningProgram: \(workers) workers, \(iterations) iterations")
        precondition((workers == 1) == (horovod == nil), "DeepLearningProgram: Horovod runs among two or more workers")
        self.workers = workers
        self.iterations = iterations
        forward = parts.forward
        groups = parts.groups.groups
        var index = 0
        gradientGroup = parts.groups.groups.map { group in
            guard !group.tensors.isEmpty else { return nil }
            defer { index += 1 }
            return index
        }
        update = parts.update
        self.overlap = overlap
        self.horovod = horovod
        gradientGroups = horovod?.groupTensors.count ?? 0
        self.variation = variation > 0 ? MeanOneLognormal(coefficient: variation) : nil
        self.checkpointEvery = checkpointEvery
        self.checkpointTime = checkpointTime
        self.streams = streams
        rankStreams = Array(repeating: nil, count: workers)
        endedCount = Array(repeating: 0, count: iterations)
        stepEnds = Array(repeating: nil, count: iterations)
        backwardEnds = Array(repeating: nil, count: iterations)
    }

    static func == (lhs: DeepLearningProgram, rhs: DeepLearningProgram) -> Bool { lhs === rhs }

    /// The next step of rank `task.partition` after its current phase ended.
    func next(_ task: ProgramTask, cursor: inout ProgramCursor, now: SimInstant) -> TaskStep {
        let rank = task.partition
        guard case .deepLearning(let phase) = cursor.phase else {
            precondition(cursor.phase == .start, "DeepLearningProgram: rank in phase \(cursor.phase)")
            workerStarted(at: now)
            return begin(step: firstStep, rank: rank, cursor: &cursor)
        }
        switch phase {
        case .forward(let k):
            return group(0, of: k, cursor: &cursor)
        case .backward(let k, let g):
            if overlap, let gradients = gradientGroup[g], gradientGroups > 0 {
                cursor.phase = .deepLearning(.reported(step: k, group: g))
                return .gradientsReady(step: k, group: gradients)
            }
            return afterGroup(g, of: k, cursor: &cursor, now: now)
        case .reported(let k, let g):
            return afterGroup(g, of: k, cursor: &cursor, now: now)
        case .reportedLate(let k, let gradients):
            if gradients + 1 < gradientGroups {
                cursor.phase = .deepLearning(.reportedLate(step: k, gradientGroup: gradients + 1))
                return .gradientsReady(step: k, group: gradients + 1)
            }
            cursor.phase = .deepLearning(.awaiting(step: k))
            return .awaitAllreduces(step: k)
        case .awaiting(let k):
            cursor.phase = .deepLearning(.update(step: k))
            return .compute(update, .driver)
        case .update(let k):
            stepEnded(k, at: now)
            if rank == 0, let every = checkpointEvery, k % every == 0 {
                cursor.phase = .deepLearning(.checkpoint(step: k))
                return .compute(checkpointTime, .communication)
            }
            return afterStep(k, rank: rank, cursor: &cursor)
        case .checkpoint(let k):
            checkpointed = max(checkpointed, k)
            return afterStep(k, rank: rank, cursor: &cursor)
        }
    }

    private func begin(step k: Int, rank: Int, cursor: inout ProgramCursor) -> TaskStep {
        cursor.stepScale = scale(rank: rank)
        cursor.phase = .deepLearning(.forward(step: k))
        return .compute(forward.scaled(by: cursor.stepScale), .compute)
    }

    private func group(_ g: Int, of k: Int, cursor: inout ProgramCursor) -> TaskStep {
        cursor.phase = .deepLearning(.backward(step: k, group: g))
        return .compute(groups[g].duration.scaled(by: cursor.stepScale), .compute)
    }

    private func afterGroup(_ g: Int, of k: Int, cursor: inout ProgramCursor, now: SimInstant) -> TaskStep {
        if g + 1 < groups.count { return group(g + 1, of: k, cursor: &cursor) }
        backwardEnds[k - 1] = max(backwardEnds[k - 1] ?? now, now)
        guard gradientGroups > 0 else {
            cursor.phase = .deepLearning(.update(step: k))
            return .compute(update, .driver)
        }
        if overlap {
            cursor.phase = .deepLearning(.awaiting(step: k))
            return .awaitAllreduces(step: k)
        }
        cursor.phase = .deepLearning(.reportedLate(step: k, gradientGroup: 0))
        return .gradientsReady(step: k, group: 0)
    }

    private func afterStep(_ k: Int, rank: Int, cursor: inout ProgramCursor) -> TaskStep {
        guard k < iterations else {
            cursor.phase = .done
            return .finish
        }
        return begin(step: k + 1, rank: rank, cursor: &cursor)
    }

    /// This rank's speed factor for its next step (mean 1), from the rank's own stream
    /// (`cluster.gpu.variation.rank<r>`), so no rank's draws depend on another's timing.
    private func scale(rank: Int) -> Double {
        guard let variation else { return 1 }
        let stream = rankStreams[rank] ?? streams.stream(named: "cluster.gpu.variation.rank\(rank)")
        rankStreams[rank] = stream
        return variation.draw(from: stream)
    }

    private func workerStarted(at now: SimInstant) {
        started += 1
        if started == workers, firstStart == nil { firstStart = now }
    }

    private func stepEnded(_ k: Int, at now: SimInstant) {
        endedCount[k - 1] += 1
        if endedCount[k - 1] == workers {
            stepEnds[k - 1] = now
            progress.append((now, k))
        }
    }

    /// The last step every rank ended.
    var lastEndedStep: Int { endedCount.lastIndex(of: workers).map { $0 + 1 } ?? 0 }

    /// The stage failed: the next attempt starts after the last checkpoint, and the steps
    /// ended since then will be run again.
    func restart(at now: SimInstant) {
        redoneSteps += max(0, lastEndedStep - checkpointed)
        restarts += 1
        firstStep = checkpointed + 1
        progress.append((now, checkpointed))
        for k in firstStep...iterations {
            endedCount[k - 1] = 0
            backwardEnds[k - 1] = nil
        }
        started = 0
    }

    /// The mean time from each step's start (the last rank's end of the previous step, or
    /// of its start) to the last rank's end of its backward pass, over the steps after the
    /// first `warmup`; nil until they all ran.
    func steadyBackwardNanoseconds(warmup: Int) -> Double? {
        let skipped = min(max(warmup, 0), iterations - 1)
        var total = 0.0
        for k in (skipped + 1)...iterations {
            guard let end = backwardEnds[k - 1], let start = k == 1 ? firstStart : stepEnds[k - 2] else { return nil }
            total += Double(end.nanosecondsSinceStart - start.nanosecondsSinceStart)
        }
        return total / Double(iterations - skipped)
    }

    /// The mean time of the steps after the first `warmup` (nanoseconds), from the instant
    /// every worker had ended step `warmup` (or started the first one) to the instant every
    /// worker had ended the last; nil until then. At least the last step counts.
    func steadyStepNanoseconds(warmup: Int) -> Double? {
        let skipped = min(max(warmup, 0), iterations - 1)
        guard let end = stepEnds[iterations - 1],
              let start = skipped == 0 ? firstStart : stepEnds[skipped - 1] else { return nil }
        return Double(end.nanosecondsSinceStart - start.nanosecondsSinceStart) / Double(iterations - skipped)
    }
}

private extension SimDuration {
    /// This duration times `factor`, rounded up to the nanosecond.
    func scaled(by factor: Double) -> SimDuration {
        factor == 1 ? self : .nanoseconds(Int64((Double(nanoseconds) * factor).rounded(.up)))
    }
}

/// A trainer with nothing to train: the deep-learning program has no numerics.
struct NoTrainer: PartitionedTrainer {
    mutating func nextPass() -> DataPass? { nil }
    func partialResult(of pass: DataPass, rows: Range<Int>) -> [Double] { [] }
    mutating func complete(_ pass: DataPass, sum: [Double]) -> [IterationRecord] { [] }
}

extension TrainingDriver {
    /// Attempt `index`: one job, one barrier ResultStage of a task per worker (`train`,
    /// then `train-restart-N` after a failure).
    func stepsJob(_ program: DeepLearningProgram, index: Int) -> JobSpec {
        let job = program.restarts == 0 ? "train" : "train-restart-\(program.restarts)"
        let spec = addStage(job: job, name: "train", tasks: program.workers, parents: [], barrier: true,
                            reducers: 1, writesShuffleOutput: false, role: .steps(job: index),
                            horovod: program.horovod)
        return JobSpec(name: job, stages: [spec])
    }

    /// The next step of a deep-learning worker.
    func programStep(task: ProgramTask, cursor: inout ProgramCursor, now: SimInstant) -> TaskStep {
        guard case .steps(let program) = setup.style else { preconditionFailure("TrainingDriver: steps role without a program") }
        return program.next(task, cursor: &cursor, now: now)
    }
}

import Engine
import Sim

/// The program of a training stage's tasks: the driver's style decides each next step.
final class TrainingTaskProgram: TaskProgram {
    /// Which stage of a training job this is.
    enum Role: Equatable {
        /// Task-parallel pass `job`: the data stage (one task per partition).
        case partials(job: Int)
        /// Task-parallel pass `job`: treeAggregate level `level` (>= 1), `inputs` per task.
        case combine(job: Int, level: Int)
        /// Barrier training attempt `job`: one task per worker, looping over passes.
        case barrier(job: Int)
        /// Deep-learning attempt `job`: one task per GPU, a fixed list of iterations.
        case steps(job: Int)
    }

    unowned let driver: TrainingDriver
    let role: Role

    init(driver: TrainingDriver, role: Role) {
        self.driver = driver
        self.role = role
    }

    /// The shuffle reads first (a combine level reads the level before), then the
    /// driver's steps.
    func nextStep(_ task: ProgramTask, cursor: inout ProgramCursor, now: SimInstant) -> TaskStep {
        guard cursor.readShuffle else {
            cursor.readShuffle = true
            return .readShuffle
        }
        return driver.nextStep(role, task: task, cursor: &cursor, now: now)
    }

    func sizesByReducer(partition: Int, reducers: Int) -> [Int64] {
        driver.sizesByReducer(role, partition: partition, reducers: reducers)
    }

    func taskSucceeded(_ task: ProgramTask, at now: SimInstant) {
        driver.taskSucceeded(role, task: task, at: now)
    }
}

/// The step-by-step interface of the training programs.
extension TrainingDriver {
    /// The step after `task`'s current one ended at `now`: logs the ended step on the
    /// task's timeline (the launch and its shuffle reads before the first), then asks the
    /// style's program.
    func nextStep(_ role: TrainingTaskProgram.Role, task: ProgramTask, cursor: inout ProgramCursor,
                  now: SimInstant) -> TaskStep {
        if cursor.phase == .start {
            let runStart = cursor.runStart ?? now
            let launch = cursor.launchedAt ?? runStart
            launches[task.id] = launch
            logs[task.id] = [CriticalPath.Interval(part: .scheduling, start: launch, end: runStart),
                             CriticalPath.Interval(part: .communication, start: runStart, end: now)]
        } else if let part = cursor.part {
            logs[task.id, default: []].append(CriticalPath.Interval(part: part, start: cursor.stepStart, end: now))
        }
        let step: TaskStep
        switch role {
        case .barrier: step = barrierStep(task: task, cursor: &cursor, now: now)
        case .steps: step = programStep(task: task, cursor: &cursor, now: now)
        case .partials, .combine: step = taskParallelStep(role, task: task, cursor: &cursor)
        }
        cursor.stepStart = now
        cursor.part = step.costPart
        return step
    }

    /// Map output sizes of a training stage's task.
    func sizesByReducer(_ role: TrainingTaskProgram.Role, partition: Int, reducers: Int) -> [Int64] {
        switch role {
        case .partials: return taskParallelSizes(level: 0, partition: partition, reducers: reducers)
        case .combine(_, let level): return taskParallelSizes(level: level, partition: partition, reducers: reducers)
        case .barrier, .steps: return Array(repeating: 0, count: reducers)
        }
    }

    /// A training task is about to report success.
    func taskSucceeded(_ role: TrainingTaskProgram.Role, task: ProgramTask, at now: SimInstant) {
        switch role {
        case .partials(let job) where job == jobCount - 1: taskParallelSucceeded(level: 0, task: task, at: now)
        case .combine(let job, let level) where job == jobCount - 1:
            taskParallelSucceeded(level: level, task: task, at: now)
        default: break
        }
    }
}

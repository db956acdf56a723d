import Sim

/// The program of a scripted stage's tasks: read the shuffle input, take a Python worker
/// (`python: true`), then `duration` of work with the partition's barrier calls at their
/// points (`syncs: after:` counts the task's own work before each call; blocked time is
/// not work), then finish, writing `output_bytes` split evenly over the reducers.
///
/// A stretch of work between calls is its waiting part then its CPU part, in the
/// proportion of the partition's `cpu_durations` (or `cpu_fraction`) to its duration;
/// without either, all of it is CPU work (one step, as before the split existed).
final class ScriptedTaskProgram: TaskProgram {
    let stage: Scenario.Stage

    init(_ stage: Scenario.Stage) { self.stage = stage }

    func nextStep(_ task: ProgramTask, cursor: inout ProgramCursor, now: SimInstant) -> TaskStep {
        let syncs = stage.barrier ? stage.syncs(forPartition: task.partition) : []
        switch cursor.phase {
        case .start where !cursor.readShuffle:
            cursor.readShuffle = true
            return .readShuffle
        case .start where stage.python && !cursor.hasPythonWorker:
            cursor.hasPythonWorker = true
            return .pythonWorker
        case .start:
            return stretch(task, syncs: syncs, cursor: &cursor)
        case .waiting:
            cursor.phase = .stretch
            return .compute(cpuPart(task, of: stretchWork(task, syncs: syncs, cursor: cursor)), .compute)
        case .stretch:
            // A stretch of work is done: the task calls its next sync, or ends.
            cursor.workDone = workTarget(task, syncs: syncs, cursor: cursor)
            guard cursor.nextSync < syncs.count else {
                cursor.phase = .done
                return .finish
            }
            cursor.phase = .syncing
            return .sync(syncs[cursor.nextSync].call)
        case .syncing:
            cursor.nextSync += 1
            return stretch(task, syncs: syncs, cursor: &cursor)
        default:
            preconditionFailure("ScriptedTaskProgram: task in phase \(cursor.phase)")
        }
    }

    /// The work up to the next barrier call, or to the end: its waiting part first when
    /// it has one.
    private func stretch(_ task: ProgramTask, syncs: [Scenario.Sync], cursor: inout ProgramCursor) -> TaskStep {
        let work = stretchWork(task, syncs: syncs, cursor: cursor)
        let waiting = work - cpuPart(task, of: work)
        if waiting > .zero {
            cursor.phase = .waiting
            return .wait(waiting)
        }
        cursor.phase = .stretch
        return .compute(work, .compute)
    }

    private func stretchWork(_ task: ProgramTask, syncs: [Scenario.Sync], cursor: ProgramCursor) -> SimDuration {
        max(.zero, workTarget(task, syncs: syncs, cursor: cursor) - cursor.workDone)
    }

    /// The CPU part of `work` (a stretch of partition `task.partition`'s work): in the
    /// proportion of its CPU duration to its duration, rounded down.
    private func cpuPart(_ task: ProgramTask, of work: SimDuration) -> SimDuration {
        guard let cpu = stage.cpu?[task.partition] else { return work }
        let duration = stage.duration[task.partition]
        guard duration > .zero else { return .zero }
        let part = Int128(work.nanoseconds) * Int128(cpu.nanoseconds) / Int128(duration.nanoseconds)
        return SimDuration(nanoseconds: Int64(part))
    }

    /// The work done at the end of the current stretch: the next call's `after`, or the
    /// task's duration.
    private func workTarget(_ task: ProgramTask, syncs: [Scenario.Sync], cursor: ProgramCursor) -> SimDuration {
        let duration = stage.duration[task.partition]
        return cursor.nextSync < syncs.count ? min(syncs[cursor.nextSync].after, duration) : duration
    }

    /// Partition `partition`'s `output_bytes` split evenly over the reducers, the first
    /// `total % reducers` reducers taking one byte more.
    func sizesByReducer(partition: Int, reducers: Int) -> [Int64] {
        StageWork.split(stage.outputBytes[partition].bytes, into: reducers)
    }
}

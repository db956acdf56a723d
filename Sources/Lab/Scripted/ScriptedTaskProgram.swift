import Sim

/// The program of a scripted stage's tasks: read the shuffle input, then `duration` of
/// work with the partition's barrier calls at their points (`syncs: after:` counts the
/// task's own work before each call; blocked time is not work), then finish, writing
/// `output_bytes` split evenly over the reducers.
final class ScriptedTaskProgram: TaskProgram {
    let stage: Scenario.Stage

    init(_ stage: Scenario.Stage) { self.stage = stage }

    func nextStep(_ task: ProgramTask, cursor: inout ProgramCursor, now: SimInstant) -> TaskStep {
        let syncs = stage.barrier ? stage.syncs(forPartition: task.partition) : []
        switch cursor.phase {
        case .start where !cursor.readShuffle:
            cursor.readShuffle = true
            return .readShuffle
        case .start:
            return stretch(task, syncs: syncs, cursor: &cursor)
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

    /// The work up to the next barrier call, or to the end.
    private func stretch(_ task: ProgramTask, syncs: [Scenario.Sync], cursor: inout ProgramCursor) -> TaskStep {
        cursor.phase = .stretch
        return .compute(max(.zero, workTarget(task, syncs: syncs, cursor: cursor) - cursor.workDone), .compute)
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

import Engine
import Sim

/// What the backend needs to run the tasks of one scripted stage: the work of each
/// partition, the shuffle it reads and writes, and its barrier calls.
///
/// The engine sees a stage as a `StageSpec` (partitions, parents, preferences, resources);
/// the simulated executors see this. Both are keyed by `key` (`job.stage`), the one name a
/// task description is resolved by.
struct ScriptedStage {
    /// `job.stage`, unique across the run; a stage of another job is shared by key.
    let key: String
    /// The job that defines the stage (trace rows name stages with it).
    let job: String
    let name: String
    /// The stage as the scenario gives it.
    let source: Scenario.Stage
    /// Keys of the shuffle-map stages this stage reads, in the order listed.
    let parents: [String]
    /// How many reduce partitions this stage's shuffle output is split into: the partition
    /// count of the first stage (in file order) that reads it, or 1 when none does.
    let reducers: Int
    /// Whether its tasks report map output: it is not its job's result stage, or a stage
    /// reads it.
    let writesShuffleOutput: Bool
    /// A training stage's program (its tasks' steps come from the training driver); nil
    /// for a scripted stage, whose tasks do `duration` of work with their barrier calls.
    var program: StageProgram?

    var partitions: Int { source.tasks }
    var isBarrier: Bool { source.barrier }

    /// The work partition `index` does (blocked time in syncs is not work).
    func duration(ofPartition index: Int) -> SimDuration { source.duration[index] }

    /// The barrier calls partition `index` makes, in order of the work done before each.
    func syncs(ofPartition index: Int) -> [Scenario.Sync] {
        source.barrier ? source.syncs(forPartition: index) : []
    }

    /// The map status sizes of partition `index`: its `output_bytes` split evenly over the
    /// reducers, the first `total % reducers` reducers taking one byte more, so the sizes
    /// always add up to the output and never depend on anything but the scenario.
    func sizesByReducer(ofPartition index: Int) -> [Int64] {
        if let program { return program.driver.sizesByReducer(program.role, partition: index, reducers: reducers) }
        return Self.split(source.outputBytes[index].bytes, into: reducers)
    }

    /// `total` bytes over `parts` parts, as evenly as integers allow (earlier parts larger).
    static func split(_ total: Int64, into parts: Int) -> [Int64] {
        precondition(parts >= 1 && total >= 0, "ScriptedStage.split: \(total) bytes into \(parts)")
        let share = total / Int64(parts)
        let remainder = Int(total % Int64(parts))
        return (0..<parts).map { share + ($0 < remainder ? 1 : 0) }
    }

    /// The bytes a reduce task of `readerPartitions` partitions, partition `partition`,
    /// reads from one map output. A map output is split for its stage's first reader; a
    /// later reader with another partition count (two jobs reading one shuffle map stage
    /// differently) reads the same total re-split over its own partitions.
    static func bytesRead(from status: MapStatus, partition: Int, readerPartitions: Int) -> Int64 {
        if status.sizesByReducer.count == readerPartitions { return status.sizesByReducer[partition] }
        let total = status.sizesByReducer.reduce(0, +)
        return split(total, into: readerPartitions)[partition]
    }
}

import Engine
import Sim

/// What the simulated executors know of one stage: the shuffle it reads and writes,
/// whether it is a barrier stage, and the program its tasks run.
///
/// The engine sees a stage as a `StageSpec` (partitions, parents, preferences,
/// resources); the executors see this. Both are keyed by `key`, the one name a launched
/// task's stage is resolved by; whichever job source submitted the stage made both.
struct StageWork {
    /// Unique across the run (`job.stage` for a scripted stage); a stage of another job
    /// is shared by key.
    let key: String
    /// The job that defines the stage (trace rows name stages with it).
    let job: String
    let name: String
    let partitions: Int
    /// Keys of the shuffle-map stages this stage reads, in the order listed.
    let parents: [String]
    /// How many reduce partitions this stage's shuffle output is split into.
    let reducers: Int
    /// Whether its tasks report map output.
    let writesShuffleOutput: Bool
    let isBarrier: Bool
    let program: any TaskProgram
    /// Deep learning: Horovod's runtime among the stage's tasks (nil otherwise).
    var horovod: HorovodSettings? = nil

    /// The map status sizes of partition `index`.
    func sizesByReducer(ofPartition index: Int) -> [Int64] {
        program.sizesByReducer(partition: index, reducers: reducers)
    }

    /// `total` bytes over `parts` parts, as evenly as integers allow (earlier parts larger),
    /// so the sizes always add up to the total and never depend on anything but it.
    static func split(_ total: Int64, into parts: Int) -> [Int64] {
        precondition(parts >= 1 && total >= 0, "StageWork.split: \(total) bytes into \(parts)")
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

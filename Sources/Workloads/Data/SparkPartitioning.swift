/// Splits `0..<count` into contiguous partitions exactly as Spark's
/// `ParallelCollectionRDD.slice` does for `sc.parallelize(seq, numSlices)`.
///
/// Why exactly Spark's: which rows land in which task decides each task's work and,
/// in the simulator, which task is the straggler; a partitioning that rounds
/// differently would move rows between tasks and change the trace. Spark computes
/// `start = i * length / numSlices`, `end = (i + 1) * length / numSlices` in 64-bit
/// (`Long`) arithmetic, so early slices get the smaller share: 10 rows into 3 slices
/// are 0..<3, 3..<6, 6..<10.
///
/// - Complexity: O(partitions).
/// - Mirrors: `ParallelCollectionRDD.slice.positions` (Spark 4).
public enum SparkPartitioning {
    /// The row ranges of `partitions` slices of `count` rows, in partition order.
    public static func slices(count: Int, partitions: Int) -> [Range<Int>] {
        precondition(count >= 0, "SparkPartitioning: negative row count \(count)")
        precondition(partitions > 0, "SparkPartitioning: needs at least one partition, got \(partitions)")
        let length = Int64(count), slices = Int64(partitions)
        let result = (0..<slices).map { i in
            Int(i * length / slices)..<Int((i + 1) * length / slices)
        }
        assert(result.first?.lowerBound == 0 && result.last?.upperBound == count)
        assert(zip(result, result.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
        return result
    }
}

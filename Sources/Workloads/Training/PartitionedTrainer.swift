/// A model trained by passes over partitioned data: the shape shared by MLlib's
/// task-parallel algorithms and Hydrogen's barrier + allreduce training.
///
/// Every pass asks each partition for a vector (a gradient sum, per-centroid sums, a
/// histogram, ...); the vectors are summed element-wise and the driver (task-parallel)
/// or every worker (barrier) finishes the pass with the sum. The two training styles
/// differ only in how the sum travels (`treeAggregate` through Spark jobs, or an
/// allreduce among barrier tasks) and so in time, never in what is computed: both run
/// the same trainer, and reach the same model up to the order of floating-point sums.
///
/// Numerics are real; time comes from the cost each pass declares (`DataPass`), which
/// the runtime in `Lab` turns into task work, network bytes and driver work.
public protocol PartitionedTrainer {
    /// The next pass over the data, or nil once training is over.
    mutating func nextPass() -> DataPass?

    /// The vector one partition contributes to `pass`, over the dataset rows `rows`.
    /// Pure: a retried task computes the same vector.
    func partialResult(of pass: DataPass, rows: Range<Int>) -> [Double]

    /// Finishes `pass` with the element-wise sum of every partition's vector; returns the
    /// iterations this completed (none while, e.g., a line search is still evaluating).
    mutating func complete(_ pass: DataPass, sum: [Double]) -> [IterationRecord]

    /// Why training stopped (`max iterations reached`, or the convergence rule that fired),
    /// nil while training or for trainers that always run to their end.
    var stopReason: String? { get }
}

extension PartitionedTrainer {
    public var stopReason: String? { nil }
}

/// One pass over the partitions, and what it costs apart from the data itself.
public struct DataPass: Sendable, Equatable {
    /// Why the pass runs: `summary`, `loss-gradient`, `assign`, `histogram`, `init`, ...;
    /// MLlib runs each as one Spark job.
    public var purpose: String
    /// Doubles the driver broadcasts before the pass (the model the tasks need).
    public var broadcastDoubles: Int
    /// Length of each partition's vector (what `treeAggregate` or the allreduce moves).
    public var resultDoubles: Int
    /// Floating-point operations per data row to compute the partition's vector.
    public var flopsPerRow: Double
    /// Floating-point operations of the driver's work that finishes the pass.
    public var driverFlops: Double

    public init(purpose: String, broadcastDoubles: Int, resultDoubles: Int, flopsPerRow: Double,
                driverFlops: Double) {
        self.purpose = purpose
        self.broadcastDoubles = broadcastDoubles
        self.resultDoubles = resultDoubles
        self.flopsPerRow = flopsPerRow
        self.driverFlops = driverFlops
    }
}

/// What an iteration reached: the objective after it (loss, K-means cost, ...) and, for
/// classifiers, the training accuracy.
public struct IterationRecord: Sendable, Equatable {
    /// 0 = the initial model, then 1, 2, ...
    public var iteration: Int
    public var objective: Double
    public var accuracy: Double?

    public init(iteration: Int, objective: Double, accuracy: Double? = nil) {
        self.iteration = iteration
        self.objective = objective
        self.accuracy = accuracy
    }
}

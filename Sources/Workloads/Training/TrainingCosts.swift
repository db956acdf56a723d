import Sim

/// How partition data reaches the code that trains on it.
///
/// pyspark.ml's task-parallel estimators run in the JVM on cached rows (`jvm`: no
/// exchange). Barrier / Horovod-style training runs Python in each task, so every row
/// crosses from the JVM to the Python worker: as pickled rows (`rdd.barrier()
/// .mapPartitions`, real run b) or as Arrow record batches (Hydrogen's optimized data
/// exchange, SPARK-24579).
public enum DataExchange: String, Sendable, Equatable, CaseIterable {
    case jvm
    case pickle
    case arrow
}

/// The cost model of training on the simulated cluster, apart from the trainer's own
/// FLOPs: what Python costs, how data moves from the JVM to Python, checkpoints, and how
/// fast the driver and the executors' cores compute. Every default is documented with
/// its source in README.md ("Training workloads").
public struct TrainingCosts: Sendable, Equatable {
    /// The Python worker's cold start on an executor's first Python task: real Spark 4.3
    /// runs b and c (real Spark 4.3 recorded for this project) spent 3-4.5 s before user code ran;
    /// run b's median launch-to-Python gap was 3.4 s.
    public var pythonWorkerStartup = SimDuration.milliseconds(3_400)
    public var exchange = DataExchange.jvm
    /// Pickled rows: cost per row and per byte. From Spark 2.3's Arrow benchmark
    /// (Cutler, "Speeding up PySpark with Apache Arrow", 2017): `toPandas` of 2^23 rows of
    /// 2 columns took 20.7 s pickled, so about 2.4 us per row, plus 2 ns per byte.
    public var pickleNanosecondsPerRow: Int64 = 2_400
    public var pickleNanosecondsPerByte: Int64 = 2
    /// Arrow batches: `spark.sql.execution.arrow.maxRecordsPerBatch` (Spark's default
    /// 10000) rows per batch, 100 us per batch and 5 ns per byte (the same benchmark:
    /// 0.74 s for the 134 MB Arrow path).
    public var arrowRecordsPerBatch = 10_000
    public var arrowNanosecondsPerBatch: Int64 = 100_000
    public var arrowNanosecondsPerByte: Int64 = 5
    /// A checkpoint writes the model's bytes to shared storage at this rate (100 MB/s, a
    /// single HDFS/S3 writer stream); nil = training without checkpoints.
    public var checkpointEvery: Int?
    public var checkpointBytesPerSecond: Int64 = 100_000_000
    /// An executor core's effective rate when the scenario gives no
    /// `cluster.cpu.flops_per_core`: 10 GFLOPS (a 2.5 GHz core at 4 double FLOPs per
    /// cycle, what JVM/BLAS-1 loops such as MLlib's gradient sums reach, not the
    /// AVX-512 peak).
    public static let defaultFlopsPerCore = FlopRate(flopsPerSecond: 10_000_000_000)

    public init() {}

    /// The time to move `rows` rows of `bytes` bytes in all from the JVM to Python.
    public func exchangeTime(rows: Int, bytes: Int64) -> SimDuration {
        precondition(rows >= 0 && bytes >= 0, "TrainingCosts: negative exchange")
        switch exchange {
        case .jvm:
            return .zero
        case .pickle:
            return SimDuration(nanoseconds: Int64(rows) * pickleNanosecondsPerRow + bytes * pickleNanosecondsPerByte)
        case .arrow:
            let batches = (rows + arrowRecordsPerBatch - 1) / arrowRecordsPerBatch
            return SimDuration(nanoseconds: Int64(batches) * arrowNanosecondsPerBatch + bytes * arrowNanosecondsPerByte)
        }
    }

    /// The time to write a checkpoint of `bytes`.
    public func checkpointTime(bytes: Int64) -> SimDuration {
        SimDuration(nanoseconds: (bytes * 1_000_000_000 + checkpointBytesPerSecond - 1) / checkpointBytesPerSecond)
    }

    /// The time `flops` take at `rate` (exact ceiling in nanoseconds).
    public static func computeTime(flops: Double, rate: FlopRate) -> SimDuration {
        precondition(flops >= 0 && flops.isFinite, "TrainingCosts: bad FLOP count \(flops)")
        return ComputeCost.duration(flops: Int64(flops.rounded(.up)), rate: rate)
    }
}

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
    /// The Python worker's cold start on an executor's first Python task; a run sets it
    /// from the workload's `python_worker_startup` or the control plane's (1.6 s by
    /// default, docs/spark-config.md "Control plane").
    public var pythonWorkerStartup = SimDuration.milliseconds(1_600)
    public var exchange = DataExchange.jvm
    /// Pickled rows (`rdd.mapPartitions` on a DataFrame's rows): cost per row and per byte,
    /// measured on real Spark 4.3 on the project machine (results/validation/
    /// python-exchange-2026-12-05.md: two tasks on two cores, 200,000 to 4,000,000 rows of 2
    /// and 20 double columns, least squares on the tasks' run time): 2,544 ns a row and
    /// 16.7 ns a byte.
    public var pickleNanosecondsPerRow: Int64 = 2_544
    public var picklePicosecondsPerByte: Int64 = 16_700
    /// Arrow batches (`mapInArrow`): `spark.sql.execution.arrow.maxRecordsPerBatch`
    /// (Spark's default 10,000) rows a batch; the same measurement, fitted over batch sizes
    /// of 1,000, 10,000 and 100,000 rows: 72 µs a batch, 97 ns a row and 3.6 ns a byte (so
    /// 4.6 times cheaper a byte than pickled rows, and 26 times cheaper a row).
    public var arrowRecordsPerBatch = 10_000
    public var arrowNanosecondsPerBatch: Int64 = 72_000
    public var arrowNanosecondsPerRow: Int64 = 97
    public var arrowPicosecondsPerByte: Int64 = 3_600
    /// A checkpoint writes the model's bytes to shared storage at this rate (100 MB/s, a
    /// single HDFS/S3 writer stream); nil = training without checkpoints.
    public var checkpointEvery: Int?
    public var checkpointBytesPerSecond: Int64 = 100_000_000
    /// A lost cached partition is read again from its source at this rate (100 MB/s, the
    /// same single-stream HDFS/S3 figure as checkpoints) before it is turned into rows.
    public var sourceBytesPerSecond: Int64 = 100_000_000
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
            return SimDuration(nanoseconds: Int64(rows) * pickleNanosecondsPerRow
                + Self.nanoseconds(bytes: bytes, picosecondsPerByte: picklePicosecondsPerByte))
        case .arrow:
            let batches = (rows + arrowRecordsPerBatch - 1) / arrowRecordsPerBatch
            return SimDuration(nanoseconds: Int64(batches) * arrowNanosecondsPerBatch
                + Int64(rows) * arrowNanosecondsPerRow
                + Self.nanoseconds(bytes: bytes, picosecondsPerByte: arrowPicosecondsPerByte))
        }
    }

    /// `bytes` at `picosecondsPerByte`, rounded up to whole nanoseconds.
    static func nanoseconds(bytes: Int64, picosecondsPerByte: Int64) -> Int64 {
        (bytes * picosecondsPerByte + 999) / 1_000
    }

    /// The time to read `bytes` of a partition's source again.
    public func sourceReadTime(bytes: Int64) -> SimDuration {
        SimDuration(nanoseconds: (bytes * 1_000_000_000 + sourceBytesPerSecond - 1) / sourceBytesPerSecond)
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

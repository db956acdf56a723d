import Sim

extension Scenario {
    /// How a training workload runs on Spark, shared by every training kind.
    public enum TrainingStyle: String, Sendable, Equatable, CaseIterable {
        /// MLlib: one job per pass (broadcast, a task per partition, `treeAggregate`).
        case taskParallel = "task-parallel"
        /// Hydrogen: one barrier stage, a task per worker, an allreduce per pass (for
        /// gradient-boosted trees: how XGBoost and LightGBM run on Spark).
        case barrierAllreduce = "barrier-allreduce"
    }

    /// `kind: kmeans`: MLlib's `KMeans` (k-means|| or random initialisation, then Lloyd
    /// iterations), task-parallel or barrier + allreduce.
    public struct KMeansWorkload: Sendable, Equatable {
        public var style: TrainingStyle
        public var data: ClusteringData
        /// Task-parallel: one task per partition; barrier: one task per worker.
        public var partitions: Int
        /// The number of clusters (MLlib's `k`), at most the number of rows.
        public var k: Int
        /// Lloyd iterations at most (MLlib's `maxIter`, default 20).
        public var maxIter: Int
        /// Stop when no centre moved farther than this (MLlib's `tol`, default 1e-4).
        public var tol: Double
        public var initialization: Initialization
        /// Optional barrier cost keys (README "Training workloads").
        public var options = TrainingOptions()

        /// `init:` the spellings are MLlib's `initMode` values.
        public enum Initialization: String, Sendable, Equatable, CaseIterable {
            case random
            /// MLlib's default: 2 steps of k-means||, then local k-means++.
            case kMeansParallel = "k-means||"
        }
    }

    /// Rows for clustering: features only.
    public enum ClusteringData: Sendable, Equatable {
        /// Every column but the file's `label` (when given) is a numeric feature; read
        /// when the scenario was decoded.
        case csv(DataFile)
        /// `GaussianBlobs`: `clusters` centres (default k) with N(0, spread²) noise.
        case blobs(rows: Int, features: Int, clusters: Int, spread: Double)
    }

    /// `kind: gbt`: histogram-based gradient-boosted trees for 0/1 labels with logistic
    /// loss, one pass per tree level (MLlib's binned trees, XGBoost's `hist`, LightGBM).
    public struct GradientBoostedTreesWorkload: Sendable, Equatable {
        public var style: TrainingStyle
        public var data: LogisticRegressionWorkload.TrainingData
        public var partitions: Int
        /// Default 20 (MLlib's `maxIter`, XGBoost's `num_round`).
        public var numTrees: Int
        /// Default 5 (MLlib's `maxDepth`).
        public var maxDepth: Int
        /// Default 32 (MLlib's `maxBins`), at most 256 (bins are bytes).
        public var maxBins: Int
        /// Default 0.1 (MLlib's `stepSize`, XGBoost's `eta`).
        public var learningRate: Double
        public var options = TrainingOptions()
    }
}

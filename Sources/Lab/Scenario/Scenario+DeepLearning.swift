import Report
import Sim
import Workloads

extension Scenario {
    /// `kind: deep-learning`: Horovod-style data-parallel training of model profiles,
    /// measured as the Horovod benchmark measures it (throughput per GPU count).
    public struct DeepLearningWorkload: Sendable, Equatable {
        /// Profile names (`ModelProfile.catalog`), in file order; from `model:` or `models:`.
        public var models: [String]
        /// Samples per GPU per step (tf_cnn_benchmarks' `--batch_size`, default 64).
        public var batchSize: Int
        /// Steps measured after `warmup` (reported; every step of a run is identical).
        public var iterations: Int
        public var warmup: Int
        public var allreduce: AllreduceCost.Algorithm
        /// HOROVOD_FUSION_THRESHOLD (default 64MiB).
        public var fusionThreshold: ByteCount
        /// HOROVOD_CYCLE_TIME (default 5ms).
        public var cycleTime: SimDuration
        /// Allreduce buffers during backward (true) or after it.
        public var overlap: Bool
        public var precision: Precision
        /// Worker (GPU) counts, ascending; 1 need not be listed (it is always run, as the base).
        public var scaleGPUs: [Int]
        /// Sustained fraction of `cluster.gpu.flops` on executed FLOPs (default 0.36).
        public var efficiency: Efficiency
        /// Winograd F(4x4,3x3) on 3x3 stride-1 convolutions (default true).
        public var winograd: Bool
        /// NCCL on the wire (`nccl_step_latency`, `nccl_launch_latency`, `link_goodput`;
        /// default none: the bare α-β network).
        public var nccl: AllreduceCost.NCCLOverheads
        /// Rank 0's cost per Horovod control message (`control_message_cost`, default 0:
        /// free coordination, wakes on a `cycle_time` grid).
        public var controlMessageCost: SimDuration
        /// `published_efficiency` (sparksim): the reference results the scenario re-creates.
        public var published: PublishedEfficiencies? = nil
        /// `checkpoint_every` (sparksim): rank 0 saves the model after every this many
        /// steps, and a restarted stage goes on from the last save (nil: from step 1).
        public var checkpointEvery: Int? = nil
        /// `spare_hosts` (sparksim): hosts beyond those a point's GPUs fill that its run
        /// may use (a restart after a lost host needs somewhere to go); default 0.
        public var spareHosts: Int = 0

        public enum Precision: String, Sendable, Equatable, CaseIterable {
            case fp32
            case fp16

            /// Bytes per gradient element.
            public var bytes: Int64 { self == .fp32 ? 4 : 2 }
        }
    }
}

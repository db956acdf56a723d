import Sim

extension Scenario {
    /// The optional cost keys of the training workloads (README "Training workloads").
    public struct TrainingOptions: Sendable, Equatable {
        /// `sync:` how barrier workers exchange each pass.
        public enum Sync: String, Sendable, Equatable, CaseIterable {
            /// Horovod/Gloo: an allreduce straight on the network (no Spark poll tick).
            case allreduce
            /// Spark's `BarrierTaskContext.allGather` (its poll tick), as real run b did.
            case allGather
        }

        /// `exchange:` how rows reach the Python worker (barrier style).
        public enum Exchange: String, Sendable, Equatable, CaseIterable {
            case pickle
            case arrow
        }

        /// `allreduce:` the algorithm of the barrier allreduce (default ring).
        public var allreduce = CollectiveAlgorithm.ring
        public var sync = Sync.allreduce
        /// `python_worker_startup:` this workload's Python worker start-up; nil = the
        /// control plane's (`engine.control_plane.python_worker_startup`).
        public var pythonWorkerStartup: SimDuration?
        /// Default pickle (what `rdd.barrier().mapPartitions` does).
        public var exchange = Exchange.pickle
        /// `checkpoint_every:` iterations between checkpoints; nil = none.
        public var checkpointEvery: Int?
        /// `represents_rows:` the rows the data set stands for in the cost model (nil = its
        /// own rows). The numerics run on the rows held; compute and exchange are charged as
        /// for this many, so strong scaling on a large data set needs no large memory.
        public var representsRows: Int?

        public init() {}
    }
}

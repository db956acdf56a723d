import Sim

extension Scenario {
    /// The virtual cluster at time 0 (faults and dynamic allocation change it later).
    public struct Cluster: Sendable, Equatable {
        /// Which of the three forms the file used.
        public var form: Form
        /// Executors present at time 0, in file order (explicit), id order as generated
        /// (rack, then host, then executor) or as the master URL defines them.
        public var executors: [Executor]
        /// Hosts of `executors`, in order of first appearance.
        public var hosts: [Host]
        /// Rack ids in order of first appearance; empty when no executor names a rack
        /// (then all hosts form one rack).
        public var racks: [String]
        public var gpu: GPU?
        public var cpu: CPU?
        /// Nil = an ideal network (no latency, no bandwidth limit).
        public var network: Network?

        /// The three ways of describing a cluster; exactly one per file.
        public enum Form: Sendable, Equatable {
            /// `executors:` listed one by one.
            case explicit
            /// `master:` with a Spark master URL.
            case master(Master)
            /// `racks:`/`hosts_per_rack:`/`executors_per_host:`/`executor:`.
            case generated(Layout)
        }
    }

    /// A host and the rack it sits in.
    public struct Host: Sendable, Equatable {
        public var id: String
        public var rack: String?
    }

    /// One executor.
    public struct Executor: Sendable, Equatable {
        public var id: String
        public var host: String
        /// Nil when the file names no racks.
        public var rack: String?
        public var cores: Int
        /// GPU addresses are "0" ... "gpus-1".
        public var gpus: Int
        public var memory: ByteCount
        /// The resource profile it was launched for; nil = Spark's default profile.
        public var profile: String?
    }

    /// A Spark master URL for a one-machine run (host `localhost`, one rack).
    public struct Master: Sendable, Equatable {
        /// The URL as written, e.g. `local[4,2]`.
        public var url: String
        public var kind: Kind

        public enum Kind: Sendable, Equatable {
            /// `local`, `local[N]`, `local[N,F]`: one executor `driver` with N cores;
            /// each task gets F attempts (1 without F).
            case local(cores: Int, attempts: Int)
            /// `local-cluster[N,C,M]`: executors `0`..`N-1`, C cores and M MiB each.
            case localCluster(executors: Int, coresPerExecutor: Int, memoryMiB: Int)
        }

        /// The attempts Spark's local mode gives each task, nil for `local-cluster`.
        public var localTaskAttempts: Int? {
            if case .local(_, let attempts) = kind { return attempts }
            return nil
        }
    }

    /// The generated layout: ids `rack<R>`, `host<R>-<H>`, `exec<R>-<H>-<E>`, from 0.
    public struct Layout: Sendable, Equatable {
        public var racks: Int
        public var hostsPerRack: Int
        public var executorsPerHost: Int
    }

    /// Per-GPU compute.
    public struct GPU: Sendable, Equatable {
        public var model: String?
        public var flops: FlopRate?
        public var memory: ByteCount?
        /// Coefficient of variation of one GPU's compute time for one training step
        /// (`cluster.gpu.variation`, lognormal with mean 1, drawn per GPU per step); 0 (the
        /// default) runs every step as planned.
        public var variation: Double = 0
    }

    /// Per-core compute.
    public struct CPU: Sendable, Equatable {
        public var flopsPerCore: FlopRate?
        /// Coefficient of variation of each stretch of task work (lognormal, mean 1); 0
        /// (the default) keeps work times exact.
        public var variation: Double = 0
        /// Physical cores of every host (`cluster.cpu.physical_cores`), where they differ
        /// from its executors' task slots: the CPU work of the tasks running on a host
        /// shares them (processor sharing, one core at most each). Nil = every task slot
        /// has a core of its own.
        public var physicalCores: Int?
        /// `cluster.cpu.host_slowdown` *(sparksim)*: each host's persistent factor on its
        /// work (a slow node stays slow); nil = every host at factor 1.
        public var hostSlowdown: HostSlowdown? = nil
    }

    /// How much longer each host takes over its tasks' work, for the whole run: a factor
    /// above 1 is a slower host (older CPU, thermal throttling, a noisy neighbour), below 1
    /// a faster one. It slows what a `straggler` fault slows (the tasks' CPU work: compute,
    /// exchange, Python start-up; not a scripted stretch's waiting part, nor transfers),
    /// as a straggler lasting the whole run would; `cpu.variation` then varies each stretch.
    public struct HostSlowdown: Sendable, Equatable {
        /// Coefficient of variation of the factor each host draws once before time starts
        /// (lognormal, mean 1, stream `cluster.cpu.host_slowdown`, hosts in cluster order);
        /// 0 = no draw, every host not named in `hosts` at 1.
        public var variation: Double = 0
        /// Factors written for named hosts, in file order; each replaces its host's draw
        /// (the draw is still made, so naming a host never shifts another host's factor).
        public var hosts: [HostFactor] = []
    }

    /// One host's slowdown factor.
    public struct HostFactor: Sendable, Equatable {
        public var host: String
        public var factor: Double
    }

    /// Links and latencies; absent rates mean "not a bottleneck".
    public struct Network: Sendable, Equatable {
        /// Each host's NIC, full duplex.
        public var hostLink: Bandwidth?
        /// Each rack's link to the core, full duplex; nil = non-blocking core.
        public var rackUplink: Bandwidth?
        /// Per link crossed.
        public var latency: SimDuration
        /// Per rack uplink crossed; defaults to `latency`.
        public var rackUplinkLatency: SimDuration
        /// Between executors of one host; nil = free.
        public var intraHost: Bandwidth?
    }
}

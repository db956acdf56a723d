/// A scenario of the fault swarm as data: what `SwarmScenarioGenerator` draws from a
/// seed, what `SwarmShrinker` cuts down, and what `yaml` writes for `sparksim run`.
///
/// Why a model and not YAML text: shrinking removes an executor, a job, a stage, a fault
/// or halves a time, and each cut must leave a scenario that still validates (a fault
/// naming a removed executor goes with it). That is easy on values and hopeless on text.
/// Times are whole milliseconds and GPU amounts hundredths, so the text is exact.
public struct SwarmScenario: Sendable, Equatable {
    public struct Executor: Sendable, Equatable {
        public var id: String
        public var host: String
        public var rack: String
        public var cores: Int
        public var gpus: Int
        /// The resource profile it was launched for; nil = Spark's default profile.
        public var profile: String?
    }

    public enum Cluster: Sendable, Equatable {
        case explicit([Executor])
        /// `racks`, `hosts_per_rack`, `executors_per_host`, `executor: {cores, gpus}`.
        case generated(racks: Int, hostsPerRack: Int, perHost: Int, cores: Int, gpus: Int)
        /// `master: local[N]`, `local[N,F]` or `local-cluster[n,c,m]`.
        case master(String)
    }

    public struct Sync: Sendable, Equatable {
        public var afterMs: Int
        public var call: String
    }

    public struct Stage: Sendable, Equatable {
        public var name: String
        public var parents: [String] = []
        public var tasks: Int
        /// One entry: every task's work; otherwise one per partition.
        public var durationsMs: [Int]
        /// Empty: no shuffle output; one entry: every task's; otherwise one per partition.
        public var outputKiB: [Int] = []
        public var barrier = false
        public var syncs: [Sync] = []
        public var partitionSyncs: [(partition: Int, syncs: [Sync])] = []
        /// `resources: {cpus, gpus}` in hundredths of a GPU; nil = the defaults.
        public var resources: (cpus: Int, gpuHundredths: Int)?
        public var profile: String?
        /// One host list per partition; nil = no preferences.
        public var preferredHosts: [[String]]?
        public var cpuFraction: String?
        public var python = false

        public static func == (a: Stage, b: Stage) -> Bool {
            a.name == b.name && a.parents == b.parents && a.tasks == b.tasks && a.durationsMs == b.durationsMs
                && a.outputKiB == b.outputKiB && a.barrier == b.barrier && a.syncs == b.syncs
                && a.partitionSyncs.map(\.partition) == b.partitionSyncs.map(\.partition)
                && a.partitionSyncs.map(\.syncs) == b.partitionSyncs.map(\.syncs)
                && a.resources?.cpus == b.resources?.cpus && a.resources?.gpuHundredths == b.resources?.gpuHundredths
                && a.profile == b.profile && a.preferredHosts == b.preferredHosts && a.cpuFraction == b.cpuFraction
                && a.python == b.python
        }
    }

    public struct Job: Sendable, Equatable {
        public var name: String
        /// nil with `after`.
        public var submitAtMs: Int?
        public var after: String?
        public var pool: String?
        public var mapStage = false
        public var stages: [Stage]
    }

    public enum Fault: Sendable, Equatable {
        case taskFailure(job: String, stage: String, partition: Int, stageAttempt: Int, attempt: Int, afterMs: Int?)
        case fetchFailure(job: String, stage: String, partition: Int, attempt: Int, mapStage: String,
                          mapPartition: Int)
        case executorLost(executor: String, atMs: Int)
        case hostLost(host: String, atMs: Int)
        case hostUnreachable(host: String, atMs: Int)
        case executorAdded(Executor, atMs: Int)
        case straggler(host: String, slowdown: String, fromMs: Int, untilMs: Int)
        case linkDegraded(host: String, factor: String, fromMs: Int, untilMs: Int)
        case gpuFailed(executor: String, gpu: Int, atMs: Int)
        case randomTaskFailures(probability: String)
        case randomExecutorLoss(mtbfSeconds: Int, weibullShape: String?)

        /// The `kind:` it is written with.
        public var kind: String {
            switch self {
            case .taskFailure: "task-failure"
            case .fetchFailure: "fetch-failure"
            case .executorLost: "executor-lost"
            case .hostLost: "host-lost"
            case .hostUnreachable: "host-unreachable"
            case .executorAdded: "executor-added"
            case .straggler: "straggler"
            case .linkDegraded: "link-degraded"
            case .gpuFailed: "gpu-failed"
            case .randomTaskFailures: "random-task-failures"
            case .randomExecutorLoss: "random-executor-loss"
            }
        }

        /// Every kind the contract has, in the order coverage tables list them.
        public static let kinds = ["task-failure", "fetch-failure", "executor-lost", "host-lost", "host-unreachable",
                                   "executor-added", "straggler", "link-degraded", "gpu-failed",
                                   "random-task-failures", "random-executor-loss"]

        /// The instant a timed fault acts (nil: task-level or random faults).
        public var instantMs: Int? {
            switch self {
            case .executorLost(_, let at), .hostLost(_, let at), .hostUnreachable(_, let at),
                 .executorAdded(_, let at), .gpuFailed(_, _, let at): at
            case .straggler(_, _, let from, _), .linkDegraded(_, _, let from, _): from
            default: nil
            }
        }
    }

    public struct Pool: Sendable, Equatable {
        public var name: String
        public var minShare: Int
        public var weight: Int
        public var mode: String
    }

    public var seed: UInt64
    public var cluster: Cluster
    /// `cluster.network` as `host_link`, `rack_uplink`; nil = ideal network.
    public var network: (hostLink: String, rackUplink: String?)?
    /// `cluster.cpu.physical_cores`.
    public var physicalCores: Int?
    /// `spark:` keys in file order.
    public var spark: [(key: String, value: String)] = []
    public var pools: [Pool] = []
    /// `resource_profiles:` entries as flow mappings.
    public var profiles: [(name: String, flow: String)] = []
    public var engine: [(key: String, value: String)] = []
    public var jobs: [Job] = []
    public var faults: [Fault] = []

    public init(seed: UInt64, cluster: Cluster) {
        self.seed = seed
        self.cluster = cluster
    }

    public static func == (a: SwarmScenario, b: SwarmScenario) -> Bool { a.yaml == b.yaml }
}

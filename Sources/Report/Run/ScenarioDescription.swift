/// What `report.md` and `sweep.md` state about a scenario, as values: its identity, the
/// cluster's shape, each variant's workload, its faults and its Spark settings.
///
/// Why not the scenario itself: Report may not import Lab. Lab fills this from its
/// `Scenario`; values whose spelling is a unit's own (`10 Gbps`, `5ms`, a Spark setting's
/// value) arrive already spelled, since that spelling belongs to the unit's type.
public struct ScenarioDescription: Sendable, Equatable {
    public var name: String
    public var seed: UInt64
    /// Every seed a sweep runs (the scenario's `seeds:`, or its one seed).
    public var seeds: [UInt64]
    public var description: String?
    /// The scenario file's name without its folders, so the same run started from another
    /// working directory writes the same bytes.
    public var file: String
    /// `--set PATH=VALUE` settings given on the command line, as typed.
    public var commandLineSettings: [String]
    /// The sparksim version that ran it.
    public var version: String
    public var cluster: ClusterDescription
    /// In the scenario's order; one unnamed variant for `workload:`.
    public var variants: [VariantDescription]
    /// Each fault's kind, in the scenario's order.
    public var faults: [String]
    /// Each fault as the report names it and finds it in a trace, in the scenario's order.
    public var faultDetails: [FaultDescription]
    /// The Spark settings the scenario sets, in its order, values spelled as Spark spells them.
    public var sparkSettings: [SparkSetting]

    public init(name: String, seed: UInt64, seeds: [UInt64], description: String?, file: String, version: String,
                commandLineSettings: [String] = [], cluster: ClusterDescription, variants: [VariantDescription], faults: [String],
                sparkSettings: [SparkSetting], faultDetails: [FaultDescription]? = nil) {
        self.faultDetails = faultDetails ?? faults.map { FaultDescription(kind: $0, label: $0, match: .untraced) }
        self.name = name
        self.seed = seed
        self.seeds = seeds
        self.description = description
        self.file = file
        self.version = version
        self.commandLineSettings = commandLineSettings
        self.cluster = cluster
        self.variants = variants
        self.faults = faults
        self.sparkSettings = sparkSettings
    }

    /// The run's name in figure subtitles: the scenario, with the first variant's name.
    var firstRunTitle: String {
        let first = variants.first?.name ?? ""
        return first.isEmpty ? name : "\(name): \(first)"
    }

    /// A variant's label in figures: its name, or the scenario's when it has none.
    func label(_ variant: String) -> String { variant.isEmpty ? name : variant }
}

/// The cluster as the scenario defines it at time 0.
public struct ClusterDescription: Sendable, Equatable {
    public var racks: Int
    public var hosts: Int
    public var executors: Int
    public var cores: Int
    public var gpus: Int
    /// Executors the scenario's faults add during the run.
    public var executorsAdded: Int
    /// Nil for an ideal network (no `network:` section).
    public var network: NetworkDescription?
    /// Nil without `cluster.cpu.host_slowdown`.
    public var hostSlowdown: HostSlowdownDescription?

    public init(racks: Int, hosts: Int, executors: Int, cores: Int, gpus: Int, executorsAdded: Int,
                network: NetworkDescription?, hostSlowdown: HostSlowdownDescription? = nil) {
        self.racks = racks
        self.hosts = hosts
        self.executors = executors
        self.cores = cores
        self.gpus = gpus
        self.executorsAdded = executorsAdded
        self.network = network
        self.hostSlowdown = hostSlowdown
    }
}

/// `cluster.cpu.host_slowdown`: each host's persistent factor on its work (> 1 slower).
public struct HostSlowdownDescription: Sendable, Equatable {
    /// One host and its factor.
    public struct Host: Sendable, Equatable {
        public var id: String
        public var factor: Double

        public init(id: String, factor: Double) {
            self.id = id
            self.factor = factor
        }
    }

    /// The coefficient of variation the factors were drawn with; 0 = none drawn.
    public var variation: Double
    /// The hosts whose factor the file writes, in file order.
    public var written: [Host]
    /// Every host's factor in cluster order, as a run with the scenario's seed uses them.
    public var factors: [Host]

    public init(variation: Double, written: [Host], factors: [Host]) {
        self.variation = variation
        self.written = written
        self.factors = factors
    }
}

/// The `network:` section, each rate and latency spelled by its unit.
public struct NetworkDescription: Sendable, Equatable {
    /// Nil: unlimited.
    public var hostLink: String?
    /// Nil: non-blocking.
    public var rackUplink: String?
    public var latency: String

    public init(hostLink: String?, rackUplink: String?, latency: String) {
        self.hostLink = hostLink
        self.rackUplink = rackUplink
        self.latency = latency
    }
}

/// One variant: its name, its workload's kind (`scripted`, `logistic-regression`, ...)
/// and shape.
public struct VariantDescription: Sendable, Equatable {
    /// "" for a scenario with `workload:`.
    public var name: String
    public var kind: String
    public var shape: WorkloadShape
    /// The first variant (by index) whose workload equals this one's but for its worker
    /// count: variants that share it lie on one scaling line (`ScalingLines`).
    public var sameSettingsAs: Int

    public init(name: String, kind: String, shape: WorkloadShape, sameSettingsAs: Int) {
        self.name = name
        self.kind = kind
        self.shape = shape
        self.sameSettingsAs = sameSettingsAs
    }

    /// A training workload's style and worker (partition) count.
    /// An application's one training phase counts as its training (two or more: none, the
    /// comparison could not say which to compare).
    public var training: (style: String, workers: Int)? {
        switch shape {
        case .training(let style, let workers): return (style, workers)
        case .application(let phases):
            let trained = phases.compactMap { phase -> (String, Int)? in
                if case .training(let style, let workers) = phase.shape { return (style, workers) }
                return nil
            }
            return trained.count == 1 ? trained[0] : nil
        default: return nil
        }
    }
}

/// What the report says about a workload's size.
public enum WorkloadShape: Sendable, Equatable {
    /// One collective per group: `ranks` on the first hosts, or explicit groups' sizes.
    case collective(algorithm: String, bytesPerRank: Int64, groups: CollectiveGroups)
    /// A training workload: its style (`task-parallel`, `barrier-allreduce`) and workers.
    case training(style: String, workers: Int)
    case scripted(jobs: Int, stages: Int, tasks: Int)
    /// An application: each phase's kind and shape, in order.
    case application(phases: [PhaseShape])
    /// Nothing more to say (deep learning: its own section describes it).
    case unspecified

    /// A training workload's style, nil for other workloads.
    public var trainingStyle: String? {
        if case .training(let style, _) = self { return style }
        return nil
    }

    public enum CollectiveGroups: Sendable, Equatable {
        case firstHosts(ranks: Int)
        /// Each group's rank count.
        case groups([Int])
    }
}

/// One phase of an application as the report lists it.
public struct PhaseShape: Sendable, Equatable {
    public var kind: String
    public var shape: WorkloadShape

    public init(kind: String, shape: WorkloadShape) {
        self.kind = kind
        self.shape = shape
    }
}

/// One Spark setting the scenario sets.
public struct SparkSetting: Sendable, Equatable {
    public var key: String
    /// As Spark spells it (`30s`, `64m`, `true`).
    public var value: String
    /// Why Spark ignores it on this cluster; nil when it takes effect.
    public var ignoredBecause: String?

    public init(key: String, value: String, ignoredBecause: String? = nil) {
        self.key = key
        self.value = value
        self.ignoredBecause = ignoredBecause
    }
}

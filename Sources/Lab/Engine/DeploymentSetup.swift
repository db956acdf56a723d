import Engine
import OrderedCollections
import Sim

/// The parts of a scenario one simulated Spark deployment is built from: the cluster,
/// the faults that act on it, Spark's settings and the deployment's own options.
///
/// Why not the whole `Scenario`: a run decides what its deployment sees (a training run
/// leaves out the task-level faults that name scripted stages; a deep-learning point
/// runs on the first hosts only) by building this from the parts, never by editing a
/// copy of the scenario.
struct DeploymentSetup {
    var cluster: Scenario.Cluster
    /// The faults that act on this deployment, in file order.
    var faults: [Scenario.Fault]
    var spark: SparkConf
    var pools: [Scenario.Pool]
    var resourceProfiles: [Scenario.ResourceProfile]
    var engine: Scenario.EngineOptions
    /// Attempts per task (`Scenario.taskMaxFailures`: local mode aware).
    var taskMaxFailures: Int
    /// Spark's local mode, where dynamic allocation is ignored.
    var runsOnLocalMaster: Bool
    /// `cluster.cpu.host_slowdown`: each host's factor, drawn over the scenario's whole
    /// cluster (a run on its first hosts sees the same factors there).
    var hostSlowdowns: HostSlowdowns?

    /// The deployment of `scenario` as its file describes it.
    init(_ scenario: Scenario) {
        self.init(scenario, cluster: scenario.cluster, faults: scenario.faults)
    }

    /// `scenario`'s settings on `cluster` with `faults`.
    init(_ scenario: Scenario, cluster: Scenario.Cluster, faults: [Scenario.Fault]) {
        self.cluster = cluster
        self.faults = faults
        spark = scenario.spark
        pools = scenario.pools
        resourceProfiles = scenario.resourceProfiles
        engine = scenario.engine
        taskMaxFailures = scenario.taskMaxFailures
        runsOnLocalMaster = scenario.runsOnLocalMaster
        hostSlowdowns = HostSlowdowns(scenario)
    }

    /// Resource profile ids: `resource_profiles:` in file order, from 1 (0 = Spark's default).
    var profileIDs: OrderedDictionary<String, Int> {
        var ids: OrderedDictionary<String, Int> = [:]
        for (index, profile) in resourceProfiles.enumerated() { ids[profile.name] = index + 1 }
        return ids
    }

    /// Ids of task-only profiles (no `executor:`): their tasks run on default-profile
    /// executors, as Spark's `TaskResourceProfile` does with dynamic allocation off.
    var taskOnlyProfileIDs: [Int] {
        resourceProfiles.enumerated().compactMap { $0.element.executor == nil ? $0.offset + 1 : nil }
    }

    /// Every executor the run may see, by id: present at time 0 or added by a fault.
    var executors: [String: Scenario.Executor] {
        var executors: [String: Scenario.Executor] = [:]
        for executor in cluster.executors { executors[executor.id] = executor }
        for case .executorAdded(let executor, _) in faults where executors[executor.id] == nil {
            executors[executor.id] = executor
        }
        return executors
    }

    /// What `SparkScheduler.init` takes besides its environment.
    var engineSettings: EngineRunSettings {
        EngineRunSettings(conf: spark, pools: pools, maxTaskFailures: taskMaxFailures,
                          shuffleOffers: engine.shuffleOffers, taskOnlyProfileIDs: taskOnlyProfileIDs)
    }
}

/// The executors as the engine is told of them.
struct ExecutorCatalog {
    private let executors: [String: Scenario.Executor]
    private let profileIDs: OrderedDictionary<String, Int>

    init(_ setup: DeploymentSetup) {
        executors = setup.executors
        profileIDs = setup.profileIDs
    }

    /// The executor `id`: GPU addresses "0".."n-1", its rack (nil when the cluster names
    /// none) and the id of the profile it was launched for.
    func info(_ id: String) -> ExecutorInfo {
        guard let executor = executors[id] else { preconditionFailure("ExecutorCatalog: unknown executor \(id)") }
        return ExecutorInfo(id: executor.id, host: executor.host, rack: executor.rack, cores: executor.cores,
                            gpuAddresses: (0..<executor.gpus).map(String.init),
                            resourceProfile: executor.profile.flatMap { profileIDs[$0] } ?? 0)
    }
}

extension Scenario.Fault {
    /// A `task-failure` or `fetch-failure`: it names an attempt of a scripted stage.
    var namesScriptedTask: Bool {
        switch self {
        case .taskFailure, .fetchFailure: return true
        default: return false
        }
    }
}

import Engine
import OrderedCollections
import Sim

/// A scripted workload, resolved for one run: the jobs as the engine receives them, when
/// each is submitted, and every stage as the simulated executors run it.
///
/// Stage keys are `job.stage`. A job that reads a stage of an earlier job (`job0.map`)
/// carries that stage in its `JobSpec` under the same key, before its own stages, so
/// the engine can share it whatever order the jobs reach it in (Spark shares a shuffle
/// map stage between jobs over one shuffle dependency; a job submitted after it
/// completed skips it).
struct ScriptedPlan {
    /// How a job reaches the scheduler.
    enum Trigger: Equatable {
        /// At this instant (`submit_at`, default 0).
        case at(SimInstant)
        /// When the job at this index in `jobs` ends, successfully or not (`after:`): a
        /// pipeline step runs after its predecessor whatever the outcome, as a driver
        /// program that catches the failure and goes on would.
        case after(Int)
    }

    /// One scenario job.
    struct Job {
        let spec: JobSpec
        let trigger: Trigger
    }

    /// In file order (jobs triggered at one instant reach the scheduler in this order).
    let jobs: [Job]
    /// Every stage by key, in file order.
    let stages: OrderedDictionary<String, ScriptedStage>
    /// Resource profile ids: `resource_profiles:` in file order, from 1 (0 = Spark's default).
    let profileIDs: OrderedDictionary<String, Int>
    /// Ids of task-only profiles (no `executor:`): their tasks run on default-profile
    /// executors, as Spark's `TaskResourceProfile` does with dynamic allocation off.
    let taskOnlyProfileIDs: [Int]
    /// Every executor the run may see (present at time 0 or added by a fault), by id.
    let executors: [String: Scenario.Executor]
    /// The scenario's `task-failure` and `fetch-failure` faults, by the attempt they name.
    let taskFaults: TaskFaultTable
    /// Stages of jobs a driver program creates while the run goes (training passes);
    /// shared by every copy of the plan, so the executors find them by key.
    let dynamicStages = DynamicStages()

    init(_ workload: Scenario.ScriptedWorkload, scenario: Scenario) {
        var ids: OrderedDictionary<String, Int> = [:]
        for (index, profile) in scenario.resourceProfiles.enumerated() { ids[profile.name] = index + 1 }
        profileIDs = ids
        taskOnlyProfileIDs = scenario.resourceProfiles.enumerated().compactMap {
            $0.element.executor == nil ? $0.offset + 1 : nil
        }
        let stages = Self.stages(of: workload)
        self.stages = stages
        executors = Self.executors(scenario)
        taskFaults = TaskFaultTable(scenario.faults, workload: workload)
        let specs = Self.stageSpecs(workload, stages: stages, scenario: scenario,
                                    hosts: executors.mapValues(\.host), profileIDs: ids)
        let jobIndex = Dictionary(uniqueKeysWithValues: workload.jobs.enumerated().map { ($0.element.name, $0.offset) })
        jobs = workload.jobs.map { job in
            var own = job.stages.map { specs["\(job.name).\($0.name)"]! }
            let foreign = Self.foreignAncestors(of: own.map(\.key), stages: stages, job: job.name)
            own.insert(contentsOf: foreign.map { specs[$0]! }, at: 0)
            let trigger: Trigger = job.after.map { .after(jobIndex[$0]!) } ?? .at(job.submitAt)
            return Job(spec: JobSpec(name: job.name, pool: job.pool, stages: own), trigger: trigger)
        }
    }

    /// The stage a key names (every key the plan hands out resolves).
    func stage(_ key: String) -> ScriptedStage {
        guard let stage = stages[key] ?? dynamicStages.stages[key] else { preconditionFailure("ScriptedPlan: no stage \(key)") }
        return stage
    }

    private static func stages(of workload: Scenario.ScriptedWorkload) -> OrderedDictionary<String, ScriptedStage> {
        var readers: [String: Int] = [:]
        for job in workload.jobs {
            for stage in job.stages {
                for parent in stage.parents where readers[parent.description] == nil {
                    readers[parent.description] = stage.tasks
                }
            }
        }
        var stages: OrderedDictionary<String, ScriptedStage> = [:]
        for job in workload.jobs {
            for (index, stage) in job.stages.enumerated() {
                let key = "\(job.name).\(stage.name)"
                stages[key] = ScriptedStage(
                    key: key, job: job.name, name: stage.name, source: stage, parents: stage.parents.map(\.description),
                    reducers: readers[key] ?? 1,
                    writesShuffleOutput: readers[key] != nil || index < job.stages.count - 1)
            }
        }
        return stages
    }

    /// Keys of stages of other jobs that `keys` read, directly or through each other,
    /// parents first (each once, in the order a depth-first walk meets them).
    private static func foreignAncestors(of keys: [String], stages: OrderedDictionary<String, ScriptedStage>,
                                         job: String) -> [String] {
        var found: [String] = []
        func visit(_ key: String) {
            for parent in stages[key]!.parents {
                guard stages[parent]!.job != job, !found.contains(parent) else { continue }
                visit(parent)
                found.append(parent)
            }
        }
        for key in keys { visit(key) }
        return found
    }

    /// Every executor the run may see, by id: present at time 0 or added by a fault.
    private static func executors(_ scenario: Scenario) -> [String: Scenario.Executor] {
        var executors: [String: Scenario.Executor] = [:]
        for executor in scenario.cluster.executors { executors[executor.id] = executor }
        for case .executorAdded(let executor, _) in scenario.faults where executors[executor.id] == nil {
            executors[executor.id] = executor
        }
        return executors
    }

    /// The executor `id` as the engine is told of it: GPU addresses "0".."n-1", its rack
    /// (nil when the cluster names none) and the id of the profile it was launched for.
    func executorInfo(_ id: String) -> ExecutorInfo {
        guard let executor = executors[id] else { preconditionFailure("ScriptedPlan: unknown executor \(id)") }
        return ExecutorInfo(id: executor.id, host: executor.host, rack: executor.rack, cores: executor.cores,
                            gpuAddresses: (0..<executor.gpus).map(String.init),
                            resourceProfile: executor.profile.flatMap { profileIDs[$0] } ?? 0)
    }
}

/// Stages added to a plan after it was built, by key (lookup only): a reference, so the
/// deployment's and the backend's copies of the plan see the same stages.
final class DynamicStages {
    private(set) var stages: [String: ScriptedStage] = [:]

    func add(_ stage: ScriptedStage) {
        precondition(stages[stage.key] == nil, "DynamicStages: \(stage.key) added twice")
        stages[stage.key] = stage
    }
}

import Engine
import OrderedCollections
import Sim

/// The engine's view of each scripted stage: `StageSpec`s with preferences and resources.
extension ScriptedPlan {
    static func stageSpecs(_ stages: OrderedDictionary<String, Resolved>,
                           setup: DeploymentSetup) -> [String: StageSpec] {
        let hosts = setup.executors.mapValues(\.host)
        let profileIDs = setup.profileIDs
        var specs: [String: StageSpec] = [:]
        for (key, stage) in stages {
            let (resources, profile) = taskResources(stage.source, setup: setup, profileIDs: profileIDs)
            specs[key] = StageSpec(
                key: key, name: stage.work.name, jobName: stage.work.job, partitions: stage.work.partitions,
                parents: stage.work.parents, preferredLocations: preferences(stage.source, hosts: hosts),
                isBarrier: stage.work.isBarrier, resources: resources, resourceProfile: profile)
        }
        return specs
    }

    /// Per partition: `preferred_hosts` as `.host(h)` (NODE_LOCAL there), then
    /// `preferred_executors` as `.executor(host, exec)` (PROCESS_LOCAL there, NODE_LOCAL on
    /// its host); empty when the stage gives neither.
    static func preferences(_ stage: Scenario.Stage, hosts: [String: String]) -> [[TaskLocation]] {
        guard stage.preferredHosts != nil || stage.preferredExecutors != nil else { return [] }
        return (0..<stage.tasks).map { partition in
            let byHost = (stage.preferredHosts?[partition] ?? []).map { TaskLocation.host($0) }
            let byExecutor = (stage.preferredExecutors?[partition] ?? []).map { executor in
                guard let host = hosts[executor] else {
                    preconditionFailure("ScriptedPlan: validated executor \(executor) has no host")
                }
                return TaskLocation.executor(host: host, executor: executor)
            }
            return byHost + byExecutor
        }
    }

    /// What each task asks for and under which profile id: the stage's `resources:`, else
    /// its profile's task resources, else `spark.task.cpus` and
    /// `spark.task.resource.gpu.amount` under Spark's default profile (0).
    static func taskResources(_ stage: Scenario.Stage, setup: DeploymentSetup,
                              profileIDs: OrderedDictionary<String, Int>) -> (TaskResourceRequest, Int) {
        if let resources = stage.resources {
            return (TaskResourceRequest(cpus: resources.cpus, gpus: resources.gpus), 0)
        }
        if let name = stage.resourceProfile, let id = profileIDs[name],
           let profile = setup.resourceProfiles.first(where: { $0.name == name }) {
            return (TaskResourceRequest(cpus: profile.task.cpus, gpus: profile.task.gpus), id)
        }
        return (TaskResourceRequest(cpus: setup.spark.taskCPUs, gpus: setup.spark.taskGPUAmount), 0)
    }
}

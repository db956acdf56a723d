import Engine
import OrderedCollections
import Sim

/// A scripted workload as a job source: the jobs as the engine receives them, when each
/// is submitted, and every stage as the simulated executors run it.
///
/// Stage keys are `job.stage` (after the plan's `keyPrefix`, which keeps the phases of an
/// application apart). A job that reads a stage of an earlier job (`job0.map`) carries
/// that stage in its `JobSpec` under the same key, before its own stages, so the engine
/// can share it whatever order the jobs reach it in (Spark shares a shuffle map stage
/// between jobs over one shuffle dependency; a job submitted after it completed skips it).
final class ScriptedPlan: JobSource {
    /// How a job reaches the scheduler.
    enum Trigger: Equatable {
        /// At this instant from the plan's start (`submit_at`, default 0).
        case at(SimInstant)
        /// When the job at this index in `jobs` ends, successfully or not (`after:`): a
        /// pipeline step runs after its predecessor whatever the outcome, as a driver
        /// program that catches the failure and goes on would; then the driver program's
        /// own time (`driver_time:`, else the control plane's `action_gap`) passes.
        case after(Int, driverTime: SimDuration)
    }

    /// One scenario job.
    struct Job {
        let spec: JobSpec
        let trigger: Trigger
    }

    /// In file order (jobs triggered at one instant reach the scheduler in this order).
    let jobs: [Job]
    /// Every stage by key, in file order.
    let stages: OrderedDictionary<String, StageWork>
    private let jobIndex: [String: Int]
    private var handedOut = 0

    /// - Parameter keyPrefix: put before every stage key (empty for a lone workload).
    init(_ workload: Scenario.ScriptedWorkload, setup: DeploymentSetup, keyPrefix: String = "") {
        let resolved = Self.stages(of: workload, keyPrefix: keyPrefix)
        let stages = resolved.mapValues(\.work)
        self.stages = stages
        let specs = Self.stageSpecs(resolved, setup: setup)
        let jobIndex = Dictionary(uniqueKeysWithValues: workload.jobs.enumerated().map { ($0.element.name, $0.offset) })
        self.jobIndex = jobIndex
        jobs = workload.jobs.map { job in
            var own = job.stages.map { specs["\(keyPrefix)\(job.name).\($0.name)"]! }
            let foreign = Self.foreignAncestors(of: own.map(\.key), stages: stages, job: job.name)
            own.insert(contentsOf: foreign.map { specs[$0]! }, at: 0)
            let gap = job.driverTime ?? setup.engine.controlPlane.actionGap
            let trigger: Trigger = job.after.map { .after(jobIndex[$0]!, driverTime: gap) } ?? .at(job.submitAt)
            return Job(spec: JobSpec(name: job.name, pool: job.pool, stages: own, isMapStageJob: job.isMapStageJob),
                       trigger: trigger)
        }
    }

    var isFinished: Bool { handedOut == jobs.count }

    func stage(_ key: String) -> StageWork? { stages[key] }

    func plannedJobs(from start: SimInstant) -> [JobSubmission] {
        jobs.compactMap { job in
            guard case .at(let offset) = job.trigger else { return nil }
            return handOut(job, at: start + (offset - .zero))
        }
    }

    func driverStarted(at now: SimInstant) -> [JobSubmission] { [] }

    /// Submits the jobs waiting for `job` (`after:`), in list order, each after its
    /// driver time.
    func jobEnded(_ job: String, succeeded: Bool, at now: SimInstant) -> [JobSubmission] {
        guard let ended = jobIndex[job] else { return [] }
        return jobs.compactMap { waiting in
            guard case .after(ended, let driverTime) = waiting.trigger else { return nil }
            return handOut(waiting, at: now + driverTime)
        }
    }

    private func handOut(_ job: Job, at instant: SimInstant) -> JobSubmission {
        handedOut += 1
        return JobSubmission(spec: job.spec, at: instant)
    }

    /// One stage of the file, with the scenario stage it came from.
    struct Resolved {
        let work: StageWork
        let source: Scenario.Stage
    }

    private static func stages(of workload: Scenario.ScriptedWorkload,
                               keyPrefix: String) -> OrderedDictionary<String, Resolved> {
        var readers: [String: Int] = [:]
        for job in workload.jobs {
            for stage in job.stages {
                for parent in stage.parents where readers[parent.description] == nil {
                    readers[parent.description] = stage.tasks
                }
            }
        }
        var stages: OrderedDictionary<String, Resolved> = [:]
        for job in workload.jobs {
            for (index, stage) in job.stages.enumerated() {
                let name = "\(job.name).\(stage.name)"
                let work = StageWork(
                    key: keyPrefix + name, job: job.name, name: stage.name, partitions: stage.tasks,
                    parents: stage.parents.map { keyPrefix + $0.description }, reducers: readers[name] ?? 1,
                    writesShuffleOutput: readers[name] != nil || index < job.stages.count - 1 || job.isMapStageJob,
                    isBarrier: stage.barrier, program: ScriptedTaskProgram(stage))
                stages[work.key] = Resolved(work: work, source: stage)
            }
        }
        return stages
    }

    /// Keys of stages of other jobs that `keys` read, directly or through each other,
    /// parents first (each once, in the order a depth-first walk meets them).
    private static func foreignAncestors(of keys: [String], stages: OrderedDictionary<String, StageWork>,
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
}

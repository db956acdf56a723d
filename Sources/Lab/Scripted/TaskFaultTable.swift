import Sim

/// One task attempt of one stage attempt, as task-level faults name it.
struct TaskAttemptKey: Hashable {
    let stage: String
    let stageAttempt: Int
    let partition: Int
    let attempt: Int

    /// The key of `RandomWorkFailures.shouldFail(key:)`: `job/stage#stageAttempt/partition.attempt`
    /// (e.g. `job0/map#0/3.1`), a fixed function of the attempt's identity, so a scheduler
    /// change that runs attempts in another order still fails the same attempts.
    var randomFailureKey: String {
        let slash = stage.replacingFirstDot(with: "/")
        return "\(slash)#\(stageAttempt)/\(partition).\(attempt)"
    }
}

/// What a scenario's `task-failure` or `fetch-failure` fault does to the attempt it names.
enum InjectedTaskFault: Equatable {
    /// The attempt throws `after` its start; nil = when its work would have ended.
    case failure(after: SimDuration?)
    /// The attempt cannot fetch map output `mapPartition` of stage `mapStage` (a key);
    /// `after` its start, or nil = when its shuffle reads would have ended, before its work.
    case fetchFailure(mapStage: String, mapPartition: Int, after: SimDuration?)
}

/// The scenario's task-level faults by the attempt they name.
///
/// Each names one attempt of one stage attempt and so fires at most once. When two
/// faults name the same attempt, the first in file order is the one that fires (an
/// attempt fails once).
struct TaskFaultTable {
    private var faults: [TaskAttemptKey: InjectedTaskFault] = [:]

    init() {}

    /// The faults of `scenarioFaults` that name attempts of `workload`'s stages, keyed as
    /// a plan with `keyPrefix` keys them.
    init(_ scenarioFaults: [Scenario.Fault], workload: Scenario.ScriptedWorkload, keyPrefix: String = "") {
        for fault in scenarioFaults {
            switch fault {
            case .taskFailure(let task):
                guard let key = Self.key(task, workload: workload, keyPrefix: keyPrefix) else { continue }
                if faults[key] == nil { faults[key] = .failure(after: task.after) }
            case .fetchFailure(let fetch):
                guard let key = Self.key(fetch.task, workload: workload, keyPrefix: keyPrefix) else { continue }
                let job = String(key.stage.prefix { $0 != "." })
                let map = fetch.mapStage.contains(".") ? keyPrefix + fetch.mapStage : "\(job).\(fetch.mapStage)"
                if faults[key] == nil {
                    faults[key] = .fetchFailure(mapStage: map, mapPartition: fetch.mapPartition,
                                                after: fetch.task.after)
                }
            default:
                continue
            }
        }
    }

    /// The fault injected into this attempt, if any.
    func fault(for attempt: TaskAttemptKey) -> InjectedTaskFault? { faults[attempt] }

    var isEmpty: Bool { faults.isEmpty }

    /// Adds `other`'s faults (an application's scripted phases: their keys never meet).
    mutating func merge(_ other: TaskFaultTable) {
        faults.merge(other.faults) { first, _ in first }
    }

    /// The attempt a fault names: its job is `job:` when given, else the only job with a
    /// stage of that name (the scenario loader checked there is exactly one); nil when no
    /// job of `workload` has the stage (it names another phase of an application).
    private static func key(_ task: Scenario.TaskFault, workload: Scenario.ScriptedWorkload,
                            keyPrefix: String) -> TaskAttemptKey? {
        let owner = workload.jobs.first { job in
            (task.job == nil || job.name == task.job) && job.stages.contains { $0.name == task.stage }
        }
        guard let job = owner?.name else { return nil }
        return TaskAttemptKey(stage: "\(keyPrefix)\(job).\(task.stage)", stageAttempt: task.stageAttempt,
                              partition: task.partition, attempt: task.attempt)
    }
}

extension String {
    /// `job0.map` -> `job0/map` (job names never contain a dot; stage names neither).
    fileprivate func replacingFirstDot(with replacement: String) -> String {
        guard let dot = firstIndex(of: ".") else { return self }
        return String(self[..<dot]) + replacement + String(self[index(after: dot)...])
    }
}

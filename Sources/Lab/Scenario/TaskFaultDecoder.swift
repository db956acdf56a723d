import Engine
import Sim

/// Task-level faults, and the time-ordered checks of executor and host faults.
struct TaskFaultDecoder: SectionDecoder {
    let sink: DecodingSink

    func decodeTaskFault(_ f: Fields, ctx: FaultContext) -> Scenario.TaskFault? {
        let jobNode = f.present("job")
        let job = jobNode.map { name($0, "job", dotless: true) }
        let stageNode = required(f, "stage", expected: "the name of the stage whose task fails")
        let stage = stageNode.flatMap { name($0, "stage", dotless: true) }
        let partitionNode = required(f, "partition", expected: "the partition index of the task")
        let partition = partitionNode.flatMap { int($0, "partition", range: 0...ScenarioLimits.maxTasksPerStage - 1) }
        let attempt = f.present("attempt").map { int($0, "attempt", range: 0...ScenarioLimits.maxAttempt) } ?? 0
        let stageAttempt = f.present("stage_attempt").map {
            int($0, "stage_attempt", range: 0...ScenarioLimits.maxAttempt)
        } ?? 0
        let after = f.present("after").map { duration($0, "after") }
        guard job != .some(nil), let stage, let stageNode, let partition, let partitionNode, let attempt,
              let stageAttempt, after != .some(nil) else { return nil }
        for workload in ctx.scripted {
            guard let (_, resolved) = resolveStage(job: job.flatMap { $0 }, stage: stage, in: workload,
                                                   jobAt: jobNode?.position, stageAt: stageNode.position)
            else { return nil }
            if partition >= resolved.tasks {
                report(partitionNode.position,
                       "partition \(partition) is out of range for stage '\(stage)' with "
                           + Self.count(resolved.tasks, "task"),
                       expected: "a partition index from 0 to \(resolved.tasks - 1)")
                return nil
            }
        }
        return Scenario.TaskFault(job: job.flatMap { $0 }, stage: stage, partition: partition, attempt: attempt,
                                  stageAttempt: stageAttempt, after: after.flatMap { $0 })
    }

    func decodeFetchFault(_ f: Fields, ctx: FaultContext) -> Scenario.FetchFault? {
        let task = decodeTaskFault(f, ctx: ctx)
        let mapNode = required(f, "map_stage", expected: "the parent stage whose output cannot be fetched")
        let mapStage = mapNode.flatMap { name($0, "map_stage") }
        let mapPartitionNode = required(f, "map_partition", expected: "the map partition whose output is lost")
        let mapPartition = mapPartitionNode.flatMap {
            int($0, "map_partition", range: 0...ScenarioLimits.maxTasksPerStage - 1)
        }
        guard let task, let mapStage, let mapNode, let mapPartition, let mapPartitionNode else { return nil }
        for workload in ctx.scripted {
            guard let (jobName, stage) = resolveStage(job: task.job, stage: task.stage, in: workload,
                                                      jobAt: nil, stageAt: mapNode.position) else { return nil }
            let ref: Scenario.StageRef
            if let dot = mapStage.firstIndex(of: ".") {
                ref = Scenario.StageRef(job: String(mapStage[..<dot]),
                                        stage: String(mapStage[mapStage.index(after: dot)...]))
            } else {
                ref = Scenario.StageRef(job: jobName, stage: mapStage)
            }
            guard stage.parents.contains(ref) else {
                let names = stage.parents.map { $0.job == jobName ? $0.stage : $0.description }
                report(mapNode.position, "map_stage '\(mapStage)' is not a parent of stage '\(task.stage)'",
                       expected: names.isEmpty ? "a fetch failure in a stage with parents ('\(task.stage)' has none)"
                           : "one of its parents: " + names.joined(separator: ", "))
                return nil
            }
            let mapTasks = workload.jobs.first { $0.name == ref.job }?.stages.first { $0.name == ref.stage }?.tasks
            if let mapTasks, mapPartition >= mapTasks {
                report(mapPartitionNode.position,
                       "map_partition \(mapPartition) is out of range for stage '\(mapStage)' with "
                           + Self.count(mapTasks, "task"),
                       expected: "a partition index from 0 to \(mapTasks - 1)")
                return nil
            }
        }
        return Scenario.FetchFault(task: task, mapStage: mapStage, mapPartition: mapPartition)
    }

    /// The job and stage a fault names: `job:` when given, else the only job with such a stage.
    private func resolveStage(job: String?, stage: String, in workload: Scenario.ScriptedWorkload,
                                       jobAt: SourcePosition?, stageAt: SourcePosition) -> (String, Scenario.Stage)?
    {
        let jobNames = workload.jobs.map(\.name)
        if let job {
            guard let j = workload.jobs.first(where: { $0.name == job }) else {
                reportUnknown("job", job, at: jobAt ?? stageAt, among: jobNames)
                return nil
            }
            guard let s = j.stages.first(where: { $0.name == stage }) else {
                reportUnknown("stage", stage, at: stageAt, among: j.stages.map(\.name),
                              expected: "a stage of job '\(job)': " + j.stages.map(\.name).joined(separator: ", "))
                return nil
            }
            return (job, s)
        }
        let matches = workload.jobs.compactMap { j in j.stages.first { $0.name == stage }.map { (j.name, $0) } }
        if matches.count > 1 {
            report(stageAt, "stage '\(stage)' is in jobs " + matches.map(\.0).joined(separator: ", "),
                   expected: "job: to say which job's stage")
            return nil
        }
        guard let match = matches.first else {
            var all: [String] = []
            for j in workload.jobs { for s in j.stages where !all.contains(s.name) { all.append(s.name) } }
            reportUnknown("stage", stage, at: stageAt, among: all)
            return nil
        }
        return match
    }

    /// Walks executor and host faults in time order (ties in file order): an executor
    /// exists from its `at` when added and until the fault that loses it.
    func checkFaultTimeline(_ faults: [(Scenario.Fault, SourceNode)], initial: [Scenario.Executor],
                                     added: [DecodedExecutor])
    {
        var hostOf: [String: String] = [:]
        var joinedAt: [String: SimInstant] = [:]
        var lostAt: [String: SimInstant] = [:]
        var gpusOf: [String: Int] = [:]
        for e in initial { hostOf[e.id] = e.host; joinedAt[e.id] = .zero; gpusOf[e.id] = e.gpus }
        for case (.executorAdded(let e, let at), _) in faults {
            hostOf[e.id] = e.host; joinedAt[e.id] = at; gpusOf[e.id] = e.gpus
        }
        let allIds = ScenarioDecoder.appendingNew(initial.map(\.id), added.map(\.executor.id))
        let allHosts = ScenarioDecoder.appendingNew([], allIds.map { hostOf[$0]! })
        let ordered = faults.enumerated().sorted { a, b in
            (Self.time(of: a.element.0), a.offset) < (Self.time(of: b.element.0), b.offset)
        }
        for (_, (fault, node)) in ordered {
            switch fault {
            case .executorLost(let id, let at):
                let position = Self.valuePosition(node, "executor")
                guard let joined = joinedAt[id] else {
                    reportUnknown("executor", id, at: position, among: allIds)
                    continue
                }
                if joined > at {
                    report(position,
                           "executor '\(id)' is lost at \(Self.text(at)) but only added at \(Self.text(joined))",
                           expected: "a time when the executor exists")
                } else if let lost = lostAt[id] {
                    report(position, "executor '\(id)' is already lost at \(Self.text(lost))",
                           expected: "an executor that is still alive")
                } else {
                    lostAt[id] = at
                }
            case .hostLost(let host, let at):
                let position = Self.valuePosition(node, "host")
                let onHost = allIds.filter { hostOf[$0] == host }
                guard !onHost.isEmpty else { reportUnknown("host", host, at: position, among: allHosts); continue }
                guard let first = onHost.compactMap({ joinedAt[$0] }).min(), first <= at else {
                    report(position,
                           "host '\(host)' is lost at \(Self.text(at)) but its first executor is only added later",
                           expected: "a time when the host has executors")
                    continue
                }
                for id in onHost where lostAt[id] == nil && joinedAt[id]! <= at { lostAt[id] = at }
            case .straggler(let host, _, _, _), .linkDegraded(let host, _, _, _), .hostUnreachable(let host, _):
                if !allHosts.contains(host) {
                    reportUnknown("host", host, at: Self.valuePosition(node, "host"), among: allHosts)
                }
            case .gpuFailed(let id, let gpu, let at):
                let executor = GPUFaultDecoder.TimelineExecutor(id: id, joinedAt: joinedAt[id], lostAt: lostAt[id], gpus: gpusOf[id])
                GPUFaultDecoder(sink: sink).checkGPUFault(executor, gpu: gpu, at: at, node: node,
                              known: allIds, withGPUs: allIds.filter { (gpusOf[$0] ?? 0) > 0 })
            default:
                continue
            }
        }
    }

    /// An instant as a duration since the start: `2s`, `1500ms`.
    static func text(_ instant: SimInstant) -> String {
        SimDuration(nanoseconds: instant.nanosecondsSinceStart).description
    }

    private static func time(of fault: Scenario.Fault) -> SimInstant {
        switch fault {
        case .executorLost(_, let at), .hostLost(_, let at), .executorAdded(_, let at), .gpuFailed(_, _, let at),
             .hostUnreachable(_, let at):
            return at
        default: return .zero
        }
    }

    /// The position of `key`'s value in a fault mapping (the mapping's own otherwise).
    static func valuePosition(_ node: SourceNode, _ key: String) -> SourcePosition {
        guard case .mapping(let pairs, let position) = node else { return node.position }
        return pairs.first { $0.key.scalarText == key }?.value.position ?? position
    }
}

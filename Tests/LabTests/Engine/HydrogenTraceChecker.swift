import Report

/// One attempt of one stage, as the trace names it.
struct StageAttemptKey: Hashable, CustomStringConvertible {
    var job: String
    var stage: String
    var attempt: Int

    var description: String { "\(job).\(stage) attempt \(attempt)" }
}

/// Global checkers over a finished trace for Project Hydrogen scheduling: GPU addresses
/// and cores are never held beyond capacity, and a barrier stage attempt launches all its
/// tasks at one instant or none of them.
///
/// Why: the engine's own `checkInvariants()` trusts its bookkeeping; these checks rebuild
/// occupancy from the trace alone (TigerBeetle's state checkers), with the per-stage
/// amounts taken from the generated scenario, not from the engine. Rows are replayed in
/// trace order, so an end and a launch at one instant are fine when the end comes first,
/// which is the order in which the engine freed and reused the resources.
struct HydrogenTraceChecker {
    let scenario: HydrogenScenario
    /// The task count of each barrier stage attempt's task set, as the engine created it;
    /// an attempt missing here must launch the stage's full `tasks`.
    var barrierTaskSetSizes: [StageAttemptKey: Int] = [:]

    private struct TaskKey: Hashable {
        var attempt: StageAttemptKey
        var partition: Int
        var taskAttempt: Int
    }

    private struct Holding {
        var executor: String
        var cpus: Int
        var addresses: [String]
        var units: Int
    }

    /// Invariant 1: at every row, each executor's running attempts hold at most its cores,
    /// and each GPU address at most one whole (100 hundredths).
    func resourceViolations(_ rows: [TraceRow]) -> [String] { replayResources(rows).violations }

    /// Replays launches and ends: the violations of invariant 1, and the most attempts
    /// ever sharing one GPU address at once (for the generator's coverage check).
    func replayResources(_ rows: [TraceRow]) -> (violations: [String], peakSharing: Int) {
        var running: [TaskKey: Holding] = [:]
        var cores: [String: Int] = [:]
        var gpus: [String: [String: Int]] = [:]
        var sharing: [String: Int] = [:]
        var peakSharing = 0
        var violations: [String] = []
        func release(_ key: TaskKey) {
            guard let held = running.removeValue(forKey: key) else { return }
            cores[held.executor, default: 0] -= held.cpus
            for address in held.addresses {
                gpus[held.executor, default: [:]][address, default: 0] -= held.units
                sharing[held.executor + "/" + address, default: 0] -= 1
            }
        }
        for (index, row) in rows.enumerated() {
            let at = "row \(index + 2) (t=\(row.timeNanoseconds))"
            switch row.event {
            case .taskLaunched:
                guard let key = taskKey(row), let executorID = row.executor else {
                    violations.append("\(at): task-launched row without its ids")
                    continue
                }
                guard let stage = scenario.stage(job: row.job, stage: row.stage),
                      let executor = scenario.executors.first(where: { $0.id == executorID }) else {
                    violations.append("\(at): launch on unknown stage or executor: \(row.fields)")
                    continue
                }
                if running[key] != nil { violations.append("\(at): \(key.attempt) p\(key.partition) launched twice") }
                let addresses = row.gpus
                let units = min(stage.need.gpuUnits, 100)
                let wanted = stage.need.gpuUnits == 0 ? 0 : max(stage.need.gpuUnits / 100, 1)
                if addresses.count != wanted || Set(addresses).count != addresses.count {
                    violations.append("\(at): \(key.attempt) needs \(stage.need.gpuUnits)/100 GPU but got "
                        + "addresses \(addresses)")
                }
                for address in addresses where !(0..<executor.gpus).contains(Int(address) ?? -1) {
                    violations.append("\(at): address \(address) is not one of \(executorID)'s \(executor.gpus) GPUs")
                }
                running[key] = Holding(executor: executorID, cpus: stage.need.cpus, addresses: addresses, units: units)
                cores[executorID, default: 0] += stage.need.cpus
                if cores[executorID]! > executor.cores {
                    violations.append("\(at): \(executorID) has \(cores[executorID]!) cores in use of \(executor.cores)")
                }
                for address in addresses {
                    let used = gpus[executorID, default: [:]][address, default: 0] + units
                    gpus[executorID, default: [:]][address] = used
                    sharing[executorID + "/" + address, default: 0] += 1
                    peakSharing = max(peakSharing, sharing[executorID + "/" + address]!)
                    if used > 100 {
                        violations.append("\(at): \(executorID) GPU \(address) holds \(used)/100 "
                            + "after launching \(key.attempt) p\(key.partition)")
                    }
                }
            case .taskFinished, .taskFailed, .taskKilled:
                if let key = taskKey(row) { release(key) }
            case .executorLost:
                for (key, held) in running where held.executor == row.executor { release(key) }
            default: break
            }
        }
        return (violations, peakSharing)
    }

    /// Invariant 2: every barrier stage attempt that launched anything launched its whole
    /// task set, each partition once, all at one instant (so nothing later).
    func barrierViolations(_ rows: [TraceRow]) -> [String] {
        var launches: [StageAttemptKey: [TraceRow]] = [:]
        var order: [StageAttemptKey] = []
        for row in rows where row.event == .taskLaunched {
            guard let key = taskKey(row)?.attempt,
                  scenario.stage(job: row.job, stage: row.stage)?.barrier == true else { continue }
            if launches[key] == nil { order.append(key) }
            launches[key, default: []].append(row)
        }
        var violations: [String] = []
        for (key, size) in barrierTaskSetSizes.sorted(by: { $0.key.description < $1.key.description })
        where key.attempt == 0 {
            let tasks = scenario.stage(job: key.job, stage: key.stage)?.tasks
            if size != tasks { violations.append("\(key): the first task set has \(size) tasks, the stage \(tasks ?? 0)") }
        }
        for key in order {
            let rows = launches[key]!
            let expected = barrierTaskSetSizes[key] ?? scenario.stage(job: key.job, stage: key.stage)!.tasks
            let times = Set(rows.map(\.timeNanoseconds))
            let partitions = rows.compactMap(\.partition)
            if rows.count != expected || Set(partitions).count != rows.count || times.count != 1 {
                violations.append("\(key): \(rows.count) launches of \(expected) tasks, partitions "
                    + "\(partitions) at instants \(times.sorted())")
            }
        }
        return violations
    }

    private func taskKey(_ row: TraceRow) -> TaskKey? {
        guard let job = row.job, let stage = row.stage, let attempt = row.stageAttempt,
              let partition = row.partition, let taskAttempt = row.taskAttempt else { return nil }
        return TaskKey(attempt: StageAttemptKey(job: job, stage: stage, attempt: attempt), partition: partition,
                       taskAttempt: taskAttempt)
    }
}

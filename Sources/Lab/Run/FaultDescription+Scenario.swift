import Report
import Sim

extension FaultDescription {
    /// The fault as the report labels it and how to find it in a trace: an instant
    /// fault's `fault` row, a task fault's failed attempt, a random process's rows.
    init(_ fault: Scenario.Fault) {
        func at(_ instant: SimInstant) -> String { HumanUnits.duration(nanoseconds: instant.nanosecondsSinceStart) }
        func instant(_ subject: String, _ time: SimInstant, _ extra: String = "") -> FaultDescription {
            FaultDescription(kind: fault.kind, label: "\(fault.kind) \(subject)\(extra) at \(at(time))",
                             match: .instant(subject: subject, atNanoseconds: time.nanosecondsSinceStart))
        }
        func task(_ t: Scenario.TaskFault, _ extra: String = "") -> FaultDescription {
            let stage = (t.job.map { "\($0)." } ?? "") + t.stage
            return FaultDescription(
                kind: fault.kind,
                label: "\(fault.kind) \(stage) partition \(t.partition) attempt \(t.attempt)"
                    + (t.stageAttempt == 0 ? "" : " (stage attempt \(t.stageAttempt))") + extra,
                match: .task(job: t.job, stage: t.stage, stageAttempt: t.stageAttempt, partition: t.partition,
                             attempt: t.attempt))
        }
        switch fault {
        case .taskFailure(let t): self = task(t)
        case .fetchFailure(let f): self = task(f.task, " reading \(f.mapStage) \(f.mapPartition)")
        case .executorLost(let executor, let time): self = instant(executor, time)
        case .hostLost(let host, let time): self = instant(host, time)
        case .hostUnreachable(let host, let time): self = instant(host, time)
        case .executorAdded(let executor, let time): self = instant(executor.id, time)
        case .straggler(let host, let slowdown, let from, _): self = instant(host, from, " x\(slowdown)")
        case .linkDegraded(let host, let factor, let from, _): self = instant(host, from, " x\(factor)")
        case .gpuFailed(let executor, let gpu, let time):
            self = FaultDescription(kind: fault.kind, label: "gpu-failed \(executor) gpu \(gpu) at \(at(time))",
                                    match: .instant(subject: executor, atNanoseconds: time.nanosecondsSinceStart))
        case .randomTaskFailures(let probability):
            self = FaultDescription(kind: fault.kind, label: "random-task-failures p=\(probability)", match: .untraced)
        case .randomExecutorLoss(let mtbf, let distribution):
            self = FaultDescription(kind: fault.kind, label: "random-executor-loss mtbf \(mtbf) \(distribution)",
                                    match: .random(marker: "(random-executor-loss"))
        }
    }
}

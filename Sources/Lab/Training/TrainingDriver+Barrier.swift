import Engine
import Sim
import Workloads

/// The passes of the current barrier job, as every worker sees them.
struct BarrierPasses {
    var passes: [DataPass] = []
    /// Per pass, per worker: the partial vector, once its compute step ended.
    var partials: [[[Double]?]] = []
    /// Per pass: the iterations its `complete` produced, once it ran.
    var completed: [[IterationRecord]?] = []
    /// Per pass: workers whose update has not ended yet.
    var updatesLeft: [Int] = []
    /// Per pass: the worker that reached the exchange last, when, and its log then.
    var lastArrival: [(at: SimInstant, launch: SimInstant, log: [CriticalPath.Interval])?] = []
    /// Per pass: a trainer to save once worker 0 has written it (checkpoint due).
    var snapshots: [TrainingDriver.Checkpoint?] = []

    mutating func append(_ pass: DataPass, workers: Int) {
        passes.append(pass)
        partials.append(Array(repeating: nil, count: workers))
        completed.append(nil)
        updatesLeft.append(workers)
        lastArrival.append(nil)
        snapshots.append(nil)
    }
}

/// Hydrogen's barrier + allreduce pattern: one barrier stage, one task per worker, each
/// looping over the passes: compute its partial, exchange, apply the update, sometimes
/// checkpoint.
extension TrainingDriver {
    /// Barrier attempt `index`: one job, one barrier ResultStage `train` of W tasks.
    func barrierJob(first: DataPass, index: Int) -> JobSpec {
        barrier = BarrierPasses()
        barrier.append(first, workers: setup.partitions)
        let job = restarts == 0 ? "train" : "train-restart-\(restarts)"
        let spec = addStage(job: job, name: "train", tasks: setup.partitions, parents: [], barrier: true,
                            reducers: 1, writesShuffleOutput: false, role: .barrier(job: index))
        return JobSpec(name: job, stages: [spec])
    }

    /// Before a barrier worker's Python code runs: the executor's Python worker starts
    /// (its first Python task only), and every Python task's round trip to it.
    func pythonStartup(on executor: String) -> SimDuration {
        (pythonWorkers.contains(executor) ? .zero : setup.costs.pythonWorkerStartup) + setup.controlPlane.pythonTask
    }

    /// The next step of a barrier worker after its current phase ended.
    func barrierStep(task: ProgramTask, cursor: inout ProgramCursor, now: SimInstant) -> TaskStep {
        let rows = slices[task.partition]
        switch cursor.phase {
        case .start where pythonStartup(on: task.executor) > .zero:
            cursor.phase = .pythonStartup
            return .pythonStartup(pythonStartup(on: task.executor))
        case .start, .pythonStartup:
            pythonWorkers.insert(task.executor)
            cursor.phase = .exchange
            let represented = Int((Double(rows.count) * setup.rowCostScale).rounded())
            let time = setup.costs.exchangeTime(rows: represented, bytes: Int64(represented) * setup.bytesPerRow)
            return .exchange(time)
        case .exchange:
            return computeStep(0, task: task, cursor: &cursor)
        case .passCompute(let k):
            barrier.partials[k][task.partition] = trainer.partialResult(of: barrier.passes[k], rows: rows)
            if barrier.lastArrival[k].map({ now >= $0.at }) ?? true {
                barrier.lastArrival[k] = (now, launches[task.id] ?? now, logs[task.id] ?? [])
            }
            cursor.phase = .reduce(pass: k)
            switch setup.style {
            case .barrier(.allreduce(let algorithm)):
                return .allreduce(pass: k, bytes: Int64(setup.modelDoubles(barrier.passes[k].resultDoubles)) * 8,
                                  algorithm: algorithm)
            case .barrier(.allGather): return .sync(.allGather)
            default: preconditionFailure("TrainingDriver: a barrier task in a \(setup.style) run")
            }
        case .reduce(let k):
            completePass(k)
            cursor.phase = .update(pass: k)
            return .compute(TrainingCosts.computeTime(flops: barrier.passes[k].driverFlops * setup.modelCostScale,
                                                      rate: taskRate), .driver)
        case .update(let k):
            barrier.updatesLeft[k] -= 1
            if barrier.updatesLeft[k] == 0 { passEnded(k, updateStart: cursor.stepStart, at: now) }
            if task.partition == 0, barrier.snapshots[k] != nil {
                // Rank 0 writes the model (the doubles a pass would broadcast).
                cursor.phase = .checkpoint(pass: k)
                let bytes = Int64(setup.modelDoubles(barrier.passes[k].broadcastDoubles)) * 8
                return .compute(setup.costs.checkpointTime(bytes: bytes), .communication)
            }
            return afterPass(k, task: task, cursor: &cursor)
        case .checkpoint(let k):
            if let snapshot = barrier.snapshots[k], snapshot.iteration > checkpoint.iteration {
                checkpoint = snapshot
            }
            return afterPass(k, task: task, cursor: &cursor)
        default:
            preconditionFailure("TrainingDriver: barrier task in phase \(cursor.phase)")
        }
    }

    private func computeStep(_ k: Int, task: ProgramTask, cursor: inout ProgramCursor) -> TaskStep {
        cursor.phase = .passCompute(pass: k)
        let flops = Double(slices[task.partition].count) * setup.rowCostScale * barrier.passes[k].flopsPerRow
        return .compute(TrainingCosts.computeTime(flops: flops, rate: taskRate), .compute)
    }

    private func afterPass(_ k: Int, task: ProgramTask, cursor: inout ProgramCursor) -> TaskStep {
        if k + 1 < barrier.passes.count { return computeStep(k + 1, task: task, cursor: &cursor) }
        cursor.phase = .done
        return .finish
    }

    /// Every worker holds pass `k`'s sum: the trainer completes it (once for all workers,
    /// which would all compute the same), a checkpoint is prepared when an iteration
    /// multiple of `checkpoint_every` was reached, and the next pass is asked for.
    func completePass(_ k: Int) {
        guard barrier.completed[k] == nil else { return }
        let values = barrier.partials[k].enumerated().map { worker, value -> [Double] in
            guard let value else { preconditionFailure("TrainingDriver: worker \(worker) has no partial for pass \(k)") }
            return value
        }
        // Every worker holds the same sum; added in rank order as a ring's owner would.
        let sum = values.dropFirst().reduce(values[0]) { total, next in zip(total, next).map(+) }
        let new = trainer.complete(barrier.passes[k], sum: sum)
        barrier.completed[k] = new
        if let every = setup.costs.checkpointEvery, let last = new.last?.iteration,
           last / every > checkpoint.iteration / every, last > 0 {
            barrier.snapshots[k] = Checkpoint(trainer: trainer, iteration: last)
        }
        if let next = trainer.nextPass() { barrier.append(next, workers: setup.partitions) }
    }

    /// The last worker finished pass `k`'s update: its iterations are reached now; the
    /// path runs through the last worker to reach the exchange, the exchange until the
    /// slowest update started, and that update.
    private func passEnded(_ k: Int, updateStart: SimInstant, at now: SimInstant) {
        if let arrival = barrier.lastArrival[k] {
            timeline.add(.scheduling, from: timeline.cursor, to: arrival.launch)
            for interval in arrival.log where interval.end <= arrival.at { timeline.add(interval) }
            timeline.add(.communication, from: arrival.at, to: updateStart)
        }
        timeline.add(.driver, from: updateStart, to: now)
        stamp(barrier.completed[k] ?? [], at: now)
    }
}

import Engine
import Sim
import Workloads

/// MLlib's task-parallel pattern: one job per pass, a data stage of one task per
/// partition, then `treeAggregate`'s shuffle levels and its final 1-task stage on an
/// executor (`TreeAggregateShape`); the driver finishes the pass with the sum.
extension TrainingDriver {
    /// The job of pass `index`: stages `partials` (P tasks), `tree-1`, ... and `final`.
    func taskParallelJob(_ next: DataPass, index: Int) -> JobSpec {
        pass = next
        shape = TreeAggregateShape(partitions: setup.partitions)
        partials = Array(repeating: nil, count: setup.partitions)
        stageCritical = Array(repeating: nil, count: shape.levels.count)
        let job = "\(next.purpose)-\(index)"
        var specs: [StageSpec] = []
        for (level, tasks) in shape.levels.enumerated() {
            let name = level == 0 ? "partials" : (level == shape.levels.count - 1 ? "final" : "tree-\(level)")
            let parents = level == 0 ? [] : [specs[level - 1].key]
            let role: TrainingTaskProgram.Role = level == 0 ? .partials(job: index) : .combine(job: index, level: level)
            forgetCachesOnLostExecutors()
            let preferences: [[TaskLocation]] = level == 0 && cacheLocations.contains { $0 != nil }
                ? cacheLocations.map { $0.map { [$0] } ?? [] } : []
            let isLast = level == shape.levels.count - 1
            specs.append(addStage(job: job, name: name, tasks: tasks, parents: parents, barrier: false,
                                  reducers: isLast ? 1 : shape.levels[level + 1], writesShuffleOutput: !isLast,
                                  role: role, preferences: preferences))
        }
        return JobSpec(name: job, stages: specs)
    }

    /// Registers a stage with the executors (its work, running `role`'s program) and
    /// returns its `StageSpec` for the engine.
    func addStage(job: String, name: String, tasks: Int, parents: [String], barrier: Bool, reducers: Int,
                  writesShuffleOutput: Bool, role: TrainingTaskProgram.Role,
                  preferences: [[TaskLocation]] = [], horovod: HorovodSettings? = nil) -> StageSpec {
        let key = "\(keyPrefix)\(job).\(name)"
        register(StageWork(key: key, job: job, name: name, partitions: tasks, parents: parents, reducers: reducers,
                           writesShuffleOutput: writesShuffleOutput, isBarrier: barrier,
                           program: TrainingTaskProgram(driver: self, role: role), horovod: horovod))
        return StageSpec(key: key, name: name, jobName: job, partitions: tasks, parents: parents,
                         preferredLocations: preferences, isBarrier: barrier,
                         resources: TaskResourceRequest(cpus: setup.taskCPUs, gpus: setup.taskGPUs))
    }

    /// The next step of a task-parallel task after its current phase ended.
    func taskParallelStep(_ role: TrainingTaskProgram.Role, task: ProgramTask, cursor: inout ProgramCursor) -> TaskStep {
        guard let pass else { preconditionFailure("TrainingDriver: a task ran with no pass") }
        let level: Int
        switch role {
        case .partials: level = 0
        case .combine(_, let l): level = l
        case .barrier, .steps: preconditionFailure("TrainingDriver: barrier role in a task-parallel run")
        }
        let isLast = level == shape.levels.count - 1
        if cursor.phase == .start, level == 0, let input = cachedInputStep(task) {
            cursor.phase = .cache
            return input
        }
        switch cursor.phase {
        case .start where level == 0 && pass.broadcastDoubles > 0, .cache where pass.broadcastDoubles > 0:
            cursor.phase = .fetch
            return .fetchBroadcast(id: "\(keyPrefix)\(jobCount - 1)",
                                   bytes: Int64(setup.modelDoubles(pass.broadcastDoubles)) * 8)
        case .start, .cache, .fetch:
            cursor.phase = .compute
            guard level == 0 else {
                let flops = Double(inputs(toPartition: task.partition, level: level) * setup.modelDoubles(pass.resultDoubles))
                return .compute(TrainingCosts.computeTime(flops: flops, rate: taskRate), .compute)
            }
            let rows = Double(slices[task.partition].count) * setup.rowCostScale
            let arithmetic = TrainingCosts.computeTime(flops: rows * pass.flopsPerRow, rate: taskRate)
            return .compute(arithmetic + jvmOverhead(rows: rows, task: task, purpose: pass.purpose), .compute)
        case .compute where isLast:
            cursor.phase = .send
            return .sendToDriver(bytes: Int64(setup.modelDoubles(pass.resultDoubles)) * 8)
        case .compute, .send:
            cursor.phase = .done
            return .finish
        default:
            preconditionFailure("TrainingDriver: task-parallel task in phase \(cursor.phase)")
        }
    }

    /// MLlib's JVM time on a data task besides the arithmetic: its fixed and per-row
    /// overheads (at the default core rate, scaled by this cluster's, on one thread; a
    /// recomputed partition pays the per-row part only) and the JIT warm-up
    /// of this pass's code on the task's executor, which halves with every wave of its
    /// tasks completed there (a wave: as many tasks as the executor runs at once), as the
    /// real run a's first jobs show (first wave about 1 s slower, the second 0.4 s).
    func jvmOverhead(rows: Double, task: ProgramTask, purpose: String?) -> SimDuration {
        let costs = setup.controlPlane
        let scale = Double(TrainingCosts.defaultFlopsPerCore.flopsPerSecond) / Double(setup.flopsPerCore.flopsPerSecond)
        let perRow = SimDuration(nanoseconds: Int64((rows * Double(costs.mllibRow.nanoseconds) * scale).rounded(.up)))
        guard let purpose else { return perRow }
        let fixed = SimDuration(nanoseconds: Int64((Double(costs.mllibTask.nanoseconds) * scale).rounded(.up)))
        let completed = codeRuns[Self.codeKey(executor: task.executor, purpose: purpose)] ?? 0
        let wave = max(1, task.executorCores / max(1, task.cpus))
        let warmup = costs.mllibCodeWarmup.nanoseconds >> Int64(min(62, completed / wave))
        return fixed + perRow + SimDuration(nanoseconds: warmup)
    }

    static func codeKey(executor: String, purpose: String) -> String { "\(executor)|\(purpose)" }

    /// How many values partition `partition` of `level` combines.
    func inputs(toPartition partition: Int, level: Int) -> Int {
        (0..<shape.levels[level - 1]).filter { shape.target(of: $0, atLevel: level - 1) == partition }.count
    }

    /// The shuffle sizes a task-parallel map task writes: its whole result to the one
    /// partition of the next level that `treeAggregate` keys it to.
    func taskParallelSizes(level: Int, partition: Int, reducers: Int) -> [Int64] {
        var sizes = [Int64](repeating: 0, count: reducers)
        sizes[shape.target(of: partition, atLevel: level)] = Int64(setup.modelDoubles(pass?.resultDoubles ?? 0)) * 8
        return sizes
    }

    /// A task-parallel task succeeded: a data task's partial vector is computed and kept
    /// A cached block dies with its executor (the BlockManagerMaster drops its locations),
    /// so a partition whose executor is gone has no preference until it is cached again,
    /// and the next task that needs it recomputes it.
    func forgetCachesOnLostExecutors() {
        for partition in cacheLocations.indices where !isCachedOnLiveExecutor(partition) {
            cacheLocations[partition] = nil
            lostCaches.insert(partition)
        }
    }

    /// How a data task gets its input partition when it is not cached on the task's own
    /// executor: read from the executor whose block manager holds it (a transfer on the
    /// network), or, when that executor was lost, recomputed from its source (read at
    /// `TrainingCosts.sourceBytesPerSecond` and turned into rows again at MLlib's per-row
    /// cost). Nil when it is cached here, or when the application cached it before training
    /// and this is its first use (wherever that task runs, it is cached there).
    func cachedInputStep(_ task: ProgramTask) -> TaskStep? {
        let rows = Double(slices[task.partition].count) * setup.rowCostScale
        let bytes = Int64(rows.rounded()) * setup.bytesPerRow
        if case .executor(let host, let executor)? = cacheLocations[task.partition], isExecutorAlive(executor) {
            return executor == task.executor || bytes == 0 ? nil : .readCachedBlock(bytes: bytes, host: host)
        }
        let lost = lostCaches.contains(task.partition) || cacheLocations[task.partition] != nil
        guard lost else { return nil }
        let read = setup.costs.sourceReadTime(bytes: bytes)
        return .compute(read + jvmOverhead(rows: rows, task: task, purpose: nil), .compute)
    }

    func isCachedOnLiveExecutor(_ partition: Int) -> Bool {
        guard case .executor(_, let executor)? = cacheLocations[partition] else { return true }
        return isExecutorAlive(executor)
    }

    /// by partition (and its executor remembered as where the partition is cached); the
    /// stage's critical task is the last to succeed.
    func taskParallelSucceeded(level: Int, task: ProgramTask, at now: SimInstant) {
        guard let pass else { return }
        if level == 0 {
            codeRuns[Self.codeKey(executor: task.executor, purpose: pass.purpose), default: 0] += 1
            partials[task.partition] = trainer.partialResult(of: pass, rows: slices[task.partition])
            if cacheLocations[task.partition] == nil || !isCachedOnLiveExecutor(task.partition) {
                cacheLocations[task.partition] = .executor(host: task.hostName, executor: task.executor)
                lostCaches.remove(task.partition)
            }
        }
        let log = logs[task.id] ?? []
        if stageCritical[level].map({ now >= $0.end }) ?? true {
            stageCritical[level] = (now, launches[task.id] ?? now, log)
        }
    }

    /// The job of the current pass succeeded: the driver sums the partials as
    /// treeAggregate does, completes the pass and does its own work (driverFlops at the
    /// driver's rate). Returns when the driver is ready for the next pass.
    func finishTaskParallelPass(at now: SimInstant) -> SimInstant {
        guard let finished = pass else { preconditionFailure("TrainingDriver: no pass to finish") }
        let values = partials.enumerated().map { index, value -> [Double] in
            guard let value else { preconditionFailure("TrainingDriver: partition \(index) has no partial") }
            return value
        }
        let sum = shape.sum(values)
        for critical in stageCritical {
            guard let critical else { continue }
            timeline.add(.scheduling, from: timeline.cursor, to: critical.launch)
            for interval in critical.log { timeline.add(interval) }
        }
        let ready = now + TrainingCosts.computeTime(flops: finished.driverFlops * setup.modelCostScale,
                                                    rate: setup.driverRate)
        timeline.add(.driver, from: now, to: ready)
        stamp(trainer.complete(finished, sum: sum), at: ready)
        pass = nil
        logs.removeAll()
        launches.removeAll()
        return ready
    }
}

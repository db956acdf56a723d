/// What an import makes of each task's measured run time: the work the scenario gives the
/// task, its CPU part, and whether its stage runs Python.
///
/// - **CPU and waiting.** A task's CPU part is its `executorCpuTime` (the JVM's CPU time
///   on the task's thread); the rest of its `executorRunTime` waits (sleeps, I/O, Python
///   workers: the log has no CPU time for Python code, so it counts as waiting).
/// - **Contention in the log.** When the host's physical cores are known (a calibration,
///   or `--set cluster.cpu.physical_cores=N`), the CPU demand on each host over time is
///   the sum of its running tasks' CPU rates (CPU time over wall time) plus one core per
///   Python worker starting; a task whose host was over its cores took `demand / cores`
///   times its CPU time for its CPU part, and the excess is taken off its work, since the
///   simulation adds contention back.
/// - **Python workers.** A stage whose pipeline runs Python (a `PythonRDD`, or a Python
///   UDF / pandas operator in an RDD's scope, up to a cached RDD an earlier stage already
///   computed) is `python: true`. Its tasks are walked per executor in launch order, each
///   taking an idle Python worker or starting one (`spark.python.worker.reuse`); a task that
///   started one ran `python_worker_startup` (times the contention of its start) before its
///   work, which comes off its duration, since the simulation starts workers itself.
struct TaskWorkModel {
    struct Settings {
        var physicalCores: Int?
        /// `python_worker_startup`, ms.
        var pythonWorkerStartup: Int64
    }

    struct Work: Equatable {
        /// Work the scenario gives the task, ms.
        let duration: Int64
        /// Its CPU part, ms (at most `duration`).
        let cpu: Int64
    }

    private(set) var pythonStages: Set<Int> = []
    /// Stages that read a cached RDD an earlier stage computed (their tasks' PROCESS_LOCAL
    /// launches were on the executor holding the block).
    private(set) var cacheReadingStages: Set<Int> = []
    private var work: [Int64: Work] = [:]
    /// Tasks that started a Python worker, by task id.
    private(set) var startedWorker: Set<Int64> = []

    /// - Parameter stagesInOrder: the stages that ran, in the order the jobs ran them.
    init(_ record: SparkApplicationRecord, stagesInOrder: [StageInfoRecord], settings: Settings) {
        var materialized: Set<Int> = []
        for info in stagesInOrder {
            if Self.runsPython(info, materialized: materialized) { pythonStages.insert(info.stage) }
            if info.rdds.contains(where: { $0.cached && materialized.contains($0.id) }) { cacheReadingStages.insert(info.stage) }
            for rdd in info.rdds where rdd.cached { materialized.insert(rdd.id) }
        }
        let ends = record.stageAttempts.keys.sorted().flatMap { record.stageAttempts[$0]!.taskEnds }
            .filter { $0.metrics != nil }
            .sorted { ($0.info.launchTime, $0.info.taskID) < ($1.info.launchTime, $1.info.taskID) }
        startedWorker = Self.workerStarts(ends.filter { pythonStages.contains($0.stage) })
        let startup = settings.pythonWorkerStartup
        var demand: [String: HostDemand] = [:]
        if settings.physicalCores != nil {
            for (host, tasks) in Dictionary(grouping: ends, by: \.info.host) {
                demand[host] = HostDemand(tasks, startedWorker: startedWorker, startup: startup)
            }
        }
        for end in ends {
            let metrics = end.metrics!
            let run = metrics.executorRunTime
            let cpu = min(run, (metrics.executorCPUTimeNanoseconds + 500_000) / 1_000_000)
            func contention(_ from: Int64, _ to: Int64) -> Double {
                guard let cores = settings.physicalCores, let host = demand[end.info.host] else { return 1 }
                return max(1, host.average(from: from, to: to) / Double(cores))
            }
            let launch = end.info.launchTime
            var strip: Int64 = 0
            if startedWorker.contains(end.info.taskID) {
                let wall = Double(startup) * contention(launch, launch + startup)
                strip = max(0, min(Int64(wall.rounded()), run - cpu))
            }
            let inflation = Int64((Double(cpu) * (contention(launch, max(launch + 1, end.info.finishTime)) - 1)).rounded())
            work[end.info.taskID] = Work(duration: max(cpu, run - strip - inflation), cpu: cpu)
        }
    }

    /// The task's work, by its task id (nil for an attempt without metrics).
    func work(of task: Int64) -> Work? { work[task] }

    /// The stage's pipeline runs Python: an RDD reached from the stage's last one through
    /// parents inside the stage, not through a cached RDD an earlier stage computed.
    static func runsPython(_ info: StageInfoRecord, materialized: Set<Int>) -> Bool {
        let byID = Dictionary(info.rdds.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        guard let last = info.rdds.map(\.id).max() else { return false }
        var stack = [last]
        var seen: Set<Int> = [last]
        while let id = stack.popLast() {
            guard let rdd = byID[id] else { continue }
            if rdd.runsPython { return true }
            if rdd.cached && materialized.contains(id) { continue }
            for parent in rdd.parents where seen.insert(parent).inserted { stack.append(parent) }
        }
        return false
    }

    /// The tasks (of Python stages, in launch order) that found no idle Python worker on
    /// their executor and started one. A worker is free again when its task's code ended
    /// on the executor (launch + deserialisation + run time): the log's finish time comes
    /// later, once the driver has the result, and the slot may already run the next task.
    static func workerStarts(_ ends: [TaskEndRecord]) -> Set<Int64> {
        var freeAt: [String: [Int64]] = [:]
        var started: Set<Int64> = []
        for end in ends {
            var workers = freeAt[end.info.executor] ?? []
            let metrics = end.metrics ?? TaskMetricsRecord()
            let released = min(end.info.finishTime,
                               end.info.launchTime + metrics.executorDeserializeTime + metrics.executorRunTime)
            if let idle = workers.firstIndex(where: { $0 <= end.info.launchTime }) {
                workers[idle] = released
            } else {
                workers.append(released)
                started.insert(end.info.taskID)
            }
            freeAt[end.info.executor] = workers
        }
        return started
    }
}

/// One host's CPU demand over time in the log (cores busy, as a real number): each task's
/// CPU time spread over its wall time, plus one core per Python worker starting.
private struct HostDemand {
    /// Instants where the demand changes, with the demand from then on; `area[i]` is the
    /// integral of the demand up to `times[i]`.
    private var times: [Int64] = []
    private var level: [Double] = []
    private var area: [Double] = []

    init(_ ends: [TaskEndRecord], startedWorker: Set<Int64>, startup: Int64) {
        var changes: [(Int64, Double)] = []
        for end in ends {
            let launch = end.info.launchTime
            let span = max(1, end.info.finishTime - launch)
            let rate = Double(end.metrics!.executorCPUTimeNanoseconds) / 1e6 / Double(span)
            changes.append((launch, rate))
            changes.append((launch + span, -rate))
            if startedWorker.contains(end.info.taskID) {
                changes.append((launch, 1))
                changes.append((launch + startup, -1))
            }
        }
        changes.sort { $0.0 < $1.0 }
        var current = 0.0
        var integral = 0.0
        for (time, delta) in changes {
            if let last = times.last {
                integral += current * Double(time - last)
                if time == last {
                    current += delta
                    level[level.count - 1] = current
                    continue
                }
            }
            current += delta
            times.append(time)
            level.append(current)
            area.append(integral)
        }
    }

    /// The integral of the demand from the first change up to `t`.
    private func integral(to t: Int64) -> Double {
        var low = 0, high = times.count
        while low < high {
            let middle = (low + high) / 2
            if times[middle] <= t { low = middle + 1 } else { high = middle }
        }
        guard low > 0 else { return 0 }
        return area[low - 1] + level[low - 1] * Double(t - times[low - 1])
    }

    /// The mean demand over `[from, to)`.
    func average(from: Int64, to: Int64) -> Double {
        guard to > from else { return 0 }
        return (integral(to: to) - integral(to: from)) / Double(to - from)
    }
}

/// One task attempt, from its `task-launched` row to the row that ended it.
public struct TaskAttemptSpan: Sendable, Equatable {
    public enum Outcome: String, Sendable, Equatable {
        case finished, failed, killed
        /// No end row before the trace ended (the run stopped, or the row is missing).
        case unfinished
    }

    public var job: String?
    public var stage: String?
    public var stageAttempt: Int?
    public var partition: Int?
    public var taskAttempt: Int?
    public var executor: String
    public var host: String?
    public var locality: String?
    /// The launch row's detail as written (`speculative gpu=0,1`).
    public var launchDetail: String?
    /// A speculative copy's launch.
    public var speculative: Bool
    /// The GPU addresses the launch was given, in order.
    public var gpus: [String]
    /// The end row's detail (the failure or kill reason).
    public var endDetail: String?
    public var startNanoseconds: Int64
    public var endNanoseconds: Int64
    public var outcome: Outcome
    /// The attempt's lane within its executor: concurrent attempts (one per core slot)
    /// get different lanes, so each lane's spans are disjoint.
    public var lane: Int
}

/// A job or a stage attempt as the driver saw it, from submission to its end.
public struct DriverSpan: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable { case job, stage }

    public var kind: Kind
    public var job: String?
    public var stage: String?
    public var stageAttempt: Int?
    public var startNanoseconds: Int64
    public var endNanoseconds: Int64
    /// `succeeded`, `failed`, `completed` (stages), or `unfinished`.
    public var outcome: String
    public var detail: String?
    /// Lane among spans of the same kind: concurrent jobs or stages never share one.
    public var lane: Int
}

/// A point in time worth marking: a barrier sync, an injected fault, a lost executor.
public struct TraceInstant: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        case barrierSync = "barrier-sync"
        case fault
        case executorLost = "executor-lost"
    }

    public var kind: Kind
    public var timeNanoseconds: Int64
    public var job: String?
    public var stage: String?
    public var executor: String?
    public var host: String?
    public var detail: String?
}

/// An executor that appears in the trace, with its host and how many lanes its
/// concurrent task attempts needed.
public struct ExecutorTrack: Sendable, Equatable {
    public var executor: String
    public var host: String?
    public var laneCount: Int
}

/// A trace read as spans and instants: what the Gantt chart and the Chrome trace draw.
///
/// Why derived here, once: both views must agree on which row ends which attempt and
/// on lanes. Everything keeps the trace's order (executors by first appearance, spans
/// by start then row order), and dictionaries are used for lookup only, so the result
/// depends on the rows alone (STYLE.md habit 5).
///
/// - Complexity: O(n log n) for n rows (lane assignment sorts by start).
public struct TraceTimeline: Sendable, Equatable {
    public var executors: [ExecutorTrack]
    /// Task attempts in launch order.
    public var tasks: [TaskAttemptSpan]
    public var jobs: [DriverSpan]
    public var stages: [DriverSpan]
    public var instants: [TraceInstant]
    /// The time of the last row: where unfinished spans end.
    public var endNanoseconds: Int64

    /// `TraceTimeline(rows: traceRows)`: rows in trace order, as `trace.csv` holds them.
    public init(rows: [TraceRow]) {
        var builder = Builder()
        for row in rows { builder.read(row) }
        self = builder.finish()
    }

    /// The executors sharing `host`'s name, in order (`nil` groups executors without one).
    public func executors(onHost host: String?) -> [ExecutorTrack] { executors.filter { $0.host == host } }

    /// Hosts in order of their first executor.
    public var hosts: [String?] {
        var seen: [String?] = []
        for track in executors where !seen.contains(track.host) { seen.append(track.host) }
        return seen
    }

    /// Assigns each span the lowest lane whose previous span has ended by its start.
    ///
    /// Spans are taken by start time, ties in the order given, so the lanes depend
    /// only on the input. Touching spans (one ends when the next starts) share a lane.
    public static func lanes(starts: [Int64], ends: [Int64]) -> [Int] {
        precondition(starts.count == ends.count, "one end per start")
        let order = starts.indices.sorted { (starts[$0], $0) < (starts[$1], $1) }
        var laneEnds: [Int64] = []
        var lanes = Array(repeating: 0, count: starts.count)
        for index in order {
            let end = max(starts[index], ends[index])
            if let free = laneEnds.firstIndex(where: { $0 <= starts[index] }) {
                lanes[index] = free
                laneEnds[free] = end
            } else {
                lanes[index] = laneEnds.count
                laneEnds.append(end)
            }
        }
        return lanes
    }
}

extension TraceTimeline {
    /// Identifies a task attempt across its launch and end rows (docs/trace.md:
    /// `task_attempt` counts within a stage attempt, speculative copies included).
    private struct TaskKey: Hashable {
        var job: String?
        var stage: String?
        var stageAttempt: Int?
        var partition: Int?
        var taskAttempt: Int?

        init(_ row: TraceRow) {
            job = row.job
            stage = row.stage
            stageAttempt = row.stageAttempt
            partition = row.partition
            taskAttempt = row.taskAttempt
        }
    }

    private struct StageKey: Hashable {
        var stage: String?
        var stageAttempt: Int?
    }

    /// Reads rows one by one; open spans are found through dictionaries (lookup only).
    private struct Builder {
        var executors: [ExecutorTrack] = []
        var executorIndex: [String: Int] = [:]
        var tasks: [TaskAttemptSpan] = []
        var openTasks: [TaskKey: Int] = [:]
        var jobs: [DriverSpan] = []
        var openJobs: [String: Int] = [:]
        var stages: [DriverSpan] = []
        var openStages: [StageKey: Int] = [:]
        var instants: [TraceInstant] = []
        var end: Int64 = 0

        mutating func read(_ row: TraceRow) {
            end = max(end, row.timeNanoseconds)
            switch row.event {
            case .executorAdded: noteExecutor(row.executor, host: row.host)
            case .taskLaunched: launch(row)
            case .taskFinished: endTask(row, .finished)
            case .taskFailed: endTask(row, .failed)
            case .taskKilled: endTask(row, .killed)
            case .jobSubmitted:
                openJobs[row.job ?? ""] = jobs.count
                jobs.append(span(.job, row))
            case .jobSucceeded, .jobFailed:
                if let index = openJobs.removeValue(forKey: row.job ?? "") {
                    close(&jobs[index], row, outcome: row.event == .jobSucceeded ? "succeeded" : "failed")
                }
            case .stageSubmitted:
                openStages[StageKey(stage: row.stage, stageAttempt: row.stageAttempt)] = stages.count
                stages.append(span(.stage, row))
            case .stageCompleted, .stageFailed:
                if let index = openStages.removeValue(forKey: StageKey(stage: row.stage, stageAttempt: row.stageAttempt)) {
                    close(&stages[index], row, outcome: row.event == .stageCompleted ? "completed" : "failed")
                }
            case .barrierSync: instants.append(instant(.barrierSync, row))
            case .fault: instants.append(instant(.fault, row))
            case .executorLost:
                noteExecutor(row.executor, host: row.host)
                instants.append(instant(.executorLost, row))
            case .stageResubmitted: break
            }
        }

        mutating func noteExecutor(_ executor: String?, host: String?) {
            guard let executor else { return }
            if let index = executorIndex[executor] {
                if executors[index].host == nil { executors[index].host = host }
            } else {
                executorIndex[executor] = executors.count
                executors.append(ExecutorTrack(executor: executor, host: host, laneCount: 0))
            }
        }

        mutating func launch(_ row: TraceRow) {
            let executor = row.executor ?? "?"
            noteExecutor(executor, host: row.host)
            openTasks[TaskKey(row)] = tasks.count
            tasks.append(TaskAttemptSpan(
                job: row.job, stage: row.stage, stageAttempt: row.stageAttempt, partition: row.partition,
                taskAttempt: row.taskAttempt, executor: executor, host: row.host ?? executors[executorIndex[executor]!].host,
                locality: row.locality, launchDetail: row.detail, speculative: row.speculative, gpus: row.gpus,
                endDetail: nil,
                startNanoseconds: row.timeNanoseconds, endNanoseconds: row.timeNanoseconds, outcome: .unfinished,
                lane: 0))
        }

        mutating func endTask(_ row: TraceRow, _ outcome: TaskAttemptSpan.Outcome) {
            guard let index = openTasks.removeValue(forKey: TaskKey(row)) else { return }
            tasks[index].endNanoseconds = max(tasks[index].startNanoseconds, row.timeNanoseconds)
            tasks[index].outcome = outcome
            tasks[index].endDetail = row.detail
        }

        func span(_ kind: DriverSpan.Kind, _ row: TraceRow) -> DriverSpan {
            DriverSpan(kind: kind, job: row.job, stage: kind == .stage ? row.stage : nil,
                       stageAttempt: kind == .stage ? row.stageAttempt : nil, startNanoseconds: row.timeNanoseconds,
                       endNanoseconds: row.timeNanoseconds, outcome: "unfinished", detail: nil, lane: 0)
        }

        func close(_ span: inout DriverSpan, _ row: TraceRow, outcome: String) {
            span.endNanoseconds = max(span.startNanoseconds, row.timeNanoseconds)
            span.outcome = outcome
            span.detail = row.detail
        }

        func instant(_ kind: TraceInstant.Kind, _ row: TraceRow) -> TraceInstant {
            TraceInstant(kind: kind, timeNanoseconds: row.timeNanoseconds, job: row.job, stage: row.stage,
                         executor: row.executor, host: row.host, detail: row.detail)
        }

        /// Ends what is still open at the last row's time, then assigns lanes.
        mutating func finish() -> TraceTimeline {
            for index in openTasks.values { tasks[index].endNanoseconds = end }
            for index in openJobs.values { jobs[index].endNanoseconds = end }
            for index in openStages.values { stages[index].endNanoseconds = end }
            for (position, track) in executors.enumerated() {
                let indices = tasks.indices.filter { tasks[$0].executor == track.executor }
                let lanes = TraceTimeline.lanes(starts: indices.map { tasks[$0].startNanoseconds },
                                                ends: indices.map { tasks[$0].endNanoseconds })
                for (index, lane) in zip(indices, lanes) { tasks[index].lane = lane }
                executors[position].laneCount = (lanes.max() ?? -1) + 1
            }
            Self.assignLanes(&jobs)
            Self.assignLanes(&stages)
            return TraceTimeline(executors: executors, tasks: tasks, jobs: jobs, stages: stages,
                                 instants: instants, endNanoseconds: end)
        }

        static func assignLanes(_ spans: inout [DriverSpan]) {
            let lanes = TraceTimeline.lanes(starts: spans.map(\.startNanoseconds), ends: spans.map(\.endNanoseconds))
            for index in spans.indices { spans[index].lane = lanes[index] }
        }
    }

    private init(
        executors: [ExecutorTrack], tasks: [TaskAttemptSpan], jobs: [DriverSpan], stages: [DriverSpan],
        instants: [TraceInstant], endNanoseconds: Int64
    ) {
        self.executors = executors
        self.tasks = tasks
        self.jobs = jobs
        self.stages = stages
        self.instants = instants
        self.endNanoseconds = endNanoseconds
    }
}

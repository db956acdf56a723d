/// A trace as Chrome trace event JSON, for Perfetto (ui.perfetto.dev) and
/// `chrome://tracing`: one track per executor lane, grouped by host, and a driver
/// process with job and stage spans.
///
/// Why: `trace.csv` says what happened; a timeline shows it — which executor idled,
/// where a barrier stage waited, what a fault cost. The format is the Trace Event
/// Format (Google, "Trace Event Format" document), whose rules this follows:
/// - every event has `name`, `ph`, `ts`, `pid`, `tid`; `ts` and `dur` are microseconds,
///   printed here with three decimals from integer nanoseconds, so nothing is rounded;
/// - each task attempt is a complete event (`"ph":"X"`); slices on one thread must
///   nest or be disjoint, so concurrent attempts on an executor go to separate lanes
///   (``TraceTimeline/lanes(starts:ends:)``), each its own `tid`;
/// - barrier syncs and faults are instant events (`"ph":"i"`) with a scope `s`: `g`
///   (global) for barrier syncs and faults with no host, `p` (the host's process) for
///   faults on a host, `t` (the executor's track) for lost executors;
/// - `M` events name processes and threads and fix their order.
///
/// Keys are written in a fixed order and events sorted by (time, creation order), so
/// the same rows give the same bytes.
public enum ChromeTrace {
    /// The process id of the driver's tracks; hosts count from `driverProcess + 1`.
    public static let driverProcess: Int64 = 1

    /// The whole file: `{"traceEvents":[...],"displayTimeUnit":"ms"}`, one event a line.
    /// `ChromeTrace.json(rows: traceRows)`
    public static func json(rows: [TraceRow]) -> String { json(timeline: TraceTimeline(rows: rows)) }

    /// The whole file for an already derived timeline.
    public static func json(timeline: TraceTimeline) -> String { json(variants: [(nil, timeline)]) }

    /// One file for several runs side by side (a `compare:`'s variants): each run's
    /// processes are named after it and numbered apart (`100000` ids per run), so
    /// Perfetto shows the variants one under the other on one time axis. A single run
    /// with no label writes exactly what `json(timeline:)` writes.
    public static func json(variants: [(label: String?, timeline: TraceTimeline)]) -> String {
        json(runs: variants.map { Run(label: $0.label, timeline: $0.timeline) })
    }

    /// One run's tracks: its timeline and, for training, its critical path.
    public struct Run: Sendable {
        public var label: String?
        public var timeline: TraceTimeline
        /// Drawn as slices on a `training (critical path)` thread of the driver process.
        public var criticalPath: [CriticalPathSpan]
        /// More driver-process threads, one per track, after the critical path.
        public var tracks: [SpanTrack]

        public init(label: String?, timeline: TraceTimeline, criticalPath: [CriticalPathSpan] = [],
                    tracks: [SpanTrack] = []) {
            self.label = label
            self.timeline = timeline
            self.criticalPath = criticalPath
            self.tracks = tracks
        }
    }

    /// The file for several runs, each with its critical path when it trained.
    public static func json(runs: [Run]) -> String {
        var metadata: [JSONText] = []
        var timed: [(time: Int64, event: JSONText)] = []
        var threadBase: Int64 = 0
        for (index, run) in runs.enumerated() {
            let tracks = Tracks(run.timeline, processBase: Int64(index) * processesPerVariant,
                                threadBase: threadBase, label: run.label, criticalPath: !run.criticalPath.isEmpty,
                                spanTracks: run.tracks.map(\.name))
            threadBase = tracks.lastThread
            metadata += tracks.metadata
            timed += timedEvents(timeline: run.timeline, tracks: tracks)
            if let thread = tracks.criticalPathThread {
                for span in run.criticalPath {
                    timed.append((span.startNanoseconds, complete(
                        name: span.part, category: "critical-path", start: span.startNanoseconds,
                        end: span.endNanoseconds, pid: tracks.driverProcess, tid: thread, args: [])))
                }
            }
            for (track, thread) in zip(run.tracks, tracks.spanThreads) {
                for span in track.spans {
                    timed.append((span.startNanoseconds, complete(
                        name: span.part, category: "runtime", start: span.startNanoseconds,
                        end: span.endNanoseconds, pid: tracks.driverProcess, tid: thread, args: [])))
                }
            }
        }
        let ordered = timed.enumerated().sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
        var output = "{\"traceEvents\":[\n"
        for (index, event) in (metadata + ordered.map(\.element.event)).enumerated() {
            if index > 0 { output += ",\n" }
            event.render(into: &output)
        }
        return output + "\n],\"displayTimeUnit\":\"ms\"}\n"
    }

    /// The events: metadata first (driver, then hosts in order of appearance), then
    /// spans and instants by time.
    public static func events(timeline: TraceTimeline) -> [JSONText] {
        let tracks = Tracks(timeline)
        let ordered = timedEvents(timeline: timeline, tracks: tracks).enumerated()
            .sorted { ($0.element.time, $0.offset) < ($1.element.time, $1.offset) }
        return tracks.metadata + ordered.map(\.element.event)
    }

    /// Process ids each variant of a multi-run file reserves.
    static let processesPerVariant: Int64 = 100_000

    /// One run's spans and instants with their start times, in creation order.
    static func timedEvents(timeline: TraceTimeline, tracks: Tracks) -> [(time: Int64, event: JSONText)] {
        var timed: [(time: Int64, event: JSONText)] = []
        for span in timeline.jobs + timeline.stages {
            let tid = span.kind == .job ? tracks.jobThread(span.lane) : tracks.stageThread(span.lane)
            timed.append((span.startNanoseconds, driverEvent(span, pid: tracks.driverProcess, tid: tid)))
        }
        for task in timeline.tasks {
            timed.append((task.startNanoseconds, taskEvent(task, pid: tracks.process(ofHost: task.host),
                                                           tid: tracks.thread(task.executor, lane: task.lane))))
        }
        for instant in timeline.instants {
            timed.append((instant.timeNanoseconds, instantEvent(instant, timeline: timeline, tracks: tracks)))
        }
        return timed
    }

    static func taskEvent(_ task: TaskAttemptSpan, pid: Int64, tid: Int64) -> JSONText {
        var name = (task.stage ?? "task") + (task.partition.map { " p\($0)" } ?? "")
        if let attempt = task.taskAttempt, attempt > 0 { name += " attempt \(attempt)" }
        let args = members([
            ("job", task.job.map(JSONText.string)), ("stage", task.stage.map(JSONText.string)),
            ("stage_attempt", task.stageAttempt.map { .integer(Int64($0)) }),
            ("partition", task.partition.map { .integer(Int64($0)) }),
            ("task_attempt", task.taskAttempt.map { .integer(Int64($0)) }),
            ("executor", .string(task.executor)), ("host", task.host.map(JSONText.string)),
            ("locality", task.locality.map(JSONText.string)), ("detail", task.launchDetail.map(JSONText.string)),
            ("outcome", .string(task.outcome.rawValue)), ("end_detail", task.endDetail.map(JSONText.string)),
        ])
        return complete(name: name, category: "task", start: task.startNanoseconds, end: task.endNanoseconds,
                        pid: pid, tid: tid, args: args)
    }

    static func driverEvent(_ span: DriverSpan, pid: Int64, tid: Int64) -> JSONText {
        var name: String
        switch span.kind {
        case .job: name = "job " + (span.job ?? "?")
        case .stage:
            name = span.stage ?? "stage"
            if let attempt = span.stageAttempt, attempt > 0 { name += " attempt \(attempt)" }
        }
        let args = members([
            ("job", span.job.map(JSONText.string)), ("stage", span.stage.map(JSONText.string)),
            ("stage_attempt", span.stageAttempt.map { .integer(Int64($0)) }), ("outcome", .string(span.outcome)),
            ("detail", span.detail.map(JSONText.string)),
        ])
        return complete(name: name, category: span.kind.rawValue, start: span.startNanoseconds,
                        end: span.endNanoseconds, pid: pid, tid: tid, args: args)
    }

    static func instantEvent(_ instant: TraceInstant, timeline: TraceTimeline, tracks: Tracks) -> JSONText {
        let host = instant.host ?? timeline.executors.first { $0.executor == instant.executor }?.host
        var scope = "g"
        var pid = tracks.driverProcess
        var tid = tracks.stageThread(0)
        switch instant.kind {
        case .barrierSync: break
        case .fault:
            if let host, let firstExecutor = timeline.executors(onHost: host).first {
                (scope, pid, tid) = ("p", tracks.process(ofHost: host), tracks.thread(firstExecutor.executor, lane: 0))
            }
        case .executorLost:
            if let executor = instant.executor {
                (scope, pid, tid) = ("t", tracks.process(ofHost: host), tracks.thread(executor, lane: 0))
            }
        }
        let name = instant.kind == .barrierSync ? (instant.detail ?? "barrier-sync")
            : instant.kind.rawValue + (instant.detail.map { ": " + $0 } ?? "")
        let args = members([
            ("job", instant.job.map(JSONText.string)), ("stage", instant.stage.map(JSONText.string)),
            ("executor", instant.executor.map(JSONText.string)), ("host", host.map(JSONText.string)),
            ("detail", instant.detail.map(JSONText.string)),
        ])
        return .object([
            .init("name", .string(name)), .init("cat", .string(instant.kind.rawValue)), .init("ph", .string("i")),
            .init("ts", .number(JSONText.microseconds(instant.timeNanoseconds))), .init("pid", .integer(pid)),
            .init("tid", .integer(tid)), .init("s", .string(scope)), .init("args", .object(args)),
        ])
    }

    static func complete(
        name: String, category: String, start: Int64, end: Int64, pid: Int64, tid: Int64,
        args: [JSONText.Member]
    ) -> JSONText {
        .object([
            .init("name", .string(name)), .init("cat", .string(category)), .init("ph", .string("X")),
            .init("ts", .number(JSONText.microseconds(start))),
            .init("dur", .number(JSONText.microseconds(max(0, end - start)))),
            .init("pid", .integer(pid)), .init("tid", .integer(tid)), .init("args", .object(args)),
        ])
    }

    /// The members whose value is present, in the order given.
    static func members(_ pairs: [(String, JSONText?)]) -> [JSONText.Member] {
        pairs.compactMap { key, value in value.map { JSONText.Member(key, $0) } }
    }
}

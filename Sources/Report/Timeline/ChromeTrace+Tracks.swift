extension ChromeTrace {
    /// Process and thread ids, and their metadata events.
    ///
    /// Layout: the driver is process 1 with a `jobs` thread per job lane and a `stages`
    /// thread per stage lane; each host is a process (2, 3, ... in order of first
    /// appearance) with one thread per executor lane. Thread ids are unique across the
    /// whole file and count up in display order, and `thread_sort_index` repeats that
    /// order, so Perfetto lists tracks as the trace met them rather than by name.
    struct Tracks {
        private(set) var metadata: [JSONText] = []
        /// The driver's process id: `processBase + 1`.
        let driverProcess: Int64
        /// The largest thread id used, so the next variant's tracks start after it.
        private(set) var lastThread: Int64 = 0
        /// The driver's `training (critical path)` thread, when the run trained.
        private(set) var criticalPathThread: Int64?
        /// The driver's threads of the run's span tracks, in order.
        private(set) var spanThreads: [Int64] = []
        private var jobThreads: [Int64] = []
        private var stageThreads: [Int64] = []
        /// Host name (or nil) to process id; looked up, never iterated.
        private var hostProcesses: [String?: Int64] = [:]
        /// Executor id to the tid of its lane 0; its lanes follow.
        private var executorThreads: [String: Int64] = [:]

        /// `processBase` and `threadBase` shift every id (0 for the first or only run);
        /// `label` (a `compare:` variant's name) prefixes the process names.
        init(_ timeline: TraceTimeline, processBase: Int64 = 0, threadBase: Int64 = 0, label: String? = nil,
             criticalPath: Bool = false, spanTracks: [String] = []) {
            driverProcess = processBase + ChromeTrace.driverProcess
            var nextThread: Int64 = threadBase + 1
            let jobLanes = max(1, (timeline.jobs.map(\.lane).max() ?? 0) + 1)
            let stageLanes = max(1, (timeline.stages.map(\.lane).max() ?? 0) + 1)
            let prefix = label.map { "\($0): " } ?? ""
            addProcess(driverProcess, name: prefix + "driver")
            for lane in 0..<jobLanes {
                jobThreads.append(nextThread)
                addThread(nextThread, process: driverProcess, name: Self.laneName("jobs", lane))
                nextThread += 1
            }
            for lane in 0..<stageLanes {
                stageThreads.append(nextThread)
                addThread(nextThread, process: driverProcess, name: Self.laneName("stages", lane))
                nextThread += 1
            }
            if criticalPath {
                criticalPathThread = nextThread
                addThread(nextThread, process: driverProcess, name: "training (critical path)")
                nextThread += 1
            }
            for name in spanTracks {
                spanThreads.append(nextThread)
                addThread(nextThread, process: driverProcess, name: name)
                nextThread += 1
            }
            for (index, host) in timeline.hosts.enumerated() {
                let process = driverProcess + 1 + Int64(index)
                hostProcesses[host] = process
                addProcess(process, name: prefix + (host.map { "host " + $0 } ?? "unknown host"))
                for track in timeline.executors(onHost: host) {
                    executorThreads[track.executor] = nextThread
                    for lane in 0..<max(1, track.laneCount) {
                        addThread(nextThread, process: process, name: Self.laneName("executor " + track.executor, lane))
                        nextThread += 1
                    }
                }
            }
            lastThread = nextThread - 1
        }

        func jobThread(_ lane: Int) -> Int64 { jobThreads[lane] }

        func stageThread(_ lane: Int) -> Int64 { stageThreads[lane] }

        func process(ofHost host: String?) -> Int64 { hostProcesses[host] ?? driverProcess }

        func thread(_ executor: String, lane: Int) -> Int64 {
            guard let first = executorThreads[executor] else {
                preconditionFailure("executor \(executor) has no track: TraceTimeline lists every executor")
            }
            return first + Int64(lane)
        }

        /// `jobs`, then `jobs (lane 2)`, `jobs (lane 3)`, ...
        static func laneName(_ base: String, _ lane: Int) -> String { lane == 0 ? base : "\(base) (lane \(lane + 1))" }

        private mutating func addProcess(_ pid: Int64, name: String) {
            metadata.append(Self.meta("process_name", pid: pid, tid: 0, args: [.init("name", .string(name))]))
            metadata.append(Self.meta("process_sort_index", pid: pid, tid: 0,
                                      args: [.init("sort_index", .integer(pid))]))
        }

        private mutating func addThread(_ tid: Int64, process: Int64, name: String) {
            metadata.append(Self.meta("thread_name", pid: process, tid: tid, args: [.init("name", .string(name))]))
            metadata.append(Self.meta("thread_sort_index", pid: process, tid: tid,
                                      args: [.init("sort_index", .integer(tid))]))
        }

        private static func meta(_ name: String, pid: Int64, tid: Int64, args: [JSONText.Member]) -> JSONText {
            .object([
                .init("name", .string(name)), .init("ph", .string("M")), .init("ts", .number("0.000")),
                .init("pid", .integer(pid)), .init("tid", .integer(tid)), .init("args", .object(args)),
            ])
        }
    }
}

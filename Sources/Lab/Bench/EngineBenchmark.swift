import Engine
import Foundation
import Report
import Sim

/// The engine at scale: one job of T tasks on E executors of 4 cores, each task
/// preferring one random host (so delay scheduling is on and matters), durations drawn
/// from a named stream, the backend reviving offers every second.
///
/// The backend here is the smallest honest one — a task ends after its drawn duration,
/// nothing else — so the wall time measures the scheduler itself: an offer round, a task
/// end and its single-executor offer must cost nothing proportional to E or T.
public enum EngineBenchmark {
    public struct Measurement: Sendable {
        public let tasks: Int
        public let executors: Int
        public let makespanNanoseconds: Int64
        public let wallSeconds: Double
        public let peakResidentMiB: Int

        public var line: String {
            "tasks=\(tasks) wall_s=\(NumberFormat.fixed(wallSeconds, decimals: 3)) peak_rss_mib=\(peakResidentMiB)"
        }
    }

    public static func run(executors: Int, tasks: Int, seed: UInt64) -> Measurement {
        let clock = ContinuousClock()
        let start = clock.now
        let makespan = EngineBenchmarkRun(executors: executors, tasks: tasks, seed: seed).run()
        let elapsed = clock.now - start
        let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        return Measurement(tasks: tasks, executors: executors, makespanNanoseconds: makespan, wallSeconds: wall,
                           peakResidentMiB: peakResidentMiB())
    }

    /// VmHWM from /proc/self/status (Linux); 0 where unavailable.
    static func peakResidentMiB() -> Int {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return 0 }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            let kib = line.split(separator: " ").compactMap { Int($0) }.first ?? 0
            return kib / 1024
        }
        return 0
    }
}

/// The benchmark's little world: the engine, a queue, and tasks that end on time.
final class EngineBenchmarkRun: SchedulerClock, SchedulerTimers, ExecutorBackend, SchedulerRandom, SchedulerTraceSink {
    /// A timer is its 32-bit id (a run arms fewer than 2^32 timers; `+=` traps past
    /// that), its kind kept aside while it is armed: an event is then 9 bytes and a queue
    /// entry 32, not 40 (400,000 task ends wait in the queue at 100,000 executors).
    enum Event { case taskEnd(TaskID), timer(UInt32) }

    private var simulation = Simulation<Event>()
    private var scheduler: SparkScheduler!
    private let durations: RandomStream
    private let shuffle: RandomStream
    private let executors: Int
    private let tasks: Int
    private let placement: RandomStream
    private var nextTimer: UInt32 = 0
    /// Armed timers, not yet fired or cancelled (a handful: the offer round at this
    /// instant, the revive tick).
    private var armedTimers: [(id: UInt32, timer: EngineTimer)] = []
    private var jobDone = false

    init(executors: Int, tasks: Int, seed: UInt64) {
        let streams = RandomStreams(seed: seed)
        durations = streams.stream(named: "bench.task-durations")
        shuffle = streams.stream(named: "engine.offer-shuffle")
        placement = streams.stream(named: "bench.preferred-hosts")
        self.executors = executors
        self.tasks = tasks
        let conf = SparkConf()
        let environment = SchedulerEnvironment(clock: self, timers: self, backend: self, random: self, trace: self)
        let configuration = TaskSchedulerConfiguration(conf: conf, maxTaskFailures: 4, pools: [], shuffleOffers: true)
        scheduler = SparkScheduler(conf: conf, taskScheduler: configuration, environment: environment)
    }

    /// Runs the job to its end; returns its makespan in nanoseconds.
    func run() -> Int64 {
        // Host names formatted once, not once per task: at ten million tasks the job's
        // description alone would otherwise cost seconds the scheduler never spends.
        // One reference for the run: reading the stored property at every event retained
        // the scheduler each time (an atomic, which waits for the stores before it).
        let scheduler = self.scheduler!
        let hosts = (0..<executors).map { "host\($0)" }
        for e in 0..<executors {
            scheduler.handle(.executorAdded(ExecutorInfo(id: "exec\(e)", host: hosts[e], rack: nil, cores: 4)))
        }
        let preferences = (0..<tasks).map { _ in [TaskLocation.host(hosts[placement.integer(below: executors)])] }
        let stage = StageSpec(key: "bench.map", name: "map", jobName: "bench", partitions: tasks,
                              preferredLocations: preferences)
        scheduler.handle(.submitJob(JobSpec(name: "bench", stages: [stage])))
        while !jobDone, let event = simulation.step() {
            switch event.payload {
            case .taskEnd(let tid): scheduler.handle(.taskEnded(tid, .success(nil)))
            case .timer(let id):
                if let timer = disarm(id) { scheduler.handle(.timer(timer)) }
            }
            if scheduler.endedJobs.count == 1 { jobDone = true }
        }
        precondition(scheduler.endedJobs.first?.succeeded == true, "benchmark job did not succeed")
        return simulation.now.nanosecondsSinceStart
    }

    var now: EngineInstant { EngineInstant(nanoseconds: simulation.now.nanosecondsSinceStart) }

    func schedule(_ timer: EngineTimer, at instant: EngineInstant) -> TimerHandle {
        nextTimer += 1
        armedTimers.append((nextTimer, timer))
        _ = simulation.schedule(.timer(nextTimer), at: SimInstant(nanosecondsSinceStart: instant.nanoseconds))
        return TimerHandle(rawValue: UInt64(nextTimer))
    }

    func cancel(_ handle: TimerHandle) { _ = disarm(UInt32(handle.rawValue)) }

    /// The armed timer with this id, now disarmed; nil if it was cancelled.
    private func disarm(_ id: UInt32) -> EngineTimer? {
        guard let position = armedTimers.firstIndex(where: { $0.id == id }) else { return nil }
        return armedTimers.remove(at: position).timer
    }

    /// A task runs 1–10 s of work (uniform, in whole milliseconds).
    func launch(_ task: TaskDescription) {
        let milliseconds = 1_000 + Int64(durations.integer(below: 9_001))
        _ = simulation.schedule(.taskEnd(task.taskID), after: .milliseconds(milliseconds))
    }

    func kill(_ task: TaskID, executor: ExecutorID, reason: String) {}

    func nextInt(below upperBound: Int) -> Int { shuffle.integer(below: upperBound) }

    func record(_ event: SchedulerTraceEvent) {}
}

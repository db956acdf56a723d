import Engine
import Foundation
import Testing

/// The engine driven by the real clock, with real (short) sleeps and no simulator at all:
/// the proof that nothing in `Engine` depends on being simulated (STYLE.md, "Two
/// environments"). It checks the order of events, never their timing.
@Suite struct WallClockHarnessTests {
    /// A real-time environment: the wall clock, timers kept in a list and fired by a loop
    /// that sleeps until the next one, and tasks that "run" by sleeping 20 ms.
    final class RealTimeHarness: SchedulerClock, SchedulerTimers, ExecutorBackend, SchedulerRandom, SchedulerTraceSink {
        private let clock = ContinuousClock()
        private let origin: ContinuousClock.Instant
        private var due: [(at: EngineInstant, sequence: UInt64, event: SchedulerEvent)] = []
        private var sequence: UInt64 = 0
        private var cancelled: Set<UInt64> = []
        private(set) var trace: [SchedulerTraceEvent] = []
        /// Set once the scheduler exists; map tasks report their output through it.
        weak var scheduler: SparkScheduler?

        init() { origin = clock.now }

        var now: EngineInstant {
            let elapsed = clock.now - origin
            return EngineInstant(nanoseconds: elapsed.components.seconds * 1_000_000_000
                                 + elapsed.components.attoseconds / 1_000_000_000)
        }

        private func enqueue(_ event: SchedulerEvent, at instant: EngineInstant) -> UInt64 {
            sequence += 1
            due.append((instant, sequence, event))
            return sequence
        }

        func schedule(_ timer: EngineTimer, at instant: EngineInstant) -> TimerHandle {
            TimerHandle(rawValue: enqueue(.timer(timer), at: instant))
        }

        func cancel(_ handle: TimerHandle) { cancelled.insert(handle.rawValue) }

        func launch(_ task: TaskDescription) {
            let isMap = scheduler?.stageKey(of: task.stage.stage) == "job.map"
            let status = isMap ? MapStatus(executor: task.executor, host: task.host, sizesByReducer: [1_024]) : nil
            _ = enqueue(.taskEnded(task.taskID, .success(status)), at: now + .milliseconds(20))
        }

        func kill(_ task: TaskID, executor: ExecutorID, reason: String) {}
        func nextInt(below upperBound: Int) -> Int { 0 }
        func record(_ event: SchedulerTraceEvent) { trace.append(event) }

        /// Sleeps until the earliest due event, delivers it, until `done` or 5 s pass.
        func run(_ scheduler: SparkScheduler, until done: () -> Bool) {
            let deadline = now + .milliseconds(5_000)
            while !done(), now < deadline {
                guard let next = due.indices.min(by: { (due[$0].at, due[$0].sequence) < (due[$1].at, due[$1].sequence) })
                else { return }
                let wait = due[next].at.nanoseconds - now.nanoseconds
                if wait > 0 { Thread.sleep(forTimeInterval: Double(wait) / 1e9) }
                let item = due.remove(at: next)
                if cancelled.remove(item.sequence) == nil { scheduler.handle(item.event) }
            }
        }
    }

    @Test func aMapReduceJobRunsInSparksOrderOnTheWallClock() {
        let harness = RealTimeHarness()
        let conf = SparkConf()
        let configuration = TaskSchedulerConfiguration(conf: conf, maxTaskFailures: 4, pools: [], shuffleOffers: false)
        let environment = SchedulerEnvironment(clock: harness, timers: harness, backend: harness, random: harness,
                                               trace: harness)
        let scheduler = SparkScheduler(conf: conf, taskScheduler: configuration, environment: environment)
        harness.scheduler = scheduler
        scheduler.handle(.executorAdded(ExecutorInfo(id: "exec1", host: "host1", rack: nil, cores: 2)))
        let map = StageSpec(key: "job.map", name: "map", jobName: "job", partitions: 2)
        let reduce = StageSpec(key: "job.reduce", name: "reduce", jobName: "job", partitions: 1, parents: ["job.map"])
        scheduler.handle(.submitJob(JobSpec(name: "job", stages: [map, reduce])))
        harness.run(scheduler) { !scheduler.endedJobs.isEmpty }

        let kinds = harness.trace.map { "\($0.kind.rawValue) \($0.stage ?? "")".trimmingCharacters(in: .whitespaces) }
        #expect(kinds == [
            "job-submitted", "stage-submitted map", "task-launched map", "task-launched map",
            "task-finished map", "task-finished map", "stage-completed map",
            "stage-submitted reduce", "task-launched reduce", "task-finished reduce", "stage-completed reduce",
            "job-succeeded",
        ])
        #expect(scheduler.endedJobs.first?.succeeded == true)
        #expect(scheduler.isIdle)
    }
}

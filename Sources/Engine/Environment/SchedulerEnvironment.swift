/// The engine's only doors to the world, passed at initialisation with no defaults
/// (STYLE.md: "inject, never reach"). Lab implements them over the simulator; a test
/// target implements them over a manual clock and over the wall clock, which is what
/// proves the engine does not depend on being simulated.

/// Now, as the engine sees it.
public protocol SchedulerClock: AnyObject {
    var now: EngineInstant { get }
}

/// Timers that deliver `SchedulerEvent.timer` back through `SparkScheduler.handle`.
///
/// Timers are data (what fires, and when), so they are traceable and ordered: a timer
/// due at the current instant fires after every event already pending at that instant.
public protocol SchedulerTimers: AnyObject {
    func schedule(_ timer: EngineTimer, at instant: EngineInstant) -> TimerHandle
    func cancel(_ handle: TimerHandle)
}

/// An opaque handle for cancelling a timer.
public struct TimerHandle: Hashable, Sendable {
    public let rawValue: UInt64
    public init(rawValue: UInt64) { self.rawValue = rawValue }
}

/// The cluster manager side (Spark's `SchedulerBackend` toward the executors): run a
/// task, kill a task. Their outcomes come back as `SchedulerEvent`s.
public protocol ExecutorBackend: AnyObject {
    func launch(_ task: TaskDescription)
    func kill(_ task: TaskID, executor: ExecutorID, reason: String)
}

/// The random source of Spark's offer shuffles (`Random.shuffle` in `TaskSchedulerImpl`),
/// seeded and named by the caller so that runs repeat.
public protocol SchedulerRandom: AnyObject {
    /// A uniformly drawn integer in `0..<upperBound`.
    func nextInt(below upperBound: Int) -> Int
}

/// Where scheduling events go (trace.csv in the lab).
public protocol SchedulerTraceSink: AnyObject {
    func record(_ event: SchedulerTraceEvent)
}

/// Everything the engine talks to, bundled.
public struct SchedulerEnvironment {
    public let clock: any SchedulerClock
    public let timers: any SchedulerTimers
    public let backend: any ExecutorBackend
    public let random: any SchedulerRandom
    public let trace: any SchedulerTraceSink

    public init(clock: any SchedulerClock, timers: any SchedulerTimers, backend: any ExecutorBackend,
                random: any SchedulerRandom, trace: any SchedulerTraceSink) {
        self.clock = clock
        self.timers = timers
        self.backend = backend
        self.random = random
        self.trace = trace
    }
}

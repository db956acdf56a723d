import Engine
import Sim

/// A job for the engine, and the instant it reaches the scheduler.
struct JobSubmission {
    let spec: JobSpec
    let at: SimInstant
}

/// Whatever submits jobs to the engine during a run: a scripted plan, a training driver
/// (task-parallel or barrier), a deep-learning program, an application's phases in
/// order. The simulated deployment knows only this protocol.
///
/// A source hands out jobs and learns how each ended through `jobEnded` (the deployment
/// listens to the engine's job events, never to the trace). It also owns the stages of
/// the jobs it submits: the executors resolve a launched task's stage key through
/// `stage(_:)` to the program the task runs.
protocol JobSource: AnyObject {
    /// Jobs whose instants are known before the application starts (a scripted plan's
    /// `submit_at`): queued before the executors present at `start` register, so jobs
    /// due at that instant reach the scheduler ahead of any offer round.
    func plannedJobs(from start: SimInstant) -> [JobSubmission]
    /// The driver program starts at `now`, once those executors have registered: the
    /// jobs it submits right away.
    func driverStarted(at now: SimInstant) -> [JobSubmission]
    /// A job this source submitted (named `job`) ended at `now`; returns what to submit
    /// next.
    func jobEnded(_ job: String, succeeded: Bool, at now: SimInstant) -> [JobSubmission]
    /// True once the source will submit nothing more.
    var isFinished: Bool { get }
    /// The stage of a job this source submitted, by key; nil for a key it never made.
    func stage(_ key: String) -> StageWork?
}

import Sim

/// Several job sources one after another, as the phases of one Spark application
/// (`kind: application`): ETL jobs, then training, on the same cluster and timeline.
///
/// A phase starts at the instant the previous phase's last job ended (succeeded or
/// failed): its planned jobs count from that instant, then its driver program starts.
/// Every job end goes to the phase running; a phase whose source submits no job at all
/// hands over at once.
final class PhasedJobSource: JobSource {
    /// What a phase starting at an instant needs to exist: sources are made when their
    /// phase starts, so a phase sees the cluster as the earlier phases left it.
    typealias Phase = () -> any JobSource

    private let phases: [Phase]
    /// The phases started so far, in order; the last is running.
    private(set) var started: [any JobSource] = []
    /// When each started phase began (`phaseStarts[i]` for `started[i]`).
    private(set) var phaseStarts: [SimInstant] = []
    /// Jobs of the running phase submitted and not yet ended.
    private var openJobs = 0
    /// Per started phase: its jobs and when its last one ended.
    private(set) var progress: [Progress] = []

    /// A phase's jobs so far.
    struct Progress: Equatable {
        var submitted = 0
        var succeeded = 0
        var failed = 0
        /// When the phase was over (its source finished, every job ended); nil before.
        var end: SimInstant?
    }

    init(_ phases: [Phase]) {
        precondition(!phases.isEmpty, "PhasedJobSource: no phase")
        self.phases = phases
    }

    var isFinished: Bool { started.count == phases.count && started.last!.isFinished && openJobs == 0 }

    /// The first phase's planned jobs; the first phase starts with the run.
    func plannedJobs(from start: SimInstant) -> [JobSubmission] {
        precondition(started.isEmpty, "PhasedJobSource: started twice")
        started.append(phases[0]())
        phaseStarts.append(start)
        progress.append(Progress())
        return counted(started[0].plannedJobs(from: start))
    }

    func driverStarted(at now: SimInstant) -> [JobSubmission] {
        let first = counted(started[0].driverStarted(at: now))
        return first + handOverIfIdle(at: now)
    }

    func jobEnded(_ job: String, succeeded: Bool, at now: SimInstant) -> [JobSubmission] {
        openJobs -= 1
        if succeeded { progress[progress.count - 1].succeeded += 1 } else { progress[progress.count - 1].failed += 1 }
        let next = counted(started.last!.jobEnded(job, succeeded: succeeded, at: now))
        return next + handOverIfIdle(at: now)
    }

    /// The stage is looked up in the running phase first, then in earlier ones (keys of
    /// different phases never meet: each phase has its own key prefix).
    func stage(_ key: String) -> StageWork? {
        for source in started.reversed() {
            if let stage = source.stage(key) { return stage }
        }
        return nil
    }

    private func counted(_ submissions: [JobSubmission]) -> [JobSubmission] {
        openJobs += submissions.count
        progress[progress.count - 1].submitted += submissions.count
        return submissions
    }

    /// While the running phase is over (finished, every job ended) and phases remain,
    /// the next starts now: its planned jobs from now, then its driver.
    private func handOverIfIdle(at now: SimInstant) -> [JobSubmission] {
        var submissions: [JobSubmission] = []
        if openJobs == 0, started.last!.isFinished, progress[progress.count - 1].end == nil {
            progress[progress.count - 1].end = now
        }
        while openJobs == 0, started.last!.isFinished, started.count < phases.count {
            let source = phases[started.count]()
            started.append(source)
            phaseStarts.append(now)
            progress.append(Progress())
            submissions += counted(source.plannedJobs(from: now))
            submissions += counted(source.driverStarted(at: now))
            if openJobs == 0, source.isFinished { progress[progress.count - 1].end = now }
        }
        return submissions
    }
}

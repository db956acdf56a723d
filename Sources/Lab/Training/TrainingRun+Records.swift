import Report
import Sim

/// A training run's results as Report's records: each iteration with where its time went
/// along the critical path, and the training's headline facts.
extension TrainingRun.Result {
    /// Each iteration's window, from the previous iteration (or the training's start),
    /// split by the critical path; the five parts add up exactly to the window.
    var iterationRecords: [IterationRecord] {
        var previous = trainingStart
        return iterations.map { iteration in
            let (parts, idle) = timeline.breakdown(from: previous, to: iteration.time)
            let record = IterationRecord(
                iteration: iteration.record.iteration, timeNanoseconds: iteration.time.nanosecondsSinceStart,
                objective: iteration.record.objective, accuracy: iteration.record.accuracy,
                computeNanoseconds: parts[.compute] ?? 0, communicationNanoseconds: parts[.communication] ?? 0,
                schedulingNanoseconds: parts[.scheduling] ?? 0, driverNanoseconds: parts[.driver] ?? 0,
                idleNanoseconds: idle, pythonStartupNanoseconds: parts[.pythonStartup] ?? 0,
                exchangeNanoseconds: parts[.exchange] ?? 0)
            assert(record.computeNanoseconds + record.communicationNanoseconds + record.schedulingNanoseconds
                   + record.driverNanoseconds + record.idleNanoseconds + record.pythonStartupNanoseconds
                   + record.exchangeNanoseconds == (iteration.time - previous).nanoseconds)
            previous = iteration.time
            return record
        }
    }

    /// The critical path as Report's spans, each part named as the style knows it: a
    /// barrier run's communication is its allreduce and its driver work the workers' update.
    func criticalPathSpans(barrier: Bool) -> [CriticalPathSpan] {
        timeline.intervals.map { interval in
            let name: String
            switch interval.part {
            case .compute: name = "compute"
            case .communication: name = barrier ? "allreduce" : "communication"
            case .scheduling: name = "scheduling"
            case .driver: name = barrier ? "update" : "driver"
            case .pythonStartup: name = "Python start-up"
            case .exchange: name = "exchange"
            }
            return CriticalPathSpan(part: name, startNanoseconds: interval.start.nanosecondsSinceStart,
                                    endNanoseconds: interval.end.nanosecondsSinceStart)
        }
    }

    /// Time to finish, jobs, restarts and why training stopped.
    var trainingRecord: TrainingRecord {
        TrainingRecord(totalNanoseconds: (trainingEnd - trainingStart).nanoseconds, jobs: jobs, restarts: restarts,
                       redoneIterations: redoneIterations, failure: failure, stopReason: stopReason)
    }
}

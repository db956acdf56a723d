import Report
import Sim

/// The training outputs: `iterations.csv` (SCENARIO.md's contract) and
/// `iteration_costs.csv` (where each iteration's time went, along the critical path).
enum TrainingReport {
    /// One row of `iteration_costs.csv`; the five parts add up exactly to the time since
    /// the previous iteration (0 for iteration 0, reached when training starts).
    struct CostRow: Equatable {
        var variant: String
        var iteration: Int
        var timeNanoseconds: Int64
        var accuracy: Double?
        var compute: Int64
        var communication: Int64
        var scheduling: Int64
        var driver: Int64
        var idle: Int64

        static let columns = ["variant", "iteration", "time_ns", "accuracy", "compute_ns", "communication_ns",
                              "scheduling_ns", "driver_ns", "idle_ns"]

        var fields: [String] {
            [variant, String(iteration), String(timeNanoseconds), accuracy.map(NumberFormat.roundTrip) ?? "",
             String(compute), String(communication), String(scheduling), String(driver), String(idle)]
        }
    }

    static let iterationColumns = ["variant", "iteration", "time_ns", "objective"]

    static func iterationFields(_ result: TrainingRun.Result, variant: String) -> [[String]] {
        result.iterations.map { iteration in
            [variant, String(iteration.record.iteration), String(iteration.time.nanosecondsSinceStart),
             NumberFormat.roundTrip(iteration.record.objective)]
        }
    }

    /// Each iteration's window, from the previous iteration (or the training's start),
    /// split by the critical path.
    static func costRows(_ result: TrainingRun.Result, variant: String) -> [CostRow] {
        var previous = result.trainingStart
        return result.iterations.map { iteration in
            let (parts, idle) = result.timeline.breakdown(from: previous, to: iteration.time)
            previous = iteration.time
            let row = CostRow(
                variant: variant, iteration: iteration.record.iteration,
                timeNanoseconds: iteration.time.nanosecondsSinceStart, accuracy: iteration.record.accuracy,
                compute: parts[.compute] ?? 0, communication: parts[.communication] ?? 0,
                scheduling: parts[.scheduling] ?? 0, driver: parts[.driver] ?? 0, idle: idle)
            assert(row.compute + row.communication + row.scheduling + row.driver + row.idle
                   == (iteration.time - (previousTime(result, before: iteration) ?? iteration.time)).nanoseconds)
            return row
        }
    }

    private static func previousTime(_ result: TrainingRun.Result, before iteration: TimedIteration) -> SimInstant? {
        guard let index = result.iterations.firstIndex(of: iteration) else { return nil }
        return index == 0 ? result.trainingStart : result.iterations[index - 1].time
    }
}

extension TrainingReport {
    /// The report's headline for one variant: time to finish, the final objective (and
    /// accuracy), the time per iteration, restarts.
    static func headline(_ result: TrainingRun.Result, variant: String) -> [String] {
        let label = variant.isEmpty ? "" : "`\(variant)`: "
        let total = (result.trainingEnd - result.trainingStart).nanoseconds
        guard let last = result.iterations.last else {
            return ["- \(label)no iteration reached in \(HumanUnits.duration(nanoseconds: total))"
                    + (result.failure.map { " (\($0))" } ?? "")]
        }
        let iterations = max(1, last.record.iteration)
        let accuracy = last.record.accuracy.map { ", training accuracy \(NumberFormat.fixed($0, decimals: 6))" } ?? ""
        var line = "- \(label)\(last.record.iteration) iterations in \(HumanUnits.duration(nanoseconds: total))"
            + " (\(HumanUnits.duration(nanoseconds: total / Int64(iterations))) per iteration on average, start-up included), \(result.jobs) job(s),"
            + " final objective \(NumberFormat.fixed(last.record.objective, decimals: 9))\(accuracy)"
        if result.restarts > 0 {
            line += "; \(result.restarts) restart(s) from a checkpoint, \(result.redoneIterations) iteration(s) redone"
        }
        if let failure = result.failure { line += "; training stopped: \(failure)" }
        return [line]
    }
}

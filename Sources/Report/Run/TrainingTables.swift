/// The training outputs: `iterations.csv` (docs/scenario.md's contract), `iteration_costs.csv`
/// (where each iteration's time went, along the critical path) and the report's
/// headline line per variant.
enum TrainingTables {
    static let iterationColumns = ["variant", "iteration", "time_ns", "objective"]
    /// The seven parts add up exactly to the time since the previous iteration (0 for
    /// iteration 0, reached when training starts). Python start-up and the JVM-to-Python
    /// exchange come last, after the five parts files written before them had.
    static let costColumns = ["variant", "iteration", "time_ns", "accuracy", "compute_ns", "communication_ns",
                              "scheduling_ns", "driver_ns", "idle_ns", "python_startup_ns", "exchange_ns"]

    /// An objective as `iterations.csv` holds it: shortest round trip, so a reader gets
    /// the value back exactly; `sweep.csv` spells final objectives through this too.
    static func objectiveCell(_ objective: Double) -> String { NumberFormat.roundTrip(objective) }

    /// Both files for every variant, in variant order; nil when no variant trained.
    static func files(_ runs: [RunRecord]) -> (iterations: String, costs: String)? {
        let views = runs.flatMap(\.trainingViews)
        guard views.contains(where: { !$0.iterations.isEmpty }) else { return nil }
        var iterations = CSVTable(columns: iterationColumns)
        var costs = CSVTable(columns: costColumns)
        for run in views {
            for record in run.iterations {
                iterations.append([run.label, String(record.iteration), String(record.timeNanoseconds),
                                   objectiveCell(record.objective)])
                costs.append([run.label, String(record.iteration), String(record.timeNanoseconds),
                              record.accuracy.map(NumberFormat.roundTrip) ?? "", String(record.computeNanoseconds),
                              String(record.communicationNanoseconds), String(record.schedulingNanoseconds),
                              String(record.driverNanoseconds), String(record.idleNanoseconds),
                              String(record.pythonStartupNanoseconds), String(record.exchangeNanoseconds)])
            }
        }
        return (iterations.text, costs.text)
    }

    /// The report's headline for one variant: time to finish, the final objective (and
    /// accuracy), the time per iteration, restarts.
    static func headline(_ run: RunRecord) -> [String] { run.trainingViews.flatMap(headline) }

    static func headline(_ run: TrainingView) -> [String] {
        guard let training = run.training else { return [] }
        let label = run.label.isEmpty ? "" : "`\(run.label)`: "
        let total = training.totalNanoseconds
        guard let last = run.iterations.last else {
            return ["- \(label)no iteration reached in \(HumanUnits.duration(nanoseconds: total))"
                    + (training.failure.map { " (\($0))" } ?? "")]
        }
        let iterations = max(1, last.iteration)
        let accuracy = last.accuracy.map { ", training accuracy \(NumberFormat.fixed($0, decimals: 6))" } ?? ""
        var line = "- \(label)\(last.iteration) iterations in \(HumanUnits.duration(nanoseconds: total))"
            + " (\(HumanUnits.duration(nanoseconds: total / Int64(iterations))) per iteration on average, start-up included), \(training.jobs) job(s),"
            + " final objective \(NumberFormat.fixed(last.objective, decimals: 9))\(accuracy)"
        if training.restarts > 0 {
            line += "; \(training.restarts) restart(s) from a checkpoint, \(training.redoneIterations) iteration(s) redone"
        }
        if let failure = training.failure {
            line += "; training stopped: \(failure)"
        } else if let reason = training.stopReason, reason != "max iterations reached" {
            line += "; stopped before its iteration limit: \(reason)"
        }
        return [line]
    }
}

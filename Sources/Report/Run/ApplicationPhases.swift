/// The `## Phases` section of an application's report: each phase, when it ran, its
/// jobs, and the headline of each training phase.
enum ApplicationPhases {
    static func lines(_ run: RunRecord) -> [String] {
        guard !run.phases.isEmpty else { return [] }
        var lines = ["## Phases", "",
                     "| phase | kind | started | ended | took | jobs | succeeded | failed |",
                     "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for phase in run.phases {
            guard let start = phase.startNanoseconds else {
                lines.append("| \(phase.index) | \(phase.kind) | did not start | | | 0 | 0 | 0 |")
                continue
            }
            let ended = phase.endNanoseconds.map { HumanUnits.duration(nanoseconds: $0) } ?? "did not end"
            let took = phase.endNanoseconds.map { HumanUnits.duration(nanoseconds: $0 - start) } ?? ""
            lines.append("| \(phase.index) | \(phase.kind) | \(HumanUnits.duration(nanoseconds: start)) "
                + "| \(ended) | \(took) | \(phase.jobsSubmitted) | \(phase.jobsSucceeded) | \(phase.jobsFailed) |")
        }
        lines.append("")
        let training = TrainingTables.headline(run)
        if !training.isEmpty {
            lines += ["Training: per-iteration times (from the start of the run) are in `iterations.csv` and "
                + "`iteration_costs.csv`.", ""] + training + [""]
        }
        return lines
    }
}

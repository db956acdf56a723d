/// The `## Phases` section of an application's report: each phase, when it ran, its
/// jobs, and the headline of each training phase.
enum ApplicationPhases {
    /// One table for every variant (a `variant` column when there are several).
    static func lines(_ runs: [RunRecord]) -> [String] {
        let applications = runs.filter { !$0.phases.isEmpty }
        guard !applications.isEmpty else { return [] }
        let named = applications.count > 1 || !applications[0].variant.isEmpty
        var lines = ["## Phases", "",
                     (named ? "| variant " : "") + "| phase | kind | started | ended | took | jobs | succeeded | failed |",
                     (named ? "| --- " : "") + "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
        for run in applications {
            lines += rows(run, prefix: named ? "| \(run.variant) " : "")
        }
        lines.append("")
        let training = applications.flatMap(TrainingTables.headline)
        if !training.isEmpty {
            lines += ["Training: per-iteration times (from the start of the run) are in `iterations.csv` and "
                + "`iteration_costs.csv`.", ""] + training + [""]
        }
        return lines
    }

    private static func rows(_ run: RunRecord, prefix: String) -> [String] {
        var lines: [String] = []
        for phase in run.phases {
            guard let start = phase.startNanoseconds else {
                lines.append(prefix + "| \(phase.index) | \(phase.kind) | did not start | | | 0 | 0 | 0 |")
                continue
            }
            let ended = phase.endNanoseconds.map { HumanUnits.duration(nanoseconds: $0) } ?? "did not end"
            let took = phase.endNanoseconds.map { HumanUnits.duration(nanoseconds: $0 - start) } ?? ""
            lines.append(prefix + "| \(phase.index) | \(phase.kind) | \(HumanUnits.duration(nanoseconds: start)) "
                + "| \(ended) | \(took) | \(phase.jobsSubmitted) | \(phase.jobsSucceeded) | \(phase.jobsFailed) |")
        }
        return lines
    }
}

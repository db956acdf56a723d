/// The `## Jobs` section of an engine or application run: each variant's jobs, when they
/// reached the scheduler and how they ended, from its trace.
///
/// Why condensed: an MLlib variant submits a job per iteration, so a table of every job
/// would bury the ones that matter. Past `listedJobs` jobs, the table keeps the first and
/// last few and every job that did not succeed, and one line counts the rest.
struct RunJobsSection {
    let runs: [RunRecord]
    /// Variant names as the scenario gives them ("" for `workload:`).
    let names: [String]
    static let listedJobs = 16

    var lines: [String] {
        let engineRuns = zip(names, runs).filter { $0.1.scope == .engine || $0.1.scope == .application }
        guard !engineRuns.isEmpty else { return [] }
        var lines = ["## Jobs", ""]
        for (name, run) in engineRuns {
            if engineRuns.count > 1 || !name.isEmpty { lines += ["### `\(name)`", ""] }
            lines += Self.lines(run)
        }
        return lines
    }

    private struct Job {
        var name: String
        var submitted: Int64
        var end: (ok: Bool, at: Int64, detail: String)?
    }

    private static func jobs(_ run: RunRecord) -> [Job] {
        var jobs: [Job] = []
        var index: [String: Int] = [:]
        for row in run.trace {
            guard let job = row.job else { continue }
            switch row.event {
            case .jobSubmitted:
                index[job] = jobs.count
                jobs.append(Job(name: job, submitted: row.timeNanoseconds))
            case .jobSucceeded: if let i = index[job] { jobs[i].end = (true, row.timeNanoseconds, "") }
            case .jobFailed: if let i = index[job] { jobs[i].end = (false, row.timeNanoseconds, row.detail ?? "") }
            default: continue
            }
        }
        return jobs
    }

    private static func lines(_ run: RunRecord) -> [String] {
        let jobs = jobs(run)
        let launched = run.trace.filter { $0.event == .taskLaunched }.count
        let failed = run.trace.filter { $0.event == .taskFailed }.count
        var lines = ["| job | submitted | outcome | ended | time |", "| --- | ---: | --- | ---: | ---: |"]
        let shown = shownIndices(jobs)
        var previous = -1
        for index in shown {
            if index > previous + 1 { lines.append(omittedRow(jobs[(previous + 1)..<index])) }
            let job = jobs[index]
            let outcome = job.end.map { $0.ok ? "succeeded" : "failed" } ?? "did not end"
            let endText = job.end.map { HumanUnits.duration(nanoseconds: $0.at) } ?? ""
            let took = job.end.map { HumanUnits.duration(nanoseconds: $0.at - job.submitted) } ?? ""
            lines.append("| \(job.name) | \(HumanUnits.duration(nanoseconds: job.submitted)) | \(outcome) "
                         + "| \(endText) | \(took) |")
            previous = index
        }
        if previous < jobs.count - 1 { lines.append(omittedRow(jobs[(previous + 1)...])) }
        lines += ["", "Task attempts launched: \(launched); failed: \(failed).", ""]
        if let reason = run.unfinishedReason {
            lines += ["The run ended with jobs unfinished: \(reason).", ""]
        }
        for (index, job) in jobs.enumerated() {
            if let end = job.end, !end.ok {
                let reason = end.detail.split(separator: "\n").first.map(String.init) ?? ""
                let base = job.name.components(separatedBy: "-restart-")[0]
                let restart = jobs[(index + 1)...].first { $0.name.hasPrefix(base + "-restart-") }
                let handled = restart.map { " (handled: training restarted from its last checkpoint as `\($0.name)`)" }
                lines += ["Job `\(job.name)` failed: \(reason)\(handled ?? "")", ""]
            }
        }
        return lines
    }

    /// Every job when there are few; else the first 8, the last 4 and any that did not
    /// succeed, in order.
    private static func shownIndices(_ jobs: [Job]) -> [Int] {
        guard jobs.count > listedJobs else { return Array(jobs.indices) }
        return jobs.indices.filter { index in
            index < 8 || index >= jobs.count - 4 || jobs[index].end?.ok != true
        }
    }

    /// One row standing for consecutive jobs left out: how many, and their time range.
    private static func omittedRow(_ jobs: ArraySlice<Job>) -> String {
        let times = jobs.compactMap { job in job.end.map { $0.at - job.submitted } }.sorted()
        let median = times.isEmpty ? "" : "median " + HumanUnits.duration(nanoseconds: times[times.count / 2])
        return "| … \(jobs.count) more (\(jobs.first!.name) to \(jobs.last!.name)) | | succeeded | | \(median) |"
    }
}

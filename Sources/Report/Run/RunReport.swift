/// The `report.md` of one run: what was simulated, on what, and what came out.
///
/// Written for a person: sizes and durations in Spark's units, counts in words, and a
/// plain statement of what this build could and could not simulate.
struct RunReport {
    let scenario: ScenarioDescription
    /// One per variant, in the scenario's order.
    let runs: [RunRecord]
    /// The workload's own section (deep learning, comparison, figures), after the results.
    let workloadResults: [String]

    var first: RunRecord { runs[0] }

    var markdown: String {
        var lines: [String] = ["# \(scenario.name)", ""]
        if let description = scenario.description, !description.isEmpty {
            lines += [description.trimmingSpaces, ""]
        }
        lines += [
            "- seed: \(scenario.seed)",
            "- sparksim: \(scenario.version)",
            "- scenario file: `\(scenario.file)`",
        ]
        if !scenario.commandLineSettings.isEmpty {
            lines.append("- changed on the command line: " + scenario.commandLineSettings.map { "`--set \($0)`" }
                .joined(separator: ", "))
        }
        lines += [
            "",
            "## What was simulated",
            "",
        ]
        lines += scopeSection
        lines += jobsSection + collectiveSection + workloadResults + networkSection + clusterSection
            + workloadSection + faultSection + sparkSection
        return lines.joined(separator: "\n") + "\n"
    }

    private var networkSection: [String] {
        NetworkReport(links: first.links, utilisation: first.linkUtilisation, runName: scenario.name).markdown
    }

    private var scopeSection: [String] {
        switch first.scope {
        case .collective:
            return ["One collective operation per group on the simulated flow network (max-min fair",
                    "sharing, latency per link), with the scenario's cluster faults acting on it.", ""]
        case .deepLearning:
            return ["Horovod-style data-parallel training steps of each model (compute from the model",
                    "profile on the scenario's GPU, gradients fused and allreduced on the scenario's network,",
                    "timed by the placement-aware α-β costs checked against the flow simulation). Each model",
                    "and GPU count runs on the engine as one Spark job: one barrier stage of a task per GPU",
                    "(1 GPU, 1 core each) on the first hosts holding that many GPUs, each task running the",
                    "iterations at that step time; throughput is read off the instants the iterations after",
                    "`warmup` ended. `trace.csv` is the first model's largest point.", ""]
        case .training:
            return ["Real training (the trainer's numerics) submitted as Spark jobs by a simulated driver to",
                    "sparksim's re-implementation of Spark's scheduler over the simulated cluster; task time",
                    "from the cost model (FLOPs, network flows, allreduces, Python start-up and exchange).",
                    "Per-iteration times are in `iterations.csv` and `iteration_costs.csv`.", "",
                    "## Training", ""] + runs.flatMap(TrainingTables.headline) + [""]
        case .application:
            return ["One Spark application: its phases run one after another on sparksim's re-implementation",
                    "of Spark's scheduler over one simulated cluster, each phase starting the instant the",
                    "previous phase's last job ended; scripted phases run their jobs as given, training phases",
                    "train for real (the trainer's numerics, time from the cost model). Every fault acts, at its",
                    "time from the start of the run; `trace.csv` and the timeline hold every phase.", ""]
                + ApplicationPhases.lines(first)
        case .engine:
            return ["The scripted jobs on sparksim's re-implementation of Spark's scheduler (DAG scheduler,",
                    "task scheduler, delay scheduling, retries, barrier mode, GPU scheduling) over the",
                    "simulated cluster: shuffle reads are transfers on the flow network, task work runs",
                    "under the scenario's stragglers, and every fault acts. Every scheduling event is in",
                    "`trace.csv`.", ""]
        case .membership:
            return ["Cluster membership only: the executors present at time 0 and the faults that act",
                    "on the cluster (executors added and lost, hosts lost, degraded links). The Spark",
                    "scheduler that runs the workload is not built yet in this version of sparksim, so",
                    "no job, stage or task was simulated; `summary.csv` leaves the job and task columns",
                    "empty.", ""]
        }
    }

    /// Each job's outcome, from the trace: when it reached the scheduler, when it ended.
    private var jobsSection: [String] {
        guard first.scope == .engine || first.scope == .application else { return [] }
        var submitted: [(name: String, at: Int64)] = []
        var ended: [String: (ok: Bool, at: Int64, detail: String)] = [:]
        for row in first.trace {
            guard let job = row.job else { continue }
            switch row.event {
            case .jobSubmitted: submitted.append((job, row.timeNanoseconds))
            case .jobSucceeded: ended[job] = (true, row.timeNanoseconds, "")
            case .jobFailed: ended[job] = (false, row.timeNanoseconds, row.detail ?? "")
            default: continue
            }
        }
        let launched = first.trace.filter { $0.event == .taskLaunched }.count
        let failed = first.trace.filter { $0.event == .taskFailed }.count
        var lines = ["## Jobs", "", "| job | submitted | outcome | ended | time |", "| --- | ---: | --- | ---: | ---: |"]
        for job in submitted {
            let end = ended[job.name]
            let outcome = end.map { $0.ok ? "succeeded" : "failed" } ?? "did not end"
            let endText = end.map { HumanUnits.duration(nanoseconds: $0.at) } ?? ""
            let took = end.map { HumanUnits.duration(nanoseconds: $0.at - job.at) } ?? ""
            lines.append("| \(job.name) | \(HumanUnits.duration(nanoseconds: job.at)) | \(outcome) | \(endText) | \(took) |")
        }
        lines += ["", "Task attempts launched: \(launched); failed: \(failed).", ""]
        if let reason = first.unfinishedReason {
            lines += ["The run ended with jobs unfinished: \(reason).", ""]
        }
        for job in submitted {
            if let end = ended[job.name], !end.ok {
                let reason = end.detail.split(separator: "\n").first.map(String.init) ?? ""
                lines += ["Job `\(job.name)` failed: \(reason)", ""]
            }
        }
        return lines
    }

    private var collectiveSection: [String] {
        let rows = runs.flatMap(\.allCollectives)
        guard !rows.isEmpty else { return [] }
        var lines = ["## Collective results", "",
                     "| group | ranks | bytes per rank | algorithm | time | algorithm bandwidth |",
                     "| ---: | ---: | ---: | --- | ---: | ---: |"]
        for row in rows {
            let time = row.durationNanoseconds.map { HumanUnits.duration(nanoseconds: $0) } ?? "did not finish"
            let rate = row.durationNanoseconds.flatMap { ns in
                ns > 0 ? HumanUnits.rate(bytesPerSecond: Double(row.bytes) / (Double(ns) / 1e9)) : nil
            } ?? ""
            lines.append("| \(row.group) | \(row.ranks) | \(HumanUnits.bytes(row.bytes)) | \(row.algorithm) "
                         + "| \(time) | \(rate) |")
        }
        lines += ["", "Algorithm bandwidth is bytes per rank over time, as nccl-tests reports `algbw`.", ""]
        if first.abortedTransfers > 0 {
            lines += ["\(first.abortedTransfers) transfer(s) were aborted by lost hosts.", ""]
        }
        return lines
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s = s.dropFirst() }
        while s.last?.isWhitespace == true { s = s.dropLast() }
        return String(s)
    }
}

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
        lines += RunJobsSection(runs: runs, names: scenario.variants.map(\.name)).lines + collectiveSection + workloadResults + networkSection + clusterSection
            + workloadSection + faultSection + sparkSection
        return lines.joined(separator: "\n") + "\n"
    }

    private var networkSection: [String] {
        NetworkReport(links: first.links, utilisation: first.linkUtilisation, runName: scenario.name).markdown
    }

    /// The stages of each task-parallel variant's last job, from its trace.
    private var jobShapes: [String] {
        zip(scenario.variants, runs).compactMap { variant, run in
            variant.training?.style == "task-parallel" ? JobShape.sentence(label: variant.name, trace: run.trace) : nil
        }
    }

    private var scopeSection: [String] {
        switch first.scope {
        case .collective:
            return ["One collective operation per group on the simulated flow network (max-min fair",
                    "sharing, latency per link), with the scenario's cluster faults acting on it.", ""]
        case .deepLearning:
            return ["Horovod-style data-parallel training of each model, step by step on the engine. Each",
                    "model and GPU count is one Spark job: one barrier stage of a task per GPU (1 GPU, 1 core",
                    "each) on the first hosts holding that many GPUs. Each task runs the steps as its GPU",
                    "would: the forward pass, the backward pass layer group by layer group (compute from the",
                    "model profile on the scenario's GPU, times one draw of `cluster.gpu.variation` per GPU",
                    "per step), each group's gradients handed to Horovod's background thread, which fuses",
                    "what every rank has ready once per cycle and allreduces the buffers one at a time as",
                    "flows on the simulated network; then the update. A slow GPU holds every rank back;",
                    "faults act as on any Spark job (a lost host fails the barrier stage, which restarts",
                    "from the last checkpoint). Throughput is read off the instants the steps after",
                    "`warmup` ended. `trace.csv` is the first model's largest point.", ""]
        case .training:
            return ["Real training (the trainer's numerics) submitted as Spark jobs by a simulated driver to",
                    "sparksim's re-implementation of Spark's scheduler over the simulated cluster; task time",
                    "from the cost model (FLOPs, network flows, allreduces, Python start-up and exchange).",
                    "Per-iteration times are in `iterations.csv` and `iteration_costs.csv`.", "",
                    "## Training", ""] + runs.flatMap(TrainingTables.headline) + jobShapes + [""]
        case .application:
            return ["One Spark application: its phases run one after another on sparksim's re-implementation",
                    "of Spark's scheduler over one simulated cluster, each phase starting the instant the",
                    "previous phase's last job ended; scripted phases run their jobs as given, training phases",
                    "train for real (the trainer's numerics, time from the cost model). Every fault acts, at its",
                    "time from the start of the run; `trace.csv` and the timeline hold every phase.", ""]
                + ApplicationPhases.lines(runs)
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

import Engine
import Sim

/// The `report.md` of one run: what was simulated, on what, and what came out.
///
/// Written for a person: sizes and durations in Spark's units, counts in words, and a
/// plain statement of what this build could and could not simulate.
struct RunReport {
    let scenario: Scenario
    let membership: ClusterMembershipRun

    var markdown: String {
        var lines: [String] = ["# \(scenario.name)", ""]
        if let description = scenario.description, !description.isEmpty {
            lines += [description.trimmingSpaces, ""]
        }
        lines += [
            "- seed: \(scenario.seed)",
            "- sparksim: \(SparksimVersion.current)",
            "- scenario file: `\(scenario.file)`",
            "",
            "## What was simulated",
            "",
            "Cluster membership only: the executors present at time 0 and the cluster-level",
            "faults (executor added, executor lost, host lost). The Spark scheduler that runs",
            "the workload is not built yet in this version of sparksim, so no job, stage or task",
            "was simulated; `summary.csv` leaves the job and task columns empty.",
            "",
        ]
        lines += clusterSection + workloadSection + faultSection + sparkSection
        return lines.joined(separator: "\n") + "\n"
    }

    private var clusterSection: [String] {
        let cluster = scenario.cluster
        let cores = cluster.executors.reduce(0) { $0 + $1.cores }
        let gpus = cluster.executors.reduce(0) { $0 + $1.gpus }
        var lines = [
            "## Cluster", "",
            "| racks | hosts | executors | cores | GPUs |", "| ---: | ---: | ---: | ---: | ---: |",
            "| \(max(cluster.racks.count, 1)) | \(cluster.hosts.count) | \(cluster.executors.count) | \(cores) | \(gpus) |",
            "",
        ]
        if let network = cluster.network {
            let host = network.hostLink.map(\.description) ?? "unlimited"
            let uplink = network.rackUplink.map(\.description) ?? "non-blocking"
            lines += ["Network: host links \(host), rack uplinks \(uplink), latency \(network.latency) per link.", ""]
        } else {
            lines += ["Network: ideal (no `network:` section).", ""]
        }
        lines += [
            "Executors at the end of the run: \(membership.live.count) of "
                + "\(cluster.executors.count + addedCount) "
                + "(last membership change at \(SimDuration(nanoseconds: membership.lastEventInstant.nanosecondsSinceStart))).",
            "",
        ]
        return lines
    }

    private var addedCount: Int {
        scenario.faults.filter { if case .executorAdded = $0 { return true } else { return false } }.count
    }

    private var workloadSection: [String] {
        var lines = ["## Workload (not simulated)", ""]
        for variant in scenario.variants {
            let label = variant.name.isEmpty ? "" : "`\(variant.name)`: "
            lines.append("- \(label)\(variant.workload.kind)\(workloadShape(variant.workload))")
        }
        return lines + [""]
    }

    private func workloadShape(_ workload: Scenario.Workload) -> String {
        guard case .scripted(let scripted) = workload else { return "" }
        let stages = scripted.jobs.reduce(0) { $0 + $1.stages.count }
        let tasks = scripted.jobs.reduce(0) { $0 + $1.stages.reduce(0) { $0 + $1.tasks } }
        return ": \(scripted.jobs.count) job(s), \(stages) stage(s), \(tasks) task(s)"
    }

    private var faultSection: [String] {
        guard !scenario.faults.isEmpty else { return [] }
        let skipped = ClusterMembershipRun.unsimulatedFaults(of: scenario)
        var lines = ["## Faults", "", "| kind | simulated |", "| --- | --- |"]
        for fault in scenario.faults {
            lines.append("| \(fault.kind) | \(skipped.contains(fault.kind) ? "no (needs the engine)" : "yes") |")
        }
        return lines + [""]
    }

    private var sparkSection: [String] {
        let set = scenario.spark.settings
        guard !set.isEmpty else { return ["## Spark configuration", "", "Spark's defaults.", ""] }
        var lines = ["## Spark configuration", "", "Set by the scenario (everything else: Spark's defaults):", ""]
        for (key, value) in set {
            lines.append("- `\(key)`: \(Self.spell(value))")
        }
        return lines + [""]
    }

    static func spell(_ value: SparkConfigValue) -> String {
        switch value {
        case .duration(let ns): return DurationFormat.spark(ns)
        case .bytes(let bytes): return ByteCount(bytes: bytes).description
        default: return value.description
        }
    }
}

extension String {
    fileprivate var trimmingSpaces: String {
        var s = Substring(self)
        while s.first?.isWhitespace == true { s = s.dropFirst() }
        while s.last?.isWhitespace == true { s = s.dropLast() }
        return String(s)
    }
}

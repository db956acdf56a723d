import Report

/// The part of `sweep.md` that says what was simulated before any number: the scenario's
/// own description, its cluster and workloads as written in the file (swept keys then
/// vary them), its faults and its Spark settings.
extension SweepReport {
    var contextLines: [String] {
        let scenario = plan.scenario
        var lines: [String] = []
        if let description = scenario.description?.trimmingCharacters(in: .whitespacesAndNewlines),
           !description.isEmpty
        {
            lines += [description, ""]
        }
        lines += ["## What was simulated", ""]
        let cluster = scenario.cluster
        let cores = cluster.executors.reduce(0) { $0 + $1.cores }
        let gpus = cluster.executors.reduce(0) { $0 + $1.gpus }
        var clusterLine = "- cluster (as in the file; a swept key varies it): \(max(cluster.racks.count, 1)) rack(s), "
            + "\(cluster.hosts.count) host(s), \(cluster.executors.count) executor(s), \(cores) core(s), \(gpus) GPU(s)"
        if let network = cluster.network {
            clusterLine += "; host links \(network.hostLink.map(\.description) ?? "unlimited"), rack uplinks "
                + "\(network.rackUplink.map(\.description) ?? "non-blocking"), latency \(network.latency) per link"
        }
        lines.append(clusterLine)
        for variant in scenario.variants {
            let label = variant.name.isEmpty ? "workload" : "variant `\(variant.name)`"
            let style = ScenarioDescription.shape(variant.workload).trainingStyle.map { " (\($0))" } ?? ""
            lines.append("- \(label): \(variant.workload.kind)\(style)")
        }
        if !scenario.faults.isEmpty {
            lines.append("- faults: " + scenario.faults.map(\.kind).joined(separator: ", "))
        }
        let settings = scenario.spark.settings
        if settings.isEmpty {
            lines.append("- Spark configuration: Spark's defaults")
        } else {
            lines.append("- Spark configuration (everything else: Spark's defaults):")
            lines += settings.map { "  - `\($0.key)`: \(ScenarioDescription.spell($0.value))" }
        }
        return lines + [""]
    }
}

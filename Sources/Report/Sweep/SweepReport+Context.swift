import Foundation

/// The part of `sweep.md` that says what was simulated before any number: the scenario's
/// own description, its cluster and workloads as written in the file (swept keys then
/// vary them), its faults and its Spark settings.
extension SweepReport {
    var contextLines: [String] {
        let scenario = sweep.scenario
        var lines: [String] = []
        if let description = scenario.description?.trimmingCharacters(in: .whitespacesAndNewlines),
           !description.isEmpty
        {
            lines += [description, ""]
        }
        lines += ["## What was simulated", ""]
        let cluster = scenario.cluster
        var clusterLine = "- cluster (as in the file; a swept key varies it): \(max(cluster.racks, 1)) rack(s), "
            + "\(cluster.hosts) host(s), \(cluster.executors) executor(s), \(cluster.cores) core(s), "
            + "\(cluster.gpus) GPU(s)"
        if let network = cluster.network {
            clusterLine += "; host links \(network.hostLink ?? "unlimited"), rack uplinks "
                + "\(network.rackUplink ?? "non-blocking"), latency \(network.latency) per link"
        }
        lines.append(clusterLine)
        if let slowdown = cluster.hostSlowdown {
            let draws = slowdown.variation > 0 ? "; each seed draws its own factors" : ""
            lines.append("- persistent host slowdown (`cluster.cpu.host_slowdown`, as in the file; a swept key "
                + "varies it): \(slowdown.settingText)\(draws)")
        }
        for variant in scenario.variants {
            let label = variant.name.isEmpty ? "workload" : "variant `\(variant.name)`"
            let style = variant.shape.trainingStyle.map { " (\($0))" } ?? ""
            lines.append("- \(label): \(variant.kind)\(style)")
        }
        if !scenario.faults.isEmpty {
            lines.append("- faults: " + scenario.faults.joined(separator: ", "))
        }
        let settings = scenario.sparkSettings
        if settings.isEmpty {
            lines.append("- Spark configuration: Spark's defaults")
        } else {
            lines.append("- Spark configuration (everything else: Spark's defaults):")
            lines += settings.map { "  - `\($0.key)`: \($0.value)" }
        }
        return lines + [""]
    }
}

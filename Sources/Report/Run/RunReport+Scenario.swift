/// The sections of `report.md` that describe the scenario rather than its results: the
/// cluster, each variant's workload, the faults and the Spark settings.
extension RunReport {
    var clusterSection: [String] {
        let cluster = scenario.cluster
        var lines = [
            "## Cluster", "",
            "| racks | hosts | executors | cores | GPUs |", "| ---: | ---: | ---: | ---: | ---: |",
            "| \(max(cluster.racks, 1)) | \(cluster.hosts) | \(cluster.executors) | \(cluster.cores) | \(cluster.gpus) |",
            "",
        ]
        if let network = cluster.network {
            let host = network.hostLink ?? "unlimited"
            let uplink = network.rackUplink ?? "non-blocking"
            lines += ["Network: host links \(host), rack uplinks \(uplink), latency \(network.latency) per link.", ""]
        } else {
            lines += ["Network: ideal (no `network:` section).", ""]
        }
        if let slowdown = cluster.hostSlowdown {
            lines += ["Host slowdown (`cluster.cpu.host_slowdown`: \(slowdown.settingText)): "
                + "\(slowdown.factorsText); each host's CPU work takes its factor times as long, for the whole run.", ""]
        }
        lines += [
            "Executors at the end of the run: \(first.executorsAtEnd) of "
                + "\(cluster.executors + cluster.executorsAdded) "
                + "(last event at \(HumanUnits.duration(nanoseconds: first.endNanoseconds))).",
            "",
        ]
        return lines
    }

    var workloadSection: [String] {
        var lines = [first.scope == .membership ? "## Workload (not simulated)" : "## Workload", ""]
        for variant in scenario.variants {
            let label = variant.name.isEmpty ? "" : "`\(variant.name)`: "
            lines.append("- \(label)\(variant.kind)\(Self.shape(variant.shape))")
        }
        return lines + [""]
    }

    static func shape(_ shape: WorkloadShape) -> String {
        switch shape {
        case .collective(let algorithm, let bytesPerRank, let participants):
            let groups: String
            switch participants {
            case .firstHosts(let ranks): groups = "\(ranks) ranks on the first \(ranks) hosts"
            case .groups(let sizes): groups = sizes.map { "\($0) ranks" }.joined(separator: ", ")
            }
            return ": \(algorithm), \(HumanUnits.bytes(bytesPerRank)) per rank, \(groups)"
        case .training(let style, let workers):
            return ", \(style), \(workers) \(style == "task-parallel" ? "partitions" : "workers")"
        case .scripted(let jobs, let stages, let tasks):
            return ": \(jobs) job(s), \(stages) stage(s), \(tasks) task(s)"
        case .application(let phases):
            return ": " + phases.enumerated().map { index, phase in
                "phase \(index) \(phase.kind)\(Self.shape(phase.shape))"
            }.joined(separator: "; then ")
        case .unspecified:
            return ""
        }
    }

    var faultSection: [String] { FaultsSection(scenario: scenario, runs: runs).lines }

    var sparkSection: [String] {
        let settings = scenario.sparkSettings
        guard !settings.isEmpty else { return ["## Spark configuration", "", "Spark's defaults.", ""] }
        var lines = ["## Spark configuration", "", "Set by the scenario (everything else: Spark's defaults):", ""]
        for setting in settings {
            let ignored = setting.ignoredBecause.map { " (ignored: \($0))" } ?? ""
            lines.append("- `\(setting.key)`: \(setting.value)\(ignored)")
        }
        return lines + [""]
    }
}

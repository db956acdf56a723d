/// What a swept key means, for axis titles: `workers (workload.partitions)` rather than the
/// bare path, so a figure read on its own says what varied. The chart adds the unit.
enum SweepAxisMeaning {
    /// Meanings of known paths; `faults.<n>.<key>` is matched on its last key.
    static let meanings: [(path: String, meaning: String)] = [
        ("workload.partitions", "workers"),
        ("workload.max_iter", "iterations"),
        ("workload.bytes", "bytes per rank"),
        ("workload.ranks", "ranks"),
        ("workload.represents_features", "model width (features)"),
        ("workload.represents_rows", "rows represented"),
        ("cluster.racks", "racks"),
        ("cluster.hosts_per_rack", "hosts per rack"),
        ("cluster.executors_per_host", "executors per host"),
        ("cluster.executor.cores", "cores per executor"),
        ("cluster.cpu.variation", "task time variation (CV)"),
        ("cluster.cpu.host_slowdown.variation", "host slowdown variation (CV)"),
        ("cluster.cpu.flops_per_core", "compute rate per core"),
        ("cluster.network.host_link", "host link bandwidth"),
        ("cluster.network.rack_uplink", "rack uplink bandwidth"),
        ("cluster.network.latency", "latency per link"),
        ("spark.locality.wait", "locality wait"),
        ("spark.task.maxFailures", "attempts per task"),
        ("faults.mtbf", "mean time between failures, per executor"),
        ("faults.at", "fault time"),
        ("faults.slowdown", "straggler slowdown"),
        ("faults.factor", "link rate factor"),
    ]

    /// An axis title longer than this loses its path (the table names it): a chart
    /// truncates what does not fit under the plot.
    static let maximumTitle = 60

    /// `meaning (path)`, the meaning alone when that would not fit, or the path alone when
    /// its meaning is not known.
    static func title(for path: String) -> String {
        guard let meaning = meaning(of: path) else { return path }
        let full = "\(meaning) (\(path))"
        return full.count <= maximumTitle ? full : meaning
    }

    private static func meaning(of path: String) -> String? {
        if path.hasPrefix("cluster.cpu.host_slowdown.hosts.") {
            return "slowdown of host \(path.dropFirst("cluster.cpu.host_slowdown.hosts.".count)) (x)"
        }
        var key = path
        let parts = path.split(separator: ".")
        if parts.first == "faults", parts.count == 3, Int(parts[1]) != nil { key = "faults." + parts[2] }
        return meanings.first(where: { $0.path == key })?.meaning
    }
}

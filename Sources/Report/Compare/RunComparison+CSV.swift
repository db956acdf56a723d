/// `sparksim compare --csv FILE`: every compared quantity of every item, one row each.
///
/// Why one row per item *and quantity* rather than one per item: each section has its own
/// quantities (a stage has attempts and a locality mix, an iteration a time breakdown),
/// so a row per item would need the union of every section's columns, mostly empty, and a
/// new quantity would shift them. Here the columns never change; a script picks what it
/// wants with `section` and `metric` (`awk -F, '$1=="job" && $6=="duration_ns"'`).
extension RunComparison {
    public static let csvColumns = [
        "section", "variant", "job", "stage", "iteration", "metric", "a", "b", "delta", "delta_percent", "presence",
    ]

    /// Sections in the table's order (variants, jobs, stages, iterations), rows within
    /// each in the table's order (largest |Δ| first; iteration summaries before single
    /// iterations), every row (no limit). `a`, `b` and `delta` are integers (ns for
    /// `_ns` metrics); `delta_percent` is Δ / A with two decimals, empty when A is 0 or
    /// either side is missing; a job's `outcome` row holds words and no delta.
    public var csv: String {
        var table = CSVTable(columns: Self.csvColumns)
        let summaries = iterations.filter { $0.iteration == nil }
        let items = ComparedItem.ordered(variants) + ComparedItem.ordered(jobs) + ComparedItem.ordered(stages)
            + summaries + ComparedItem.ordered(iterations.filter { $0.iteration != nil })
        for item in items {
            let key = [item.section.rawValue, item.variant, item.job ?? "", item.stage ?? "",
                       item.iteration.map(String.init) ?? item.summary ?? ""]
            for value in item.values {
                let percent = value.relative.map { String(NumberFormat.percent($0, decimals: 2).dropLast()) }
                table.append(key + [value.metric.rawValue, value.a.map(String.init) ?? "",
                                    value.b.map(String.init) ?? "", value.delta.map(String.init) ?? "",
                                    percent ?? "", item.presence.rawValue])
            }
            if item.outcomeA != nil || item.outcomeB != nil {
                table.append(key + ["outcome", item.outcomeA ?? "", item.outcomeB ?? "", "", "",
                                    item.presence.rawValue])
            }
        }
        return table.text
    }
}

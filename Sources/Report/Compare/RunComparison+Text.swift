/// `sparksim compare`'s standard output: who A and B are, then one aligned table per
/// section (variants, jobs, stages, iterations), largest change first, at most `limit`
/// rows each; durations in human units, deltas signed, counts as `a→b` when they moved.
extension RunComparison {
    /// The lines to print. `limit` caps the rows of each section (nil: every row); the
    /// iteration summary rows are always shown, the per-iteration rows count against it.
    public func lines(limit: Int?) -> [String] {
        var out = ["A = \(Self.describe(a))", "B = \(Self.describe(b))",
                   "Δ = B − A; Δ% = Δ / A; largest |Δ| first in each section"]
        if a.scenario != b.scenario {
            out.append("note: the folders hold different scenarios (\(a.scenario), \(b.scenario))")
        }
        if isUnchanged {
            out.append("no change: every compared quantity is equal in A and B "
                       + "(`sparksim diff` shows event-level differences)")
        }
        let plain = (variants + jobs + stages + iterations).allSatisfy { $0.variant.isEmpty }
        out += section("Variants", variants, limit: limit, table: variantTable(_:plain:), plain: plain)
        out += section("Jobs", jobs, limit: limit, table: jobTable(_:plain:), plain: plain)
        out += section("Stages", stages, limit: limit, table: stageTable(_:plain:), plain: plain)
        out += iterationLines(limit: limit, plain: plain)
        out += notes
        return out
    }

    /// One `note:` line per file found in one folder only, saying what it leaves uncompared.
    public var notes: [String] {
        oneSidedFiles.map { file in
            let consequence = switch file.file {
            case "tasks.csv": "task counts, task times and stage durations come from one side only"
            case "trace.csv": "job durations on the side without it run from first launch to last end"
            case "iterations.csv": "iterations are listed for one side only"
            case "iteration_costs.csv": "the time breakdown of iterations is not compared"
            default: "what it holds is compared for one side only"
            }
            return "note: \(file.file) only in \(file.presence == .onlyA ? "A" : "B"): \(consequence)"
        }
    }

    /// No file or item on one side only, and every quantity equal on both sides.
    public var isUnchanged: Bool {
        oneSidedFiles.isEmpty && (variants + jobs + stages + iterations).allSatisfy { item in
            item.presence == .both && item.outcomeA == item.outcomeB && item.values.allSatisfy { $0.a == $0.b }
        }
    }

    static func describe(_ side: Side) -> String {
        "\(side.label) (\(side.scenario)\(side.seed.map { ", seed \($0)" } ?? ""))"
    }

    /// A blank line, the section's count line, then its table of the first `limit` rows.
    func section(_ title: String, _ items: [ComparedItem], limit: Int?,
                 table: ([ComparedItem], Bool) -> AlignedColumns, plain: Bool) -> [String] {
        guard !items.isEmpty else { return [] }
        let ordered = ComparedItem.ordered(items)
        let shown = Array(ordered.prefix(limit ?? ordered.count))
        var out = ["", "\(title): \(Self.counts(items))\(Self.shownNote(shown.count, of: items.count))"]
        out += table(shown, plain).droppingEmptyColumns().lines()
        return out
    }

    static func counts(_ items: [ComparedItem]) -> String {
        let both = items.filter { $0.presence == .both }.count
        let onlyA = items.filter { $0.presence == .onlyA }.count
        let onlyB = items.filter { $0.presence == .onlyB }.count
        var parts = ["\(both) in both"]
        if onlyA > 0 { parts.append("\(onlyA) only in A") }
        if onlyB > 0 { parts.append("\(onlyB) only in B") }
        return parts.joined(separator: ", ")
    }

    static func shownNote(_ shown: Int, of total: Int) -> String {
        shown < total ? "; the \(shown) largest shown (--all for all \(total))" : ""
    }

    func variantTable(_ items: [ComparedItem], plain: Bool) -> AlignedColumns {
        var table = AlignedColumns(Self.keyColumns(plain: false, []) + Self.primaryColumns("makespan")
            + [("jobs succeeded", true), ("jobs failed", true), ("tasks launched", true), ("task failures", true)])
        for item in items {
            table.append(Self.keys(item, plain: false, []) + Self.primaryCells(item)
                + [.jobsSucceeded, .jobsFailed, .tasksLaunched, .taskFailures].map { Self.count(item.value($0)) })
        }
        return table
    }

    func jobTable(_ items: [ComparedItem], plain: Bool) -> AlignedColumns {
        var table = AlignedColumns(Self.keyColumns(plain: plain, ["job"]) + Self.primaryColumns("duration")
            + [("tasks", true), ("failed", true), ("Δ task time", true), ("outcome", false)])
        for item in items {
            table.append(Self.keys(item, plain: plain, [item.job ?? ""]) + Self.primaryCells(item)
                + [Self.count(item.value(.tasks)), Self.count(item.value(.failedTasks)),
                   Self.delta(item.value(.taskTime)), Self.outcome(item)])
        }
        return table
    }

    func stageTable(_ items: [ComparedItem], plain: Bool) -> AlignedColumns {
        var table = AlignedColumns(Self.keyColumns(plain: plain, ["job", "stage"]) + Self.primaryColumns("duration")
            + [("attempts", true), ("tasks", true), ("failed", true), ("killed", true), ("median task A", true),
               ("median task B", true), ("Δ task time", true), ("locality", false)])
        for item in items {
            let median = item.value(.medianTask)
            table.append(Self.keys(item, plain: plain, [item.job ?? "", item.stage ?? ""]) + Self.primaryCells(item)
                + [.attempts, .tasks, .failedTasks, .killedTasks].map { Self.count(item.value($0)) }
                + [Self.duration(median?.a), Self.duration(median?.b), Self.delta(item.value(.taskTime)),
                   Self.locality(item)])
        }
        return table
    }

    /// Per variant, the summary rows; then the per-iteration rows of every variant.
    func iterationLines(limit: Int?, plain: Bool) -> [String] {
        let perIteration = iterations.filter { $0.iteration != nil }
        let summaries = iterations.filter { $0.iteration == nil }
        var variantsInOrder: [String] = []
        for item in summaries where !variantsInOrder.contains(item.variant) { variantsInOrder.append(item.variant) }
        var out: [String] = []
        for variant in variantsInOrder {
            let rows = summaries.filter { $0.variant == variant }
            let count = rows.first { $0.summary == "total" }?.value(.iterations)
            let name = variant.isEmpty ? "Iterations" : "Iterations of \(variant)"
            out += ["", "\(name): \(Self.plainCount(count?.a)) in A, \(Self.plainCount(count?.b)) in B "
                    + "(steady: iteration 2 and later)"]
            var table = AlignedColumns([("", false)] + Self.primaryColumns("time") + Self.breakdownColumns)
            for item in rows {
                table.append([Self.summaryTitle(item)] + Self.primaryCells(item) + Self.breakdown(item))
            }
            out += table.droppingEmptyColumns().lines()
        }
        out += section("Per iteration", perIteration, limit: limit, table: { items, plain in
            var table = AlignedColumns(Self.keyColumns(plain: plain, ["iteration"]) + Self.primaryColumns("time")
                + Self.breakdownColumns)
            for item in items {
                table.append(Self.keys(item, plain: plain, [item.iteration.map(String.init) ?? ""])
                    + Self.primaryCells(item) + Self.breakdown(item))
            }
            return table
        }, plain: plain)
        return out
    }

    static let breakdownColumns: [(title: String, right: Bool)] = [
        ("Δ compute", true), ("Δ communication", true), ("Δ scheduling", true), ("Δ driver", true),
        ("Δ idle", true), ("Δ Python start-up", true), ("Δ exchange", true),
    ]

    static func breakdown(_ item: ComparedItem) -> [String] {
        [ComparedMetric.compute, .communication, .scheduling, .driver, .idle, .pythonStartup, .exchange]
            .map { delta(item.value($0)) }
    }

    static func summaryTitle(_ item: ComparedItem) -> String {
        let last = item.value(.iterations)
        switch item.summary {
        case "first": return "first (1)"
        case "median-steady": return "median steady"
        case "mean-steady": return "mean steady"
        case "last":
            guard let a = last?.a, let b = last?.b, a != b else { return "last (\(plainCount(last?.a ?? last?.b)))" }
            return "last (\(a) vs \(b))"
        default: return item.summary ?? ""
        }
    }

    // MARK: Cells

    /// The key columns: `variant` unless every item is of a plain run, then `names`.
    static func keyColumns(plain: Bool, _ names: [String]) -> [(title: String, right: Bool)] {
        (plain ? [] : ["variant"]).map { ($0, false) } + names.map { ($0, false) }
    }

    static func keys(_ item: ComparedItem, plain: Bool, _ cells: [String]) -> [String] {
        (plain ? [] : [item.variant.isEmpty ? "(none)" : item.variant]) + cells
    }

    static func primaryColumns(_ name: String) -> [(title: String, right: Bool)] {
        [("\(name) A", true), ("\(name) B", true), ("Δ", true), ("Δ%", true)]
    }

    /// A, B, Δ and Δ% of the primary quantity; a one-sided item says which side has it.
    static func primaryCells(_ item: ComparedItem) -> [String] {
        guard let value = item.values.first else { return ["", "", "", ""] }
        let show = value.metric.isDuration ? duration : { $0.map(String.init) ?? "-" }
        switch item.presence {
        case .onlyA: return [show(value.a), "-", "only in A", ""]
        case .onlyB: return ["-", show(value.b), "only in B", ""]
        case .both: return [show(value.a), show(value.b), delta(value), percent(value.relative)]
        }
    }

    static func duration(_ nanoseconds: Int64?) -> String {
        nanoseconds.map { HumanUnits.duration(nanoseconds: $0) } ?? "-"
    }

    /// `+1.2 s`, `-850 ms`, `0`; empty when either side lacks the value.
    static func delta(_ value: ComparedValue?) -> String {
        guard let value, let delta = value.delta else { return "" }
        guard delta != 0 else { return "0" }
        let text = value.metric.isDuration ? HumanUnits.duration(nanoseconds: delta) : String(delta)
        return delta > 0 ? "+" + text : text
    }

    static func percent(_ relative: Double?) -> String {
        guard let relative else { return "" }
        let text = NumberFormat.percent(relative, decimals: 1)
        return text.hasPrefix("-") || text == "0.0%" ? text : "+" + text
    }

    /// `12` when equal, `12→14` when it moved, one side alone when the other has none.
    static func count(_ value: ComparedValue?) -> String {
        guard let value else { return "" }
        switch (value.a, value.b) {
        case let (a?, b?): return a == b ? String(a) : "\(a)→\(b)"
        case let (a?, nil): return String(a)
        case let (nil, b?): return String(b)
        case (nil, nil): return ""
        }
    }

    static func plainCount(_ value: Int64?) -> String { value.map(String.init) ?? "none" }

    static func outcome(_ item: ComparedItem) -> String {
        switch (item.outcomeA, item.outcomeB) {
        case let (a?, b?): return a == b ? a : "\(a)→\(b)"
        case let (a, b): return a ?? b ?? ""
        }
    }

    /// The locality levels whose launch counts moved (`NODE_LOCAL 0→4, ANY 4→0`).
    static func locality(_ item: ComparedItem) -> String {
        [ComparedMetric.processLocal, .nodeLocal, .rackLocal, .anyLocality].compactMap { metric in
            guard let value = item.value(metric), item.presence == .both, value.a != value.b else { return nil }
            return "\(metric.title) \(value.a ?? 0)→\(value.b ?? 0)"
        }.joined(separator: ", ")
    }
}

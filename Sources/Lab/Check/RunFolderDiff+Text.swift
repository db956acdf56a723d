import Foundation

/// The human-readable form of a `RunFolderDiff`: the first diverging event of each trace as
/// an aligned table (time, event, job, stage.attempt, partition.attempt, executor, detail),
/// then the other files that differ.
extension RunFolderDiff {
    /// The longest detail shown; longer ones end in `...`. Line breaks show as ` | `.
    static let detailWidth = 60

    /// Lines to print; empty when the folders are identical. `labels` name the two sides
    /// (padded to one width so that the rows stay aligned).
    public func lines(labels: (String, String) = ("A", "B")) -> [String] {
        let width = max(labels.0.count, labels.1.count)
        let (la, lb) = (Self.pad(labels.0, width), Self.pad(labels.1, width))
        var out: [String] = []
        for trace in traces { out += Self.lines(trace, la, lb) }
        for file in files {
            guard let line = file.line else {
                out.append("\(file.file): only in \(file.a == nil ? labels.1 : labels.0)")
                continue
            }
            out.append("\(file.file): differs from line \(line)")
            if file.file.hasSuffix(".csv") || file.file.hasSuffix(".md") {
                out.append("  \(la)  \(Self.truncate(file.a ?? "", 160))")
                out.append("  \(lb)  \(Self.truncate(file.b ?? "", 160))")
            }
        }
        return out
    }

    static func lines(_ trace: TraceDivergence, _ la: String, _ lb: String) -> [String] {
        let when = trace.timeNanoseconds.map { ", t = \($0) ns = \(Self.seconds($0)) s" } ?? ""
        let what = trace.differingColumns.isEmpty ? "" : "; differs in \(trace.differingColumns.joined(separator: ", "))"
        var out = ["\(trace.file): first diverging event at row \(trace.row) (line \(trace.line))\(when)\(what)"]
        let blank = String(repeating: " ", count: la.count)
        var rows: [(String, [String])] = [(blank + "  ", ["time_ns", "event", "job", "stage.attempt",
                                                          "partition.attempt", "executor", "detail"])]
        rows += trace.before.map { (blank + "  ", Self.columns($0, header: trace.header)) }
        for (label, events) in [(la, trace.a), (lb, trace.b)] {
            if events.isEmpty { rows.append((label + " >", ["(no more events)"])) }
            for (i, event) in events.enumerated() {
                rows.append((i == 0 ? label + " >" : blank + "  ", Self.columns(event, header: trace.header)))
            }
        }
        let widths = (0..<7).map { column in
            rows.map { column < $0.1.count - 1 ? $0.1[column].count : 0 }.max() ?? 0
        }
        for (prefix, fields) in rows {
            let padded = fields.enumerated().map { $0.offset < fields.count - 1 ? Self.pad($0.element, widths[$0.offset]) : $0.element }
            var line = "  " + prefix + " " + padded.joined(separator: "  ")
            while line.last == " " { line.removeLast() }
            out.append(line)
        }
        return out
    }

    /// time_ns, event, job, stage.attempt, partition.attempt, executor, detail of one row,
    /// found by the trace's own header (docs/trace.md); a row of another shape is shown whole.
    static func columns(_ row: [String], header: [String]) -> [String] {
        func field(_ name: String) -> String? {
            header.firstIndex(of: name).flatMap { $0 < row.count ? row[$0] : nil }
        }
        guard let time = field("time_ns"), let event = field("event") else {
            return [truncate(row.joined(separator: ","), 160)]
        }
        let joined = { (a: String?, b: String?) -> String in
            guard let a, !a.isEmpty else { return "" }
            return b.map { $0.isEmpty ? a : "\(a).\($0)" } ?? a
        }
        return [time, event, field("job") ?? "", joined(field("stage"), field("stage_attempt")),
                joined(field("partition"), field("task_attempt")), field("executor") ?? "",
                truncate(field("detail") ?? "", detailWidth)]
    }

    /// Exact decimal seconds of a nanosecond count: 2200000000 -> "2.2", 5 -> "0.000000005".
    static func seconds(_ ns: Int64) -> String {
        let sign = ns < 0 ? "-" : ""
        let magnitude = ns.magnitude
        let whole = magnitude / 1_000_000_000, fraction = magnitude % 1_000_000_000
        guard fraction > 0 else { return "\(sign)\(whole)" }
        var digits = String(fraction)
        digits = String(repeating: "0", count: 9 - digits.count) + digits
        while digits.hasSuffix("0") { digits.removeLast() }
        return "\(sign)\(whole).\(digits)"
    }

    static func truncate(_ text: String, _ width: Int) -> String {
        let flat = text.replacingOccurrences(of: "\r\n", with: " | ").replacingOccurrences(of: "\n", with: " | ")
        return flat.count <= width ? flat : String(flat.prefix(width - 3)) + "..."
    }

    static func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}

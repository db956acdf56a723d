import Foundation
import Report

/// Where two run folders first differ: for each trace file the first diverging event,
/// with the common events before it and each side's events from it on; for the other
/// files, which differ and at which line. What a scheduler developer reads before merging.
public struct RunFolderDiff {
    /// Rows of common context shown before, and rows of each side shown from, the divergence.
    static let context = 3

    /// Human-readable lines; empty when the folders are identical.
    public private(set) var lines: [String] = []
    public var differs: Bool { !lines.isEmpty }

    /// `a` and `b` map file names to contents.
    public init(a: [String: String], b: [String: String], labels: (String, String) = ("A", "B")) {
        let names = Set(a.keys).union(b.keys).sorted { Self.order($0) < Self.order($1) }
        for name in names {
            switch (a[name], b[name]) {
            case (nil, _): lines.append("\(name): only in \(labels.1)")
            case (_, nil): lines.append("\(name): only in \(labels.0)")
            case let (x?, y?) where x != y:
                if name.hasPrefix("trace") && name.hasSuffix(".csv") {
                    lines += Self.traceDivergence(name, x, y, labels: labels)
                } else {
                    lines += Self.lineDivergence(name, x, y, labels: labels)
                }
            default: continue
            }
        }
    }

    /// Traces first (trace.csv, then per variant), then everything else by name.
    static func order(_ name: String) -> (Int, String) {
        (name == "trace.csv" ? 0 : name.hasPrefix("trace-") && name.hasSuffix(".csv") ? 1 : 2, name)
    }

    static func traceDivergence(_ name: String, _ a: String, _ b: String, labels: (String, String)) -> [String] {
        let x = CSVRecords.parse(a), y = CSVRecords.parse(b)
        let index = (0..<min(x.count, y.count)).first { x[$0] != y[$0] } ?? min(x.count, y.count)
        var out = ["\(name): first diverging event at row \(index) of \(max(x.count, y.count) - 1)"
            + (index < x.count ? " (\(describeTime(x[index])))" : "")]
        for row in x[max(1, index - context)..<index] { out.append("    " + format(row)) }
        for (label, rows) in [(labels.0, x), (labels.1, y)] {
            out.append("  \(label):")
            if index >= rows.count { out.append("    (no more events)") }
            for row in rows[min(index, rows.count)..<min(index + context, rows.count)] {
                out.append("  > " + format(row))
            }
        }
        return out
    }

    static func lineDivergence(_ name: String, _ a: String, _ b: String, labels: (String, String)) -> [String] {
        let x = a.split(separator: "\n", omittingEmptySubsequences: false)
        let y = b.split(separator: "\n", omittingEmptySubsequences: false)
        let index = (0..<min(x.count, y.count)).first { x[$0] != y[$0] } ?? min(x.count, y.count)
        let show = { (lines: [Substring]) in index < lines.count ? String(lines[index].prefix(160)) : "(end of file)" }
        return ["\(name): differs from line \(index + 1)", "  \(labels.0): \(show(x))", "  \(labels.1): \(show(y))"]
    }

    static func describeTime(_ row: [String]) -> String {
        guard let ns = row.first.flatMap({ Int64($0) }) else { return "" }
        return "t = \(ns) ns = \(HumanUnits.duration(nanoseconds: ns))"
    }

    /// `time event job stage.attempt p<partition>.<attempt> executor detail`, one line.
    static func format(_ row: [String]) -> String {
        guard row.count >= 11 else { return row.joined(separator: ",") }
        let stage = row[3].isEmpty ? "" : "\(row[3]).\(row[4])"
        let task = row[5].isEmpty ? "" : "p\(row[5]).\(row[6])"
        let detail = row[10].replacingOccurrences(of: "\n", with: " | ").prefix(100)
        return [row[0].padding(toLength: 14, withPad: " ", startingAt: 0),
                row[1].padding(toLength: 18, withPad: " ", startingAt: 0),
                row[2].padding(toLength: 10, withPad: " ", startingAt: 0),
                stage.padding(toLength: 14, withPad: " ", startingAt: 0),
                task.padding(toLength: 8, withPad: " ", startingAt: 0),
                row[7].padding(toLength: 10, withPad: " ", startingAt: 0), String(detail)].joined(separator: " ")
    }
}

import Foundation
import Report

/// Where two run folders first differ: for each trace file the first diverging event, with
/// the common events before it and each side's events from it on; for every other file,
/// whether its bytes differ and from which line. What a scheduler developer reads before
/// merging a change that moved a golden trace.
public struct RunFolderDiff: Sendable {
    /// Events of common context shown before, and of each side shown from, the divergence.
    public static let context = 3

    /// The first event at which two versions of one trace file part ways.
    public struct TraceDivergence: Sendable, Equatable {
        public var file: String
        /// 1-based event number (the header is not counted; row 1 is the first event).
        public var row: Int
        /// The line of the file on which that event starts, in A (or B when A has ended).
        public var line: Int
        /// The diverging event's `time_ns`, from A (or B when A has ended).
        public var timeNanoseconds: Int64?
        public var header: [String]
        /// Up to `context` common events just before `row`.
        public var before: [[String]]
        /// From `row` on, up to `context + 1` events of each side; empty when that side ended.
        public var a: [[String]]
        public var b: [[String]]
        /// Header names of the fields in which the two diverging events differ.
        public var differingColumns: [String]
    }

    /// A non-trace file that differs (or exists on one side only).
    public struct FileDifference: Sendable, Equatable {
        public var file: String
        /// 1-based first differing line; nil when the file exists on one side only.
        public var line: Int?
        public var a: String?
        public var b: String?
    }

    public private(set) var traces: [TraceDivergence] = []
    public private(set) var files: [FileDifference] = []
    public var differs: Bool { !traces.isEmpty || !files.isEmpty }

    /// `a` and `b` map file names to their bytes.
    public init(a: [String: Data], b: [String: Data]) {
        let names = Set(a.keys).union(b.keys).sorted { Self.order($0) < Self.order($1) }
        for name in names where a[name] != b[name] {
            let x = a[name].map { String(decoding: $0, as: UTF8.self) }
            let y = b[name].map { String(decoding: $0, as: UTF8.self) }
            if Self.isTrace(name), let x, let y {
                traces.append(Self.traceDivergence(name, x, y))
            } else {
                files.append(Self.lineDivergence(name, x, y))
            }
        }
    }

    /// `trace.csv` and `trace-<variant>.csv`.
    public static func isTrace(_ name: String) -> Bool {
        name == "trace.csv" || (name.hasPrefix("trace-") && name.hasSuffix(".csv"))
    }

    /// Traces first (trace.csv, then per variant), then everything else by name.
    static func order(_ name: String) -> (Int, String) {
        (name == "trace.csv" ? 0 : isTrace(name) ? 1 : 2, name)
    }

    static func traceDivergence(_ name: String, _ a: String, _ b: String) -> TraceDivergence {
        let x = CSVRecords.records(a), y = CSVRecords.records(b)
        // Index 0 is the header: a changed header is reported as "row 0".
        let shared = min(x.count, y.count)
        let index = (0..<shared).first { x[$0].fields != y[$0].fields } ?? shared
        let header = x.first?.fields ?? y.first?.fields ?? []
        let at = index < x.count ? x[index] : index < y.count ? y[index] : nil
        let timeColumn = header.firstIndex(of: "time_ns") ?? 0
        let events = { (records: [CSVRecords.Record]) in
            Array(records[min(index, records.count)..<min(index + context + 1, records.count)].map(\.fields))
        }
        var differing: [String] = []
        if index < shared {
            let (f, g) = (x[index].fields, y[index].fields)
            for column in 0..<max(f.count, g.count)
            where (column < f.count ? f[column] : nil) != (column < g.count ? g[column] : nil) {
                differing.append(column < header.count ? header[column] : "column \(column + 1)")
            }
        }
        return TraceDivergence(
            file: name, row: index, line: at?.line ?? (x.last.map { $0.line + 1 } ?? 1),
            timeNanoseconds: at?.cell(timeColumn).flatMap { Int64($0) },
            header: header,
            before: x[min(max(1, index - context), x.count)..<min(max(1, index), x.count)].map(\.fields),
            a: events(x), b: events(y), differingColumns: differing)
    }

    static func lineDivergence(_ name: String, _ a: String?, _ b: String?) -> FileDifference {
        guard let a, let b else { return FileDifference(file: name, line: nil, a: a.map { _ in "" }, b: b.map { _ in "" }) }
        let x = a.split(separator: "\n", omittingEmptySubsequences: false)
        let y = b.split(separator: "\n", omittingEmptySubsequences: false)
        let shared = min(x.count, y.count)
        let index = (0..<shared).first { !x[$0].utf8.elementsEqual(y[$0].utf8) } ?? shared
        let show = { (lines: [Substring]) in index < lines.count ? String(lines[index]) : "(end of file)" }
        return FileDifference(file: name, line: index + 1, a: show(x), b: show(y))
    }
}

import Foundation

/// The Trace Event Format's rules, checked on a parsed file, as Perfetto applies them
/// when it imports JSON: the test-side half of ``ChromeTrace``'s contract.
enum ChromeTraceValidator {
    /// Every rule broken by `json`, as sentences; empty when the file is valid.
    static func problems(_ json: String) -> [String] {
        guard let root = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] else {
            return ["not a JSON object"]
        }
        guard let events = root["traceEvents"] as? [[String: Any]] else { return ["no traceEvents array of objects"] }
        var problems: [String] = []
        if root["displayTimeUnit"] as? String != "ms" { problems.append("displayTimeUnit is not \"ms\"") }
        var slices: [String: [(start: Int64, end: Int64, name: String)]] = [:]
        var namedThreads: Set<String> = []
        var usedThreads: Set<String> = []
        for (index, event) in events.enumerated() {
            let where_ = "event \(index) (\(event["name"] ?? "?"))"
            for key in ["name", "ph", "ts", "pid", "tid"] where event[key] == nil {
                problems.append("\(where_) has no \(key)")
            }
            guard let phase = event["ph"] as? String, let ts = number(event["ts"]),
                  let pid = number(event["pid"]), let tid = number(event["tid"]) else { continue }
            let track = "\(Int64(pid))/\(Int64(tid))"
            switch phase {
            case "X":
                guard let dur = number(event["dur"]), dur >= 0 else {
                    problems.append("\(where_): X event without a dur >= 0")
                    continue
                }
                // Perfetto imports JSON times as integer nanoseconds, so slices that touch
                // in the file (ts + dur of one = ts of the next, in decimal) touch there too,
                // whatever the sum of the two doubles rounds to.
                let start = Self.nanoseconds(ts)
                slices[track, default: []].append((start, start + Self.nanoseconds(dur), event["name"] as? String ?? ""))
                usedThreads.insert(track)
            case "i", "I":
                if !["g", "p", "t"].contains(event["s"] as? String ?? "") {
                    problems.append("\(where_): instant event without scope s in g, p, t")
                }
                if event["s"] as? String == "t" { usedThreads.insert(track) }
            case "M":
                let name = event["name"] as? String ?? ""
                let args = event["args"] as? [String: Any]
                switch name {
                case "process_name", "thread_name":
                    if args?["name"] as? String == nil { problems.append("\(where_): \(name) without args.name") }
                    if name == "thread_name" { namedThreads.insert(track) }
                case "process_sort_index", "thread_sort_index":
                    if number(args?["sort_index"]) == nil { problems.append("\(where_): \(name) without sort_index") }
                default: problems.append("\(where_): unknown metadata \(name)")
                }
            default: problems.append("\(where_): unexpected phase \(phase)")
            }
        }
        for track in usedThreads.sorted() where !namedThreads.contains(track) {
            problems.append("track \(track) has events but no thread_name")
        }
        for (track, spans) in slices.sorted(by: { $0.key < $1.key }) {
            problems += overlapProblems(track: track, spans: spans)
        }
        return problems
    }

    /// Slices on one track must nest or be disjoint: a stack walk in start order (ties:
    /// longer first, as Perfetto sorts them) finds any slice that ends after its parent.
    static func overlapProblems(track: String, spans: [(start: Int64, end: Int64, name: String)]) -> [String] {
        let ordered = spans.sorted { ($0.start, -$0.end) < ($1.start, -$1.end) }
        var stack: [(start: Int64, end: Int64, name: String)] = []
        var problems: [String] = []
        for span in ordered {
            while let top = stack.last, top.end <= span.start { stack.removeLast() }
            if let top = stack.last, span.end > top.end {
                problems.append("track \(track): \(span.name) overlaps \(top.name) partially")
            }
            stack.append(span)
        }
        return problems
    }

    private static func number(_ value: Any?) -> Double? { (value as? NSNumber)?.doubleValue }

    /// Microseconds (as written) to whole nanoseconds.
    static func nanoseconds(_ microseconds: Double) -> Int64 { Int64((microseconds * 1000).rounded()) }
}

import Foundation

/// A large event log made from a small one, for timing `replay` at any size: the log's
/// lines before its first job, then that first job `copies` times (jobs 0, 1, ...), each
/// copy with its own job and stage id, RDD ids, task ids and times moved after the copy
/// before it, then the application's end. What `scripts/make-big-eventlog.py` does, in
/// the log's own compact JSON (the script re-spaces every line, so its files are larger).
///
/// Why edits on the line's bytes and not a JSON round trip: the copies must keep every
/// other field exactly as Spark wrote it, and only integer values of known keys change.
/// Deterministic: the same log and count give the same bytes.
///
/// - Complexity: O(log bytes + copies × first job's bytes) time; memory holds the first
///   job's lines once (about 7 MB for the public tiny_tasks log).
enum ReplayBenchmarkLog {
    /// The first job of the log at `path`, its surroundings, and what a copy moves.
    struct Source {
        var head: [String] = []
        var job: [String] = []
        var end: [String] = []
        /// The first job's submission, and the time from it to one copy's successor.
        var submission: Int64 = 0
        var span: Int64 = 0
        var taskEnds: Int { job.filter { Self.kind($0) == "SparkListenerTaskEnd" }.count }

        static func kind(_ line: String) -> Substring? {
            guard let start = line.range(of: "\"Event\":\"") else { return nil }
            let rest = line[start.upperBound...]
            return rest.firstIndex(of: "\"").map { rest[..<$0] }
        }
    }

    /// Reads the log (any form `EventLogReader` reads); throws when it has no complete job 0.
    static func source(_ path: String) throws -> Source {
        var reader = try EventLogReader(path: path)
        var source = Source()
        var state = 0
        while let line = try reader.next() {
            let kind = Source.kind(line.text)
            if state == 0, kind == "SparkListenerJobStart", integer(line.text, key: "Job ID") == 0 { state = 1 }
            switch state {
            case 0: source.head.append(line.text)
            case 1:
                source.job.append(line.text)
                if kind == "SparkListenerJobEnd" { state = 2 }
            default:
                if kind == "SparkListenerApplicationEnd" { source.end.append(line.text) }
            }
        }
        guard state == 2, let first = source.job.first, let submitted = integer(first, key: "Submission Time"),
              let completed = integer(source.job[source.job.count - 1], key: "Completion Time")
        else {
            throw EventLogError(file: path, "no complete job 0 to copy (a job start with Job ID 0, then its job end)")
        }
        source.submission = submitted
        source.span = completed - submitted + 100
        return source
    }

    /// Writes `copies` copies of the first job of `source` to `path`; returns the task ends written.
    static func write(_ source: Source, copies: Int, to path: String) throws -> Int {
        precondition(copies >= 1, "ReplayBenchmarkLog: \(copies) copies")
        guard FileManager.default.createFile(atPath: path, contents: nil),
              let handle = FileHandle(forWritingAtPath: path)
        else { throw EventLogError(file: path, "cannot write the benchmark's log") }
        defer { try? handle.close() }
        var buffer: [UInt8] = []
        func emit(_ bytes: [UInt8]) throws {
            buffer += bytes
            buffer.append(0x0A)
            if buffer.count >= 1 << 22 {
                try handle.write(contentsOf: buffer)
                buffer.removeAll(keepingCapacity: true)
            }
        }
        for line in source.head { try emit(Array(line.utf8)) }
        for copy in 0..<copies {
            let edits = edits(copy: copy, shift: Int64(copy) * source.span)
            for line in source.job { try emit(rewrite(Array(line.utf8), edits)) }
        }
        let endTime = source.submission + Int64(copies) * source.span + 100
        for line in source.end {
            try emit(rewrite(Array(line.utf8), [Edit("\"Timestamp\":", { _ in endTime })]))
        }
        try handle.write(contentsOf: buffer)
        return source.taskEnds * copies
    }

    /// A key as it appears in the line (`"Job ID":`), and the new value of its integer.
    struct Edit {
        let key: [UInt8]
        let value: (Int64) -> Int64

        init(_ key: String, _ value: @escaping (Int64) -> Int64) {
            self.key = Array(key.utf8)
            self.value = value
        }
    }

    /// What copy `k` changes (the Python script's `move` and renumbering): job and stage
    /// ids become k, RDD ids move by 10k, task ids by 100,000k, times by `shift` ms.
    static func edits(copy k: Int, shift: Int64) -> [Edit] {
        let copy = Int64(k)
        let moved: (Int64) -> Int64 = { $0 + shift }
        return [
            Edit("\"Job ID\":", { _ in copy }), Edit("\"Stage ID\":", { _ in copy }),
            Edit("\"Stage IDs\":[", { _ in copy }), Edit("\"RDD ID\":", { $0 + 10 * copy }),
            Edit("\"Task ID\":", { $0 + 100_000 * copy }), Edit("\"Submission Time\":", moved),
            Edit("\"Completion Time\":", moved), Edit("\"Launch Time\":", moved), Edit("\"Finish Time\":", moved),
        ]
    }

    /// `line` with the integer after each edit's key replaced by the edit's value of it
    /// (every occurrence); `"Stage IDs":[...]` becomes a list of the one value. A key
    /// inside a JSON string is escaped (`\"Job ID\"`) and so never matches.
    static func rewrite(_ line: [UInt8], _ edits: [Edit]) -> [UInt8] {
        let quote = UInt8(ascii: "\""), zero = UInt8(ascii: "0"), nine = UInt8(ascii: "9")
        var output: [UInt8] = []
        output.reserveCapacity(line.count + 64)
        line.withUnsafeBufferPointer { bytes in
            let count = bytes.count
            var index = 0
            var copied = 0
            while index < count {
                guard bytes[index] == quote, index + 1 < count,
                      let edit = edits.first(where: { matches(bytes, at: index, $0.key) })
                else {
                    index += 1
                    continue
                }
                index += edit.key.count
                output.append(contentsOf: bytes[copied..<index])
                var end = index
                if end < count, bytes[end] == UInt8(ascii: "-") { end += 1 }
                while end < count, bytes[end] >= zero, bytes[end] <= nine { end += 1 }
                let old = Int64(String(decoding: bytes[index..<end], as: UTF8.self)) ?? 0
                output.append(contentsOf: String(edit.value(old)).utf8)
                if edit.key.last == UInt8(ascii: "[") {
                    while end < count, bytes[end] != UInt8(ascii: "]") { end += 1 }
                }
                index = end
                copied = end
            }
            output.append(contentsOf: bytes[copied..<count])
        }
        return output
    }

    /// Whether `key` starts at `index` (its second byte is tested first: most quotes open
    /// other keys).
    static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, _ key: [UInt8]) -> Bool {
        guard index + key.count <= bytes.count, bytes[index + 1] == key[1] else { return false }
        for offset in 2..<key.count where bytes[index + offset] != key[offset] { return false }
        return true
    }

    /// The integer value of the first `"key":` in `line`.
    static func integer(_ line: String, key: String) -> Int64? {
        guard let start = line.range(of: "\"\(key)\":") else { return nil }
        let digits = line[start.upperBound...].prefix { $0 == "-" || $0.isASCII && $0.isNumber }
        return Int64(digits)
    }
}

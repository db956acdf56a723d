/// Reads the lines of a Spark event log from disk: a single file or a Spark 3/4 rolling
/// event log directory, plain or compressed with any codec Spark writes (zstd, lz4, snappy,
/// lzf) or with gzip, in bounded memory whatever its size (REPLAY.md, "which event-log
/// forms must be read"; issue 14, part 1).
///
/// Why a line source and not a parser: the decoder of events (`EventLogLineSource`'s other
/// side) wants lines with their `file:line` for its errors; what files, which codec and where
/// a chunk ends are this side's business. Line numbers restart at 1 in each part of a
/// rolling log, and `EventLogLine.file` names the part. A last line without a newline (a log
/// cut off while Spark was writing) is returned as it is, with `lastLineUnterminated` true.
///
/// Copies of a reader share its open file: read through one of them.
///
/// - Complexity: O(bytes) time; memory O(longest line + chunk + largest compressed block).
///   Mirrors Spark's `EventLogFileReader.openEventLog` and `RollingEventLogFilesFileReader`.
struct EventLogReader: EventLogLineSource {
    let files: EventLogFiles
    private let limits: EventLogReadLimits
    private var nextPart = 0
    private var current: EventLogFileLines?
    private(set) var lastLineUnterminated = false

    /// Finds the files of the log at `path` and their codecs; no line is read yet.
    init(path: String) throws(EventLogError) {
        try self.init(path: path, limits: .standard)
    }

    init(path: String, limits: EventLogReadLimits) throws(EventLogError) {
        files = try EventLogFiles.resolve(path)
        self.limits = limits
    }

    /// Whether Spark was still writing the log (see `EventLogFiles.inProgress`).
    var inProgress: Bool { files.inProgress }

    mutating func next() throws(EventLogError) -> EventLogLine? {
        while true {
            if current == nil {
                guard nextPart < files.parts.count else { return nil }
                let part = files.parts[nextPart]
                nextPart += 1
                current = try EventLogFileLines(path: part.path, codec: part.codec, limits: limits)
            }
            guard let lines = current else { continue }
            if let (text, terminated) = try lines.next() {
                lastLineUnterminated = !terminated
                return EventLogLine(file: lines.file, number: lines.lineNumber, text: text)
            }
            current = nil
        }
    }
}

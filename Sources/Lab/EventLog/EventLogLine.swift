/// One line of a Spark event log (one JSON object): its text without the newline, and
/// where it came from, for error messages (`file:line`).
struct EventLogLine: Equatable {
    /// The file the line is in (a rolling log's part file, not its directory).
    let file: String
    /// 1-based line number within `file`.
    let number: Int
    let text: String
}

/// Why an event log cannot be read: the file (and line, where one applies) and what is
/// wrong, for the `file:line: message` of REPLAY.md's bad-input rule (exit status 2).
struct EventLogError: Error, Equatable, CustomStringConvertible {
    let file: String
    let line: Int?
    let message: String

    init(file: String, line: Int? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.message = message
    }

    var description: String { line.map { "\(file):\($0): \(message)" } ?? "\(file): \(message)" }
}

/// Where event log lines come from: a reader of files (plain, compressed, rolling) or, in
/// tests, text in memory.
protocol EventLogLineSource {
    /// The next line, nil at the end.
    mutating func next() throws(EventLogError) -> EventLogLine?
    /// Whether the last line returned had no newline after it (an in-progress log cut off
    /// while Spark was writing): the decoder warns and drops it when it is not whole JSON.
    var lastLineUnterminated: Bool { get }
}

/// Lines held in memory (tests, and logs already read).
struct InMemoryEventLog: EventLogLineSource {
    let file: String
    private var lines: [Substring]
    private var index = 0
    private let textUnterminated: Bool

    init(file: String, text: String) {
        self.file = file
        textUnterminated = !text.isEmpty && !text.hasSuffix("\n")
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        if lines.last == "" { lines.removeLast() }
        self.lines = lines
    }

    var lastLineUnterminated: Bool { textUnterminated && index == lines.count }

    mutating func next() throws(EventLogError) -> EventLogLine? {
        guard index < lines.count else { return nil }
        index += 1
        return EventLogLine(file: file, number: index, text: String(lines[index - 1]))
    }
}

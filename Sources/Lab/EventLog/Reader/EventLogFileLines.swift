import Glibc

/// The lines of one event log file: its decoder's text cut at each newline.
///
/// The decoded text sits in a `ByteWindow`; a line is cut from its head as soon as its
/// newline is there, and the bytes already searched are remembered, so a line spread over
/// many chunks is searched once (`memchr`). A class because it owns the open file.
final class EventLogFileLines {
    let file: String
    private let decoder: any EventLogDecoder
    private let text: ByteWindow
    private let limits: EventLogReadLimits
    /// Bytes at the head of `text` known to hold no newline.
    private var searched = 0
    private var decoderEnded = false
    /// Lines returned so far.
    private(set) var lineNumber = 0

    init(path: String, codec: EventLogCodec, limits: EventLogReadLimits) throws(EventLogError) {
        file = path
        self.limits = limits
        text = ByteWindow(capacity: 4 * limits.chunkBytes)
        let opened = try EventLogFile(path: path)
        do {
            decoder = try EventLogDecoders.make(codec, file: opened, limits: limits)
        } catch {
            throw EventLogError(file: path, line: 1, Self.describe(error, line: 1))
        }
    }

    /// The next line and whether a newline ended it; nil after the last line.
    func next() throws(EventLogError) -> (text: String, terminated: Bool)? {
        while true {
            let pending = text.unconsumed
            if let newline = Self.findNewline(in: pending, from: searched) {
                return try cut(newline, terminated: true)
            }
            searched = pending.count
            guard searched <= limits.maxLineBytes else { throw tooLong() }
            if decoderEnded {
                return pending.isEmpty ? nil : try cut(pending.count, terminated: false)
            }
            do {
                decoderEnded = try !decoder.decode(into: text)
            } catch {
                throw EventLogError(file: file, line: lineNumber + 1, Self.describe(error, line: lineNumber + 1))
            }
        }
    }

    /// Takes the first `length` bytes as the next line, and the newline after them if any.
    private func cut(_ length: Int, terminated: Bool) throws(EventLogError) -> (text: String, terminated: Bool) {
        guard length <= limits.maxLineBytes else { throw tooLong() }
        lineNumber += 1
        let bytes = UnsafeRawBufferPointer(rebasing: text.unconsumed.prefix(length))
        let line: String
        if terminated {
            guard let valid = String(validating: bytes, as: UTF8.self) else {
                throw EventLogError(
                    file: file, line: lineNumber,
                    "not UTF-8 text: is the file compressed with a codec its name does not say?")
            }
            line = valid
        } else {
            // A log cut off while Spark was writing may stop inside a character.
            line = String(decoding: bytes, as: UTF8.self)
        }
        text.consume(terminated ? length + 1 : length)
        searched = 0
        return (line, terminated)
    }

    private func tooLong() -> EventLogError {
        EventLogError(
            file: file, line: lineNumber + 1,
            "a line longer than \(limits.maxLineBytes) bytes: not a Spark event log, which has one JSON event a line")
    }

    private static func findNewline(in bytes: UnsafeRawBufferPointer, from offset: Int) -> Int? {
        guard offset < bytes.count, let base = bytes.baseAddress else { return nil }
        guard let found = memchr(base + offset, 0x0A, bytes.count - offset) else { return nil }
        return base.distance(to: UnsafeRawPointer(found))
    }

    private static func describe(_ failure: CodecFailure, line: Int) -> String {
        switch failure.kind {
        case .unreadable: failure.message
        case .truncated, .corrupt: "\(failure.message), while reading line \(line) (\(line - 1) whole lines before it)"
        }
    }
}

import Foundation
import Report

/// Decodes an event log's lines on two threads, in batches, in order.
///
/// Parsing the JSON is most of an import (a 100,000-task log is 350 MB of it), and every
/// line decodes on its own; applying the events to the record must stay in log order. So
/// lines are read in batches of `batchSize`, each half of a batch is decoded by its own
/// `SparkEventDecoder` (each with its own string cache, used by one thread at a time), and
/// the results come back in line order: the same events, and the same first error, as a
/// decoding one line at a time. Memory holds one batch of lines and events.
struct ParallelEventDecoder {
    static let batchSize = 8_192

    private let decoders = [SparkEventDecoder(), SparkEventDecoder()]

    /// One line's outcome: an event, a blank line, or the error decoding it gave.
    enum Outcome: Sendable {
        case event(SparkListenerEvent)
        case blank
        case failed(EventLogError)
    }

    /// The outcomes of `lines`, in their order.
    func decode(_ lines: [EventLogLine]) -> [Outcome] {
        let pair = decoders
        guard lines.count > 64 else { return lines.map { Self.decode($0, with: pair[0]) } }
        let half = (lines.count + 1) / 2
        let parts = ParallelParts.compute([
            { @Sendable in lines[..<half].map { Self.decode($0, with: pair[0]) } },
            { @Sendable in lines[half...].map { Self.decode($0, with: pair[1]) } },
        ])
        return parts[0] + parts[1]
    }

    private static func decode(_ line: EventLogLine, with decoder: SparkEventDecoder) -> Outcome {
        if line.text.utf8.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) { return .blank }
        do {
            return .event(try decoder.decode(line))
        } catch {
            return .failed(error)
        }
    }
}

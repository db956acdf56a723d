import Foundation

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
        let outcomes = OutcomeSlots(count: lines.count)
        DispatchQueue.concurrentPerform(iterations: 2) { part in
            let range = part == 0 ? 0..<half : half..<lines.count
            outcomes.set(range, range.map { Self.decode(lines[$0], with: pair[part]) })
        }
        return outcomes.values
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

/// The outcomes of one batch, each range written once by the thread that decoded it, read
/// after `concurrentPerform` returns.
private final class OutcomeSlots: @unchecked Sendable {
    private var storage: [ParallelEventDecoder.Outcome?]
    private let lock = NSLock()

    init(count: Int) { storage = Array(repeating: nil, count: count) }

    func set(_ range: Range<Int>, _ outcomes: [ParallelEventDecoder.Outcome]) {
        lock.lock()
        defer { lock.unlock() }
        storage.replaceSubrange(range, with: outcomes.map(Optional.some))
    }

    var values: [ParallelEventDecoder.Outcome] {
        lock.lock()
        defer { lock.unlock() }
        return storage.map { $0! }
    }
}

import Foundation
import Testing
@testable import Lab

/// A real Spark 4.3 event log, as Spark wrote it (then gzipped), reads whole: every line
/// one JSON event.
@Suite struct EventLogPublicLogTests {
    /// `zcat etl_sleep__local-cluster-2-2-1024__rep1.jsonl.gz | wc -l` prints 111.
    static let lineCount = 111

    @Test func everyLineOfTheRealLogIsOneJSONEvent() throws {
        let (lines, cutOff) = try readAll(EventLogFixtures.path(EventLogFixtures.publicLog))
        #expect(lines.count == Self.lineCount)
        #expect(!cutOff)
        let events = lines.filter { line in
            let object = try? JSONSerialization.jsonObject(with: Data(line.text.utf8)) as? [String: Any]
            return object?["Event"] is String
        }
        #expect(events.count == Self.lineCount, "every line must be a JSON object with an Event")
        #expect(lines.first?.text.contains("SparkListenerLogStart") == true)
        #expect(lines.last?.text.contains("SparkListenerApplicationEnd") == true)
    }
}

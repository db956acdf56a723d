import Foundation
import Testing
@testable import Lab

/// A Spark 3/4 rolling event log directory reads as its parts in the numeric order of
/// `events_<n>_`, each part with its own line numbers.
@Suite struct EventLogRollingTests {
    static let app = EventLogFixtures.appID

    @Test func partsAreReadInNumericOrder() throws {
        let directory = EventLogFixtures.path(EventLogFixtures.rollingDirectory)
        let reader = try EventLogReader(path: directory)
        let names = reader.files.parts.map { URL(fileURLWithPath: $0.path).lastPathComponent }
        #expect(names == (1...11).map { "events_\($0)_\(Self.app).zstd" })
        #expect(reader.files.parts.allSatisfy { $0.codec == .zstd })
        #expect(!reader.inProgress)
        let (lines, cutOff) = try readAll(directory)
        #expect(lines.map(\.text) == EventLogFixtures.sampleLines)
        #expect(!cutOff)
    }

    @Test func lineNumbersRestartInEachPartWhichTheLineNames() throws {
        let (lines, _) = try readAll(EventLogFixtures.path(EventLogFixtures.rollingDirectory) + "/")
        let firstOfPart2 = try #require(lines.firstIndex { $0.file.hasSuffix("/events_2_\(Self.app).zstd") })
        #expect(lines[firstOfPart2].number == 1)
        #expect(lines[firstOfPart2 - 1].file.hasSuffix("/events_1_\(Self.app).zstd"))
        #expect(lines[firstOfPart2 - 1].number == firstOfPart2)
        #expect(!lines.contains { $0.file.contains("//") })
    }

    /// A copy of the fixture directory in a scratch folder, to add or remove files.
    func copyOfTheRollingLog(_ scratch: EventLogScratch) throws -> String {
        let target = scratch.path(EventLogFixtures.rollingDirectory)
        let source = EventLogFixtures.path(EventLogFixtures.rollingDirectory)
        try FileManager.default.copyItem(atPath: source, toPath: target)
        return target
    }

    @Test func anInProgressMarkerMakesTheLogInProgress() throws {
        let scratch = try EventLogScratch()
        defer { scratch.remove() }
        let directory = try copyOfTheRollingLog(scratch)
        try FileManager.default.moveItem(atPath: directory + "/appstatus_\(Self.app)",
                                         toPath: directory + "/appstatus_\(Self.app).inprogress")
        #expect(try EventLogReader(path: directory).inProgress)
    }

    @Test func otherFilesAreIgnored() throws {
        let scratch = try EventLogScratch()
        defer { scratch.remove() }
        let directory = try copyOfTheRollingLog(scratch)
        try scratch.write(EventLogFixtures.rollingDirectory + "/.events_1_\(Self.app).zstd.crc", [1, 2, 3])
        try scratch.write(EventLogFixtures.rollingDirectory + "/events_notanumber", [1, 2, 3])
        let (lines, _) = try readAll(directory)
        #expect(lines.map(\.text) == EventLogFixtures.sampleLines)
    }

    @Test func readingStartsAtTheLastCompactedPart() throws {
        // The History Server's compaction writes events_<n>_<app>.compact holding parts 1...n.
        let scratch = try EventLogScratch()
        defer { scratch.remove() }
        let directory = try copyOfTheRollingLog(scratch)
        try scratch.write(EventLogFixtures.rollingDirectory + "/events_9_\(Self.app).compact", text: "compacted\n")
        let reader = try EventLogReader(path: directory)
        #expect(reader.files.parts.count == 3)
        let (lines, _) = try readAll(directory)
        #expect(lines.first?.text == "compacted")
    }

    @Test func aMissingPartIsAnError() throws {
        let scratch = try EventLogScratch()
        defer { scratch.remove() }
        let directory = try copyOfTheRollingLog(scratch)
        try FileManager.default.removeItem(atPath: directory + "/events_3_\(Self.app).zstd")
        let error = readError(directory)
        #expect(error?.file == directory)
        #expect(error?.message.contains("part 3 is missing") == true)
    }

    @Test func aDirectoryWithoutPartsIsAnError() throws {
        let scratch = try EventLogScratch()
        defer { scratch.remove() }
        try scratch.write("eventlog_v2_app/appstatus_app", [])
        let error = readError(scratch.path("eventlog_v2_app"))
        #expect(error?.message.contains("no event log parts") == true)
        let empty = scratch.path("empty")
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: false)
        #expect(readError(empty)?.message.contains("no event log parts") == true)
    }

    @Test func aPartThatIsADirectoryIsNotAFile() throws {
        let scratch = try EventLogScratch()
        defer { scratch.remove() }
        try scratch.write("eventlog_v2_app/events_1_app/x", [])
        let error = readError(scratch.path("eventlog_v2_app"))
        #expect(error?.file.hasSuffix("events_1_app") == true)
        #expect(error?.message.hasPrefix("not a file") == true)
    }
}

import Testing
@testable import Lab

/// Lines are cut at every newline wherever chunks end: lines longer than a chunk, newlines
/// as the last or first byte of a chunk, empty lines, a last line with no newline, and the
/// longest line accepted.
@Suite struct EventLogLineSplittingTests {
    /// Writes `text` as a plain log and reads it with `chunkBytes` per read.
    func read(_ text: String, chunkBytes: Int, maxLineBytes: Int = 1 << 20) throws -> ([String], Bool) {
        let scratch = try EventLogScratch()
        defer { scratch.remove() }
        let path = try scratch.write("app.jsonl", text: text)
        let limits = EventLogReadLimits(chunkBytes: chunkBytes, maxLineBytes: maxLineBytes)
        let (lines, cutOff) = try readAll(path, limits: limits)
        #expect(lines.map(\.number) == Array(stride(from: 1, through: lines.count, by: 1)))
        return (lines.map(\.text), cutOff)
    }

    @Test(arguments: [1, 2, 3, 5, 8, 64, 4096])
    func linesLongerThanAChunkAreWhole(_ chunkBytes: Int) throws {
        let lines = [String(repeating: "a", count: 100), "{}", String(repeating: "é", count: 50), "x"]
        let (read, cutOff) = try read(lines.joined(separator: "\n") + "\n", chunkBytes: chunkBytes)
        #expect(read == lines)
        #expect(!cutOff)
    }

    @Test func aNewlineAtEitherEndOfAChunkCutsOneLine() throws {
        // With 4-byte chunks: "abc\n" ends a chunk with its newline, "\nxyz" starts one with it.
        let (read, _) = try read("abc\ndefg\nxyz\n", chunkBytes: 4)
        #expect(read == ["abc", "defg", "xyz"])
    }

    @Test func emptyLinesAreReturnedAsTheyAre() throws {
        let (read, _) = try read("a\n\n\nb\n", chunkBytes: 2)
        #expect(read == ["a", "", "", "b"])
    }

    @Test(arguments: [1, 3, 1024])
    func aLastLineWithoutNewlineIsReturnedAndFlagged(_ chunkBytes: Int) throws {
        let (read, cutOff) = try read("{\"Event\":\"a\"}\n{\"Event\":\"SparkListenerTa", chunkBytes: chunkBytes)
        #expect(read == ["{\"Event\":\"a\"}", "{\"Event\":\"SparkListenerTa"])
        #expect(cutOff)
    }

    @Test func theFlagFollowsTheLastLineReturned() throws {
        let scratch = try EventLogScratch()
        defer { scratch.remove() }
        var reader = try EventLogReader(path: try scratch.write("app", text: "a\nb"))
        _ = try reader.next()
        #expect(!reader.lastLineUnterminated)
        _ = try reader.next()
        #expect(reader.lastLineUnterminated)
        #expect(try reader.next() == nil)
    }

    @Test func aCutOffCharacterInTheLastLineDoesNotFail() throws {
        // "é" is two bytes: a log cut between them still reads, with a replacement character.
        let scratch = try EventLogScratch()
        defer { scratch.remove() }
        let path = try scratch.write("app", Array("ok\nxé".utf8).dropLast())
        let (lines, cutOff) = try readAll(path)
        #expect(lines.map(\.text) == ["ok", "x\u{FFFD}"])
        #expect(cutOff)
    }

    @Test func anEmptyFileHasNoLines() throws {
        let (read, cutOff) = try read("", chunkBytes: 16)
        #expect(read.isEmpty)
        #expect(!cutOff)
    }

    @Test func aLineAtTheLimitReadsAndOneByteMoreFails() throws {
        let (read, _) = try read(String(repeating: "a", count: 64) + "\nb\n", chunkBytes: 5, maxLineBytes: 64)
        #expect(read.count == 2)
        let scratch = try EventLogScratch()
        defer { scratch.remove() }
        let path = try scratch.write("app", text: "ok\n" + String(repeating: "a", count: 65) + "\n")
        let error = readError(path, limits: EventLogReadLimits(chunkBytes: 5, maxLineBytes: 64))
        #expect(error?.line == 2)
        #expect(error?.message.contains("longer than 64 bytes") == true)
    }

    @Test func aLongLineWithoutNewlineFailsBeforeTheFileEnds() throws {
        // Memory stays bounded: the reader stops once a line passes the limit, newline or not.
        let scratch = try EventLogScratch()
        defer { scratch.remove() }
        let path = try scratch.write("app", text: String(repeating: "a", count: 10_000))
        let error = readError(path, limits: EventLogReadLimits(chunkBytes: 16, maxLineBytes: 100))
        #expect(error?.line == 1)
    }

    @Test func theDefaultLimitsAreSixtyFourKiBChunksAndQuarterGiBLines() {
        #expect(EventLogReadLimits.standard.chunkBytes == 65_536)
        #expect(EventLogReadLimits.standard.maxLineBytes == 268_435_456)
    }
}

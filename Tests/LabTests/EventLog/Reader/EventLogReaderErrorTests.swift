import Foundation
import Glibc
import Testing
@testable import Lab

/// Bad input is an `EventLogError` naming the file and, once reading has started, the line
/// reached; never a crash and never a silent short read.
@Suite struct EventLogReaderErrorTests {
    static let compressed = [
        "sample.jsonl.gz", "local-1764958163245.zstd", "local-1764958163245.lz4", "sample-frame.lz4",
        "local-1764958163245.snappy", "sample-framed.snappy", "local-1764958163245.lzf",
    ]

    @Test func aMissingPathIsAnError() {
        let path = EventLogFixtures.path("no-such-log.zstd")
        let error = readError(path)
        #expect(error == EventLogError(file: path, "no such file or directory"))
    }

    @Test func aPathThatIsNeitherFileNorDirectoryIsNotAFile() throws {
        let scratch = try EventLogScratch()
        defer { scratch.remove() }
        let fifo = scratch.path("app.fifo")
        #expect(mkfifo(fifo, 0o600) == 0)
        let error = readError(fifo)
        #expect(error?.file == fifo)
        #expect(error?.message.hasPrefix("not a file") == true)
    }

    @Test(arguments: ["app.bz2", "app.xz", "local-1.brotli.inprogress"])
    func anUnknownCodecExtensionIsAnError(_ name: String) throws {
        let scratch = try EventLogScratch()
        defer { scratch.remove() }
        let path = try scratch.write(name, text: "{}\n")
        let error = readError(path)
        #expect(error?.message.hasPrefix("unknown compression codec extension") == true)
        #expect(error?.message.contains(".zstd") == true)
    }

    @Test func anUnknownExtensionInARollingLogNamesThePart() throws {
        let scratch = try EventLogScratch()
        defer { scratch.remove() }
        let part = try scratch.write("eventlog_v2_app/events_1_app.bz2", text: "{}\n")
        #expect(readError(scratch.path("eventlog_v2_app"))?.file == part)
    }

    /// The fixture's bytes cut to `fraction` of their length, in a scratch file of the same name.
    func cut(_ name: String, to fraction: Double, in scratch: EventLogScratch) throws -> String {
        let bytes = try EventLogFixtures.bytes(name)
        return try scratch.write(name, Array(bytes.prefix(Int(Double(bytes.count) * fraction))))
    }

    /// Reads until the error; returns it and how many lines came before it.
    func linesBeforeTheError(_ path: String) throws -> (EventLogError, Int)? {
        var reader = try EventLogReader(path: path)
        var count = 0
        do {
            while try reader.next() != nil { count += 1 }
        } catch {
            return (error, count)
        }
        Issue.record("expected an error reading \(path)")
        return nil
    }

    @Test(arguments: compressed)
    func truncatedCompressedDataIsAnErrorWithTheLineReached(_ name: String) throws {
        let scratch = try EventLogScratch()
        defer { scratch.remove() }
        let path = try cut(name, to: 0.6, in: scratch)
        let (error, before) = try #require(try linesBeforeTheError(path))
        #expect(error.file == path)
        #expect(error.message.hasPrefix("truncated"), "\(error)")
        // The lines before the cut were returned; the error names the next one.
        #expect(error.line == before + 1)
        #expect(error.message.hasSuffix("while reading line \(before + 1) (\(before) whole lines before it)"))
        #expect(before < EventLogFixtures.sampleLines.count)
    }

    @Test func aTruncatedSparkLZ4LogKeepsTheLinesOfItsWholeBlocks() throws {
        // The lines in the whole lz4-java blocks (4 KiB here) before the cut are read.
        let scratch = try EventLogScratch()
        defer { scratch.remove() }
        let (error, before) = try #require(try linesBeforeTheError(try cut("stored-blocks.lz4", to: 0.6, in: scratch)))
        #expect(before > 3)
        #expect(error.line == before + 1)
    }

    @Test(arguments: compressed)
    func corruptCompressedDataIsAnError(_ name: String) throws {
        let scratch = try EventLogScratch()
        defer { scratch.remove() }
        var bytes = try EventLogFixtures.bytes(name)
        // Overwrite a run in the middle: inside compressed data of every framing.
        for index in (bytes.count / 2)..<(bytes.count / 2 + 64) { bytes[index] ^= 0x5A }
        let path = try scratch.write(name, bytes)
        let (error, before) = try #require(try linesBeforeTheError(path))
        #expect(error.message.hasPrefix("corrupt"), "\(error)")
        #expect(error.line == before + 1)
    }

    @Test func aBadChecksumInAnLZ4JavaBlockIsCaught() throws {
        // The checksum field of the first block: the data decodes, only the check fails.
        let scratch = try EventLogScratch()
        defer { scratch.remove() }
        var bytes = try EventLogFixtures.bytes("local-1764958163245.lz4")
        bytes[17] ^= 0x01
        let error = readError(try scratch.write("app.lz4", bytes))
        #expect(error?.message == "corrupt lz4-java block data (block checksum mismatch), "
            + "while reading line 1 (0 whole lines before it)")
        #expect(error?.line == 1)
    }

    @Test(arguments: ["app.lz4", "app.snappy", "app.lzf", "app.zstd", "app.gz"])
    func plainTextUnderACompressedNameIsAnError(_ name: String) throws {
        let scratch = try EventLogScratch()
        defer { scratch.remove() }
        let error = readError(try scratch.write(name, text: "{\"Event\":\"SparkListenerLogStart\"}\n"))
        #expect(error?.line == 1)
        #expect(error?.message.hasPrefix("corrupt") == true, "\(String(describing: error))")
    }

    @Test func compressedDataUnderAPlainNameIsNotUTF8() throws {
        let scratch = try EventLogScratch()
        defer { scratch.remove() }
        let path = try scratch.write("app.json", try EventLogFixtures.bytes("sample.jsonl.gz"))
        let error = readError(path)
        #expect(error?.message.hasPrefix("not UTF-8 text") == true)
    }

    @Test func anEmptyCompressedFileHasNoLines() throws {
        // Spark creates a part before its codec writes anything.
        let scratch = try EventLogScratch()
        defer { scratch.remove() }
        for name in ["a.zstd", "a.lz4", "a.snappy", "a.lzf", "a.gz"] {
            let (lines, _) = try readAll(try scratch.write(name, []))
            #expect(lines.isEmpty, "\(name)")
        }
    }

    @Test func anLZ4JavaStreamWithoutItsEndBlockEndsAtABlockBoundary() throws {
        // Spark's reader accepts a stream cut at a block boundary (a log still being written).
        let scratch = try EventLogScratch()
        defer { scratch.remove() }
        let bytes = try EventLogFixtures.bytes("local-1764958163245.lz4")
        let (lines, _) = try readAll(try scratch.write("app.lz4", Array(bytes.dropLast(LZ4BlockDecoder.headerBytes))))
        #expect(lines.map(\.text) == EventLogFixtures.sampleLines)
    }
}

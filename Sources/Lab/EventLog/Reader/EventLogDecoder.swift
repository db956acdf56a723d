/// Turns the bytes of one event log file into its text, a piece at a time, so that memory
/// stays bounded whatever the file's size.
///
/// A class protocol because each decoder owns a C library's state (a `z_stream`, a zstd or
/// LZ4F context) that must be freed exactly once.
protocol EventLogDecoder: AnyObject {
    /// Appends the next decoded bytes to `output`, reserving room as it needs; returns false,
    /// appending nothing, once the data has ended cleanly. A call that returns true appends
    /// bytes or consumes input, so repeated calls always reach the end.
    func decode(into output: ByteWindow) throws(CodecFailure) -> Bool
}

/// Chooses the decoder of a file from its codec and, for `.lz4` and `.snappy`, its first
/// bytes: Spark's framing (lz4-java, snappy-java) or the command-line tools' (LZ4 frame,
/// snappy framing format), since users recompress logs with those.
enum EventLogDecoders {
    static let lz4JavaMagic = Array("LZ4Block".utf8)
    static let lz4FrameMagic: [UInt8] = [0x04, 0x22, 0x4D, 0x18]
    static let snappyJavaMagic: [UInt8] = [0x82] + Array("SNAPPY".utf8) + [0]
    static let snappyFramedMagic: [UInt8] = [0xFF, 0x06, 0x00, 0x00] + Array("sNaPpY".utf8)

    static func make(_ codec: EventLogCodec, file: EventLogFile, limits: EventLogReadLimits)
        throws(CodecFailure) -> any EventLogDecoder
    {
        if codec == .plain { return PlainDecoder(file: file, chunkBytes: limits.chunkBytes) }
        let input = CompressedInput(file: file, chunkBytes: limits.chunkBytes)
        // An empty file has no lines whatever its name: Spark creates a part before its
        // codec has written anything.
        if try input.atEnd() { return EmptyDecoder() }
        switch codec {
        case .plain: preconditionFailure("plain files are read by PlainDecoder, above")
        case .gzip: return try GzipDecoder(input: input, chunkBytes: limits.chunkBytes)
        case .zstd: return try ZstdDecoder(input: input, chunkBytes: limits.chunkBytes)
        case .lz4:
            if try input.startsWith(lz4JavaMagic) { return LZ4BlockDecoder(input: input) }
            if try input.startsWith(lz4FrameMagic) {
                return try LZ4FrameDecoder(input: input, chunkBytes: limits.chunkBytes)
            }
            throw CodecFailure.corrupt(
                "lz4", "neither lz4-java's LZ4Block stream, which Spark writes, nor an LZ4 frame")
        case .snappy:
            if try input.startsWith(snappyJavaMagic) {
                return SnappyJavaDecoder(input: input, maxBlockBytes: limits.maxLineBytes)
            }
            if try input.startsWith(snappyFramedMagic) { return SnappyFramedDecoder(input: input) }
            throw CodecFailure.corrupt(
                "snappy", "neither snappy-java's stream, which Spark writes, nor the snappy framing format")
        case .lzf:
            return LZFDecoder(input: input)
        }
    }
}

/// A file with no bytes.
final class EmptyDecoder: EventLogDecoder {
    func decode(into output: ByteWindow) throws(CodecFailure) -> Bool { false }
}

/// An uncompressed log: the file's bytes go straight into the line window.
final class PlainDecoder: EventLogDecoder {
    private let file: EventLogFile
    private let chunkBytes: Int

    init(file: EventLogFile, chunkBytes: Int) {
        self.file = file
        self.chunkBytes = chunkBytes
    }

    func decode(into output: ByteWindow) throws(CodecFailure) -> Bool {
        output.reserve(chunkBytes)
        let got = try file.read(into: output.free(upTo: chunkBytes))
        output.commit(got)
        return got > 0
    }
}

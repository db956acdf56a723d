import CSnappy

/// A `.snappy` log as Spark writes it: xerial snappy-java's `SnappyOutputStream`, which
/// Spark's `SnappyCompressionCodec` uses (not the snappy framing format):
///
///     "\u{82}SNAPPY\0"  version  compatible version    then blocks:  length  snappy data
///     8 bytes           4, big-endian   4, big-endian                4, big-endian
///
/// Each block is raw snappy data (`spark.io.compression.snappy.blockSize` of text, 32 KiB
/// by default) decoded with libsnappy's `snappy_uncompress`. A header may appear again
/// between blocks (concatenated streams, which snappy-java's `SnappyInputStream` accepts).
/// There is no end marker, so the data may end at any block boundary.
final class SnappyJavaDecoder: EventLogDecoder {
    static let headerBytes = 16
    /// The first four bytes of the header read as a big-endian length: a header, not a block.
    static let headerAsLength: UInt32 = 0x8253_4E41

    private let input: CompressedInput
    /// The largest block accepted, compressed or decoded (snappy-java's own limit is 512 MiB).
    private let maxBlockBytes: Int

    init(input: CompressedInput, maxBlockBytes: Int) {
        self.input = input
        self.maxBlockBytes = maxBlockBytes
    }

    func decode(into output: ByteWindow) throws(CodecFailure) -> Bool {
        guard try input.require(4) else {
            if input.pending.isEmpty { return false }
            throw CodecFailure.truncated("snappy-java")
        }
        let length = input.pending.bigEndianUInt32(at: 0)
        if length == Self.headerAsLength {
            guard try input.startsWith(EventLogDecoders.snappyJavaMagic) else {
                if input.fileEnded { throw CodecFailure.truncated("snappy-java") }
                throw CodecFailure.corrupt("snappy-java", "a broken stream header")
            }
            guard try input.require(Self.headerBytes) else { throw CodecFailure.truncated("snappy-java") }
            input.consume(Self.headerBytes)
            return true
        }
        guard length <= maxBlockBytes else {
            throw CodecFailure.corrupt(
                "snappy-java", "a block of \(length) bytes, more than the \(maxBlockBytes) accepted")
        }
        guard try input.require(4 + Int(length)) else { throw CodecFailure.truncated("snappy-java") }
        let block = UnsafeRawBufferPointer(rebasing: input.pending[4...].prefix(Int(length)))
        try SnappyBlock.decode(block, into: output, maxBytes: maxBlockBytes, format: "snappy-java")
        input.consume(4 + Int(length))
        return true
    }
}

/// One raw snappy block decoded with libsnappy, for both snappy framings.
enum SnappyBlock {
    static func decode(_ block: UnsafeRawBufferPointer, into output: ByteWindow, maxBytes: Int, format: String)
        throws(CodecFailure)
    {
        let source = block.baseAddress?.assumingMemoryBound(to: CChar.self)
        var decodedBytes = 0
        guard snappy_uncompressed_length(source, block.count, &decodedBytes) == SNAPPY_OK else {
            throw CodecFailure.corrupt(format, "libsnappy could not read a block's length")
        }
        guard decodedBytes <= maxBytes else {
            throw CodecFailure.corrupt(format, "a block that decodes to \(decodedBytes) bytes, more than \(maxBytes)")
        }
        output.reserve(decodedBytes)
        let target = output.free.baseAddress?.assumingMemoryBound(to: CChar.self)
        var written = decodedBytes
        guard snappy_uncompress(source, block.count, target, &written) == SNAPPY_OK, written == decodedBytes else {
            throw CodecFailure.corrupt(format, "libsnappy could not decode a block")
        }
        output.commit(written)
    }
}

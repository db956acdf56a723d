import CLZF

/// A `.lzf` log as Spark writes it: ning's compress-lzf `LZFOutputStream`, which Spark's
/// `LZFCompressionCodec` uses. Chunks of at most 64 KiB of text,
///
///     "ZV"  type  length         [decoded length]   data
///     2     1     2, big-endian   2, big-endian
///
/// type 0 stored (no decoded length), type 1 LZF-compressed, decoded with liblzf's
/// `lzf_decompress` (compress-lzf is a Java port of liblzf's format). No end marker: the
/// data may end at any chunk boundary.
final class LZFDecoder: EventLogDecoder {
    private let input: CompressedInput

    init(input: CompressedInput) { self.input = input }

    func decode(into output: ByteWindow) throws(CodecFailure) -> Bool {
        guard try input.require(5) else {
            if input.pending.isEmpty { return false }
            throw CodecFailure.truncated("lzf")
        }
        let header = input.pending
        guard header[0] == UInt8(ascii: "Z"), header[1] == UInt8(ascii: "V"), header[2] <= 1 else {
            throw CodecFailure.corrupt("lzf", "a chunk does not start with ZV and a type of 0 or 1")
        }
        let length = Int(header.bigEndianUInt16(at: 3))
        if header[2] == 0 {
            guard try input.require(5 + length) else { throw CodecFailure.truncated("lzf") }
            output.reserve(length)
            output.free.copyMemory(from: UnsafeRawBufferPointer(rebasing: input.pending[5...].prefix(length)))
            output.commit(length)
            input.consume(5 + length)
            return true
        }
        guard try input.require(7 + length) else { throw CodecFailure.truncated("lzf") }
        let decodedBytes = Int(input.pending.bigEndianUInt16(at: 5))
        output.reserve(decodedBytes)
        let source = UnsafeRawBufferPointer(rebasing: input.pending[7...].prefix(length))
        let written = lzf_decompress(source.baseAddress, UInt32(length), output.free.baseAddress, UInt32(decodedBytes))
        guard Int(written) == decodedBytes, decodedBytes > 0 else {
            throw CodecFailure.corrupt("lzf", "liblzf could not decode a chunk")
        }
        output.commit(decodedBytes)
        input.consume(7 + length)
        return true
    }
}

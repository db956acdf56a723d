/// A `.snappy` log in the snappy framing format (the format of Google's
/// `framing_format.txt`, which command-line tools such as `snzip` and `python -m snappy`
/// write; users recompress logs with them). Spark itself writes snappy-java's stream
/// instead (`SnappyJavaDecoder`). Chunks are
///
///     type  length          body
///     1     3, little-endian
///
/// 0xFF the stream identifier "sNaPpY" (may repeat), 0x00 a compressed chunk and 0x01 a
/// stored one (each a 4-byte masked CRC-32C, then at most 64 KiB of text), 0x80-0xFE
/// skippable, 0x02-0x7F reserved (an error). The CRC-32C is not checked: no packaged
/// library computes it, and libsnappy refuses malformed blocks on its own.
final class SnappyFramedDecoder: EventLogDecoder {
    /// The most text one chunk holds, per the framing format.
    static let maxChunkText = 65536

    private let input: CompressedInput

    init(input: CompressedInput) { self.input = input }

    func decode(into output: ByteWindow) throws(CodecFailure) -> Bool {
        guard try input.require(4) else {
            if input.pending.isEmpty { return false }
            throw CodecFailure.truncated("snappy framed")
        }
        let type = input.pending[0]
        let length = Int(input.pending.littleEndianUInt24(at: 1))
        guard try input.require(4 + length) else { throw CodecFailure.truncated("snappy framed") }
        let body = UnsafeRawBufferPointer(rebasing: input.pending[4...].prefix(length))
        switch type {
        case 0xFF:
            guard body.elementsEqual(EventLogDecoders.snappyFramedMagic.dropFirst(4)) else {
                throw CodecFailure.corrupt("snappy framed", "a broken stream identifier")
            }
        case 0x00, 0x01:
            guard length >= 4, length - 4 <= Self.maxChunkText + Self.maxChunkText / 6 + 32 else {
                throw CodecFailure.corrupt("snappy framed", "a data chunk of \(length) bytes")
            }
            let data = UnsafeRawBufferPointer(rebasing: body[4...])
            if type == 0x00 {
                try SnappyBlock.decode(data, into: output, maxBytes: Self.maxChunkText, format: "snappy framed")
            } else {
                guard data.count <= Self.maxChunkText else {
                    throw CodecFailure.corrupt("snappy framed", "a stored chunk of \(data.count) bytes")
                }
                output.reserve(data.count)
                output.free.copyMemory(from: data)
                output.commit(data.count)
            }
        case 0x80...0xFE: break
        default:
            throw CodecFailure.corrupt("snappy framed", "reserved chunk type \(type)")
        }
        input.consume(4 + length)
        return true
    }
}

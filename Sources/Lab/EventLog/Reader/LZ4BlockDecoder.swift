import CLZ4
import CXXHash

/// A `.lz4` log as Spark writes it: lz4-java's `LZ4BlockOutputStream`, which Spark's
/// `LZ4CompressionCodec` uses (blocks of `spark.io.compression.lz4.blockSize`, 32 KiB by
/// default). Not the LZ4 frame format: each block has its own 21-byte header,
///
///     "LZ4Block"  token  compressed length  decoded length  checksum
///     8 bytes     1      4, little-endian   4, little-endian 4, little-endian
///
/// where the token's high nibble is the method (0x10 stored, 0x20 LZ4) and its low nibble
/// the block size as a power of two above 2^10, and the checksum is the xxhash32 of the
/// decoded bytes with seed 0x9747b28c, low 28 bits. Each block is decoded with liblz4's
/// `LZ4_decompress_safe` and checked with libxxhash's `XXH32`, as lz4-java's
/// `LZ4BlockInputStream` checks it. A block of length 0 ends a stream; another may follow
/// (Spark reads concatenated streams), and a log still being written has no end block,
/// so the data may end at any block boundary.
final class LZ4BlockDecoder: EventLogDecoder {
    static let headerBytes = 21
    static let checksumSeed: UInt32 = 0x9747_B28C
    static let methodStored: UInt8 = 0x10
    static let methodLZ4: UInt8 = 0x20

    private let input: CompressedInput

    init(input: CompressedInput) { self.input = input }

    func decode(into output: ByteWindow) throws(CodecFailure) -> Bool {
        guard try input.require(Self.headerBytes) else {
            if input.pending.isEmpty { return false }
            throw CodecFailure.truncated("lz4-java block")
        }
        let header = try Header(input.pending)
        guard header.decodedBytes > 0 else {
            input.consume(Self.headerBytes)
            return true
        }
        guard try input.require(Self.headerBytes + header.compressedBytes) else {
            throw CodecFailure.truncated("lz4-java block")
        }
        output.reserve(header.decodedBytes)
        let source = UnsafeRawBufferPointer(rebasing: input.pending[Self.headerBytes...].prefix(header.compressedBytes))
        let target = output.free(upTo: header.decodedBytes)
        if header.method == Self.methodStored {
            target.copyMemory(from: source)
        } else {
            let decoded = LZ4_decompress_safe(
                source.baseAddress?.assumingMemoryBound(to: CChar.self),
                target.baseAddress?.assumingMemoryBound(to: CChar.self),
                Int32(header.compressedBytes), Int32(header.decodedBytes))
            guard decoded == Int32(header.decodedBytes) else {
                throw CodecFailure.corrupt("lz4-java block", "liblz4 could not decode a block")
            }
        }
        let checksum = XXH32(target.baseAddress, header.decodedBytes, Self.checksumSeed) & 0x0FFF_FFFF
        guard checksum == header.checksum else {
            throw CodecFailure.corrupt("lz4-java block", "block checksum mismatch")
        }
        input.consume(Self.headerBytes + header.compressedBytes)
        output.commit(header.decodedBytes)
        return true
    }

    /// One block's header, checked as `LZ4BlockInputStream.refill` checks it.
    struct Header {
        let method: UInt8
        let compressedBytes: Int
        let decodedBytes: Int
        let checksum: UInt32

        init(_ bytes: UnsafeRawBufferPointer) throws(CodecFailure) {
            guard bytes.prefix(8).elementsEqual(EventLogDecoders.lz4JavaMagic) else {
                throw CodecFailure.corrupt("lz4-java block", "a block does not start with LZ4Block")
            }
            let token = bytes[8]
            method = token & 0xF0
            let largestBlock = 1 << (10 + Int(token & 0x0F))
            let compressed = bytes.littleEndianUInt32(at: 9)
            let decoded = bytes.littleEndianUInt32(at: 13)
            checksum = bytes.littleEndianUInt32(at: 17)
            compressedBytes = Int(compressed)
            decodedBytes = Int(decoded)
            let valid = (method == LZ4BlockDecoder.methodStored || method == LZ4BlockDecoder.methodLZ4)
                // LZ4_compressBound: the most a block of that size compresses to.
                && compressedBytes <= largestBlock + largestBlock / 255 + 16 && decodedBytes <= largestBlock
                && (decodedBytes == 0) == (compressedBytes == 0)
                && (method != LZ4BlockDecoder.methodStored || decodedBytes == compressedBytes)
                && (decodedBytes != 0 || checksum == 0)
            guard valid else { throw CodecFailure.corrupt("lz4-java block", "invalid block header") }
        }
    }
}

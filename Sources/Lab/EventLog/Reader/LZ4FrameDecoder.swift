import CLZ4

/// A `.lz4` log in the standard LZ4 frame format, as the `lz4` command-line tool writes it
/// (users recompress logs with it), decompressed by liblz4's LZ4F API a chunk at a time.
///
/// Spark itself writes lz4-java's block stream instead (`LZ4BlockDecoder`).
final class LZ4FrameDecoder: EventLogDecoder {
    private let input: CompressedInput
    private let context: OpaquePointer
    private var step: StreamingStep

    init(input: CompressedInput, chunkBytes: Int) throws(CodecFailure) {
        self.input = input
        step = StreamingStep(format: "LZ4 frame", chunkBytes: chunkBytes)
        var context: OpaquePointer?
        let status = LZ4F_createDecompressionContext(&context, UInt32(LZ4F_VERSION))
        guard LZ4F_isError(status) == 0, let context else {
            throw CodecFailure.corrupt("LZ4 frame", "liblz4 could not start: out of memory")
        }
        self.context = context
    }

    deinit { LZ4F_freeDecompressionContext(context) }

    func decode(into output: ByteWindow) throws(CodecFailure) -> Bool {
        try step.run(input, output) { [context] (source, target) throws(CodecFailure) in
            var consumed = source.count
            var produced = target.count
            let hint = LZ4F_decompress(context, target.baseAddress, &produced, source.baseAddress, &consumed, nil)
            if LZ4F_isError(hint) != 0 {
                throw CodecFailure.corrupt("LZ4 frame", String(cString: LZ4F_getErrorName(hint)))
            }
            return (consumed, produced, hint)
        }
    }
}

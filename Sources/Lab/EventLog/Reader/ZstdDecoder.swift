import CZstd

/// A zstd log (`.zstd`, Spark's name and its default event-log codec since 3.0; `.zst`, the
/// command-line tool's), decompressed by libzstd's streaming API a chunk at a time.
///
/// Spark's `ZStdCompressionCodec` writes zstd-jni's `ZstdOutputStream`: standard frames,
/// several when the stream was flushed and reopened; libzstd reads frame after frame.
final class ZstdDecoder: EventLogDecoder {
    private let input: CompressedInput
    private let context: OpaquePointer
    private var step: StreamingStep

    init(input: CompressedInput, chunkBytes: Int) throws(CodecFailure) {
        self.input = input
        step = StreamingStep(format: "zstd", chunkBytes: chunkBytes)
        guard let context = ZSTD_createDStream() else {
            throw CodecFailure.corrupt("zstd", "libzstd could not start: out of memory")
        }
        self.context = context
    }

    deinit { ZSTD_freeDStream(context) }

    func decode(into output: ByteWindow) throws(CodecFailure) -> Bool {
        try step.run(input, output) { [context] (source, target) throws(CodecFailure) in
            var inBuffer = ZSTD_inBuffer(src: source.baseAddress, size: source.count, pos: 0)
            var outBuffer = ZSTD_outBuffer(dst: target.baseAddress, size: target.count, pos: 0)
            let hint = ZSTD_decompressStream(context, &outBuffer, &inBuffer)
            if ZSTD_isError(hint) != 0 {
                throw CodecFailure.corrupt("zstd", String(cString: ZSTD_getErrorName(hint)))
            }
            return (inBuffer.pos, outBuffer.pos, hint)
        }
    }
}

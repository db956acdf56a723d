/// One step of a streaming C decompressor (libzstd's `ZSTD_decompressStream`, liblz4's
/// `LZ4F_decompress`): give it the pending input and a chunk of room, take what it consumed
/// and produced, and tell a clean end from a cut-off one by its last hint.
///
/// Why shared: both libraries report progress and "frame complete" (a hint of 0) the same
/// way, and the end-of-data rule is the subtle part: a call that makes no progress means
/// the file is exhausted, which is clean only if the last call that did progress ended a
/// frame.
struct StreamingStep {
    let format: String
    let chunkBytes: Int
    /// The hint of the last call that made progress; 0 when it ended a frame.
    private var lastHint = 1

    init(format: String, chunkBytes: Int) {
        self.format = format
        self.chunkBytes = chunkBytes
    }

    /// Runs `decompress(source, target)`, which returns (bytes consumed, bytes produced,
    /// the library's hint), and moves the windows; false at a clean end of the data.
    mutating func run(
        _ input: CompressedInput, _ output: ByteWindow,
        _ decompress: (UnsafeRawBufferPointer, UnsafeMutableRawBufferPointer) throws(CodecFailure)
            -> (consumed: Int, produced: Int, hint: Int)
    ) throws(CodecFailure) -> Bool {
        if input.pending.isEmpty { try input.readMore() }
        output.reserve(chunkBytes)
        let result = try decompress(input.pending, output.free(upTo: chunkBytes))
        input.consume(result.consumed)
        output.commit(result.produced)
        if result.consumed > 0 || result.produced > 0 {
            lastHint = result.hint
            return true
        }
        // No progress with room to write: readMore found the end of the file.
        if lastHint == 0 { return false }
        throw CodecFailure.truncated(format)
    }
}

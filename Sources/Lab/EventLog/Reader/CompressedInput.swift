/// The compressed bytes of one file that its decoder has not consumed yet, read from the
/// file a chunk at a time.
///
/// Streaming decoders (zlib, zstd, LZ4 frames) take whatever is pending; block decoders
/// (lz4-java, snappy-java, lzf) ask for a whole block with `require`, which reads until the
/// block is in memory, so the window is never larger than the largest block plus a chunk.
final class CompressedInput {
    private let file: EventLogFile
    private let window: ByteWindow
    private let chunkBytes: Int
    /// Whether `read` has returned the end of the file.
    private(set) var fileEnded = false

    init(file: EventLogFile, chunkBytes: Int) {
        self.file = file
        self.chunkBytes = chunkBytes
        window = ByteWindow(capacity: 2 * chunkBytes)
    }

    /// The bytes read and not consumed; valid until the next read.
    var pending: UnsafeRawBufferPointer { window.unconsumed }

    func consume(_ byteCount: Int) { window.consume(byteCount) }

    /// Reads the next chunk of the file; false, reading nothing, at its end.
    @discardableResult
    func readMore() throws(CodecFailure) -> Bool {
        guard !fileEnded else { return false }
        window.reserve(chunkBytes)
        let got = try file.read(into: window.free(upTo: chunkBytes))
        window.commit(got)
        if got == 0 { fileEnded = true }
        return got > 0
    }

    /// Makes at least `byteCount` bytes pending; false when the file ends first.
    func require(_ byteCount: Int) throws(CodecFailure) -> Bool {
        while window.count < byteCount {
            window.reserve(max(chunkBytes, byteCount - window.count))
            let wanted = max(chunkBytes, byteCount - window.count)
            let got = try file.read(into: window.free(upTo: wanted))
            window.commit(got)
            if got == 0 {
                fileEnded = true
                return false
            }
        }
        return true
    }

    /// Whether the pending bytes begin with `magic` (reading as much as that needs).
    func startsWith(_ magic: [UInt8]) throws(CodecFailure) -> Bool {
        guard try require(magic.count) else { return false }
        return pending.prefix(magic.count).elementsEqual(magic)
    }

    /// True when everything was consumed and the file has no more bytes.
    func atEnd() throws(CodecFailure) -> Bool {
        if window.count > 0 { return false }
        return try !readMore()
    }
}

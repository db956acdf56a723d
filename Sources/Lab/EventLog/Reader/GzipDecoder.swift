import CZlib

/// A gzipped log (`.gz`), inflated by zlib a chunk at a time.
///
/// Not a Spark codec, but users gzip logs to keep or ship them (the project's own
/// validation logs are `.jsonl.gz`). Several gzip members one after another (`cat a.gz b.gz`)
/// read as one text, as `gzip -d` reads them.
final class GzipDecoder: EventLogDecoder {
    private let input: CompressedInput
    private let chunkBytes: Int
    /// Heap-allocated because zlib keeps pointers into the stream between calls.
    private let stream: UnsafeMutablePointer<z_stream>
    /// Whether the last member ended: the data may end here, or another member begins.
    private var memberEnded = false

    init(input: CompressedInput, chunkBytes: Int) throws(CodecFailure) {
        self.input = input
        self.chunkBytes = chunkBytes
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        guard sparksim_inflate_init(stream) == Z_OK else {
            stream.deallocate()
            throw CodecFailure.corrupt("gzip", "zlib could not start: out of memory")
        }
    }

    deinit {
        inflateEnd(stream)
        stream.deallocate()
    }

    func decode(into output: ByteWindow) throws(CodecFailure) -> Bool {
        if try input.atEnd() {
            if memberEnded { return false }
            throw CodecFailure.truncated("gzip")
        }
        if memberEnded {
            inflateReset(stream)
            memberEnded = false
        }
        output.reserve(chunkBytes)
        let source = input.pending
        let target = output.free(upTo: chunkBytes)
        stream.pointee.next_in = UnsafeMutablePointer(mutating: source.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = UInt32(clamping: source.count)
        stream.pointee.next_out = target.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = UInt32(clamping: target.count)
        let status = inflate(stream, Z_NO_FLUSH)
        input.consume(source.count - Int(stream.pointee.avail_in))
        output.commit(target.count - Int(stream.pointee.avail_out))
        switch status {
        case Z_STREAM_END: memberEnded = true
        case Z_OK, Z_BUF_ERROR: break
        default: throw CodecFailure.corrupt("gzip", zlibMessage(status))
        }
        return true
    }

    private func zlibMessage(_ status: Int32) -> String {
        if let text = stream.pointee.msg { return String(cString: text) }
        return "zlib status \(status)"
    }
}

/// Why a file's bytes could not be decoded into text: the decoders say what went wrong and
/// the reader adds the file and the line it had reached (`EventLogError`).
struct CodecFailure: Error, Equatable {
    enum Kind: Equatable {
        /// The data stops inside a block or frame (a copy cut short, a log still being written).
        case truncated
        /// The data is not what its codec writes (a bad header, a checksum mismatch).
        case corrupt
        /// The operating system refused to read the file.
        case unreadable
    }

    let kind: Kind
    let message: String

    /// `format` names the framing ("zstd", "lz4-java block", "gzip").
    static func truncated(_ format: String) -> CodecFailure {
        CodecFailure(kind: .truncated, message: "truncated \(format) data: the file ends inside a compressed block")
    }

    static func corrupt(_ format: String, _ why: String) -> CodecFailure {
        CodecFailure(kind: .corrupt, message: "corrupt \(format) data (\(why))")
    }

    static func unreadable(_ why: String) -> CodecFailure {
        CodecFailure(kind: .unreadable, message: "cannot read the file: \(why)")
    }
}

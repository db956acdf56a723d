/// How one file of an event log is compressed, read off its name as Spark names it:
/// `<appId>[.<codec>][.inprogress]` for a single file, `events_<n>_<appId>[.<codec>][.compact]`
/// in a rolling directory, where `<codec>` is Spark's short codec name
/// (`spark.eventLog.compression.codec`).
///
/// Why the name and not the bytes: Spark writes the codec into the name because the
/// framings carry no common magic (lz4-java's and snappy-java's do, zstd's does, but a
/// plain log does not), and the History Server decides by the name too
/// (`EventLogFileWriter.codecName`). Within `.lz4` and `.snappy` the bytes then choose
/// between Spark's framing and the command-line tools' (`EventLogDecoders.make`).
enum EventLogCodec: Equatable {
    case plain
    /// Not a Spark codec: users gzip logs to keep or ship them.
    case gzip
    case zstd
    case lz4
    case snappy
    case lzf

    /// Extensions that mean plain text (Spark writes none; users add these).
    static let plainExtensions: Set<String> = ["json", "jsonl", "log", "txt"]

    /// The codec of the file called `name` (the file name, not the path).
    static func of(fileName name: String) throws(EventLogError) -> EventLogCodec {
        var stem = Substring(name)
        for suffix in [".inprogress", ".compact"] where stem.hasSuffix(suffix) {
            stem = stem.dropLast(suffix.count)
        }
        guard let dot = stem.lastIndex(of: "."), dot != stem.startIndex else { return .plain }
        let suffix = stem[stem.index(after: dot)...].lowercased()
        switch suffix {
        case _ where plainExtensions.contains(suffix): return .plain
        case "gz": return .gzip
        case "zstd", "zst": return .zstd
        case "lz4": return .lz4
        case "snappy": return .snappy
        case "lzf": return .lzf
        default:
            throw EventLogError(
                file: name,
                "unknown compression codec extension '.\(suffix)': an event log is plain "
                    + "(no extension, .json, .jsonl, .log, .txt) or compressed as .gz, .zstd, .zst, "
                    + ".lz4, .snappy or .lzf")
        }
    }
}

/// How much the reader reads at a time and the longest line it accepts.
///
/// Why limits: a log may be many gigabytes, so it is read a chunk at a time and memory
/// holds at most the current line and a chunk; a line with no newline in 256 MiB is not
/// an event (Spark's largest, SQL plans, are some megabytes), and reading on would only
/// exhaust memory. Tests shrink both to put chunk boundaries inside lines.
struct EventLogReadLimits: Equatable {
    /// Bytes read from a file, or decoded, per step.
    var chunkBytes = 64 * 1024
    /// The longest line accepted, without its newline.
    var maxLineBytes = 256 * 1024 * 1024

    static let standard = EventLogReadLimits()
}

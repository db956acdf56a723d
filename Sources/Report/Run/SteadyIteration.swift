/// The one definition of a "steady iteration" that every report, table, figure and sweep
/// uses: the median iteration among iterations 2 and later, by the time since the
/// iteration before it (the upper median for an even count; the earliest of equal times).
///
/// Why this one: iteration 1 carries the start-up (Python workers, data exchange, the
/// first broadcast, JIT warm-up), so it is left out; the median is not moved by a single
/// restart or recomputation; and being one real iteration, its compute, communication,
/// scheduling, driver and idle parts add up exactly to the time the comparison quotes.
enum SteadyIteration {
    /// The first iteration counted.
    static let firstIteration = 2
    /// The definition in words, for captions and the report (said once per report).
    static let definition = "the median of iterations 2 and later, since iteration 1 carries the start-up"

    /// The steady iteration of `iterations` (in order, iteration 0 first) and its window;
    /// nil when no iteration 2 was reached.
    static func of(_ iterations: [IterationRecord]) -> (record: IterationRecord, nanoseconds: Int64)? {
        var windows: [(record: IterationRecord, nanoseconds: Int64)] = []
        for (previous, record) in zip(iterations, iterations.dropFirst()) where record.iteration >= firstIteration {
            windows.append((record, record.timeNanoseconds - previous.timeNanoseconds))
        }
        guard !windows.isEmpty else { return nil }
        let sorted = windows.enumerated().sorted { a, b in
            a.element.nanoseconds != b.element.nanoseconds ? a.element.nanoseconds < b.element.nanoseconds
                : a.offset < b.offset
        }
        return sorted[sorted.count / 2].element
    }
}

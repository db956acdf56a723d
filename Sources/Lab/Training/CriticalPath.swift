import Sim

/// The run's critical path as labelled, non-overlapping intervals in time order, from
/// which each iteration's cost parts are read (`iteration_costs.csv`).
///
/// Why a path and not sums over tasks: parallel tasks overlap, so summing their compute
/// would exceed the wall time. Along the path (per stage the task that finished it, per
/// barrier pass the last worker to reach the exchange and the last to finish its update,
/// the driver's work between jobs) every nanosecond is counted once; what the path does
/// not cover (failed attempts, waiting for retries) is idle. So the parts of any window
/// add up exactly to its length.
///
/// - Complexity: O(1) amortised per `add`; O(n) per `breakdown` over n intervals.
struct CriticalPath {
    struct Interval: Equatable {
        var part: CostPart
        var start: SimInstant
        var end: SimInstant
    }

    private(set) var intervals: [Interval] = []
    /// The end of the last interval added (`start` before any).
    private(set) var cursor: SimInstant

    /// A path that begins at `start` (when training started: nothing before it is on it).
    init(start: SimInstant = .zero) { cursor = start }

    /// Appends `[start, end)` clipped to begin at the cursor (what is already on the
    /// path is never counted twice); empty intervals are dropped.
    mutating func add(_ part: CostPart, from start: SimInstant, to end: SimInstant) {
        let from = max(start, cursor)
        guard end > from else { return }
        intervals.append(Interval(part: part, start: from, end: end))
        cursor = end
    }

    mutating func add(_ interval: Interval) { add(interval.part, from: interval.start, to: interval.end) }

    /// Nanoseconds of each part inside `[start, end)`, and the rest as idle.
    func breakdown(from start: SimInstant, to end: SimInstant) -> (parts: [CostPart: Int64], idle: Int64) {
        precondition(end >= start, "CriticalPath: window ends before it starts")
        var parts: [CostPart: Int64] = [:]
        var covered: Int64 = 0
        for interval in intervals where interval.end > start && interval.start < end {
            let length = (min(end, interval.end) - max(start, interval.start)).nanoseconds
            parts[interval.part, default: 0] += length
            covered += length
        }
        let idle = (end - start).nanoseconds - covered
        assert(idle >= 0, "CriticalPath: intervals overlap")
        return (parts, idle)
    }
}

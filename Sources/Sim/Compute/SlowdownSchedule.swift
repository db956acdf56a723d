/// How much slower than normal work proceeds on one host over time: a piecewise-constant
/// factor built from straggler intervals.
///
/// Each interval `[from, until)` (until nil = to the end of the run) multiplies the factor
/// while it lasts; overlapping intervals compound (`SlowdownFactor.product(of:)`). Outside
/// every interval the factor is 1. All straggler faults are known before time starts (they
/// are data in the fault plan), so a host's whole schedule exists at time 0 and the finish
/// instant of any work can be computed when the work starts, without re-planning when a
/// straggler begins or ends.
///
/// - Complexity: `add` O(k² log k) for k intervals (schedules are short: one per straggler
///   fault on the host); `factor(at:)` O(log k).
public struct SlowdownSchedule: Hashable, Sendable {
    /// One straggler interval, as given.
    public struct Interval: Hashable, Sendable {
        public let factor: SlowdownFactor
        public let from: SimInstant
        /// Nil = the slowdown never ends.
        public let until: SimInstant?

        public init(factor: SlowdownFactor, from: SimInstant, until: SimInstant?) {
            precondition(until.map { $0 >= from } ?? true, "SlowdownSchedule: interval ends before it starts")
            self.factor = factor
            self.from = from
            self.until = until
        }

        func contains(_ instant: SimInstant) -> Bool {
            from <= instant && until.map { instant < $0 } ?? true
        }
    }

    /// From `start` on (until the next segment's start) the combined factor is `factor`.
    public struct Segment: Hashable, Sendable {
        public let start: SimInstant
        public let factor: SlowdownFactor
    }

    /// The intervals in the order they were added.
    public private(set) var intervals: [Interval] = []
    /// The instants where the combined factor changes, in time order, each with the factor
    /// from then on; consecutive segments have different factors. Before the first segment
    /// (and when there is none) the factor is 1.
    public private(set) var segments: [Segment] = []

    /// No slowdown, ever.
    public static let none = SlowdownSchedule()

    public init(intervals: [Interval] = []) {
        self.intervals = intervals
        rebuildSegments()
    }

    /// Adds a straggler interval (an empty one, `from == until`, changes nothing).
    public mutating func add(_ interval: Interval) {
        intervals.append(interval)
        rebuildSegments()
    }

    /// The combined factor in force at `instant`.
    public func factor(at instant: SimInstant) -> SlowdownFactor {
        segmentIndex(atOrBefore: instant).map { segments[$0].factor } ?? .none
    }

    /// The index of the last segment starting at or before `instant`, nil if none does.
    func segmentIndex(atOrBefore instant: SimInstant) -> Int? {
        var low = 0
        var high = segments.count  // answer is in low-1 ..< high
        while low < high {
            let middle = (low + high) / 2
            if segments[middle].start <= instant { low = middle + 1 } else { high = middle }
        }
        return low == 0 ? nil : low - 1
    }

    private mutating func rebuildSegments() {
        var boundaries = intervals.flatMap { [$0.from] + ($0.until.map { [$0] } ?? []) }
        boundaries.sort()
        segments = []
        var previous = SlowdownFactor.none
        var last: SimInstant?
        for boundary in boundaries where boundary != last {
            last = boundary
            let combined = SlowdownFactor.product(of: intervals.filter { $0.contains(boundary) }.map(\.factor))
            if combined != previous { segments.append(Segment(start: boundary, factor: combined)) }
            previous = combined
        }
        checkInvariants()
    }

    /// Segments strictly increase in time and each changes the factor.
    public func checkInvariants() {
        for (i, segment) in segments.enumerated() {
            let before = i == 0 ? SlowdownFactor.none : segments[i - 1].factor
            precondition(segment.factor != before, "SlowdownSchedule: segment \(i) changes nothing")
            precondition(i == 0 || segments[i - 1].start < segment.start, "SlowdownSchedule: segments out of order")
        }
    }
}

/// A host's physical cores shared by the CPU work running on it: processor sharing with
/// a cap of one core per piece of work.
///
/// When n pieces of CPU work run on a host of P cores, each proceeds at `min(1, P/n)` of
/// a core (the kernel's fair scheduler in the long run, as for threads of equal priority),
/// divided by the host's straggler factor at each instant. Work is kept in nanoseconds of
/// one unslowed core. Whenever the set of pieces changes, the work each did since the last
/// change is taken off (rounded down, so work never finishes early) and every piece gets
/// a new finish instant (rounded up); the caller moves its events there.
///
/// Pieces are kept in the order they started, and ties are broken by that order, so the
/// outcome never depends on anything but the calls made.
///
/// - Complexity: O(n + s) per change for the n pieces on the host and the s straggler
///   segments crossed.
public struct ProcessorSharing: Sendable {
    /// One piece of CPU work in progress, known to the caller by `key`.
    public struct Piece: Sendable, Equatable {
        public let key: Int
        /// Nanoseconds of one unslowed core still to do as of `since`.
        public fileprivate(set) var remaining: Int64
        /// The instant its finish is computed for.
        public fileprivate(set) var finish: SimInstant
    }

    public let cores: Int
    public let slowdown: SlowdownSchedule
    public private(set) var pieces: [Piece] = []
    /// When `remaining` of every piece was last brought up to date.
    private var since = SimInstant.zero

    public init(cores: Int, slowdown: SlowdownSchedule = .none) {
        precondition(cores >= 1, "ProcessorSharing: a host needs at least one core")
        self.cores = cores
        self.slowdown = slowdown
    }

    /// Starts `work` (nanoseconds of one core) as piece `key` at `now`; returns every
    /// piece's new finish instant, in start order.
    public mutating func start(_ key: Int, work: SimDuration, at now: SimInstant) -> [Piece] {
        precondition(work >= .zero, "ProcessorSharing: negative work \(work)")
        precondition(!pieces.contains { $0.key == key }, "ProcessorSharing: piece \(key) started twice")
        bringUpToDate(now)
        pieces.append(Piece(key: key, remaining: work.nanoseconds, finish: now))
        return replan(now)
    }

    /// Ends piece `key` at `now` (done, or stopped); returns the others' new finish instants.
    /// Ending a piece the host does not run changes nothing and returns nothing.
    public mutating func end(_ key: Int, at now: SimInstant) -> [Piece] {
        guard let index = pieces.firstIndex(where: { $0.key == key }) else { return [] }
        bringUpToDate(now)
        pieces.remove(at: index)
        return replan(now)
    }

    /// The share of a core each piece gets, as a fraction (numerator, denominator).
    private var share: (Int64, Int64) {
        pieces.count <= cores ? (1, 1) : (Int64(cores), Int64(pieces.count))
    }

    /// Takes off the work each piece did from `since` to `now` at the current share.
    private mutating func bringUpToDate(_ now: SimInstant) {
        precondition(now >= since, "ProcessorSharing: time went back from \(since) to \(now)")
        defer { since = now }
        guard now > since, !pieces.isEmpty else { return }
        let coreWork = slowdown.unslowedWork(from: since, to: now)
        let (numerator, denominator) = share
        let done = Int64((Int128(coreWork) * Int128(numerator)) / Int128(denominator))
        for index in pieces.indices {
            pieces[index].remaining = max(0, pieces[index].remaining - done)
        }
    }

    /// Every piece's finish at the current share, from `now`.
    private mutating func replan(_ now: SimInstant) -> [Piece] {
        let (numerator, denominator) = share
        for index in pieces.indices {
            // Wall work (of one unslowed core) needed = ⌈remaining × n / P⌉.
            let scaled = (Int128(pieces[index].remaining) * Int128(denominator) + Int128(numerator) - 1)
                / Int128(numerator)
            precondition(scaled <= Int128(Int64.max), "ProcessorSharing: work beyond representable time")
            pieces[index].finish = ComputeCost.finishInstant(
                start: now, work: SimDuration(nanoseconds: Int64(scaled)), slowdown: slowdown)
        }
        return pieces
    }
}

extension SlowdownSchedule {
    /// Nanoseconds of unslowed work one core does from `start` to `end`: each nanosecond
    /// counts `1/S` while the factor is S (rounded down over each segment).
    public func unslowedWork(from start: SimInstant, to end: SimInstant) -> Int64 {
        precondition(end >= start, "SlowdownSchedule: interval ends before it starts")
        guard !segments.isEmpty else { return end.nanosecondsSinceStart - start.nanosecondsSinceStart }
        var total: Int64 = 0
        var cursor = start
        var next = (segmentIndex(atOrBefore: start) ?? -1) + 1
        while cursor < end {
            let factor = next == 0 ? SlowdownFactor.none : segments[next - 1].factor
            let stop = next < segments.count ? min(end, segments[next].start) : end
            let span = Int128(stop.nanosecondsSinceStart - cursor.nanosecondsSinceStart)
            total += Int64(span * Int128(PartsPerMillion.one) / Int128(factor.partsPerMillion))
            cursor = stop
            next += 1
        }
        return total
    }
}

/// A point on the virtual clock: integer nanoseconds since the start of the run.
///
/// Distinct from `SimDuration` so that the type checker rejects "instant + instant".
public struct SimInstant: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let nanosecondsSinceStart: Int64

    public init(nanosecondsSinceStart: Int64) {
        self.nanosecondsSinceStart = nanosecondsSinceStart
    }

    /// The start of every run.
    public static let zero = SimInstant(nanosecondsSinceStart: 0)
    /// Later than any instant a run can reach; used as "never".
    public static let distantFuture = SimInstant(nanosecondsSinceStart: .max)

    public static func < (a: SimInstant, b: SimInstant) -> Bool {
        a.nanosecondsSinceStart < b.nanosecondsSinceStart
    }
    /// Traps on overflow: a schedule past the end of representable time is a bug.
    public static func + (a: SimInstant, d: SimDuration) -> SimInstant {
        SimInstant(nanosecondsSinceStart: a.nanosecondsSinceStart + d.nanoseconds)
    }
    public static func - (a: SimInstant, b: SimInstant) -> SimDuration {
        SimDuration(nanoseconds: a.nanosecondsSinceStart - b.nanosecondsSinceStart)
    }

    /// `self + d`, or nil when the result does not fit.
    public func advanced(by d: SimDuration) -> SimInstant? {
        let (sum, overflow) = nanosecondsSinceStart.addingReportingOverflow(d.nanoseconds)
        return overflow ? nil : SimInstant(nanosecondsSinceStart: sum)
    }

    public var description: String { "t=\(SimDuration(nanoseconds: nanosecondsSinceStart))" }
}

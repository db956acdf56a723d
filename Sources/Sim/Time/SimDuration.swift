/// A span of virtual time in integer nanoseconds.
///
/// Time is an integer so that the same scenario gives the same trace on every machine:
/// floating-point sums depend on evaluation order, integers do not. Arithmetic traps on
/// overflow (Swift's default) and the `checked` variants report it as an error, so a
/// duration never wraps silently.
public struct SimDuration: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The length in nanoseconds; may be negative only as the result of subtraction.
    public let nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    public static let zero = SimDuration(nanoseconds: 0)

    public static func nanoseconds(_ n: Int64) -> SimDuration { SimDuration(nanoseconds: n) }
    public static func microseconds(_ n: Int64) -> SimDuration { SimDuration(nanoseconds: n * 1_000) }
    public static func milliseconds(_ n: Int64) -> SimDuration { SimDuration(nanoseconds: n * 1_000_000) }
    public static func seconds(_ n: Int64) -> SimDuration { SimDuration(nanoseconds: n * 1_000_000_000) }

    /// The duration closest to `seconds` (rounded half away from zero), or nil when it
    /// does not fit in `Int64` nanoseconds. Used only at the edges (cost models, input).
    public static func seconds(exactly seconds: Double) -> SimDuration? {
        let ns = (seconds * 1e9).rounded()
        guard ns.isFinite, ns >= -9.223372036854775e18, ns <= 9.223372036854775e18 else { return nil }
        return SimDuration(nanoseconds: Int64(ns))
    }

    /// The length in seconds, for reports and cost models only; never for ordering.
    public var seconds: Double { Double(nanoseconds) / 1e9 }

    public static func < (a: SimDuration, b: SimDuration) -> Bool { a.nanoseconds < b.nanoseconds }
    public static func + (a: SimDuration, b: SimDuration) -> SimDuration {
        SimDuration(nanoseconds: a.nanoseconds + b.nanoseconds)
    }
    public static func - (a: SimDuration, b: SimDuration) -> SimDuration {
        SimDuration(nanoseconds: a.nanoseconds - b.nanoseconds)
    }
    public static func * (a: SimDuration, k: Int64) -> SimDuration {
        SimDuration(nanoseconds: a.nanoseconds * k)
    }

    /// `self + other`, or nil on overflow.
    public func adding(_ other: SimDuration) -> SimDuration? {
        let (sum, overflow) = nanoseconds.addingReportingOverflow(other.nanoseconds)
        return overflow ? nil : SimDuration(nanoseconds: sum)
    }

    /// `self * k`, or nil on overflow.
    public func multiplied(by k: Int64) -> SimDuration? {
        let (product, overflow) = nanoseconds.multipliedReportingOverflow(by: k)
        return overflow ? nil : SimDuration(nanoseconds: product)
    }

    /// The shortest exact Spark-style spelling: `1h`, `2min`, `3s`, `500ms`, `250us`, `7ns`.
    public var description: String { DurationFormat.spark(nanoseconds) }
}

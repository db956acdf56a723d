/// A point on the scheduler's clock, in integer nanoseconds.
///
/// The engine has its own time types so that it never imports the simulator: Lab maps
/// the simulator's instants onto these one to one, and a real deployment would map a
/// monotonic clock. Integers keep every comparison exact (Spark uses `Long` milliseconds).
public struct EngineInstant: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    public static let zero = EngineInstant(nanoseconds: 0)

    public static func < (a: EngineInstant, b: EngineInstant) -> Bool { a.nanoseconds < b.nanoseconds }
    public static func + (a: EngineInstant, d: EngineDuration) -> EngineInstant {
        EngineInstant(nanoseconds: a.nanoseconds + d.nanoseconds)
    }
    public static func - (a: EngineInstant, b: EngineInstant) -> EngineDuration {
        EngineDuration(nanoseconds: a.nanoseconds - b.nanoseconds)
    }

    public var description: String { "\(nanoseconds)ns" }
}

/// A span of scheduler time in integer nanoseconds.
public struct EngineDuration: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let nanoseconds: Int64

    public init(nanoseconds: Int64) { self.nanoseconds = nanoseconds }

    public static let zero = EngineDuration(nanoseconds: 0)

    public static func milliseconds(_ ms: Int64) -> EngineDuration { EngineDuration(nanoseconds: ms * 1_000_000) }

    public static func < (a: EngineDuration, b: EngineDuration) -> Bool { a.nanoseconds < b.nanoseconds }
    public static func + (a: EngineDuration, b: EngineDuration) -> EngineDuration {
        EngineDuration(nanoseconds: a.nanoseconds + b.nanoseconds)
    }
    public static func * (a: EngineDuration, k: Int64) -> EngineDuration {
        EngineDuration(nanoseconds: a.nanoseconds * k)
    }

    public var description: String { "\(nanoseconds)ns" }
}

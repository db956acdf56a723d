/// An already-parsed value of a `spark.*` key.
///
/// Engine never sees unit strings such as `3s` or `64m`: it imports neither Sim nor
/// Foundation, so the Lab parses them (guided by `SparkConfigKind`) and hands the engine
/// integers in fixed units. Durations are nanoseconds and sizes bytes, whatever unit the
/// key's bare numbers use in Spark.
public enum SparkConfigValue: Sendable, Equatable, CustomStringConvertible {
    /// A duration in nanoseconds (Spark's `timeConf`).
    case duration(nanoseconds: Int64)
    /// A size in bytes (Spark's `bytesConf`).
    case bytes(Int64)
    /// A whole number (Spark's `intConf`, a 32-bit value there).
    case int(Int)
    /// A real number (Spark's `doubleConf`).
    case double(Double)
    /// A flag (Spark's `booleanConf`).
    case bool(Bool)
    /// Free text or one of a fixed set of words (Spark's `stringConf`).
    case string(String)

    public var description: String {
        switch self {
        case .duration(let ns): return "\(ns)ns"
        case .bytes(let b): return "\(b)b"
        case .int(let i): return "\(i)"
        case .double(let d): return "\(d)"
        case .bool(let b): return b ? "true" : "false"
        case .string(let s): return s
        }
    }
}

/// The type of a `spark.*` key, with the unit Spark gives a bare number for that key.
///
/// Spark reads `spark.locality.wait: 3000` as milliseconds but
/// `spark.dynamicAllocation.executorIdleTimeout: 60` as seconds and
/// `spark.broadcast.blockSize: 4096` as KiB; the bare unit is part of the key, not of the
/// value, so it lives here.
public enum SparkConfigKind: Sendable, Equatable {
    /// `timeConf(unit)`: a bare number is `bareUnitNanoseconds` nanoseconds per unit.
    case duration(bareUnitNanoseconds: Int64)
    /// `bytesConf(unit)`: a bare number is `bareUnitBytes` bytes per unit.
    case size(bareUnitBytes: Int64)
    /// `intConf`.
    case int
    /// `doubleConf`.
    case double
    /// `booleanConf`: `true` or `false`, any case, as Spark's `toBoolean`.
    case bool
    /// `stringConf` with `checkValues`: one of `choices`, matched without regard to case
    /// and stored upper-cased as Spark's `transform(_.toUpperCase)` does.
    case choice([String])
    /// `stringConf` without restriction.
    case string

    /// Words for "what was expected" in an error message.
    public var expectation: String {
        switch self {
        case .duration(let unit):
            return "a duration like 500ms or 3s (a bare number is \(Self.unitName(nanoseconds: unit)))"
        case .size(let unit):
            return "a size like 64k, 4m or 1g (a bare number is \(Self.unitName(bytes: unit)))"
        case .int: return "a whole number"
        case .double: return "a number"
        case .bool: return "true or false"
        case .choice(let words): return "one of " + words.joined(separator: ", ")
        case .string: return "a string"
        }
    }

    static func unitName(nanoseconds: Int64) -> String {
        switch nanoseconds {
        case 1: return "nanoseconds"
        case 1_000: return "microseconds"
        case 1_000_000: return "milliseconds"
        case 1_000_000_000: return "seconds"
        case 60_000_000_000: return "minutes"
        default: return "\(nanoseconds) ns units"
        }
    }

    static func unitName(bytes: Int64) -> String {
        switch bytes {
        case 1: return "bytes"
        case 1 << 10: return "KiB"
        case 1 << 20: return "MiB"
        case 1 << 30: return "GiB"
        default: return "\(bytes)-byte units"
        }
    }
}

/// One `spark.*` key that sparksim understands: its type, Spark's default and its checks.
///
/// The registry is data rather than code so that the Lab can validate a scenario's
/// `spark:` section (types, units, ranges, "did you mean") and the engine can read
/// typed values through `SparkConf` from one source of truth.
public struct SparkConfigKey: Sendable {
    /// The key as Spark spells it, e.g. `spark.locality.wait`.
    public let name: String
    /// The Scala constant that declares it in Spark, e.g. `LOCALITY_WAIT` in
    /// `core/src/main/scala/org/apache/spark/internal/config/package.scala`.
    public let sparkConstant: String
    /// Type and bare-number unit.
    public let kind: SparkConfigKind
    /// Spark's default; nil when the key is optional in Spark (`createOptional`) or falls back.
    public let defaultValue: SparkConfigValue?
    /// Another key whose value applies when this one is unset (Spark's `fallbackConf`).
    public let fallback: String?
    /// The range Spark (or sparksim, for physical sense) accepts.
    public let constraint: SparkConfigConstraint
    /// Older names Spark still accepts (`withAlternative`), reported as renamed.
    public let alternatives: [String]

    public init(
        _ name: String, constant: String, _ kind: SparkConfigKind,
        default defaultValue: SparkConfigValue? = nil, fallback: String? = nil,
        constraint: SparkConfigConstraint = .none, alternatives: [String] = []
    ) {
        self.name = name
        self.sparkConstant = constant
        self.kind = kind
        self.defaultValue = defaultValue
        self.fallback = fallback
        self.constraint = constraint
        self.alternatives = alternatives
    }
}

/// A range check on a key's value, kept as data so messages can say what was expected.
public enum SparkConfigConstraint: Sendable, Equatable {
    /// Any value of the key's type.
    case none
    /// A number (or duration/size in its base unit) of at least this value.
    case atLeast(Int64)
    /// A number strictly greater than zero.
    case positive
    /// A real number in [0, 1].
    case fraction
    /// A real number in (0, 1], as `spark.speculation.efficiency.processRateMultiplier`.
    case positiveFraction
    /// A real number of at least 1, as `spark.speculation.efficiency.longRunTaskFactor`.
    case atLeastOne
    /// A task resource amount: 0 (none), a fraction of at most 0.5 (so that 1/amount tasks
    /// share one address), or a whole number; Spark's `TaskResourceRequest` assertion.
    case taskResourceAmount

    /// Nil when `value` satisfies the constraint, else what was expected instead.
    public func violation(_ value: SparkConfigValue) -> String? {
        switch (self, value) {
        case (.none, _):
            return nil
        case (.atLeast(let minimum), _):
            guard let v = Self.integer(value), v < minimum else { return nil }
            return "a value of at least \(Self.render(minimum, like: value))"
        case (.positive, _):
            if let v = Self.integer(value), v <= 0 { return "a value greater than 0" }
            if case .double(let d) = value, !(d > 0) { return "a number greater than 0" }
            return nil
        case (.fraction, .double(let d)):
            return (d >= 0 && d <= 1) ? nil : "a number from 0 to 1"
        case (.positiveFraction, .double(let d)):
            return (d > 0 && d <= 1) ? nil : "a number greater than 0 and at most 1"
        case (.atLeastOne, .double(let d)):
            return d >= 1 ? nil : "a number of at least 1"
        case (.taskResourceAmount, .double(let d)):
            let ok = d == 0 || (d > 0 && d <= 0.5) || (d >= 1 && d == d.rounded(.down))
            return ok ? nil : "0, a fraction of at most 0.5 (such as 0.25 or 0.5), or a whole number"
        default:
            return nil
        }
    }

    private static func integer(_ value: SparkConfigValue) -> Int64? {
        switch value {
        case .duration(let ns): return ns
        case .bytes(let b): return b
        case .int(let i): return Int64(i)
        default: return nil
        }
    }

    private static func render(_ v: Int64, like value: SparkConfigValue) -> String {
        switch value {
        case .duration: return "\(v)ns"
        case .bytes: return "\(v) bytes"
        default: return "\(v)"
        }
    }
}

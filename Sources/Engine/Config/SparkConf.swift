import OrderedCollections

/// Spark's configuration as the scheduler reads it: Spark's defaults plus the values a
/// scenario set, already parsed into fixed units.
///
/// Spark's classes read `conf.get(...)` wherever they please; here the scheduler gets
/// one value with typed accessors (see `SparkConf+Accessors.swift`), so every setting
/// that can change a decision is visible in one place and validated before time starts.
/// Values are checked on `set`, so an engine holding a `SparkConf` never meets a bad one.
public struct SparkConf: Sendable, Equatable {
    /// The values set explicitly, in the order they were set (used when printing a run's
    /// configuration; never for lookups' semantics).
    public private(set) var settings: OrderedDictionary<String, SparkConfigValue> = [:]

    /// Spark's defaults for every key.
    public init() {}

    /// Defaults overridden by `settings`, applied in order.
    public init(_ settings: [(String, SparkConfigValue)]) throws(SparkConfError) {
        for (name, value) in settings { try set(name, value) }
    }

    /// Sets `name` to `value` after checking the key exists and the value has the key's
    /// type and range. An `.int` is accepted for a `.double` key (`multiplier: 3`).
    public mutating func set(_ name: String, _ value: SparkConfigValue) throws(SparkConfError) {
        guard let key = SparkConfigRegistry.key(named: name) else {
            throw SparkConfError.unknownKey(name)
        }
        let normalised = try Self.normalise(value, for: key)
        if let expected = key.constraint.violation(normalised) {
            throw SparkConfError(
                problem: "\(name) = \(Self.render(normalised, kind: key.kind)) is out of range",
                expected: expected)
        }
        settings[name] = normalised
    }

    /// Whether `name` was set explicitly (not defaulted, not inherited by fallback).
    public func isSet(_ name: String) -> Bool { settings[name] != nil }

    /// The effective value: the explicit setting, else the fallback key's effective value,
    /// else Spark's default; nil for an unset optional key. Traps on an unknown key,
    /// which is a programming error in the engine.
    public func value(_ name: String) -> SparkConfigValue? {
        if let v = settings[name] { return v }
        guard let key = SparkConfigRegistry.key(named: name) else {
            preconditionFailure("SparkConf: '\(name)' is not in SparkConfigRegistry")
        }
        if let fallback = key.fallback { return value(fallback) }
        return key.defaultValue
    }

    private static func normalise(_ value: SparkConfigValue, for key: SparkConfigKey)
        throws(SparkConfError) -> SparkConfigValue
    {
        switch (key.kind, value) {
        case (.duration, .duration), (.size, .bytes), (.double, .double), (.bool, .bool),
             (.string, .string):
            return value
        case (.int, .int(let i)):
            guard i >= Int(Int32.min), i <= Int(Int32.max) else {
                throw SparkConfError(problem: "\(key.name) = \(i) does not fit Spark's 32-bit int",
                                     expected: "a whole number from \(Int32.min) to \(Int32.max)")
            }
            return value
        case (.double, .int(let i)):
            return .double(Double(i))
        case (.choice(let words), .string(let s)):
            if let word = words.first(where: { $0 == s.uppercased() }) { return .string(word) }
            throw SparkConfError(problem: "\(key.name) = '\(s)' is not a valid value",
                                 expected: key.kind.expectation)
        default:
            throw SparkConfError(problem: "\(key.name) = \(value) has the wrong type",
                                 expected: key.kind.expectation)
        }
    }

    static func render(_ value: SparkConfigValue, kind: SparkConfigKind) -> String {
        switch value {
        case .duration(let ns) where ns % 1_000_000 == 0: return "\(ns / 1_000_000)ms"
        case .string(let s): return "'\(s)'"
        default: return value.description
        }
    }
}

/// Why a `spark.*` setting was rejected, worded for a `file:line:column:` message.
public struct SparkConfError: Error, Equatable, Sendable, CustomStringConvertible {
    public var problem: String
    public var expected: String

    public init(problem: String, expected: String) {
        self.problem = problem
        self.expected = expected
    }

    public var description: String { "\(problem); expected \(expected)" }

    /// An unknown key, with the renamed key or the closest known key as a suggestion.
    public static func unknownKey(_ name: String) -> SparkConfError {
        if let renamed = SparkConfigRegistry.renamedKey(for: name) {
            return SparkConfError(
                problem: "'\(name)' is the pre-3.1 name of '\(renamed.name)'",
                expected: "'\(renamed.name)'")
        }
        let names = SparkConfigRegistry.keys.map(\.name)
        var suggestion = NameSuggestion.closest(to: name, among: names)
        if suggestion == nil, !name.hasPrefix("spark."), names.contains("spark." + name) {
            suggestion = "spark." + name
        }
        let hint = suggestion.map { " (did you mean '\($0)'?)" } ?? ""
        return SparkConfError(
            problem: "unknown Spark key '\(name)'\(hint)",
            expected: "a spark.* key that sparksim models (listed in SparkConfigRegistry)")
    }
}

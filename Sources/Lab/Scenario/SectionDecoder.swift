import Engine
import Sim

/// Where every section decoder of one scenario file reports: the diagnostics found so far
/// and what a check needs once all sections are decoded.
///
/// A reference type, so that the small section decoders (`ClusterDecoder`,
/// `SparkDecoder`, `WorkloadDecoder`, ...) are plain values that all write to one list.
/// Diagnostics are sorted by position at the end, so the first one reported is the first
/// mistake in the file whatever order the sections were decoded in.
final class DecodingSink {
    /// The path as given, for messages.
    let file: String
    /// The folder relative paths in the file (CSV data) are resolved against.
    let baseDirectory: String
    fileprivate(set) var diagnostics: [ScenarioDiagnostic] = []
    /// Problems found beyond `maxDiagnostics`, counted, not kept: a file of a million
    /// unknown keys must not take minutes of suggestions and screens of output.
    fileprivate(set) var droppedDiagnostics = 0
    static let maxDiagnostics = 100

    var isFull: Bool { diagnostics.count >= Self.maxDiagnostics }
    /// What each decoded stage's tasks need, checked against the executors once all are known.
    var stageNeeds: [StageNeed] = []

    init(file: String, baseDirectory: String) {
        self.file = file
        self.baseDirectory = baseDirectory
    }

    var hasErrors: Bool { !diagnostics.isEmpty }

    /// Diagnostics in source order; ties keep the order they were found.
    /// Exact repeats (one fault checked against several `compare:` variants) appear once.
    /// Beyond the first `maxDiagnostics` found, one last line counts the rest.
    var sortedDiagnostics: [ScenarioDiagnostic] {
        var seen = Set<String>()
        let unique = diagnostics.filter { seen.insert($0.description).inserted }
        var sorted = unique.enumerated()
            .sorted { ($0.element.position, $0.offset) < ($1.element.position, $1.offset) }
            .map(\.element)
        if droppedDiagnostics > 0, let last = sorted.last {
            sorted.append(ScenarioDiagnostic(
                file: file, position: last.position,
                problem: "\(droppedDiagnostics) more problem(s) not shown (the first \(Self.maxDiagnostics) found are)",
                expected: "a file with fewer problems: fix these and validate again"))
        }
        return sorted
    }
}

/// One section's decoder: walks its part of the YAML tree and builds typed values,
/// reporting to the shared sink.
///
/// Hand-written rather than `Codable` so that every error carries the line and column of
/// the key or value at fault. The helpers below (shapes, keys, typed scalars in
/// `SectionDecoder+Scalars.swift`) are shared by every section.
protocol SectionDecoder {
    var sink: DecodingSink { get }
}

extension SectionDecoder {
    /// The path as given, for messages.
    var file: String { sink.file }
    /// The folder relative paths in the file (CSV data) are resolved against.
    var baseDirectory: String { sink.baseDirectory }
    var diagnostics: [ScenarioDiagnostic] { sink.diagnostics }
    var hasErrors: Bool { sink.hasErrors }
    var stageNeeds: [StageNeed] {
        get { sink.stageNeeds }
        nonmutating set { sink.stageNeeds = newValue }
    }

    /// Records one problem at `position`.
    func report(_ position: SourcePosition, _ problem: String, expected: String) {
        guard !sink.isFull else {
            sink.droppedDiagnostics += 1
            return
        }
        sink.diagnostics.append(ScenarioDiagnostic(file: file, position: position, problem: problem,
                                                   expected: expected))
    }

    /// Records `error` (any value of the shared problem/expected shape) at `position`,
    /// its problem after `prefix` (e.g. `"duration: "`).
    func report(_ position: SourcePosition, _ error: some InputProblem, prefix: String = "") {
        report(position, prefix + error.problem, expected: error.expected)
    }

    /// ` (did you mean 'x'?)` for the candidate closest to `name`, or "" when none is close.
    static func didYouMean(_ name: String, _ candidates: [String]) -> String {
        NameSuggestion.closest(to: name, among: candidates).map { " (did you mean '\($0)'?)" } ?? ""
    }

    /// `1 task`, `3 tasks`.
    static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
}

/// The string-keyed entries of one YAML mapping, checked against the keys allowed there.
struct Fields {
    let position: SourcePosition
    /// What the mapping is, for messages: `stage 'map'`, `cluster`, `fault 2 (straggler)`.
    let context: String
    let pairs: [SourcePair]
    /// Keys present but not allowed (already reported), with the allowed keys.
    var unknownKeys: [String] = [] {
        didSet { misspelled = Self.misspelled(unknownKeys, allowed) }
    }
    var allowed: [String] = [] {
        didSet { misspelled = Self.misspelled(unknownKeys, allowed) }
    }
    /// The allowed keys some unknown key is closest to, found once.
    private var misspelled: Set<String> = []

    init(position: SourcePosition, context: String, pairs: [SourcePair], unknownKeys: [String] = [],
         allowed: [String] = []) {
        self.position = position
        self.context = context
        self.pairs = pairs
        self.unknownKeys = unknownKeys
        self.allowed = allowed
        misspelled = Self.misspelled(unknownKeys, allowed)
    }

    /// Suggestions are looked for among the first `maxSuggested` unknown keys only: a
    /// mapping of a million stray keys is not a handful of typos.
    static let maxSuggested = 100

    private static func misspelled(_ unknown: [String], _ allowed: [String]) -> Set<String> {
        Set(unknown.prefix(maxSuggested).compactMap { NameSuggestion.closest(to: $0, among: allowed) })
    }

    /// Whether an unknown key looks like a misspelling of `key` (its "did you mean").
    func misspells(_ key: String) -> Bool { misspelled.contains(key) }

    func value(_ key: String) -> SourceNode? {
        pairs.first { $0.key.scalarText == key }?.value
    }

    func keyPosition(_ key: String) -> SourcePosition? {
        pairs.first { $0.key.scalarText == key }?.key.position
    }

    func has(_ key: String) -> Bool { value(key) != nil }

    /// The non-null value of `key`, if present.
    func present(_ key: String) -> SourceNode? {
        guard let v = value(key), !v.isNull else { return nil }
        return v
    }

    /// The text of `key` when it is a scalar (used to name a context before decoding it).
    func peekText(_ key: String) -> String? {
        guard let v = present(key) else { return nil }
        return v.scalarText
    }
}

extension SectionDecoder {
    /// Reads `node` as a mapping whose keys must be in `allowed`; reports the wrong shape
    /// and every unknown key (with the closest allowed key as a suggestion).
    func fields(_ node: SourceNode, context: String, allowed: [String],
                         expected: String = "a mapping") -> Fields?
    {
        guard case .mapping(let pairs, let position) = node else {
            report(node.position, "\(context) is \(node.shapeName)", expected: expected)
            return nil
        }
        var unknown: [String] = []
        for pair in pairs {
            guard let key = pair.key.scalarText else {
                report(pair.key.position, "a key in \(context) is \(pair.key.shapeName)",
                       expected: "one of " + allowed.joined(separator: ", "))
                continue
            }
            if !allowed.contains(key) {
                reportUnknownKey(key, at: pair.key.position, in: context, allowed: allowed)
                unknown.append(key)
            }
        }
        return Fields(position: position, context: context, pairs: pairs, unknownKeys: unknown, allowed: allowed)
    }

    func reportUnknownKey(_ key: String, at position: SourcePosition, in context: String,
                                   allowed: [String])
    {
        // A full sink only counts: no suggestion is worth computing for it.
        let hint = sink.isFull ? "" : Self.didYouMean(key, allowed)
        report(position, "unknown key '\(key)' in \(context)\(hint)",
               expected: "one of " + allowed.joined(separator: ", "))
    }

    /// The value of a required key; reports it missing at the mapping's position, unless
    /// an unknown key was already reported as its misspelling.
    func required(_ fields: Fields, _ key: String, expected: String) -> SourceNode? {
        guard let v = fields.value(key) else {
            if fields.misspells(key) { return nil }
            report(fields.position, "missing key '\(key)' in \(fields.context)", expected: "\(key): \(expected)")
            return nil
        }
        return v
    }

    /// Reports that at most one of `keys` may appear; returns false when several do.
    func exclusive(_ fields: Fields, _ keys: [String], expected: String) -> Bool {
        let present = keys.filter { fields.has($0) }
        guard present.count > 1, let second = fields.keyPosition(present[1]) else { return true }
        report(second, "\(fields.context) has both '\(present[0])' and '\(present[1])'", expected: expected)
        return false
    }

    /// Reads `node` as a list; reports any other shape.
    func list(_ node: SourceNode, _ what: String, expected: String) -> [SourceNode]? {
        guard case .sequence(let items, _) = node else {
            report(node.position, "\(what) is \(node.shapeName)", expected: expected)
            return nil
        }
        return items
    }

    /// Reads `node` as a non-empty list of at most `limit` items (`noun` names them in the
    /// limit message, e.g. "stages per job"); reports any other shape, an empty list, or
    /// too many items. The one rule behind jobs, stages and executors.
    func boundedList(_ node: SourceNode, _ what: String, expected: String, limit: Int,
                              noun: String) -> [SourceNode]? {
        guard let items = list(node, what, expected: expected) else { return nil }
        if items.isEmpty {
            report(node.position, "\(what) is an empty list", expected: expected)
            return nil
        }
        if items.count > limit {
            report(node.position, "\(items.count) \(what) exceed the limit \(limit)",
                   expected: "at most \(limit) \(noun)")
            return nil
        }
        return items
    }
}

import Foundation
import Yams

/// Reads scenario files: YAML in, a fully validated `Scenario` out, or every problem
/// found as `file:line:column: problem; expected ...`.
///
/// The CLI calls `load(path:)` (or `loadSource(path:)` to sweep) and, on `ScenarioError`,
/// prints the diagnostics and exits with status 2 before writing anything.
public enum ScenarioLoader {
    /// Loads the file at `path` (messages use `path` as given).
    public static func load(path: String) throws(ScenarioError) -> Scenario {
        try loadSource(path: path).scenario
    }

    /// Loads scenario text; `file` names it in messages and anchors relative paths (CSV data).
    public static func load(text: String, file: String) throws(ScenarioError) -> Scenario {
        try loadSource(text: text, file: file).scenario
    }

    /// Loads the file at `path` with the YAML tree that its sweep points are decoded from.
    public static func loadSource(path: String) throws(ScenarioError) -> SweepSource {
        try loadSource(text: try readFile(path), file: path, maxSeparators: YAMLInputLimits.maxSeparators)
    }

    /// Loads the file at `path` with `PATH=VALUE` settings applied (`run --set`), held to
    /// the bounds of a file.
    public static func load(path: String, settings: [String]) throws(ScenarioError) -> Scenario {
        try loadSource(path: path, settings: settings, sweeping: false).scenario
    }

    /// Loads the file at `path` with `PATH=VALUE` settings applied to its tree (`sweep --set`):
    /// every point of its sweep is decoded from the changed tree. A setting may not name a
    /// swept key (the point's value would silently replace it).
    public static func loadSource(path: String, settings: [String]) throws(ScenarioError) -> SweepSource {
        try loadSource(path: path, settings: settings, sweeping: true)
    }

    private static func loadSource(path: String, settings: [String], sweeping: Bool) throws(ScenarioError)
        -> SweepSource
    {
        let text = try readFile(path)
        guard !settings.isEmpty else {
            return try loadSource(text: text, file: path, maxSeparators: YAMLInputLimits.maxSeparators)
        }
        let root = try ScenarioIncludes.resolve(try parse(text, file: path), file: path)
        let overrides = try settingOverrides(settings, file: path)
        var source = try decodeSource(root, file: path, overrides: overrides)
        source.scenario.commandLineSettings = settings
        if sweeping, let swept = source.scenario.sweep?.parameters.first(where: { p in overrides.contains { $0.path == p.path } }) {
            throw single(path, "--set \(swept.path) names a key that sweep.parameters sweeps",
                         expected: "a key the sweep does not vary (or change its values in the file)")
        }
        return source
    }

    /// A scenario file's text, within the file-size bound, as UTF-8.
    private static func readFile(_ path: String) throws(ScenarioError) -> String {
        try YAMLInputLimits.checkFileSize(path)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw single(path, "cannot read the file", expected: "a readable YAML scenario file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw single(path, "the file is not UTF-8 text", expected: "a UTF-8 YAML scenario file")
        }
        return text
    }

    /// Loads scenario text with its YAML tree (see `load(text:file:)`): text made in memory,
    /// held to `YAMLInputLimits.maxTextSeparators`.
    public static func loadSource(text: String, file: String) throws(ScenarioError) -> SweepSource {
        try loadSource(text: text, file: file, maxSeparators: YAMLInputLimits.maxTextSeparators)
    }

    static func loadSource(text: String, file: String, maxSeparators: Int) throws(ScenarioError) -> SweepSource {
        let root = try ScenarioIncludes.resolve(try parse(text, file: file, maxSeparators: maxSeparators), file: file)
        return try decodeSource(root, file: file)
    }

    /// The scenario and sweep decoded from `document` with `overrides` written into it first.
    private static func decodeSource(_ document: SourceNode, file: String, overrides: [SweepOverride] = [])
        throws(ScenarioError) -> SweepSource
    {
        var root = document
        if !overrides.isEmpty {
            let sink = DecodingSink(file: file, baseDirectory: directory(of: file))
            guard let applied = SweepDecoder(sink: sink).applying(overrides, to: document) else {
                throw ScenarioError(diagnostics: sink.sortedDiagnostics)
            }
            root = applied
        }
        let decoder = ScenarioDecoder(file: file, baseDirectory: directory(of: file))
        guard var scenario = decoder.decodeDocument(root) else {
            throw ScenarioError(diagnostics: decoder.sortedDiagnostics)
        }
        if case .mapping(let pairs, _) = root, let sweep = pairs.first(where: { $0.key.scalarText == "sweep" })?.value,
           !sweep.isNull
        {
            let sink = DecodingSink(file: file, baseDirectory: directory(of: file))
            let decoded = SweepDecoder(sink: sink).decodeSweep(sweep, root: root)
            guard let decoded, !sink.hasErrors else {
                throw ScenarioError(diagnostics: sink.sortedDiagnostics)
            }
            scenario.sweep = decoded
        }
        return SweepSource(scenario: scenario, document: root)
    }

    /// The scenario for one point of `base.sweep`: the point's values replace the keys they
    /// name in the file, which is then decoded again. The result keeps `base.sweep` (for
    /// its seeds) and records the point.
    public static func scenario(_ source: SweepSource, at point: Scenario.SweepPoint) throws(ScenarioError)
        -> Scenario
    {
        let base = source.scenario
        guard let sweep = base.sweep else {
            throw single(base.file, "the scenario has no sweep", expected: "a scenario with sweep:")
        }
        var overrides: [SweepOverride] = []
        for assignment in point.assignments {
            guard let parameter = sweep.parameters.first(where: { $0.path == assignment.path }),
                  let index = parameter.values.firstIndex(of: assignment.value)
            else {
                throw single(base.file, "sweep point \(point) is not a point of this sweep",
                             expected: "a point from sweep.points")
            }
            overrides.append(SweepOverride(path: parameter.path, keyPosition: parameter.keyPosition,
                                           value: parameter.valueNodes[index]))
        }
        let sink = DecodingSink(file: base.file, baseDirectory: directory(of: base.file))
        guard var scenario = SweepDecoder(sink: sink).decodePoint(source.document, overrides: overrides) else {
            throw ScenarioError(diagnostics: sink.sortedDiagnostics)
        }
        scenario.seed = base.seed
        scenario.commandLineSettings = base.commandLineSettings
        scenario.sweep = sweep
        scenario.sweepPoint = point
        return scenario
    }

    /// Scenario text with `PATH=VALUE` settings applied to its tree before it is decoded
    /// (`replay --set`): each value is read as YAML and replaces the key it names, or adds it,
    /// exactly as a sweep point's value does, so it is validated as if written in the file.
    /// Paths start at `cluster`, `spark` (`spark.locality.wait`), `engine` or `workload`.
    public static func load(text: String, file: String, settings: [String]) throws(ScenarioError) -> Scenario {
        guard !settings.isEmpty else { return try load(text: text, file: file) }
        let root = try ScenarioIncludes.resolve(try parse(text, file: file), file: file)
        return try decodeSource(root, file: file, overrides: try settingOverrides(settings, file: file)).scenario
    }

    /// `PATH=VALUE` settings as overrides of the file's tree, each value read as YAML.
    private static func settingOverrides(_ settings: [String], file: String) throws(ScenarioError) -> [SweepOverride] {
        var overrides: [SweepOverride] = []
        for setting in settings {
            guard let equals = setting.firstIndex(of: "="), equals != setting.startIndex else {
                throw single(file, "--set '\(setting)' is not PATH=VALUE", expected: "like spark.locality.wait=0s")
            }
            let path = String(setting[..<equals])
            guard let head = path.split(separator: ".").first, SweepDecoder.sweepRoots.contains(String(head)),
                  path.contains(".") else {
                throw single(file, "--set path '\(path)' starts outside \(SweepDecoder.sweepRoots.joined(separator: ", "))",
                             expected: "a key path such as cluster.executor.cores or engine.control_plane")
            }
            let value = try parse(String(setting[setting.index(after: equals)...]), file: "--set \(path)")
            overrides.append(SweepOverride(path: path, keyPosition: .start, value: value))
        }
        return overrides
    }

    /// The folder a scenario file's relative paths (CSV data) are resolved against.
    static func directory(of file: String) -> String {
        URL(fileURLWithPath: file).deletingLastPathComponent().path
    }

    static func single(_ file: String, _ problem: String, expected: String,
                       at position: SourcePosition = .start) -> ScenarioError
    {
        ScenarioError(diagnostics: [ScenarioDiagnostic(file: file, position: position, problem: problem,
                                                       expected: expected)])
    }

    /// YAML text to a tree, with YAML syntax errors as diagnostics.
    static func parse(_ text: String, file: String, maxSeparators: Int = YAMLInputLimits.maxSeparators)
        throws(ScenarioError) -> SourceNode {
        guard text.utf8.count <= YAMLInputLimits.maxTextBytes else {
            throw single(file, "the text is \(text.utf8.count) bytes, more than \(YAMLInputLimits.maxTextBytes) (64 MiB)",
                         expected: "a scenario under 64 MiB (large data belongs in a data file)")
        }
        try YAMLInputLimits.checkFlowDepth(text, file: file, maxSeparators: maxSeparators)
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw yamlError(error, text: text, file: file)
        } catch {
            throw single(file, "the YAML cannot be read (\(error))", expected: "well-formed YAML")
        }
        guard let node else {
            throw single(file, "the file is empty", expected: "a mapping with name:, cluster: and workload:")
        }
        return try YAMLInputLimits.convert(node, file: file)
    }
}

/// A scenario with the YAML tree it was decoded from: what sweep planning needs, since a
/// sweep point is the file's tree with the point's values written in, decoded again (so a
/// swept value is validated exactly as if written at its key). A `Scenario` itself is
/// pure decoded data.
public struct SweepSource: Sendable {
    public internal(set) var scenario: Scenario
    /// The parsed file.
    let document: SourceNode

    /// The same source with its first seed replaced (`sweep --seed`): every point runs
    /// seeds `seed`, `seed+1`, ...
    public func withSeed(_ seed: UInt64) -> SweepSource {
        var copy = self
        copy.scenario.seed = seed
        return copy
    }
}

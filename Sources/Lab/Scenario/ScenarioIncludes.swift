import Foundation

/// `include:` *(sparksim)*: one fragment file, or a list of them, whose `spark:`,
/// `engine:` and `cluster.cpu:` sections the scenario takes as its own defaults: how a calibration written by
/// `sparksim calibrate` is used by `sparksim run` (REPLAY.md). The scenario's own keys win
/// over every fragment's, and an earlier fragment's over a later one's; `engine.control_plane`
/// and `cluster.cpu` mappings merge key by key. A fragment holds nothing but those sections, and is checked
/// on its own first, so a mistake in it is reported with its own file and line.
enum ScenarioIncludes {
    static let fragmentKeys = ["spark", "engine", "cluster"]

    /// `root` with its includes merged in and the `include:` key gone.
    static func resolve(_ root: SourceNode, file: String) throws(ScenarioError) -> SourceNode {
        guard case .mapping(var pairs, let position) = root,
              let index = pairs.firstIndex(where: { $0.key.scalarText == "include" }) else { return root }
        let includeNode = pairs.remove(at: index).value
        var paths: [(String, SourcePosition)] = []
        switch includeNode {
        case .scalar(let text, _, let at) where !includeNode.isNull: paths = [(text, at)]
        case .sequence(let items, _):
            for item in items {
                guard case .scalar(let text, _, let at) = item, !item.isNull else {
                    throw ScenarioLoader.single(file, "include: an item is \(item.shapeName)",
                                                expected: "a fragment file's path", at: item.position)
                }
                paths.append((text, at))
            }
        default:
            throw ScenarioLoader.single(file, "include: is \(includeNode.shapeName)",
                                        expected: "a fragment file's path or a list of them", at: includeNode.position)
        }
        var merged = SourceNode.mapping(pairs, position: position)
        for (path, at) in paths {
            merged = merge(merged, under: try fragment(path, from: file, at: at))
        }
        return merged
    }

    /// One fragment file, read, parsed and checked on its own.
    private static func fragment(_ path: String, from file: String, at position: SourcePosition) throws(ScenarioError)
        -> SourceNode {
        let resolved = path.hasPrefix("/") ? path : (ScenarioLoader.directory(of: file) as NSString).appendingPathComponent(path)
        try YAMLInputLimits.checkFileSize(resolved)
        guard let data = FileManager.default.contents(atPath: resolved), let text = String(data: data, encoding: .utf8) else {
            throw ScenarioLoader.single(file, "include: cannot read '\(path)'", expected: "a readable fragment file", at: position)
        }
        let node = try ScenarioLoader.parse(text, file: resolved)
        let sink = DecodingSink(file: resolved, baseDirectory: ScenarioLoader.directory(of: resolved))
        let decoder = EngineDecoder(sink: sink)
        if let f = decoder.fields(node, context: "an included fragment", allowed: fragmentKeys,
                                  expected: "a mapping with spark:, engine: and/or cluster: {cpu: ...}") {
            _ = SparkDecoder(sink: sink).decodeSpark(f.value("spark"))
            _ = decoder.decodeEngine(f.value("engine"))
            if let cluster = f.value("cluster"),
               let c = decoder.fields(cluster, context: "an included fragment's cluster", allowed: ["cpu"],
                                      expected: "cluster: {cpu: {physical_cores: N}}"),
               let cpu = c.value("cpu") {
                _ = ClusterDecoder(sink: sink).decodeCPU(cpu)
            }
        }
        guard !sink.hasErrors else { throw ScenarioError(diagnostics: sink.sortedDiagnostics) }
        return node
    }

    /// `top` over `base`: `top`'s keys win; mappings under `spark`, `engine`, `cluster`,
    /// `engine.control_plane` and `cluster.cpu` merge key by key.
    static func merge(_ top: SourceNode, under base: SourceNode, depth: Int = 0) -> SourceNode {
        guard case .mapping(var pairs, let position) = top, case .mapping(let basePairs, _) = base else { return top }
        for pair in basePairs {
            guard let key = pair.key.scalarText else { continue }
            if let index = pairs.firstIndex(where: { $0.key.scalarText == key }) {
                if depth < 2, case .mapping = pairs[index].value, case .mapping = pair.value {
                    pairs[index].value = merge(pairs[index].value, under: pair.value, depth: depth + 1)
                }
            } else {
                pairs.append(pair)
            }
        }
        return .mapping(pairs, position: position)
    }
}

import Sim

/// One sweep value to write into the file's tree before decoding it again.
///
/// Overrides act on the YAML tree, not on the typed `Scenario`, so a swept value is
/// validated and resolved exactly as if it had been written in the file at that key.
struct SweepOverride {
    /// `cluster.racks`, `spark.locality.wait`, ...
    var path: String
    /// Where the path was written: the position of keys and sections it creates.
    var keyPosition: SourcePosition
    var value: SourceNode

    /// The keys from the root: `spark.*` keys keep their dots (`spark` → `spark.locality.wait`).
    var segments: [String] {
        if path.hasPrefix("spark.") { return ["spark", path] }
        return path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }
}

/// Why a sweep path cannot be applied to the file's tree.
struct SweepPathError: Error, InputProblem {
    var problem: String
    var expected: String
}

extension SourceNode {
    /// This mapping with `override` applied: the key's value replaced, or the key (and any
    /// missing sections on its way) added at the override's position.
    ///
    /// With `compare:`, a `workload.` path sets its key in every variant of the list (the
    /// variants are workloads run side by side, so sweeping `workload.partitions` scales
    /// each of them the same way).
    func applying(_ override: SweepOverride) throws(SweepPathError) -> SourceNode {
        let segments = override.segments
        if segments.first == "workload", case .mapping(var pairs, let position) = self,
           let index = pairs.firstIndex(where: { $0.key.scalarText == "compare" }),
           case .sequence(let variants, let listPosition) = pairs[index].value
        {
            var replaced: [SourceNode] = []
            for variant in variants {
                replaced.append(try variant.applying(segments.dropFirst(), override: override))
            }
            pairs[index].value = .sequence(replaced, position: listPosition)
            return .mapping(pairs, position: position)
        }
        return try applying(segments[...], override: override)
    }

    private func applying(_ segments: ArraySlice<String>, override: SweepOverride) throws(SweepPathError)
        -> SourceNode
    {
        let pairs: [SourcePair]
        let position: SourcePosition
        switch self {
        case .sequence(var items, let pos):
            // A list entry by its position from 0 (`faults.0.mtbf`); entries are never added.
            guard let entry = Int(segments.first!), entry >= 0, entry < items.count, segments.count > 1 else {
                throw SweepPathError(
                    problem: "sweep parameter '\(override.path)' reaches into a list of \(items.count) with "
                        + "'\(segments.first!)'",
                    expected: "an entry's position from 0 to \(items.count - 1), then its key, like faults.0.mtbf")
            }
            items[entry] = try items[entry].applying(segments.dropFirst(), override: override)
            return .sequence(items, position: pos)
        case .mapping(let p, let pos): (pairs, position) = (p, pos)
        case .scalar where isNull: (pairs, position) = ([], self.position)
        default:
            throw SweepPathError(problem: "sweep parameter '\(override.path)' reaches into \(shapeName)",
                                 expected: "a path of mapping keys (and list positions) ending at a single value")
        }
        let key = segments.first!
        var newPairs = pairs
        let index = pairs.firstIndex { $0.key.scalarText == key }
        if segments.count == 1 {
            if let index {
                if case .scalar = pairs[index].value {} else {
                    throw SweepPathError(problem: "sweep parameter '\(override.path)' names a whole section",
                                         expected: "a path to a single value, like cluster.network.host_link")
                }
                newPairs[index].value = override.value
            } else {
                newPairs.append(SourcePair(key: .scalar(text: key, isPlain: true, position: override.keyPosition),
                                           value: override.value))
            }
            return .mapping(newPairs, position: position)
        }
        if let index {
            newPairs[index].value = try pairs[index].value.applying(segments.dropFirst(), override: override)
        } else {
            let section = SourceNode.mapping([], position: override.keyPosition)
            newPairs.append(SourcePair(key: .scalar(text: key, isPlain: true, position: override.keyPosition),
                                       value: try section.applying(segments.dropFirst(), override: override)))
        }
        return .mapping(newPairs, position: position)
    }
}

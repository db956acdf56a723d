import Engine

/// `sweep:`: a grid of parameter values, each checked by decoding the file with it.
struct SweepDecoder: SectionDecoder {
    let sink: DecodingSink

    /// `faults` (sparksim) takes a list position next: `faults.0.mtbf`.
    static let sweepRoots = ["cluster", "spark", "engine", "workload", "faults"]

    /// The scenario decoded from `document` with `overrides` applied (nil with diagnostics).
    func decodePoint(_ document: SourceNode, overrides: [SweepOverride]) -> Scenario? {
        guard let root = applying(overrides, to: document) else { return nil }
        return ScenarioDecoder(sink: sink).decodeDocument(root)
    }

    /// `document` with `overrides` written in, in order (nil with a diagnostic).
    func applying(_ overrides: [SweepOverride], to document: SourceNode) -> SourceNode? {
        var root = document
        for override in overrides {
            do {
                root = try root.applying(override)
            } catch {
                report(override.keyPosition, error)
                return nil
            }
        }
        return root
    }

    func decodeSweep(_ node: SourceNode, root: SourceNode) -> Scenario.Sweep? {
        guard let f = fields(node, context: "sweep", allowed: ["parameters", "seeds", "slices", "parallel"],
                             expected: "a mapping with parameters: and seeds:") else { return nil }
        let seeds = f.present("seeds").map { int($0, "seeds", range: 1...ScenarioLimits.maxSeeds) } ?? 1
        let slices = f.present("slices").map { int($0, "slices", range: 1...ScenarioLimits.maxSweepSlices) }
        let parallel = f.present("parallel").map { int($0, "parallel", range: 1...ScenarioLimits.maxSweepSlices) }
        if slices == .some(nil) || parallel == .some(nil) { return nil }
        let expected = "a mapping from a key path to its values, like cluster.racks: [1, 2, 4]"
        guard let p = required(f, "parameters", expected: expected) else { return nil }
        guard case .mapping(let pairs, _) = p, !pairs.isEmpty else {
            report(p.position, "sweep parameters is \(p.isNull ? "empty" : p.shapeName)", expected: expected)
            return nil
        }
        var parameters: [Scenario.SweepParameter] = []
        for pair in pairs {
            if let parameter = decodeSweepParameter(pair, root: root) { parameters.append(parameter) }
        }
        guard let seeds, parameters.count == pairs.count else { return nil }
        var sweep = Scenario.Sweep(parameters: parameters, seeds: seeds)
        sweep.slices = slices.flatMap { $0 }
        sweep.parallel = parallel.flatMap { $0 }
        let count = parameters.reduce(1) { $0.multipliedReportingOverflow(by: $1.values.count).partialValue }
        if count > ScenarioLimits.maxSweepPoints {
            report(p.position, "the sweep has \(count) points, above the limit \(ScenarioLimits.maxSweepPoints)",
                   expected: "fewer parameter values")
            return nil
        }
        if parameters.count > 1 && count <= ScenarioLimits.sweepPointsValidatedExhaustively {
            for point in sweep.points {
                let overrides = point.assignments.map { a in override(for: a, in: parameters) }
                if !checkPoint(root, overrides, reportAt: f.keyPosition("parameters")!, label: point.description) {
                    break
                }
            }
        }
        return hasErrors ? nil : sweep
    }

    private func decodeSweepParameter(_ pair: SourcePair, root: SourceNode) -> Scenario.SweepParameter? {
        guard let path = name(pair.key, "a sweep parameter") else { return nil }
        guard checkSweepPath(path, at: pair.key.position, root: root) else { return nil }
        let expected = "a non-empty list of values for \(path)"
        guard let items = list(pair.value, path, expected: expected) else { return nil }
        if items.isEmpty {
            report(pair.value.position, "\(path) has an empty list of values", expected: expected)
            return nil
        }
        var values: [String] = []
        for item in items {
            guard let text = item.scalarText, !item.isNull else {
                report(item.position, "a value of \(path) is \(item.shapeName)", expected: "single values")
                return nil
            }
            if values.contains(text) {
                report(item.position, "value \(text) of \(path) is listed twice", expected: "each value once")
                return nil
            }
            values.append(text)
            let override = SweepOverride(path: path, keyPosition: pair.key.position, value: item)
            if !checkPoint(root, [override], reportAt: item.position, label: "\(path)=\(text)") { return nil }
        }
        return Scenario.SweepParameter(path: path, values: values, keyPosition: pair.key.position, valueNodes: items)
    }

    /// A path must start at a swept section and, under `spark`, name a known Spark key.
    private func checkSweepPath(_ path: String, at position: SourcePosition, root: SourceNode) -> Bool {
        let rootKey = String(path.prefix { $0 != "." })
        let rest = path.dropFirst(rootKey.count + 1)
        guard Self.sweepRoots.contains(rootKey), path.contains("."), !rest.isEmpty,
              !path.hasSuffix("."), !path.contains("..") else {
            let hint = NameSuggestion.closest(to: rootKey, among: Self.sweepRoots)
                .map { " (did you mean '\($0).…'?)" } ?? ""
            report(position, "sweep parameter '\(path)' is not a key under cluster, spark, engine, workload "
                       + "or faults\(hint)",
                   expected: "a path like cluster.racks, spark.locality.wait, engine.shuffle_offers, "
                       + "workload.partitions or faults.0.mtbf")
            return false
        }
        if rootKey == "spark", SparkConfigRegistry.key(named: path) == nil {
            let error = SparkConfError.unknownKey(path)
            report(position, error)
            return false
        }
        return true
    }

    private func override(for assignment: Scenario.SweepAssignment, in parameters: [Scenario.SweepParameter])
        -> SweepOverride
    {
        let parameter = parameters.first { $0.path == assignment.path }!
        let index = parameter.values.firstIndex(of: assignment.value)!
        return SweepOverride(path: parameter.path, keyPosition: parameter.keyPosition,
                             value: parameter.valueNodes[index])
    }

    /// Decodes the file with `overrides`; reports its first problem here, in terms of the
    /// sweep: a problem with a swept value or key at that value or key, any other at
    /// `position` with the line it concerns.
    private func checkPoint(_ root: SourceNode, _ overrides: [SweepOverride],
                                     reportAt position: SourcePosition, label: String) -> Bool
    {
        let inner = DecodingSink(file: file, baseDirectory: baseDirectory)
        if SweepDecoder(sink: inner).decodePoint(root, overrides: overrides) != nil { return true }
        guard let d = inner.sortedDiagnostics.first else { return true }
        let direct = overrides.contains { $0.value.position == d.position || $0.keyPosition == d.position }
        if direct {
            report(d.position, d)
        } else {
            report(position, "with \(label), \(d.line):\(d.column): \(d.problem)", expected: d.expected)
        }
        return false
    }
}

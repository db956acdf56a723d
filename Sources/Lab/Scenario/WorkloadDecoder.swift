import Engine
import Sim

/// What workloads may refer to: the executors and hosts that exist at some point of the
/// run (nil when the cluster could not be decoded, so references are not checked).
struct WorkloadContext {
    var defaults: ExecutorDefaults
    /// Hosts at time 0, in cluster order.
    var initialHosts: KnownNames?
    /// Hosts at any time (time 0 and those of executors added by faults).
    var hosts: KnownNames?
    /// Executor ids at any time.
    var executors: KnownNames?
    /// The cluster at time 0 (nil when it could not be decoded): deep-learning checks GPUs.
    var cluster: Scenario.Cluster? = nil
}

/// Names in order (for messages and suggestions) with a set for membership, so checking
/// a million preferences against a million executors stays linear.
struct KnownNames {
    let ordered: [String]
    private let members: Set<String>

    init(_ names: [String]) {
        ordered = names
        members = Set(names)
    }

    func contains(_ name: String) -> Bool { members.contains(name) }
}

/// `workload:` and `compare:`: kind dispatch and the training workloads.
struct WorkloadDecoder: SectionDecoder {
    let sink: DecodingSink

    static let workloadKinds = WorkloadKindCatalog.kinds

    /// Decodes one workload mapping. `extraKeys` holds `variant` under `compare:`.
    func decodeWorkload(_ node: SourceNode, context: String, extraKeys: [String],
                                 ctx: WorkloadContext) -> Scenario.Workload?
    {
        guard case .mapping(let pairs, _) = node else {
            report(node.position, "\(context) is \(node.shapeName)", expected: "a mapping with kind: and its keys")
            return nil
        }
        guard let kindNode = pairs.first(where: { $0.key.scalarText == "kind" })?.value else {
            reportMissingKind(pairs, at: node.position, in: context,
                              expected: "kind: one of " + Self.workloadKinds.joined(separator: ", "))
            return nil
        }
        guard let kind = text(kindNode, "kind", expected: "one of " + Self.workloadKinds.joined(separator: ", "))
        else { return nil }
        switch kind {
        case "scripted":
            // `stop_after` ends the application, so an application's phase has none.
            let stop = context == "workload" ? ["stop_after"] : []
            guard let f = fields(node, context: context, allowed: ["kind", "jobs"] + stop + extraKeys) else { return nil }
            return ScriptedDecoder(sink: sink).decodeScripted(f, ctx: ctx).map { .scripted($0) }
        case "collective":
            let allowed = ["kind", "algorithm", "bytes", "ranks", "groups"] + extraKeys
            guard let f = fields(node, context: context, allowed: allowed) else { return nil }
            return decodeCollective(f, ctx: ctx).map { .collective($0) }
        case "logistic-regression":
            let allowed = ["kind", "style", "data", "partitions", "solver", "max_iter", "tol", "reg_param",
                           "represents_features"]
                + TrainingOptionsDecoder.trainingOptionKeys + extraKeys
            guard let f = fields(node, context: context, allowed: allowed) else { return nil }
            guard var workload = LogisticRegressionDecoder(sink: sink).decodeLogisticRegression(f) else { return nil }
            guard let options = TrainingOptionsDecoder(sink: sink).decodeTrainingOptions(f, barrier: workload.style == .barrierAllreduce) else { return nil }
            workload.options = options
            return .logisticRegression(workload)
        case "deep-learning":
            guard let f = fields(node, context: context, allowed: DeepLearningDecoder.deepLearningKeys + extraKeys) else { return nil }
            return DeepLearningDecoder(sink: sink).decodeDeepLearning(f, ctx: ctx).map { .deepLearning($0) }
        case "kmeans":
            let allowed = TrainingKindsDecoder.kMeansKeys + TrainingOptionsDecoder.trainingOptionKeys + extraKeys
            guard let f = fields(node, context: context, allowed: allowed), var workload = TrainingKindsDecoder(sink: sink).decodeKMeans(f),
                  let options = TrainingOptionsDecoder(sink: sink).decodeTrainingOptions(f, barrier: workload.style == .barrierAllreduce)
            else { return nil }
            workload.options = options
            return .kMeans(workload)
        case "gbt":
            let allowed = TrainingKindsDecoder.gradientBoostedTreesKeys + TrainingOptionsDecoder.trainingOptionKeys + extraKeys
            guard let f = fields(node, context: context, allowed: allowed),
                  var workload = TrainingKindsDecoder(sink: sink).decodeGradientBoostedTrees(f),
                  let options = TrainingOptionsDecoder(sink: sink).decodeTrainingOptions(f, barrier: workload.style == .barrierAllreduce)
            else { return nil }
            workload.options = options
            return .gradientBoostedTrees(workload)
        case "application":
            guard let f = fields(node, context: context, allowed: ["kind", "phases"] + extraKeys) else { return nil }
            return ApplicationDecoder(sink: sink).decodeApplication(f, ctx: ctx).map { .application($0) }
        default:
            let hint = Self.didYouMean(kind, Self.workloadKinds)
            report(kindNode.position, "workload kind '\(kind)' is not supported yet\(hint)",
                   expected: "one of " + Self.workloadKinds.joined(separator: ", "))
            return nil
        }
    }

    /// `compare:`: workload mappings, each with a unique `variant:` name.
    func decodeCompare(_ node: SourceNode, ctx: WorkloadContext) -> [Scenario.Variant]? {
        let expected = "a list of workloads, each with variant: <name> and kind:"
        guard let items = list(node, "compare", expected: expected) else { return nil }
        if items.isEmpty {
            report(node.position, "compare is an empty list", expected: expected)
            return nil
        }
        var variants: [Scenario.Variant] = []
        var seen: [String: SourcePosition] = [:]
        var failed = false
        for (index, item) in items.enumerated() {
            var variantName: String?
            if case .mapping(let pairs, let position) = item {
                if let v = pairs.first(where: { $0.key.scalarText == "variant" })?.value {
                    variantName = name(v, "variant")
                    if let n = variantName, let first = seen[n] {
                        report(v.position, "variant '\(n)' is already defined at \(first)",
                               expected: "unique variant names")
                        variantName = nil
                    } else if let n = variantName {
                        seen[n] = v.position
                    }
                } else {
                    report(position, "missing key 'variant' in compare entry \(index)",
                           expected: "variant: a name for this workload in the summary")
                }
            }
            let context = variantName.map { "variant '\($0)'" } ?? "compare entry \(index)"
            let workload = decodeWorkload(item, context: context, extraKeys: ["variant"], ctx: ctx)
            if let workload, let variantName {
                variants.append(Scenario.Variant(name: variantName, workload: workload))
            } else {
                failed = true
            }
        }
        return failed ? nil : variants
    }

    private func decodeCollective(_ f: Fields, ctx: WorkloadContext) -> Scenario.CollectiveWorkload? {
        let names = CollectiveAlgorithm.allreduces.map(\.rawValue)
        let algorithm = required(f, "algorithm", expected: names.joined(separator: " | "))
            .flatMap { choice($0, "algorithm", names) }.flatMap(CollectiveAlgorithm.init(rawValue:))
        let bytes = required(f, "bytes", expected: "the size each rank contributes, like 100MiB")
            .flatMap { size($0, "bytes", positive: true) }
        guard exclusive(f, ["ranks", "groups"], expected: "ranks: N or groups: [...], not both") else { return nil }
        var participants: Scenario.CollectiveWorkload.Participants?
        if let r = f.value("ranks") {
            let hostCount = ctx.initialHosts?.ordered.count ?? ScenarioLimits.maxTasksPerStage
            if let ranks = int(r, "ranks", range: 1...ScenarioLimits.maxTasksPerStage) {
                if ranks > hostCount {
                    report(r.position, "ranks: \(ranks) but the cluster has \(hostCount) hosts at time 0",
                           expected: "at most one rank per host (ranks <= \(hostCount))")
                } else {
                    participants = .ranks(ranks)
                }
            }
        } else if let g = f.value("groups") {
            participants = decodeGroups(g, ctx: ctx).map { .groups($0) }
        } else {
            report(f.position, "missing key 'ranks' in \(f.context)",
                   expected: "ranks: N (one per host) or groups: [...]")
        }
        guard let algorithm, let bytes, let participants else { return nil }
        return Scenario.CollectiveWorkload(algorithm: algorithm, bytes: bytes, participants: participants)
    }

    private func decodeGroups(_ node: SourceNode, ctx: WorkloadContext) -> [[String]]? {
        let expected = "a list of groups like {hosts: [host0-0, host0-1]}"
        guard let items = list(node, "groups", expected: expected), !items.isEmpty else {
            if case .sequence = node { report(node.position, "groups is an empty list", expected: expected) }
            return nil
        }
        var groups: [[String]] = []
        for (index, item) in items.enumerated() {
            guard let f = fields(item, context: "group \(index)", allowed: ["hosts"], expected: expected),
                  let h = required(f, "hosts", expected: "the hosts of this group, in rank order"),
                  let hosts = hostList(h, "hosts", known: ctx.initialHosts, nonEmpty: true)
            else { continue }
            groups.append(hosts)
        }
        return groups.count == items.count ? groups : nil
    }
}

/// Name checks shared by the sections that refer to hosts and other named things.
extension SectionDecoder {
    /// A list of distinct host names, each in `known` (when known).
    func hostList(_ node: SourceNode, _ what: String, known: KnownNames?, nonEmpty: Bool) -> [String]? {
        let expected = "a list of host names like [host0-0, host0-1]"
        guard let items = list(node, what, expected: expected) else { return nil }
        if nonEmpty && items.isEmpty {
            report(node.position, "\(what) is an empty list", expected: expected)
            return nil
        }
        var hosts: [String] = []
        var seen = Set<String>()
        for item in items {
            guard let host = name(item, "host") else { return nil }
            if !seen.insert(host).inserted {
                report(item.position, "host '\(host)' is listed twice in \(what)", expected: "each host once")
                return nil
            }
            if let known, !known.contains(host) {
                reportUnknown("host", host, at: item.position, among: known.ordered)
                return nil
            }
            hosts.append(host)
        }
        return hosts
    }

    /// A mapping without `kind:`: a misspelt `kind` key is reported as such, else the
    /// missing key (the other keys cannot be checked without knowing the kind).
    func reportMissingKind(_ pairs: [SourcePair], at position: SourcePosition, in context: String,
                           expected: String)
    {
        let typo = pairs.first { pair in
            pair.key.scalarText.map { NameSuggestion.closest(to: $0, among: ["kind"]) } == "kind"
        }
        if let typo, let key = typo.key.scalarText
        {
            report(typo.key.position, "unknown key '\(key)' in \(context) (did you mean 'kind'?)", expected: expected)
        } else {
            report(position, "missing key 'kind' in \(context)", expected: expected)
        }
    }

    /// An unknown reference, with the closest known name as a suggestion.
    func reportUnknown(_ noun: String, _ name: String, at position: SourcePosition, among known: [String],
                       expected: String? = nil)
    {
        let hint = Self.didYouMean(name, known)
        let listed = known.count <= 12 ? "one of " + known.joined(separator: ", ") : "a \(noun) of the cluster"
        report(position, "unknown \(noun) '\(name)'\(hint)",
               expected: expected ?? (known.isEmpty ? "a \(noun) of the cluster" : listed))
    }
}

import Engine
import Sim

/// The whole file: top-level keys, then each section by its own decoder in dependency
/// order (spark before cluster before workload before faults), all reporting to one sink.
struct ScenarioDecoder: SectionDecoder {
    let sink: DecodingSink

    init(sink: DecodingSink) { self.sink = sink }

    /// A decoder with a sink of its own.
    init(file: String, baseDirectory: String) {
        sink = DecodingSink(file: file, baseDirectory: baseDirectory)
    }

    var sortedDiagnostics: [ScenarioDiagnostic] { sink.sortedDiagnostics }

    static let topLevelKeys = ["name", "seed", "description", "cluster", "spark", "pools", "resource_profiles",
                               "engine", "workload", "compare", "faults", "sweep"]

    /// The scenario, or nil when anything was reported. `sweep:` is decoded by the loader
    /// once the rest is valid (its values are checked by decoding the file again).
    func decodeDocument(_ root: SourceNode) -> Scenario? {
        guard let f = fields(root, context: "the scenario", allowed: Self.topLevelKeys,
                             expected: "a mapping with name:, cluster: and workload:") else { return nil }
        let scenarioName = required(f, "name", expected: "the scenario's name (used for the output folder)")
            .flatMap { folderName($0) }
        let seed = f.present("seed").map { uint64($0, "seed") } ?? 0
        let description: String?? = f.present("description").map { text($0, "description") }
        let conf = SparkDecoder(sink: sink).decodeSpark(f.value("spark"))
        let profiles = SparkDecoder(sink: sink).decodeResourceProfiles(f.value("resource_profiles"), conf: conf)
        let pools = PoolsDecoder(sink: sink).decodePools(f.value("pools"))
        let defaults = ExecutorDefaults(conf: conf, profiles: profiles)
        let cluster = required(f, "cluster", expected: "executors:, master: or racks:/hosts_per_rack:")
            .flatMap { node in
                ClusterDecoder(sink: sink).decodeCluster(node, defaults: defaults,
                                                         addedHosts: Self.addedExecutors(f.value("faults")).map(\.host))
            }
        let engine = EngineDecoder(sink: sink).decodeEngine(f.value("engine"))
        let (variants, scripted) = decodeVariants(f, cluster: cluster?.0, defaults: defaults)
        let faultContext = FaultContext(defaults: defaults, initialExecutors: cluster?.0.executors, scripted: scripted)
        let (faults, added) = FaultsDecoder(sink: sink).decodeFaults(f.value("faults"), ctx: faultContext)
        let notes = FaultsDecoder(sink: sink).decodeNotes(f.value("faults"))
        if let cluster {
            let all = cluster.1 + added
            ExecutorDecoder(sink: sink).checkExecutors(all, conf: conf)
            RunnableCheck(sink: sink).checkStagesRunnable(on: all.map(\.executor))
            if all.count > ScenarioLimits.maxExecutors, let at = f.keyPosition("faults") {
                report(at, "faults add executors beyond the limit of \(ScenarioLimits.maxExecutors)",
                       expected: "at most \(ScenarioLimits.maxExecutors) executors in all")
            }
        }
        guard !hasErrors, let scenarioName, let seed, description != .some(nil), let cluster, let variants,
              let faults
        else { return nil }
        var scenario = Scenario(file: file, name: scenarioName, seed: seed, description: description.flatMap { $0 },
                                cluster: cluster.0, spark: conf, pools: pools, resourceProfiles: profiles,
                                engine: engine, variants: variants.list, isComparison: variants.isComparison,
                                faults: faults, sweep: nil, sweepPoint: nil)
        scenario.faultNotes = notes
        return scenario
    }

    /// The scenario's name, which becomes a folder name: no path separators, not `.`/`..`.
    private func folderName(_ node: SourceNode) -> String? {
        guard let text = name(node, "name") else { return nil }
        if text.contains("/") || text.contains("\\") || text == "." || text == ".." {
            report(node.position, "name '\(text)' cannot be a folder name",
                   expected: "a name without '/' or '\\', other than . and ..")
            return nil
        }
        return text
    }

    /// `workload:` or `compare:` (exactly one), and the complete scripted workloads among
    /// them (the ones task-level faults are checked against).
    private func decodeVariants(_ f: Fields, cluster: Scenario.Cluster?, defaults: ExecutorDefaults)
        -> ((list: [Scenario.Variant], isComparison: Bool)?, [Scenario.ScriptedWorkload])
    {
        let added = Self.addedExecutors(f.value("faults"))
        let ctx = WorkloadContext(
            defaults: defaults, initialHosts: cluster.map { KnownNames($0.hosts.map(\.id)) },
            hosts: cluster.map { c in KnownNames(Self.appendingNew(c.hosts.map(\.id), added.map(\.host))) },
            executors: cluster.map { c in KnownNames(Self.appendingNew(c.executors.map(\.id), added.map(\.id))) },
            cluster: cluster)
        guard exclusive(f, ["workload", "compare"], expected: "workload: for one workload or compare: for variants")
        else { return (nil, []) }
        let before = diagnostics.count
        var variants: (list: [Scenario.Variant], isComparison: Bool)?
        if let w = f.value("workload") {
            variants = WorkloadDecoder(sink: sink).decodeWorkload(w, context: "workload", extraKeys: [], ctx: ctx)
                .map { ([Scenario.Variant(name: "", workload: $0)], false) }
        } else if let c = f.value("compare") {
            variants = WorkloadDecoder(sink: sink).decodeCompare(c, ctx: ctx).map { ($0, true) }
        } else if !f.misspells("workload") && !f.misspells("compare") {
            report(f.position, "missing key 'workload' in the scenario",
                   expected: "workload: {kind: scripted, jobs: [...]} (or compare: [...] for variants)")
        }
        guard diagnostics.count == before, let variants else { return (variants, []) }
        let scripted = variants.list.compactMap { v -> Scenario.ScriptedWorkload? in
            if case .scripted(let s) = v.workload { return s }
            if case .application(let a) = v.workload, !a.scriptedJobs.jobs.isEmpty { return a.scriptedJobs }
            return nil
        }
        return (variants, scripted)
    }

    /// `(id, host)` of executors that `executor-added` faults bring, read leniently (the
    /// faults themselves are checked later) so that workloads may prefer them.
    static func addedExecutors(_ faults: SourceNode?) -> [(id: String, host: String)] {
        guard case .sequence(let items, _)? = faults else { return [] }
        var result: [(id: String, host: String)] = []
        for case .mapping(let pairs, _) in items {
            func value(_ key: String, in pairs: [SourcePair]) -> SourceNode? {
                pairs.first { $0.key.scalarText == key }?.value
            }
            guard value("kind", in: pairs)?.scalarText == "executor-added",
                  case .mapping(let e, _)? = value("executor", in: pairs),
                  let id = value("id", in: e)?.scalarText, let host = value("host", in: e)?.scalarText
            else { continue }
            result.append((id, host))
        }
        return result
    }

    static func appendingNew(_ base: [String], _ extra: [String]) -> [String] {
        var result = base
        var seen = Set(base)
        for name in extra where seen.insert(name).inserted { result.append(name) }
        return result
    }
}

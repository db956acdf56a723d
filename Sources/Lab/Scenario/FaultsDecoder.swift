import Engine
import Sim

/// What faults may refer to.
struct FaultContext {
    var defaults: ExecutorDefaults
    /// Executors and hosts at time 0; nil when the cluster could not be decoded.
    var initialExecutors: [Scenario.Executor]?
    /// Scripted variants whose stages task-level faults must name (complete ones only).
    var scripted: [Scenario.ScriptedWorkload]
}

/// `faults:`, every kind of docs/scenario.md with its keys.
struct FaultsDecoder: SectionDecoder {
    let sink: DecodingSink

    static let faultKeys: [String: [String]] = [
        "task-failure": ["job", "stage", "partition", "attempt", "stage_attempt", "after"],
        "fetch-failure": ["job", "stage", "partition", "attempt", "stage_attempt", "after", "map_stage",
                          "map_partition"],
        "executor-lost": ["executor", "at"],
        "host-lost": ["host", "at"],
        "host-unreachable": ["host", "at"],
        "executor-added": ["executor", "at"],
        "straggler": ["host", "slowdown", "from", "until"],
        "link-degraded": ["host", "factor", "from", "until"],
        "gpu-failed": ["executor", "gpu", "at"],
        "random-task-failures": ["probability"],
        "random-executor-loss": ["mtbf", "distribution", "shape"],
    ]
    static let faultKinds = ["task-failure", "fetch-failure", "executor-lost", "host-lost", "host-unreachable",
                             "executor-added",
                             "straggler", "link-degraded", "gpu-failed", "random-task-failures",
                             "random-executor-loss"]

    /// Each fault's `note:` (sparksim), in list order: why the scenario injects it, printed
    /// beside it in the report so an intended failure reads as intended. Call after
    /// `decodeFaults` succeeded (the list is then well formed).
    func decodeNotes(_ node: SourceNode?) -> [String?] {
        guard let node, case .sequence(let items, _) = node else { return [] }
        return items.map { item in
            guard case .mapping(let pairs, _) = item, let note = pairs.first(where: { $0.key.scalarText == "note" })
            else { return nil }
            return text(note.value, "note", expected: "a sentence saying why the fault is injected")
        }
    }

    /// Decodes the list; references to executors and hosts are checked in time order
    /// (an added executor exists from its `at`, a lost one no longer after its `at`).
    /// The faults (nil after an error) and the executors added by the ones that decoded.
    func decodeFaults(_ node: SourceNode?, ctx: FaultContext) -> ([Scenario.Fault]?, [DecodedExecutor]) {
        guard let node, !node.isNull else { return ([], []) }
        let expected = "a list of faults like {kind: executor-lost, executor: exec1, at: 5s}"
        guard let items = list(node, "faults", expected: expected) else { return (nil, []) }
        var faults: [(Scenario.Fault, SourceNode)] = []
        var added: [DecodedExecutor] = []
        var failed = false
        for (index, item) in items.enumerated() {
            guard let fault = decodeFault(item, index: index, ctx: ctx, added: &added) else { failed = true; continue }
            faults.append((fault, item))
        }
        if let initial = ctx.initialExecutors { TaskFaultDecoder(sink: sink).checkFaultTimeline(faults, initial: initial, added: added) }
        return (failed ? nil : faults.map(\.0), added)
    }

    private func decodeFault(_ node: SourceNode, index: Int, ctx: FaultContext,
                                      added: inout [DecodedExecutor]) -> Scenario.Fault?
    {
        let expectedKinds = "kind: one of " + Self.faultKinds.joined(separator: ", ")
        guard case .mapping(let pairs, let position) = node else {
            report(node.position, "fault \(index) is \(node.shapeName)", expected: "a mapping with \(expectedKinds)")
            return nil
        }
        guard let kindNode = pairs.first(where: { $0.key.scalarText == "kind" })?.value else {
            reportMissingKind(pairs, at: position, in: "fault \(index)", expected: expectedKinds)
            return nil
        }
        guard let kind = choice(kindNode, "kind", Self.faultKinds),
              let f = fields(node, context: "fault \(index) (\(kind))", allowed: ["kind", "note"] + Self.faultKeys[kind]!)
        else { return nil }
        switch kind {
        case "task-failure":
            return TaskFaultDecoder(sink: sink).decodeTaskFault(f, ctx: ctx).map { .taskFailure($0) }
        case "fetch-failure":
            return TaskFaultDecoder(sink: sink).decodeFetchFault(f, ctx: ctx).map { .fetchFailure($0) }
        case "executor-lost", "host-lost", "host-unreachable":
            let key = kind == "executor-lost" ? "executor" : "host"
            let target = required(f, key, expected: "the \(key) id").flatMap { name($0, key) }
            let at = required(f, "at", expected: "when it happens, like 5s").flatMap { instant($0, "at") }
            guard let target, let at else { return nil }
            switch kind {
            case "executor-lost": return .executorLost(executor: target, at: at)
            case "host-lost": return .hostLost(host: target, at: at)
            default: return .hostUnreachable(host: target, at: at)
            }
        case "executor-added":
            let e = required(f, "executor", expected: "{id, host, rack, cores, ...}")
                .flatMap { ExecutorDecoder(sink: sink).decodeExecutor($0, context: "added executor", defaults: ctx.defaults) }
            let at = required(f, "at", expected: "when it registers, like 2s").flatMap { instant($0, "at") }
            guard let e, let at else { return nil }
            added.append(e)
            return .executorAdded(e.executor, at: at)
        case "straggler", "link-degraded":
            return decodeSlowdown(f, kind: kind, ctx: ctx)
        case "gpu-failed":
            return GPUFaultDecoder(sink: sink).decodeGPUFault(f)
        case "random-task-failures":
            let p = required(f, "probability", expected: "the chance each task attempt fails, from 0 to 1")
                .flatMap { double($0, "probability", expected: "a number from 0 to 1") { $0 >= 0 && $0 <= 1 } }
            return p.map { .randomTaskFailures(probability: $0) }
        default:
            return decodeRandomLoss(f)
        }
    }

    private func decodeSlowdown(_ f: Fields, kind: String, ctx: FaultContext) -> Scenario.Fault? {
        let host = required(f, "host", expected: "the host it affects").flatMap { name($0, "host") }
        let amount: Double?
        if kind == "straggler" {
            amount = required(f, "slowdown", expected: "how many times slower, at least 1, like 3.0")
                .flatMap { double($0, "slowdown", expected: "a number of at least 1 (1 = normal speed)") { $0 >= 1 } }
        } else {
            amount = required(f, "factor", expected: "the fraction of the link's rate left, like 0.1")
                .flatMap {
                    double($0, "factor", expected: "a number greater than 0 and at most 1") { $0 > 0 && $0 <= 1 }
                }
        }
        let from = f.present("from").map { instant($0, "from") } ?? .zero
        let until = f.present("until").map { instant($0, "until") }
        guard let host, let amount, let from, until != .some(nil) else { return nil }
        if let u = until.flatMap({ $0 }), u <= from {
            report(f.value("until")!.position, "until \(TaskFaultDecoder.text(u)) is not after from \(TaskFaultDecoder.text(from))",
                   expected: "until later than from")
            return nil
        }
        let end = until.flatMap { $0 }
        return kind == "straggler" ? .straggler(host: host, slowdown: amount, from: from, until: end)
            : .linkDegraded(host: host, factor: amount, from: from, until: end)
    }

    private func decodeRandomLoss(_ f: Fields) -> Scenario.Fault? {
        let mtbf = required(f, "mtbf", expected: "the mean time between executor failures, like 2h")
            .flatMap { duration($0, "mtbf", positive: true) }
        let distribution = f.present("distribution").map { choice($0, "distribution", ["exponential", "weibull"]) }
            ?? "exponential"
        guard let mtbf, let distribution else { return nil }
        if distribution == "exponential" {
            if let shape = f.keyPosition("shape") {
                report(shape, "shape applies only to the weibull distribution",
                       expected: "distribution: weibull, or no shape")
                return nil
            }
            return .randomExecutorLoss(mtbf: mtbf, distribution: .exponential)
        }
        let shape = required(f, "shape", expected: "the Weibull shape parameter, greater than 0, like 1.5")
            .flatMap { double($0, "shape", expected: "a number greater than 0") { $0 > 0 } }
        return shape.map { .randomExecutorLoss(mtbf: mtbf, distribution: .weibull(shape: $0)) }
    }
}

import Engine
import Sim

/// An executor as decoded, with the positions later checks point at.
struct DecodedExecutor {
    var executor: Scenario.Executor
    var position: SourcePosition
    var idPosition: SourcePosition
    var hostPosition: SourcePosition
    var rackPosition: SourcePosition?
    var coresPosition: SourcePosition?
    /// Made from a `master:` URL or a generated layout: its template was checked once.
    var isGenerated = false
}

/// What executor defaults come from: Spark's configuration and the resource profiles.
struct ExecutorDefaults {
    var conf: SparkConf
    var profiles: [Scenario.ResourceProfile]
}

struct ExecutorDecoder: SectionDecoder {
    let sink: DecodingSink

    static let executorKeys = ["id", "host", "rack", "cores", "gpus", "memory", "profile"]

    /// One `{id, host, rack, cores, gpus, memory, profile}`; cores, GPUs and memory default
    /// to the profile's executor resources, else `spark.executor.cores`,
    /// `spark.executor.resource.gpu.amount` and `spark.executor.memory`.
    func decodeExecutor(_ node: SourceNode, context: String, defaults: ExecutorDefaults)
        -> DecodedExecutor?
    {
        let label = PoolsDecoder.peekName(node, key: "id").map { "\(context) '\($0)'" } ?? context
        guard let f = fields(node, context: label, allowed: Self.executorKeys,
                             expected: "a mapping like {id: exec1, host: host1, rack: rack1, cores: 2}")
        else { return nil }
        let idNode = required(f, "id", expected: "the executor id")
        let hostNode = required(f, "host", expected: "the host it runs on")
        let id = idNode.flatMap { name($0, "id") }
        let host = hostNode.flatMap { name($0, "host") }
        let rack = f.present("rack").map { name($0, "rack") }
        let template = decodeExecutorTemplate(f, label: label, defaults: defaults)
        guard let id, let host, let idNode, let hostNode, let template, rack != .some(nil) else { return nil }
        let executor = Scenario.Executor(id: id, host: host, rack: rack.flatMap { $0 }, cores: template.cores,
                                         gpus: template.gpus, memory: template.memory, profile: template.profile)
        return DecodedExecutor(executor: executor, position: f.position, idPosition: idNode.position,
                               hostPosition: hostNode.position, rackPosition: f.present("rack")?.position,
                               coresPosition: f.present("cores")?.position)
    }

    /// The resources of an executor (`cores`, `gpus`, `memory`, `profile`) from `f`.
    func decodeExecutorTemplate(_ f: Fields, label: String, defaults: ExecutorDefaults)
        -> (cores: Int, gpus: Int, memory: ByteCount, profile: String?)?
    {
        var profile: Scenario.ResourceProfile?
        var failed = false
        if let p = f.present("profile") {
            switch resolveProfile(p, defaults: defaults, forExecutor: true) {
            case .some(let resolved): profile = resolved
            case .none: failed = true
            }
        }
        let fromProfile = profile?.executor
        let cores = f.present("cores").map { int($0, "cores", range: 1...ScenarioLimits.maxCoresPerExecutor) }
        let gpus = f.present("gpus").map { int($0, "gpus", range: 0...ScenarioLimits.maxGPUsPerExecutor) }
        let memory = f.present("memory").map { size($0, "memory", positive: true) }
        if cores == .some(nil) || gpus == .some(nil) || memory == .some(nil) || failed { return nil }
        if let fromProfile, let profile {
            let mismatches: [(String, String, String)] = [
                ("cores", cores.flatMap { $0 }.map(String.init) ?? "", String(fromProfile.cores)),
                ("gpus", gpus.flatMap { $0 }.map(String.init) ?? "", String(fromProfile.gpus)),
                ("memory", memory.flatMap { $0 }?.description ?? "", fromProfile.memory.description),
            ]
            for (key, given, wanted) in mismatches where !given.isEmpty && given != wanted {
                report(f.value(key)?.position ?? f.position,
                       "\(label) has \(key) \(given) but profile '\(profile.name)' launches executors with \(wanted)",
                       expected: "\(key): \(wanted), or no \(key) (it follows the profile)")
                return nil
            }
        }
        return (cores: cores.flatMap { $0 } ?? fromProfile?.cores ?? defaults.conf.executorCores,
                gpus: gpus.flatMap { $0 } ?? fromProfile?.gpus ?? defaults.conf.executorGPUAmount,
                memory: memory.flatMap { $0 } ?? fromProfile?.memory
                    ?? ByteCount(bytes: defaults.conf.executorMemoryBytes),
                profile: profile?.name)
    }

    /// A profile name: `.some(nil)` for `default`, `.some(profile)` when defined, nil
    /// (reported) otherwise. Executors need a profile with executor resources.
    func resolveProfile(_ node: SourceNode, defaults: ExecutorDefaults, forExecutor: Bool)
        -> Scenario.ResourceProfile??
    {
        guard let text = name(node, forExecutor ? "profile" : "resource_profile") else { return nil }
        if text == "default" { return .some(nil) }
        let names = defaults.profiles.map(\.name)
        guard let profile = defaults.profiles.first(where: { $0.name == text }) else {
            let hint = Self.didYouMean(text, names)
            report(node.position, "unknown resource profile '\(text)'\(hint)",
                   expected: names.isEmpty ? "a profile defined under resource_profiles:"
                       : "one of " + (["default"] + names).joined(separator: ", "))
            return nil
        }
        if forExecutor && profile.executor == nil {
            report(node.position, "profile '\(text)' has no executor resources (a task-only profile)",
                   expected: "a profile with executor: {cores, gpus}; task-only profiles run on default executors")
            return nil
        }
        return .some(profile)
    }

    /// Checks that span executors: unique ids, one rack per host, racks named by all or
    /// none, and default-profile executors big enough for `spark.task.cpus` (generated
    /// executors share a template, which is checked once instead).
    func checkExecutors(_ executors: [DecodedExecutor], conf: SparkConf) {
        var ids: [String: SourcePosition] = [:]
        var hostRacks: [String: (rack: String?, position: SourcePosition)] = [:]
        let anyRack = executors.contains { $0.executor.rack != nil }
        let generatedWithoutRack = executors.contains { $0.isGenerated && $0.executor.rack == nil }
        for decoded in executors {
            let e = decoded.executor
            if let first = ids[e.id] {
                report(decoded.idPosition, "executor id '\(e.id)' is already used at \(first)",
                       expected: "unique executor ids")
            } else {
                ids[e.id] = decoded.idPosition
            }
            if anyRack && e.rack == nil && !decoded.isGenerated {
                report(decoded.position, "executor '\(e.id)' names no rack while others do",
                       expected: "rack: on every executor, or on none (then all hosts form one rack)")
            } else if generatedWithoutRack, let rack = e.rack, let at = decoded.rackPosition {
                report(at, "executor '\(e.id)' names rack '\(rack)' but the master URL's executors have none",
                       expected: "no rack: on executors added to a master: cluster")
            }
            if let known = hostRacks[e.host] {
                if let rack = e.rack, let other = known.rack, rack != other {
                    report(decoded.rackPosition ?? decoded.hostPosition,
                           "host '\(e.host)' is in rack '\(other)' at \(known.position), not '\(rack)'",
                           expected: "one rack per host")
                }
            } else {
                hostRacks[e.host] = (e.rack, decoded.rackPosition ?? decoded.hostPosition)
            }
            if !decoded.isGenerated {
                checkTaskCPUs(e, at: decoded.coresPosition ?? decoded.position, conf: conf)
            }
        }
    }

    /// Spark refuses to start when an executor has fewer cores than `spark.task.cpus`.
    func checkTaskCPUs(_ e: Scenario.Executor, at position: SourcePosition, conf: SparkConf) {
        guard e.profile == nil && e.cores < conf.taskCPUs else { return }
        report(position,
               "executor '\(e.id)' has \(Self.count(e.cores, "core")) but spark.task.cpus is \(conf.taskCPUs)",
               expected: "at least spark.task.cpus cores per executor, as Spark requires")
    }
}

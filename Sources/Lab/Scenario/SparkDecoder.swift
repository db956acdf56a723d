import Engine
import Sim

/// The `spark:`, `resource_profiles:`, `pools:` and `engine:` sections.
struct SparkDecoder: SectionDecoder {
    let sink: DecodingSink

    /// The `spark:` section, typed through Engine's registry, and where each key was
    /// written (so later checks can point at the setting they contradict).
    func decodeSpark(_ node: SourceNode?) -> SparkConf {
        var conf = SparkConf()
        var positions: [String: SourcePosition] = [:]
        guard let node, !node.isNull else { return conf }
        guard case .mapping(let pairs, _) = node else {
            report(node.position, "spark is \(node.shapeName)",
                   expected: "a mapping of Spark keys, like spark.locality.wait: 3s")
            return conf
        }
        for pair in pairs {
            guard let name = pair.key.scalarText else {
                report(pair.key.position, "a key in spark is \(pair.key.shapeName)",
                       expected: "a Spark key like spark.locality.wait")
                continue
            }
            guard let key = SparkConfigRegistry.key(named: name) else {
                let error = SparkConfError.unknownKey(name)
                report(pair.key.position, error)
                continue
            }
            guard let value = sparkValue(pair.value, key: key) else { continue }
            do {
                try conf.set(name, value)
                positions[name] = pair.key.position
            } catch {
                report(pair.value.position, error)
            }
        }
        for conflict in conf.conflicts() {
            let blamed = conflict.keys.first { positions[$0] != nil }
            report(blamed.flatMap { positions[$0] } ?? node.position, conflict.error.problem,
                   expected: conflict.error.expected)
        }
        return conf
    }

    /// Parses one value as its key's kind, with the key's bare unit.
    private func sparkValue(_ node: SourceNode, key: SparkConfigKey) -> SparkConfigValue? {
        let what = key.name
        guard let text = text(node, what, expected: key.kind.expectation) else { return nil }
        switch key.kind {
        case .duration(let unit):
            do {
                return .duration(nanoseconds: try DurationFormat.parse(text, bareUnitNanoseconds: unit).nanoseconds)
            } catch {
                report(node.position, "\(what): \(error.problem)", expected: key.kind.expectation)
                return nil
            }
        case .size(let unit):
            do {
                return .bytes(try ByteCount.parse(text, bareUnitBytes: unit).bytes)
            } catch {
                report(node.position, "\(what): \(error.problem)", expected: key.kind.expectation)
                return nil
            }
        case .int:
            return int(node, what, range: Int(Int32.min)...Int(Int32.max)).map { .int($0) }
        case .double:
            return double(node, what, expected: "a number").map { .double($0) }
        case .bool:
            return bool(node, what).map { .bool($0) }
        case .choice, .string:
            return .string(text)
        }
    }

    /// `resource_profiles:`, a mapping from profile name to executor and task resources.
    func decodeResourceProfiles(_ node: SourceNode?, conf: SparkConf) -> [Scenario.ResourceProfile] {
        guard let node, !node.isNull else { return [] }
        guard case .mapping(let pairs, _) = node else {
            report(node.position, "resource_profiles is \(node.shapeName)",
                   expected: "a mapping from profile name to {executor: ..., task: ...}")
            return []
        }
        var profiles: [Scenario.ResourceProfile] = []
        for pair in pairs.prefix(ScenarioLimits.maxPools) {
            guard let name = name(pair.key, "a resource profile name") else { continue }
            if name == "default" {
                report(pair.key.position, "resource profile name 'default' is Spark's default profile",
                       expected: "another name; executors and stages without a profile use the default")
                continue
            }
            if let profile = decodeProfile(pair.value, name: name, conf: conf) { profiles.append(profile) }
        }
        return profiles
    }

    private func decodeProfile(_ node: SourceNode, name: String, conf: SparkConf)
        -> Scenario.ResourceProfile?
    {
        let context = "resource profile '\(name)'"
        guard let f = fields(node, context: context, allowed: ["executor", "task"],
                             expected: "a mapping with executor: and/or task:") else { return nil }
        if !f.has("executor") && !f.has("task") {
            report(f.position, "\(context) has neither 'executor' nor 'task'",
                   expected: "executor: {cores, gpus, memory} and/or task: {cpus, gpus}")
            return nil
        }
        var executor: Scenario.ExecutorResources?
        if let e = f.value("executor"), let ef = fields(e, context: "\(context) executor",
                                                         allowed: ["cores", "gpus", "memory"]) {
            executor = Scenario.ExecutorResources(
                cores: ef.present("cores").flatMap { int($0, "cores", range: 1...ScenarioLimits.maxCoresPerExecutor) }
                    ?? conf.executorCores,
                gpus: ef.present("gpus").flatMap { int($0, "gpus", range: 0...ScenarioLimits.maxGPUsPerExecutor) }
                    ?? conf.executorGPUAmount,
                memory: ef.present("memory").flatMap { size($0, "memory", positive: true) }
                    ?? ByteCount(bytes: conf.executorMemoryBytes))
        }
        let defaults = Scenario.TaskResources(cpus: conf.taskCPUs, gpus: conf.taskGPUAmount)
        var task = defaults
        if let t = f.value("task") {
            task = decodeTaskResources(t, context: "\(context) task", defaults: defaults) ?? defaults
        }
        if let executor, let at = f.value("task")?.position ?? f.value("executor")?.position {
            if task.cpus > executor.cores {
                report(at, "\(context): tasks need \(task.cpus) CPUs but its executors have \(executor.cores) cores",
                       expected: "task cpus at most the profile's executor cores")
            } else if task.gpus > Double(executor.gpus) {
                report(at,
                       "\(context): tasks need \(Self.format(task.gpus)) GPUs but its executors have \(executor.gpus)",
                       expected: "task gpus at most the profile's executor gpus")
            }
        }
        return Scenario.ResourceProfile(name: name, executor: executor, task: task)
    }

    /// `{cpus, gpus}` per task; absent amounts take `defaults`.
    func decodeTaskResources(_ node: SourceNode, context: String, defaults: Scenario.TaskResources)
        -> Scenario.TaskResources?
    {
        guard let f = fields(node, context: context, allowed: ["cpus", "gpus"]) else { return nil }
        let cpus = f.present("cpus").map { int($0, "cpus", range: 1...ScenarioLimits.maxCoresPerExecutor) }
        let gpus = f.present("gpus").map { gpuAmount($0) }
        if cpus == .some(nil) || gpus == .some(nil) { return nil }
        return Scenario.TaskResources(cpus: cpus.flatMap { $0 } ?? defaults.cpus,
                                      gpus: gpus.flatMap { $0 } ?? defaults.gpus)
    }

    /// A task GPU amount under Spark's rule: 0, a fraction of at most 0.5, or a whole number.
    func gpuAmount(_ node: SourceNode) -> Double? {
        let expected = "0, a fraction of at most 0.5 (such as 0.25 or 0.5), or a whole number up to "
            + "\(ScenarioLimits.maxGPUsPerExecutor)"
        return double(node, "gpus", expected: expected) {
            SparkConfigConstraint.taskResourceAmount.violation(.double($0)) == nil
                && $0 <= Double(ScenarioLimits.maxGPUsPerExecutor)
        }
    }

    static func format(_ d: Double) -> String {
        d == d.rounded() ? String(Int(d)) : String(d)
    }
}

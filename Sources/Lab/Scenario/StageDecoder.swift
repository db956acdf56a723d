import Engine
import OrderedCollections
import Sim

/// One stage of a scripted job.
struct StageDecoder: SectionDecoder {
    let sink: DecodingSink

    static let stageKeys = ["name", "tasks", "duration", "durations", "preferred_hosts", "preferred_executors",
                            "output_bytes", "parents", "barrier", "resources", "resource_profile", "syncs",
                            "partition_syncs", "cpu_fraction", "cpu_durations", "python"]

    func decodeStage(_ node: SourceNode, index: Int, job: String, scope: inout ScriptedScope,
                              ctx: WorkloadContext) -> Scenario.Stage?
    {
        let peeked = PoolsDecoder.peekName(node)
        let label = "stage '\(peeked ?? "stage\(index)")' of job '\(job)'"
        guard let f = fields(node, context: label, allowed: Self.stageKeys,
                             expected: "a mapping like {name: map, tasks: 4, duration: 2s}") else {
            scope.stageNames[job, default: []].append(peeked ?? "stage\(index)")
            return nil
        }
        var stageName: String? = "stage\(index)"
        if let n = f.value("name") {
            stageName = name(n, "name", dotless: true)
            if let s = stageName, scope.stageNames[job, default: []].contains(s) {
                report(n.position, "stage name '\(s)' is already used in job '\(job)'",
                       expected: "unique stage names within a job")
                stageName = nil
            }
        }
        scope.stageNames[job, default: []].append(stageName ?? "stage\(index)")
        let tasksNode = required(f, "tasks", expected: "the number of partitions")
        let tasks = tasksNode.flatMap { int($0, "tasks", range: 1...ScenarioLimits.maxTasksPerStage) }
        let duration = decodeDurations(f, tasks: tasks)
        let cpu = decodeCPU(f, tasks: tasks, duration: duration)
        let python = f.present("python").map { bool($0, "python") } ?? false
        let hosts = f.present("preferred_hosts").map {
            preferenceLists($0, "preferred_hosts", noun: "host", tasks: tasks, known: ctx.hosts)
        }
        let executors = f.present("preferred_executors").map {
            preferenceLists($0, "preferred_executors", noun: "executor", tasks: tasks, known: ctx.executors)
        }
        let output = f.present("output_bytes").map { perPartitionSizes($0, tasks: tasks) }
            ?? .uniform(ByteCount(bytes: 0))
        let parents = f.present("parents").map { decodeParents($0, job: job, scope: scope) } ?? []
        let barrier = f.present("barrier").map { bool($0, "barrier") } ?? false
        let (resources, profile, resourcesOK) = decodeStageResources(f, ctx: ctx)
        let syncs = SyncsDecoder(sink: sink).decodeStageSyncs(f, barrier: barrier, tasks: tasks, duration: duration)
        guard let stageName, let tasks, let duration, hosts != .some(nil), executors != .some(nil), let output,
              let parents, let barrier, resourcesOK, let syncs, let cpu, let python else { return nil }
        let at = (f.value("resources") ?? f.value("resource_profile"))?.position ?? f.position
        stageNeeds.append(RunnableCheck(sink: sink).stageNeed(label: label, resources: resources, profile: profile, ctx: ctx, at: at))
        return Scenario.Stage(name: stageName, tasks: tasks, duration: duration, preferredHosts: hosts.flatMap { $0 },
                              preferredExecutors: executors.flatMap { $0 }, outputBytes: output, parents: parents,
                              barrier: barrier, resources: resources, resourceProfile: profile,
                              syncs: syncs.all, partitionSyncs: syncs.byPartition, cpu: cpu, python: python)
    }

    /// `cpu_fraction:` (of every task's work) or `cpu_durations:` (one per partition, each
    /// at most the task's duration): the part of the work that needs a physical core.
    /// Neither: all of it (`.some(nil)`); a reported error: nil.
    private func decodeCPU(_ f: Fields, tasks: Int?, duration: Scenario.PerPartition<SimDuration>?)
        -> Scenario.PerPartition<SimDuration>??
    {
        guard exclusive(f, ["cpu_fraction", "cpu_durations"],
                        expected: "cpu_fraction: for every task or cpu_durations: [...], not both") else { return nil }
        if let node = f.value("cpu_fraction") {
            guard let fraction = double(node, "cpu_fraction", expected: "a fraction from 0 to 1, like 0.25",
                                        accept: { (0...1).contains($0) }) else { return nil }
            guard let duration else { return .some(nil) }
            func part(_ d: SimDuration) -> SimDuration {
                SimDuration(nanoseconds: Int64((Double(d.nanoseconds) * fraction).rounded()))
            }
            switch duration {
            case .uniform(let d): return .uniform(part(d))
            case .each(let values): return .each(values.map(part))
            }
        }
        guard let node = f.value("cpu_durations") else { return .some(nil) }
        guard let items = perPartitionList(node, "cpu_durations", tasks: tasks) else { return nil }
        var values: [SimDuration] = []
        for (index, item) in items.enumerated() {
            guard let v = self.duration(item, "cpu_durations") else { return nil }
            if let duration, v > duration[index] {
                report(item.position, "cpu_durations[\(index)] is \(v), more than the task's duration \(duration[index])",
                       expected: "the CPU part of each task's duration, at most the duration")
                return nil
            }
            values.append(v)
        }
        return .each(values)
    }

    /// `duration:` for every task or `durations:` with one per partition; exactly one.
    private func decodeDurations(_ f: Fields, tasks: Int?) -> Scenario.PerPartition<SimDuration>? {
        guard exclusive(f, ["duration", "durations"],
                        expected: "duration: for every task or durations: [...], not both") else { return nil }
        if let d = f.value("duration") { return duration(d, "duration").map { .uniform($0) } }
        guard let d = f.value("durations") else {
            if f.misspells("duration") || f.misspells("durations") { return nil }
            report(f.position, "missing key 'duration' in \(f.context)",
                   expected: "duration: the work of each task, like 2s (or durations: one per partition)")
            return nil
        }
        guard let items = perPartitionList(d, "durations", tasks: tasks) else { return nil }
        var values: [SimDuration] = []
        for item in items {
            guard let v = duration(item, "durations") else { return nil }
            values.append(v)
        }
        return .each(values)
    }

    /// A list with one entry per partition; reports a length that differs from `tasks`.
    func perPartitionList(_ node: SourceNode, _ what: String, tasks: Int?) -> [SourceNode]? {
        let expected = tasks.map { "a list of \($0) entries, one per partition" }
            ?? "a list with one entry per partition"
        guard let items = list(node, what, expected: expected) else { return nil }
        if let tasks, items.count != tasks {
            report(node.position, "\(what) has \(items.count) entries but the stage has \(Self.count(tasks, "task"))",
                   expected: expected)
            return nil
        }
        return items
    }

    /// `output_bytes:` as one size or one per partition.
    private func perPartitionSizes(_ node: SourceNode, tasks: Int?) -> Scenario.PerPartition<ByteCount>? {
        guard case .sequence = node else { return size(node, "output_bytes").map { .uniform($0) } }
        guard let items = perPartitionList(node, "output_bytes", tasks: tasks) else { return nil }
        var values: [ByteCount] = []
        for item in items {
            guard let v = size(item, "output_bytes") else { return nil }
            values.append(v)
        }
        return .each(values)
    }

    /// One list of names per partition (a bare name stands for a one-name list), each
    /// name in `known` when the cluster is known.
    private func preferenceLists(_ node: SourceNode, _ what: String, noun: String, tasks: Int?,
                                          known: KnownNames?) -> [[String]]?
    {
        guard let items = perPartitionList(node, what, tasks: tasks) else { return nil }
        var lists: [[String]] = []
        for item in items {
            let entries: [SourceNode]
            switch item {
            case .sequence(let inner, _): entries = inner
            case .scalar where item.isNull: entries = []
            default: entries = [item]
            }
            var names: [String] = []
            for entry in entries {
                guard let n = name(entry, noun) else { return nil }
                if let known, !known.contains(n) {
                    reportUnknown(noun, n, at: entry.position, among: known.ordered)
                    return nil
                }
                names.append(n)
            }
            lists.append(names)
        }
        return lists
    }

    /// `parents:`: stages listed earlier in this job, or `job.stage` in an earlier job.
    private func decodeParents(_ node: SourceNode, job: String, scope: ScriptedScope) -> [Scenario.StageRef]? {
        let expected = "a stage listed earlier in this job, or job.stage for a stage of an earlier job"
        guard let items = list(node, "parents", expected: "a list of parent stage names, like [map] or [job0.map]")
        else { return nil }
        var refs: [Scenario.StageRef] = []
        for item in items {
            guard let text = name(item, "parent") else { return nil }
            let ref: Scenario.StageRef
            if let dot = text.firstIndex(of: ".") {
                ref = Scenario.StageRef(job: String(text[..<dot]), stage: String(text[text.index(after: dot)...]))
            } else {
                ref = Scenario.StageRef(job: job, stage: text)
            }
            let definedBefore = ref.job == job ? scope.stageNames[job, default: []].dropLast().contains(ref.stage)
                : scope.jobNames.contains(ref.job) && scope.stageNames[ref.job, default: []].contains(ref.stage)
            guard definedBefore else {
                let candidates = scope.stageNames[job, default: []].dropLast()
                    + scope.jobNames.flatMap { j in scope.stageNames[j, default: []].map { "\(j).\($0)" } }
                let hint = Self.didYouMean(text, Array(candidates))
                report(item.position, "parent '\(text)' is not a stage defined before this one\(hint)",
                       expected: expected)
                return nil
            }
            if refs.contains(ref) {
                report(item.position, "parent '\(text)' is listed twice", expected: "each parent once")
                return nil
            }
            refs.append(ref)
        }
        return refs
    }

    /// `resources:` or `resource_profile:` (not both); the flag is false after an error.
    private func decodeStageResources(_ f: Fields, ctx: WorkloadContext)
        -> (Scenario.TaskResources?, String?, Bool)
    {
        let failed: (Scenario.TaskResources?, String?, Bool) = (nil, nil, false)
        let expected = "resources: {cpus, gpus} or resource_profile: <name>, not both"
        guard exclusive(f, ["resources", "resource_profile"], expected: expected) else { return failed }
        if let r = f.present("resources") {
            let conf = ctx.defaults.conf
            let defaults = Scenario.TaskResources(cpus: conf.taskCPUs, gpus: conf.taskGPUAmount)
            guard let resources = SparkDecoder(sink: sink).decodeTaskResources(r, context: "resources", defaults: defaults) else {
                return failed
            }
            return (resources, nil, true)
        }
        if let p = f.present("resource_profile") {
            guard let resolved = ExecutorDecoder(sink: sink).resolveProfile(p, defaults: ctx.defaults, forExecutor: false) else { return failed }
            return (nil, resolved?.name, true)
        }
        return (nil, nil, true)
    }
}

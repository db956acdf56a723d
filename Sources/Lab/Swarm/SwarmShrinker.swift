/// Cuts a failing scenario down to a small one that still fails: fewer faults, jobs,
/// stages, executors and tasks, shorter times, fewer settings — each cut kept only when
/// the scenario still validates and still fails the same way, until no cut helps or the
/// budget of tries is spent (delta debugging, as QuickCheck's shrinking and TigerBeetle's
/// VOPR do it, over the scenario's structure rather than its text).
public struct SwarmShrinker {
    /// Whether a candidate still fails the way the original did (the caller runs it,
    /// in a child process when the failure is a crash).
    public typealias StillFails = (SwarmScenario) -> Bool

    public let budget: Int
    public private(set) var tries = 0

    public init(budget: Int = 400) { self.budget = budget }

    /// The smallest scenario found; `scenario` itself when no cut kept the failure.
    public mutating func shrink(_ scenario: SwarmScenario, stillFails: StillFails) -> SwarmScenario {
        var current = scenario
        var progress = true
        while progress && tries < budget {
            progress = false
            for candidate in Self.cuts(of: current) where tries < budget {
                guard candidate.yaml != current.yaml else { continue }
                tries += 1
                if stillFails(candidate) {
                    current = candidate
                    progress = true
                    break
                }
            }
        }
        return current
    }

    /// Every one-step cut of `s`, biggest first.
    static func cuts(of s: SwarmScenario) -> [SwarmScenario] {
        var cuts: [SwarmScenario] = []
        cuts += s.jobs.indices.reversed().compactMap { removingJob($0, from: s) }
        cuts += s.faults.indices.reversed().map { index in var c = s; c.faults.remove(at: index); return c }
        if case .generated = s.cluster { cuts.append(explicit(s)) }
        if case .explicit(let executors) = s.cluster, executors.count > 1 {
            cuts += executors.indices.reversed().map { removingExecutor($0, from: s) }
        }
        for (j, job) in s.jobs.enumerated() where job.stages.count > 1 {
            cuts.append(removingLastStage(ofJob: j, from: s))
            cuts += (0..<job.stages.count - 1).reversed().compactMap { removingInnerStage($0, ofJob: j, from: s) }
        }
        for (j, job) in s.jobs.enumerated() {
            for (k, stage) in job.stages.enumerated() where stage.tasks > 1 {
                cuts.append(withTasks(max(1, stage.tasks / 2), job: j, stage: k, in: s))
                if stage.tasks > 2 { cuts.append(withTasks(stage.tasks - 1, job: j, stage: k, in: s)) }
            }
        }
        cuts.append(halvingTimes(s))
        cuts += simplifications(of: s)
        return cuts
    }

    // MARK: Structure

    private static func removingJob(_ index: Int, from s: SwarmScenario) -> SwarmScenario? {
        guard s.jobs.count > 1 else { return nil }
        var c = s
        let name = c.jobs.remove(at: index).name
        for j in c.jobs.indices {
            if c.jobs[j].after == name {
                c.jobs[j].after = nil
                c.jobs[j].submitAtMs = 0
            }
            for k in c.jobs[j].stages.indices {
                c.jobs[j].stages[k].parents.removeAll { $0.hasPrefix(name + ".") }
            }
        }
        c.faults.removeAll { fault in
            switch fault {
            case .taskFailure(let job, _, _, _, _, _): job == name
            case .fetchFailure(let job, _, _, _, let map, _): job == name || map.hasPrefix(name + ".")
            default: false
            }
        }
        return c
    }

    private static func removingLastStage(ofJob j: Int, from s: SwarmScenario) -> SwarmScenario {
        var c = s
        let job = c.jobs[j].name
        let stage = c.jobs[j].stages.removeLast().name
        c.jobs[j].mapStage = false
        for other in c.jobs.indices {
            for k in c.jobs[other].stages.indices {
                c.jobs[other].stages[k].parents.removeAll { $0 == "\(job).\(stage)" || (other == j && $0 == stage) }
            }
        }
        c.faults.removeAll { fault in
            switch fault {
            case .taskFailure(let fj, let fs, _, _, _, _): fj == job && fs == stage
            case .fetchFailure(let fj, let fs, _, _, let map, _):
                (fj == job && (fs == stage || map == stage)) || map == "\(job).\(stage)"
            default: false
            }
        }
        return c
    }

    /// Removes a stage that is not the job's last: its children read its parents instead.
    /// Nil when another job or a fault names it.
    private static func removingInnerStage(_ k: Int, ofJob j: Int, from s: SwarmScenario) -> SwarmScenario? {
        let job = s.jobs[j].name
        let stage = s.jobs[j].stages[k]
        let qualified = "\(job).\(stage.name)"
        let namedElsewhere = s.jobs.enumerated().contains { index, other in
            index != j && other.stages.contains { $0.parents.contains(qualified) }
        }
        let namedByFault = s.faults.contains { fault in
            switch fault {
            case .taskFailure(let fj, let fs, _, _, _, _): fj == job && fs == stage.name
            case .fetchFailure(let fj, let fs, _, _, let map, _):
                (fj == job && (fs == stage.name || map == stage.name)) || map == qualified
            default: false
            }
        }
        guard !namedElsewhere, !namedByFault else { return nil }
        var c = s
        c.jobs[j].stages.remove(at: k)
        for index in c.jobs[j].stages.indices where c.jobs[j].stages[index].parents.contains(stage.name) {
            var parents = c.jobs[j].stages[index].parents.filter { $0 != stage.name }
            for parent in stage.parents where !parents.contains(parent) { parents.append(parent) }
            c.jobs[j].stages[index].parents = parents
        }
        return c
    }

    private static func explicit(_ s: SwarmScenario) -> SwarmScenario {
        guard case .generated(let racks, let hostsPerRack, let perHost, let cores, let gpus) = s.cluster else { return s }
        var executors: [SwarmScenario.Executor] = []
        for r in 0..<racks {
            for h in 0..<hostsPerRack {
                for e in 0..<perHost {
                    executors.append(.init(id: "exec\(r)-\(h)-\(e)", host: "host\(r)-\(h)", rack: "rack\(r)",
                                           cores: cores, gpus: gpus))
                }
            }
        }
        var c = s
        c.cluster = .explicit(executors)
        return c
    }

    private static func removingExecutor(_ index: Int, from s: SwarmScenario) -> SwarmScenario {
        guard case .explicit(var executors) = s.cluster else { return s }
        var c = s
        let removed = executors.remove(at: index)
        c.cluster = .explicit(executors)
        let hostGone = !executors.contains { $0.host == removed.host }
        c.faults.removeAll { fault in
            switch fault {
            case .executorLost(let e, _), .gpuFailed(let e, _, _): e == removed.id
            case .hostLost(let h, _), .hostUnreachable(let h, _), .straggler(let h, _, _, _),
                 .linkDegraded(let h, _, _, _): hostGone && h == removed.host
            default: false
            }
        }
        if hostGone {
            for j in c.jobs.indices {
                for k in c.jobs[j].stages.indices {
                    c.jobs[j].stages[k].preferredHosts = c.jobs[j].stages[k].preferredHosts?.map {
                        $0.filter { $0 != removed.host }
                    }
                }
            }
        }
        return c
    }

    private static func withTasks(_ tasks: Int, job j: Int, stage k: Int, in s: SwarmScenario) -> SwarmScenario {
        var c = s
        var stage = c.jobs[j].stages[k]
        stage.tasks = tasks
        if stage.durationsMs.count > 1 { stage.durationsMs = Array(stage.durationsMs.prefix(tasks)) }
        if stage.durationsMs.count == 1 && tasks > 1 && s.jobs[j].stages[k].durationsMs.count > 1 {
            stage.durationsMs = [stage.durationsMs[0]]
        }
        if stage.outputKiB.count > 1 { stage.outputKiB = Array(stage.outputKiB.prefix(tasks)) }
        stage.preferredHosts = stage.preferredHosts.map { Array($0.prefix(tasks)) }
        stage.partitionSyncs.removeAll { $0.partition >= tasks }
        c.jobs[j].stages[k] = stage
        let job = c.jobs[j].name
        c.faults.removeAll { fault in
            switch fault {
            case .taskFailure(let fj, let fs, let p, _, _, _): fj == job && fs == stage.name && p >= tasks
            case .fetchFailure(let fj, let fs, let p, _, let map, let mp):
                (fj == job && fs == stage.name && p >= tasks)
                    || ((map == stage.name && fj == job) || map == "\(job).\(stage.name)") && mp >= tasks
            default: false
            }
        }
        return c
    }

    // MARK: Times and settings

    private static func halvingTimes(_ s: SwarmScenario) -> SwarmScenario {
        var c = s
        func half(_ ms: Int) -> Int { ms / 2 }
        for j in c.jobs.indices {
            c.jobs[j].submitAtMs = c.jobs[j].submitAtMs.map(half)
            for k in c.jobs[j].stages.indices {
                c.jobs[j].stages[k].durationsMs = c.jobs[j].stages[k].durationsMs.map { max(1, half($0)) }
                c.jobs[j].stages[k].syncs = c.jobs[j].stages[k].syncs.map { .init(afterMs: half($0.afterMs), call: $0.call) }
                c.jobs[j].stages[k].partitionSyncs = c.jobs[j].stages[k].partitionSyncs.map {
                    ($0.partition, $0.syncs.map { .init(afterMs: half($0.afterMs), call: $0.call) })
                }
            }
        }
        c.faults = c.faults.map { fault in
            switch fault {
            case .taskFailure(let j, let st, let p, let sa, let a, let after):
                .taskFailure(job: j, stage: st, partition: p, stageAttempt: sa, attempt: a, afterMs: after.map(half))
            case .executorLost(let e, let at): .executorLost(executor: e, atMs: half(at))
            case .hostLost(let h, let at): .hostLost(host: h, atMs: half(at))
            case .hostUnreachable(let h, let at): .hostUnreachable(host: h, atMs: half(at))
            case .executorAdded(let e, let at): .executorAdded(e, atMs: half(at))
            case .gpuFailed(let e, let g, let at): .gpuFailed(executor: e, gpu: g, atMs: half(at))
            case .straggler(let h, let x, let from, let until):
                .straggler(host: h, slowdown: x, fromMs: half(from), untilMs: max(half(until), half(from) + 1))
            case .linkDegraded(let h, let f, let from, let until):
                .linkDegraded(host: h, factor: f, fromMs: half(from), untilMs: max(half(until), half(from) + 1))
            default: fault
            }
        }
        return c
    }

    /// Settings and stage options dropped one at a time.
    private static func simplifications(of s: SwarmScenario) -> [SwarmScenario] {
        var cuts: [SwarmScenario] = []
        cuts += s.spark.indices.reversed().map { index in var c = s; c.spark.remove(at: index); return c }
        cuts += s.engine.indices.reversed().map { index in var c = s; c.engine.remove(at: index); return c }
        if !s.pools.isEmpty { var c = s; c.pools = []; cuts.append(c) }
        if s.network != nil { var c = s; c.network = nil; cuts.append(c) }
        if s.physicalCores != nil { var c = s; c.physicalCores = nil; cuts.append(c) }
        for j in s.jobs.indices {
            if s.jobs[j].pool != nil { var c = s; c.jobs[j].pool = nil; cuts.append(c) }
            for k in s.jobs[j].stages.indices {
                let stage = s.jobs[j].stages[k]
                var plain = stage
                plain.preferredHosts = nil
                plain.python = false
                plain.cpuFraction = nil
                plain.partitionSyncs = []
                if plain != stage { var c = s; c.jobs[j].stages[k] = plain; cuts.append(c) }
                if !stage.syncs.isEmpty { var c = s; c.jobs[j].stages[k].syncs = []; cuts.append(c) }
                if stage.outputKiB.count > 1 {
                    var c = s
                    c.jobs[j].stages[k].outputKiB = [stage.outputKiB.max()!]
                    cuts.append(c)
                }
            }
        }
        return cuts
    }
}

import Engine
import Sim

/// `kind: scripted`: jobs, in file order.
struct ScriptedDecoder: SectionDecoder {
    let sink: DecodingSink

    static let jobKeys = ["name", "submit_at", "after", "driver_time", "pool", "map_stage", "stages"]

    func decodeScripted(_ f: Fields, ctx: WorkloadContext) -> Scenario.ScriptedWorkload? {
        let expected = "a list of jobs, each with stages: [...]"
        var stopAfter: SimDuration??
        if let v = f.present("stop_after") { stopAfter = .some(duration(v, "stop_after")) }
        guard let node = required(f, "jobs", expected: expected) else { return nil }
        // An application that ran no job (its log shows none) is its driver's time alone.
        let emptyAllowed = stopAfter != nil && (list(node, "jobs", expected: expected)?.isEmpty ?? false)
        guard let items = emptyAllowed ? [] : boundedList(node, "jobs", expected: expected,
                                                         limit: ScenarioLimits.maxJobs, noun: "jobs"),
              stopAfter != .some(nil)
        else { return nil }
        var jobs: [Scenario.Job] = []
        var seen = ScriptedScope()
        var failed = false
        for (index, item) in items.enumerated() {
            if let job = decodeJob(item, index: index, scope: &seen, ctx: ctx) {
                jobs.append(job)
            } else {
                failed = true
            }
        }
        return failed ? nil : Scenario.ScriptedWorkload(jobs: jobs, stopAfter: stopAfter.flatMap { $0 })
    }

    private func decodeJob(_ node: SourceNode, index: Int, scope: inout ScriptedScope,
                                    ctx: WorkloadContext) -> Scenario.Job?
    {
        let peeked = PoolsDecoder.peekName(node)
        let label = peeked.map { "job '\($0)'" } ?? "job \(index)"
        guard let f = fields(node, context: label, allowed: Self.jobKeys,
                             expected: "a mapping like {name: job0, stages: [...]}") else {
            scope.jobNames.append(peeked ?? "job\(index)")
            return nil
        }
        var jobName: String? = "job\(index)"
        if let n = f.value("name") {
            jobName = name(n, "name", dotless: true)
            if let j = jobName, let first = scope.jobPositions[j] {
                report(n.position, "job name '\(j)' is already used at \(first)", expected: "unique job names")
                jobName = nil
            }
        }
        if let j = jobName { scope.jobPositions[j] = f.keyPosition("name") ?? f.position }
        guard exclusive(f, ["submit_at", "after"], expected: "submit_at: <time> or after: <job>, not both")
        else { scope.jobNames.append(jobName ?? "job\(index)"); return nil }
        let submitAt = f.present("submit_at").map { instant($0, "submit_at") } ?? .zero
        var after: String??
        if let a = f.value("after") { after = .some(decodeAfter(a, job: jobName, scope: scope)) }
        var driverTime: SimDuration??
        if let v = f.present("driver_time") {
            if f.has("after") {
                driverTime = .some(duration(v, "driver_time"))
            } else {
                report(f.keyPosition("driver_time") ?? f.position, "driver_time: needs after:",
                       expected: "driver_time only on a job with after: <job>")
                driverTime = .some(nil)
            }
        }
        let pool = f.present("pool").map { name($0, "pool") }
        let mapStage = f.present("map_stage").map { bool($0, "map_stage") }
        let stages = decodeStages(f, job: jobName ?? "job\(index)", scope: &scope, ctx: ctx)
        scope.jobNames.append(jobName ?? "job\(index)")
        guard let jobName, let submitAt, after != .some(nil), driverTime != .some(nil), pool != .some(nil),
              mapStage != .some(nil), let stages else { return nil }
        return Scenario.Job(name: jobName, submitAt: submitAt, after: after.flatMap { $0 },
                            driverTime: driverTime.flatMap { $0 }, pool: pool.flatMap { $0 },
                            isMapStageJob: mapStage.flatMap { $0 } ?? false, stages: stages)
    }

    /// `after:` must name a job listed earlier, so that waits can never form a cycle.
    private func decodeAfter(_ node: SourceNode, job: String?, scope: ScriptedScope) -> String? {
        guard let target = name(node, "after") else { return nil }
        if target == job {
            report(node.position, "job '\(target)' cannot wait for itself", expected: "a job listed before this one")
            return nil
        }
        guard scope.jobNames.contains(target) else {
            let hint = Self.didYouMean(target, scope.jobNames)
            report(node.position, "after: '\(target)' is not a job listed before this one\(hint)",
                   expected: scope.jobNames.isEmpty ? "a job listed earlier (this is the first job)"
                       : "one of " + scope.jobNames.joined(separator: ", "))
            return nil
        }
        return target
    }

    private func decodeStages(_ f: Fields, job: String, scope: inout ScriptedScope,
                                       ctx: WorkloadContext) -> [Scenario.Stage]?
    {
        let expected = "a list of stages, parents first, each with tasks: and duration:"
        guard let node = required(f, "stages", expected: expected),
              let items = boundedList(node, "stages", expected: expected, limit: ScenarioLimits.maxStagesPerJob,
                                      noun: "stages per job")
        else { return nil }
        var stages: [Scenario.Stage] = []
        var failed = false
        for (index, item) in items.enumerated() {
            if let stage = StageDecoder(sink: sink).decodeStage(item, index: index, job: job, scope: &scope, ctx: ctx) {
                stages.append(stage)
                scope.stages[Scenario.StageRef(job: job, stage: stage.name)] = stage
            } else {
                failed = true
            }
        }
        return failed ? nil : stages
    }
}

/// What the jobs and stages decoded so far define, for references to earlier ones.
struct ScriptedScope {
    /// Names of earlier jobs (including ones that failed to decode, to avoid cascades).
    var jobNames: [String] = []
    var jobPositions: [String: SourcePosition] = [:]
    /// Stage names seen so far (including failed ones), by job, in order.
    var stageNames: [String: [String]] = [:]
    /// Stages decoded so far.
    var stages: [Scenario.StageRef: Scenario.Stage] = [:]
}

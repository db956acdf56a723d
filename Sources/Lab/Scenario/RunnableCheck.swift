import Engine

/// What one task of a stage needs, and which executors may run it.
struct StageNeed {
    var label: String
    var cpus: Int
    var gpus: Double
    /// Executors launched for this profile run the stage; nil = default-profile executors
    /// (the default profile and task-only profiles, as Spark schedules them).
    var executorProfile: String?
    var position: SourcePosition
}

/// The resources of an executor that matter to placement.
private struct Shape: Hashable {
    var profile: String?
    var cores: Int
    var gpus: Int
}

/// A stage whose tasks fit on no executor at all — of any profile, present at time 0 or
/// added later — would wait forever; Spark refuses the equivalent configuration at
/// start-up (an executor resource amount below the task's), so the scenario is refused
/// here with the stage named. Profiles are deliberately not matched: a stage that fits
/// only executors of another profile is a scheduling outcome (its tasks wait, as in
/// Spark), not malformed input — docs/scenario.md's own example is such a file.
struct RunnableCheck: SectionDecoder {
    let sink: DecodingSink

    func stageNeed(label: String, resources: Scenario.TaskResources?, profile: String?, ctx: WorkloadContext,
                   at position: SourcePosition) -> StageNeed
    {
        let conf = ctx.defaults.conf
        if let profile, let p = ctx.defaults.profiles.first(where: { $0.name == profile }) {
            return StageNeed(label: label, cpus: p.task.cpus, gpus: p.task.gpus,
                             executorProfile: p.executor == nil ? nil : p.name, position: position)
        }
        let task = resources ?? Scenario.TaskResources(cpus: conf.taskCPUs, gpus: conf.taskGPUAmount)
        return StageNeed(label: label, cpus: task.cpus, gpus: task.gpus, executorProfile: nil, position: position)
    }

    /// Reports each stage that no executor (present at time 0 or added by a fault) can run.
    func checkStagesRunnable(on executors: [Scenario.Executor]) {
        guard !stageNeeds.isEmpty else { return }
        // Distinct executor shapes, so a large generated cluster costs one pass.
        var seen = Set<Shape>()
        let shapes = executors.map { Shape(profile: $0.profile, cores: $0.cores, gpus: $0.gpus) }
            .filter { seen.insert($0).inserted }
        for need in stageNeeds {
            let fits = shapes.contains { e in
                e.cores >= need.cpus
                    && (need.gpus == 0 || Double(e.gpus) >= max(need.gpus, 1))
            }
            if fits { continue }
            let gpus = need.gpus == 0 ? "" : " and \(SparkDecoder.format(need.gpus)) GPU\(need.gpus == 1 ? "" : "s")"
            report(need.position, "no executor can run the tasks of \(need.label): each needs "
                   + "\(Self.count(need.cpus, "CPU"))\(gpus), more than any executor has",
                   expected: "an executor with enough cores and GPUs, as Spark requires at start-up")
        }
    }
}

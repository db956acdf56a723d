extension SwarmScenarioGenerator {
    /// 1–4 jobs, some submitted at an instant, some after an earlier one, in pools when
    /// there are pools; a later job may read a map stage of an earlier one (shared, and
    /// skipped when that stage is done), and a job may be a map-stage job.
    mutating func workload() {
        let shareUnits = [25, 33, 50, 100].filter { defaultsCanRun(cpus: 1, units: $0) }
        if case .master = scenario.cluster {} else if !shareUnits.isEmpty && random.chance(25) {
            let need = Need(cpus: 1, gpuUnits: random.pick(shareUnits), profile: nil)
            profileNeeds["share"] = need
            scenario.profiles.append(("share", "{task: {cpus: 1, gpus: \(GPUHundredths.yaml(need.gpuUnits))}}"))
        }
        for j in 0..<random.int(1...4) {
            var job = SwarmScenario.Job(name: "job\(j)", stages: [])
            if j > 0 && random.chance(30) {
                job.after = "job\(random.int(0...j - 1))"
            } else {
                job.submitAtMs = random.int(0...30) * 100
            }
            if !scenario.pools.isEmpty { job.pool = random.pick(["production", "adhoc", "default", "other"]) }
            // A map stage of an earlier job this job reads too (a shared shuffle).
            let shared = sharedCandidate(before: j)
            let stageCount = random.int(1...(shared == nil ? 4 : 3))
            for s in 0..<stageCount {
                var parents: [String] = []
                if s > 0 { parents.append("s\(s - 1)") }
                if s > 1 && random.chance(25) { parents.append("s\(s - 2)") }
                if s == 0, let shared { parents.append(shared) }
                job.stages.append(stage(named: "s\(s)", parents: parents, last: s == stageCount - 1))
            }
            job.mapStage = stageCount > 1 && random.chance(10)
            if job.mapStage {
                job.stages[stageCount - 1].outputKiB = [random.int(1...512)]
                job.stages[stageCount - 1].barrier = false
                job.stages[stageCount - 1].syncs = []
                job.stages[stageCount - 1].partitionSyncs = []
            }
            scenario.jobs.append(job)
        }
    }

    /// `job.stage` of a shuffle-map stage of an earlier job, sometimes.
    private mutating func sharedCandidate(before j: Int) -> String? {
        guard j > 0, random.chance(30) else { return nil }
        let earlier = scenario.jobs[random.int(0...j - 1)]
        let mapStages = earlier.mapStage ? earlier.stages : Array(earlier.stages.dropLast())
        guard !mapStages.isEmpty else { return nil }
        return "\(earlier.name).\(random.pick(mapStages).name)"
    }

    /// The executors a stage of `need` runs on at time 0.
    private func slots(for need: Need) -> Int {
        initial.filter { $0.profile == need.profile }.reduce(0) {
            $0 + GPUHundredths.slots(cores: $1.cores, gpus: $1.gpus, cpus: need.cpus, units: need.gpuUnits)
        }
    }

    /// One stage: its resources, barrier or not, task count and durations, shuffle output
    /// (even or skewed), preferences, and for barrier stages maybe syncs and overrides.
    private mutating func stage(named name: String, parents: [String], last: Bool) -> SwarmScenario.Stage {
        var need = defaultNeed
        var resources: (cpus: Int, gpuHundredths: Int)?
        var profile: String?
        let isMaster: Bool = if case .master = scenario.cluster { true } else { false }
        switch random.int(0...3) {
        case 1 where !isMaster:
            let cpus = random.int(1...2)
            let amounts = GPUHundredths.choices.filter { defaultsCanRun(cpus: cpus, units: $0) }
            if !amounts.isEmpty {
                need = .init(cpus: cpus, gpuUnits: random.pick(amounts), profile: nil)
                resources = (cpus, need.gpuUnits)
            }
        case 2 where profileNeeds["wide"] != nil:
            need = profileNeeds["wide"]!
            profile = "wide"
        case 3 where profileNeeds["share"] != nil:
            need = profileNeeds["share"]!
            profile = "share"
        default: break
        }
        let barrier = random.chance(40)
        let slots = slots(for: need)
        let tasks: Int
        if barrier {
            tasks = slots > 0 && !random.chance(5) ? random.int(1...min(slots, 12)) : slots + random.int(1...2)
        } else {
            tasks = random.int(1...12)
        }
        let duration = random.int(2...40) * 100
        var stage = SwarmScenario.Stage(name: name, parents: parents, tasks: tasks, durationsMs: [duration])
        stage.resources = resources
        stage.profile = profile
        if !barrier && random.chance(40) {
            stage.durationsMs = (0..<tasks).map { _ in random.int(1...40) * 100 }
        }
        if !last && random.chance(70) {
            if tasks > 1 && random.chance(40) {
                // Skew: one partition writes much more than the others.
                let base = random.int(1...256)
                let heavy = random.int(0...tasks - 1)
                stage.outputKiB = (0..<tasks).map { $0 == heavy ? base * random.int(8...64) : base }
            } else {
                // With a network, some outputs take seconds to read (faults land mid-read).
                let sizes = scenario.network == nil ? [1, 64, 1024, 16384] : [1, 1024, 16384, 262_144, 1_048_576]
                stage.outputKiB = [random.pick(sizes)]
            }
        }
        if !isMaster && random.chance(20) {
            let hosts = Array(Set(initial.map(\.host))).sorted()
            stage.preferredHosts = (0..<tasks).map { _ in random.chance(70) ? [random.pick(hosts)] : [] }
        }
        if random.chance(10) { stage.cpuFraction = random.pick(["0.5", "0.9"]) }
        if !barrier && random.chance(8) { stage.python = true }
        if barrier {
            stage.barrier = true
            if random.chance(60) {
                stage.syncs = randomSyncs(within: duration)
                if tasks > 1 && random.chance(30) {
                    let partition = random.int(0...tasks - 1)
                    stage.partitionSyncs = [(partition, random.chance(40) ? [] : randomSyncs(within: duration))]
                }
            }
        }
        return stage
    }

    private mutating func randomSyncs(within duration: Int) -> [SwarmScenario.Sync] {
        (0..<random.int(1...2)).map { _ in random.int(0...duration / 100) * 100 }.sorted().map {
            .init(afterMs: $0, call: random.chance(75) ? "barrier" : "allGather")
        }
    }
}

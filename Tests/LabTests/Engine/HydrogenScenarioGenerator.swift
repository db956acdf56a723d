import Lab
import Sim

/// One scenario for the Hydrogen property tests, with what the checkers must know of
/// it: every executor that may ever exist and every stage's per-task resources.
struct HydrogenScenario {
    struct Executor {
        var id: String
        var host: String
        var rack: String
        var cores: Int
        var gpus: Int
        /// The resource profile it was launched for; nil = Spark's default profile.
        var profile: String?
    }

    /// What each task of a stage holds while it runs.
    struct StageNeed: Equatable {
        var cpus: Int
        var gpuUnits: Int
        /// Executors of this profile run it; nil = default-profile executors.
        var executorProfile: String?
    }

    struct Stage {
        var name: String
        var tasks: Int
        var need: StageNeed
        var barrier: Bool
    }

    struct Job {
        var name: String
        var stages: [Stage]
    }

    var seed: UInt64
    var yaml = ""
    /// Executors at time 0, then those added by faults.
    var executors: [Executor] = []
    var jobs: [Job] = []

    func stage(job: String?, stage: String?) -> Stage? {
        jobs.first { $0.name == job }?.stages.first { $0.name == stage }
    }
}

/// Builds a random scenario of GPU and barrier scheduling from a seed: a small cluster
/// (generated racks or an explicit executor list, maybe with a resource profile), a
/// global GPU amount the cluster can satisfy, 1–4 jobs of 1–3 stages (some barrier,
/// some larger than the cluster's slots so the slot check retries and gives up) and
/// task failures, executor losses and additions.
///
/// Why: the invariants hold for every schedule, so the test looks for a schedule that
/// breaks them. Each generated stage can run on some executor of its profile for the
/// whole run (a lost executor is replaced by one of the same shape), so runs end
/// instead of waiting out the engine's day-long stall limit.
struct HydrogenScenarioGenerator {
    private var random: SplitMix64
    private var scenario: HydrogenScenario
    private var defaultNeed = HydrogenScenario.StageNeed(cpus: 1, gpuUnits: 0, executorProfile: nil)
    /// The profile with executor resources (`wide`) and the task-only one (`share`).
    private var wide: HydrogenScenario.StageNeed?
    private var share: HydrogenScenario.StageNeed?
    private var lines: [String] = []

    static func make(seed: UInt64) -> HydrogenScenario {
        var generator = HydrogenScenarioGenerator(seed: seed)
        generator.build()
        return generator.scenario
    }

    private init(seed: UInt64) {
        random = SplitMix64(seed: seed)
        scenario = HydrogenScenario(seed: seed)
    }

    private mutating func build() {
        lines = ["name: hydrogen-\(scenario.seed)", "seed: \(scenario.seed)", "cluster:"]
        if random.chance(35) { generatedCluster() } else { explicitCluster() }
        sparkSection()
        if let wide {
            let executor = scenario.executors.first { $0.profile == "wide" }!
            lines += ["resource_profiles:",
                      "  wide: {executor: {cores: \(executor.cores), gpus: \(executor.gpus)}, "
                          + "task: {cpus: \(wide.cpus), gpus: \(GPUHundredths.yaml(wide.gpuUnits))}}"]
        }
        if let share {
            if wide == nil { lines.append("resource_profiles:") }
            lines.append("  share: {task: {cpus: \(share.cpus), gpus: \(GPUHundredths.yaml(share.gpuUnits))}}")
        }
        lines.append("engine: {shuffle_offers: \(random.chance(50)), barrier_poll_interval: "
            + "\(random.pick(["0s", "1s", "250ms"])), task_launch_overhead: \(random.pick(["0ms", "0ms", "5ms"])), "
            + "control_plane: \(random.pick(["none", "default", "{base: none, task_launch: 1ms, task_end: 3ms}"]))}")
        workload()
        faults()
        scenario.yaml = lines.joined(separator: "\n") + "\n"
    }

    // MARK: Cluster

    private mutating func generatedCluster() {
        let racks = random.int(1...3)
        let hostsPerRack = random.int(1...2)
        let perHost = racks * hostsPerRack == 1 ? 2 : 1
        let cores = random.int(1...8)
        let gpus = random.chance(25) ? 0 : random.int(1...4)
        lines += ["  racks: \(racks)", "  hosts_per_rack: \(hostsPerRack)", "  executors_per_host: \(perHost)",
                  "  executor: {cores: \(cores), gpus: \(gpus)}"]
        for r in 0..<racks {
            for h in 0..<hostsPerRack {
                for e in 0..<perHost {
                    scenario.executors.append(.init(id: "exec\(r)-\(h)-\(e)", host: "host\(r)-\(h)", rack: "rack\(r)",
                                                    cores: cores, gpus: gpus))
                }
            }
        }
    }

    private mutating func explicitCluster() {
        let count = random.int(2...8)
        let racks = random.int(1...3)
        let profileCount = count >= 3 && random.chance(35) ? random.int(1...2) : 0
        let wideCores = random.int(2...8)
        let wideGPUs = random.int(1...4)
        lines.append("  executors:")
        var hostIndex = 0
        for i in 0..<count {
            if i > 0 && random.chance(70) { hostIndex += 1 }
            let host = "host\(hostIndex)"
            let rack = "rack\(hostIndex % racks)"
            if i >= count - profileCount {
                scenario.executors.append(.init(id: "exec\(i)", host: host, rack: rack, cores: wideCores,
                                                gpus: wideGPUs, profile: "wide"))
                lines.append("    - {id: exec\(i), host: \(host), rack: \(rack), profile: wide}")
            } else {
                let cores = random.int(1...8)
                let gpus = random.chance(35) ? 0 : random.int(1...4)
                scenario.executors.append(.init(id: "exec\(i)", host: host, rack: rack, cores: cores, gpus: gpus))
                lines.append("    - {id: exec\(i), host: \(host), rack: \(rack), cores: \(cores), gpus: \(gpus)}")
            }
        }
        if profileCount > 0 {
            wide = .init(cpus: random.int(1...wideCores),
                         gpuUnits: random.pick(GPUHundredths.choices.filter { $0 <= wideGPUs * 100 }),
                         executorProfile: "wide")
        }
    }

    /// Whether some default-profile executor at time 0 can run a task needing `cpus`
    /// and `units` (a whole address at least, whatever the fraction).
    private func defaultsCanRun(cpus: Int, units: Int) -> Bool {
        scenario.executors.contains {
            $0.profile == nil && $0.cores >= cpus && (units == 0 || $0.gpus * 100 >= max(units, 100))
        }
    }

    private mutating func sparkSection() {
        let amounts = GPUHundredths.choices.filter { defaultsCanRun(cpus: 1, units: $0) }
        defaultNeed.gpuUnits = random.chance(25) ? 0 : random.pick(amounts)
        lines += ["spark:",
                  "  spark.scheduler.barrier.maxConcurrentTasksCheck.interval: 1s",
                  "  spark.scheduler.barrier.maxConcurrentTasksCheck.maxFailures: 2",
                  "  spark.barrier.sync.timeout: 20s",
                  "  spark.locality.wait: \(random.pick(["0s", "100ms", "3s"]))",
                  "  spark.scheduler.mode: \(random.pick(["FIFO", "FAIR"]))"]
        if defaultNeed.gpuUnits > 0 {
            lines.append("  spark.task.resource.gpu.amount: \(GPUHundredths.yaml(defaultNeed.gpuUnits))")
        }
        let shareUnits = [25, 33, 50, 100].filter { defaultsCanRun(cpus: 1, units: $0) }
        if !shareUnits.isEmpty && random.chance(30) {
            share = .init(cpus: 1, gpuUnits: random.pick(shareUnits), executorProfile: nil)
        }
    }

    // MARK: Workload

    private mutating func workload() {
        lines += ["workload:", "  kind: scripted", "  jobs:"]
        for j in 0..<random.int(1...4) {
            let name = "job\(j)"
            lines.append("    - name: \(name)")
            if j > 0 && random.chance(25) {
                lines.append("      after: job\(j - 1)")
            } else {
                lines.append("      submit_at: \(random.int(0...30) * 100)ms")
            }
            lines.append("      stages:")
            var job = HydrogenScenario.Job(name: name, stages: [])
            for s in 0..<random.int(1...3) {
                job.stages.append(stage(named: "\(name)s\(s)", parent: s > 0 ? "\(name)s\(s - 1)" : nil))
            }
            scenario.jobs.append(job)
        }
    }

    /// One stage: its resources (default, `resources:`, or a profile), barrier or not,
    /// its task count and durations, and for barrier stages maybe some `syncs:`.
    private mutating func stage(named name: String, parent: String?) -> HydrogenScenario.Stage {
        var fields = ["name: \(name)"]
        if let parent { fields.append("parents: [\(parent)]") }
        var need = defaultNeed
        switch random.int(0...3) {
        case 1:
            let cpus = random.int(1...2)
            let amounts = GPUHundredths.choices.filter { defaultsCanRun(cpus: cpus, units: $0) }
            if !amounts.isEmpty {
                need = .init(cpus: cpus, gpuUnits: random.pick(amounts), executorProfile: nil)
                fields.append("resources: {cpus: \(cpus), gpus: \(GPUHundredths.yaml(need.gpuUnits))}")
            }
        case 2 where wide != nil:
            need = wide!
            fields.append("resource_profile: wide")
        case 3 where share != nil:
            need = share!
            fields.append("resource_profile: share")
        default: break
        }
        let barrier = random.chance(50)
        let slots = scenario.executors.filter { $0.profile == need.executorProfile }.reduce(0) {
            $0 + GPUHundredths.slots(cores: $1.cores, gpus: $1.gpus, cpus: need.cpus, units: need.gpuUnits)
        }
        let tasks: Int
        if barrier {
            tasks = slots > 0 && !random.chance(20) ? random.int(1...min(slots, 12)) : slots + random.int(1...2)
        } else {
            tasks = random.int(1...10)
        }
        fields.append("tasks: \(tasks)")
        let duration = random.int(2...40) * 100
        if !barrier && random.chance(40) {
            let durations = (0..<tasks).map { _ in "\(random.int(1...40) * 100)ms" }
            fields.append("durations: [\(durations.joined(separator: ", "))]")
        } else {
            fields.append("duration: \(duration)ms")
        }
        if barrier {
            fields.append("barrier: true")
            if random.chance(50) {
                let calls = (0..<random.int(1...2)).map { _ in random.int(0...duration / 100) * 100 }.sorted()
                let syncs = calls.map { "{after: \($0)ms, call: \(random.pick(["barrier", "allGather"]))}" }
                fields.append("syncs: [\(syncs.joined(separator: ", "))]")
            }
        }
        lines.append("        - {\(fields.joined(separator: ", "))}")
        return .init(name: name, tasks: tasks, need: need, barrier: barrier)
    }

    // MARK: Faults

    private mutating func faults() {
        var faults: [String] = []
        let stages = scenario.jobs.flatMap { job in job.stages.map { (job: job.name, stage: $0) } }
        for _ in 0..<random.int(0...2) {
            let (job, stage) = random.pick(stages)
            let after = random.chance(50) ? ", after: \(random.int(0...20) * 100)ms" : ""
            faults.append("{kind: task-failure, job: \(job), stage: \(stage.name), "
                + "partition: \(random.int(0...stage.tasks - 1)), stage_attempt: \(random.chance(80) ? 0 : 1), "
                + "attempt: \(random.int(0...1))\(after)}")
        }
        var lost = Set<String>()
        let initial = scenario.executors
        for n in 0..<random.int(0...2) {
            let victim = random.pick(initial)
            guard lost.insert(victim.id).inserted else { continue }
            let at = random.int(1...60) * 100
            faults.append("{kind: executor-lost, executor: \(victim.id), at: \(at)ms}")
            faults.append(added(like: victim, id: "spare\(n)", at: at + random.int(0...30) * 100))
        }
        if random.chance(30) {
            faults.append(added(like: random.pick(initial), id: "extra0", at: random.int(0...60) * 100))
        }
        if random.chance(30) {
            faults.append("{kind: random-task-failures, probability: \(random.pick(["0.01", "0.02", "0.05"]))}")
        }
        guard !faults.isEmpty else { return }
        lines.append("faults:")
        lines += faults.map { "  - \($0)" }
    }

    /// An `executor-added` fault for a new executor of the same shape as `model`, on a
    /// host of its own in the same rack.
    private mutating func added(like model: HydrogenScenario.Executor, id: String, at: Int) -> String {
        var executor = model
        executor.id = id
        executor.host = "host-\(id)"
        scenario.executors.append(executor)
        let shape = model.profile.map { "profile: \($0)" } ?? "cores: \(model.cores), gpus: \(model.gpus)"
        return "{kind: executor-added, executor: {id: \(id), host: \(executor.host), rack: \(model.rack), "
            + "\(shape)}, at: \(at)ms}"
    }
}

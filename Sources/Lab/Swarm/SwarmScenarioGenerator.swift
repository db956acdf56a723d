/// Draws a random but valid scenario from a seed, covering the contract's features: a
/// cluster (explicit executors with racks, GPUs and a resource profile, a generated rack
/// layout, or a `local`/`local-cluster` master), a network or none, Spark settings
/// (locality waits, FIFO or FAIR with pools, speculation, exclusion, the shuffle
/// service, retries), 1–4 jobs of 1–4 stages (shuffles with skewed outputs, diamonds,
/// stages shared with an earlier job and so skipped, map-stage jobs, barrier stages with
/// syncs and per-partition overrides, GPU amounts and profiles, preferred hosts, Python
/// and CPU fractions) and faults of every kind (`SwarmFaultPlanner`).
///
/// Why these shapes: the swarm looks for a schedule that breaks an invariant, so it
/// needs scenarios where many mechanisms interact at once, yet each must validate and
/// should end: every stage can run on some executor of its profile for the whole run (a
/// lost executor is replaced by one of the same shape), so a run that stalls is a finding
/// worth reading, not the generator's noise.
public struct SwarmScenarioGenerator {
    var random: SplitMix64
    var scenario: SwarmScenario
    /// Every executor there is at time 0.
    var initial: [SwarmScenario.Executor] = []
    var defaultNeed = Need(cpus: 1, gpuUnits: 0, profile: nil)
    var profileNeeds: [String: Need] = [:]

    /// What each task of a stage holds while it runs.
    struct Need: Equatable {
        var cpus: Int
        var gpuUnits: Int
        /// Executors of this profile run it; nil = default-profile executors.
        var profile: String?
    }

    public static func make(seed: UInt64) -> SwarmScenario {
        var generator = SwarmScenarioGenerator(seed: seed)
        generator.build()
        return generator.scenario
    }

    private init(seed: UInt64) {
        // The scenario seed and the generator's stream differ, so seed n's run does not
        // draw the very numbers that shaped its scenario.
        random = SplitMix64(seed: seed ^ 0x5157_4152_4D00_0000)
        scenario = SwarmScenario(seed: seed, cluster: .master("local[1]"))
    }

    private mutating func build() {
        switch random.int(0...99) {
        case 0..<12: masterCluster()
        case 12..<42: generatedCluster()
        default: explicitCluster()
        }
        if case .master = scenario.cluster {} else {
            if random.chance(50) {
                scenario.network = (random.pick(["1Gbps", "10Gbps", "25Gbps"]),
                                    random.chance(50) ? random.pick(["1Gbps", "10Gbps", "40Gbps"]) : nil)
            }
            if random.chance(15) { scenario.physicalCores = random.int(1...8) }
        }
        sparkSettings()
        scenario.engine = [
            ("shuffle_offers", random.chance(50) ? "true" : "false"),
            ("barrier_poll_interval", random.pick(["0s", "1s", "250ms"])),
            ("task_launch_overhead", random.pick(["0ms", "0ms", "5ms", "50ms"])),
            ("control_plane", random.pick(["none", "default", "{base: none, task_launch: 1ms, task_end: 3ms}"])),
        ]
        workload()
        var planner = SwarmFaultPlanner(random: random, scenario: scenario, initial: initial)
        planner.plan()
        random = planner.random
        scenario = planner.scenario
    }

    // MARK: Cluster

    private mutating func masterCluster() {
        let url = random.pick(["local[1]", "local[2]", "local[4]", "local[3,2]", "local-cluster[2,2,1024]",
                               "local-cluster[3,1,1024]", "local-cluster[2,3,1024]"])
        scenario.cluster = .master(url)
        let numbers = url.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
        if url.hasPrefix("local-cluster") {
            initial = (0..<numbers[0]).map {
                .init(id: "\($0)", host: "localhost", rack: "", cores: numbers[1], gpus: 0)
            }
        } else {
            initial = [.init(id: "driver", host: "localhost", rack: "", cores: numbers[0], gpus: 0)]
        }
    }

    private mutating func generatedCluster() {
        let racks = random.int(1...3)
        let hostsPerRack = random.int(1...2)
        let perHost = racks * hostsPerRack == 1 ? 2 : random.int(1...2)
        let cores = random.int(1...8)
        let gpus = random.chance(40) ? 0 : random.int(1...4)
        scenario.cluster = .generated(racks: racks, hostsPerRack: hostsPerRack, perHost: perHost, cores: cores,
                                      gpus: gpus)
        for r in 0..<racks {
            for h in 0..<hostsPerRack {
                for e in 0..<perHost {
                    initial.append(.init(id: "exec\(r)-\(h)-\(e)", host: "host\(r)-\(h)", rack: "rack\(r)",
                                         cores: cores, gpus: gpus))
                }
            }
        }
    }

    private mutating func explicitCluster() {
        let count = random.int(2...8)
        let racks = random.int(1...3)
        let profiled = count >= 3 && random.chance(30) ? random.int(1...2) : 0
        let wideCores = random.int(2...8)
        let wideGPUs = random.int(1...4)
        var hostIndex = 0
        for i in 0..<count {
            if i > 0 && random.chance(70) { hostIndex += 1 }
            let host = "host\(hostIndex)"
            let rack = "rack\(hostIndex % racks)"
            if i >= count - profiled {
                initial.append(.init(id: "exec\(i)", host: host, rack: rack, cores: wideCores, gpus: wideGPUs,
                                     profile: "wide"))
            } else {
                initial.append(.init(id: "exec\(i)", host: host, rack: rack, cores: random.int(1...8),
                                     gpus: random.chance(40) ? 0 : random.int(1...4)))
            }
        }
        scenario.cluster = .explicit(initial)
        if profiled > 0 {
            let need = Need(cpus: random.int(1...wideCores),
                            gpuUnits: random.pick(GPUHundredths.choices.filter { $0 <= wideGPUs * 100 }),
                            profile: "wide")
            profileNeeds["wide"] = need
            scenario.profiles.append(("wide", "{executor: {cores: \(wideCores), gpus: \(wideGPUs)}, "
                + "task: {cpus: \(need.cpus), gpus: \(GPUHundredths.yaml(need.gpuUnits))}}"))
        }
    }

    /// Whether some default-profile executor at time 0 can run a task needing `cpus`
    /// and `units` (a whole address at least, whatever the fraction).
    func defaultsCanRun(cpus: Int, units: Int) -> Bool {
        initial.contains {
            $0.profile == nil && $0.cores >= cpus && (units == 0 || $0.gpus * 100 >= max(units, 100))
        }
    }

    // MARK: Spark settings

    private mutating func sparkSettings() {
        var spark: [(key: String, value: String)] = [
            ("spark.scheduler.barrier.maxConcurrentTasksCheck.interval", "1s"),
            ("spark.scheduler.barrier.maxConcurrentTasksCheck.maxFailures", "2"),
            ("spark.barrier.sync.timeout", "20s"),
            ("spark.locality.wait", random.pick(["0s", "100ms", "3s"])),
            ("spark.task.maxFailures", random.pick(["1", "2", "4", "4", "4"])),
        ]
        let amounts = GPUHundredths.choices.filter { defaultsCanRun(cpus: 1, units: $0) }
        if case .master = scenario.cluster {} else if random.chance(35) {
            defaultNeed.gpuUnits = random.pick(amounts)
            if defaultNeed.gpuUnits > 0 {
                spark.append(("spark.task.resource.gpu.amount", GPUHundredths.yaml(defaultNeed.gpuUnits)))
            }
        }
        if random.chance(35) {
            spark.append(("spark.scheduler.mode", "FAIR"))
            if random.chance(70) {
                scenario.pools = [.init(name: "production", minShare: random.int(0...3), weight: random.int(1...3),
                                        mode: random.pick(["FAIR", "FIFO"])),
                                  .init(name: "adhoc", minShare: random.int(0...1), weight: 1,
                                        mode: random.pick(["FAIR", "FIFO"]))]
            }
        }
        if random.chance(30) {
            spark += [("spark.speculation", "true"), ("spark.speculation.interval", random.pick(["100ms", "1s"])),
                      ("spark.speculation.multiplier", random.pick(["1.2", "1.5"])),
                      ("spark.speculation.quantile", random.pick(["0.5", "0.75"]))]
            if random.chance(50) { spark.append(("spark.speculation.minTaskRuntime", "100ms")) }
        }
        if random.chance(20) {
            // Spark requires fewer attempts per node (2 by default) than task.maxFailures.
            spark[4].value = random.pick(["3", "4"])
            spark += [("spark.excludeOnFailure.enabled", "true"),
                      ("spark.excludeOnFailure.task.maxTaskAttemptsPerExecutor", "1"),
                      ("spark.excludeOnFailure.stage.maxFailedTasksPerExecutor", random.pick(["1", "2"]))]
            if random.chance(30) { spark.append(("spark.excludeOnFailure.timeout", "5s")) }
        }
        if random.chance(25) { spark.append(("spark.shuffle.service.enabled", "true")) }
        // host-unreachable is noticed by heartbeats: short timeouts keep runs short.
        spark += [("spark.network.timeout", "8s"), ("spark.executor.heartbeatInterval", "1s"),
                  ("spark.network.timeoutInterval", "2s")]
        scenario.spark = spark
    }
}

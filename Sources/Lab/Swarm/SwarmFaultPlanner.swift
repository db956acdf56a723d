/// The faults of a swarm scenario: task failures and fetch failures on named attempts,
/// executors and hosts lost, hosts gone silent, GPUs failed, executors added, stragglers,
/// degraded links, random task failures and random executor losses; some of them at one
/// instant, and at instants spread over the run's expected length so they land during
/// launches, shuffle reads and barrier syncs as well as plain work.
///
/// Why a timeline: the scenario contract checks executor and host faults in time order
/// (a fault may not name an executor before it is added or after it is lost), so the
/// planner walks the instants in order with the executors alive at each, and replaces
/// every executor it takes away by one of the same shape on a host of its own (the run
/// can still finish).
struct SwarmFaultPlanner {
    var random: SplitMix64
    var scenario: SwarmScenario
    /// Executors alive at the instant being planned.
    private var alive: [SwarmScenario.Executor]
    /// Hosts taken down (lost or silent): nothing more may name them or their executors.
    private var deadHosts: Set<String> = []
    /// When each executor added by a fault joins (absent: there from time 0).
    private var joinsAt: [String: Int] = [:]
    private var spareCount = 0
    private var faults: [SwarmScenario.Fault] = []

    init(random: SplitMix64, scenario: SwarmScenario, initial: [SwarmScenario.Executor]) {
        self.random = random
        self.scenario = scenario
        alive = initial
    }

    /// Roughly how long the run lasts without faults: the latest submission plus each
    /// job's stages one after another.
    private var expectedSpanMs: Int {
        let submit = scenario.jobs.compactMap(\.submitAtMs).max() ?? 0
        let work = scenario.jobs.reduce(0) { total, job in
            total + job.stages.reduce(0) { $0 + ($1.durationsMs.max() ?? 0) }
        }
        return max(submit + work, 1000)
    }

    private var isLocalMaster: Bool {
        if case .master(let url) = scenario.cluster { return !url.hasPrefix("local-cluster") }
        return false
    }

    private var hasMaster: Bool {
        if case .master = scenario.cluster { return true }
        return false
    }

    mutating func plan() {
        taskFaults()
        membershipFaults()
        slowdowns()
        if random.chance(20) {
            faults.append(.randomTaskFailures(probability: random.pick(["0.01", "0.02", "0.05"])))
        }
        if !isLocalMaster && random.chance(8) {
            faults.append(.randomExecutorLoss(mtbfSeconds: random.pick([30, 120, 600]),
                                              weibullShape: random.chance(50) ? "1.5" : nil))
        }
        scenario.faults = faults
    }

    // MARK: Task-level faults

    private mutating func taskFaults() {
        let stages = scenario.jobs.flatMap { job in job.stages.map { (job: job, stage: $0) } }
        for _ in 0..<random.int(0...3) {
            let (job, stage) = random.pick(stages)
            faults.append(.taskFailure(job: job.name, stage: stage.name, partition: random.int(0...stage.tasks - 1),
                                       stageAttempt: random.chance(80) ? 0 : 1, attempt: random.int(0...1),
                                       afterMs: random.chance(50) ? random.int(0...20) * 100 : nil))
        }
        let readers = stages.filter { !$0.stage.parents.isEmpty }
        if !readers.isEmpty && random.chance(30) {
            let (job, stage) = random.pick(readers)
            let parent = random.pick(stage.parents)
            guard let mapTasks = tasks(of: parent, in: job) else { return }
            faults.append(.fetchFailure(job: job.name, stage: stage.name, partition: random.int(0...stage.tasks - 1),
                                        attempt: random.int(0...1), mapStage: parent,
                                        mapPartition: random.int(0...mapTasks - 1)))
        }
    }

    /// The task count of a parent as a stage of `job` names it (`s1` or `job0.s1`).
    private func tasks(of parent: String, in job: SwarmScenario.Job) -> Int? {
        let parts = parent.split(separator: ".").map(String.init)
        let (jobName, stageName) = parts.count == 2 ? (parts[0], parts[1]) : (job.name, parent)
        return scenario.jobs.first { $0.name == jobName }?.stages.first { $0.name == stageName }?.tasks
    }

    // MARK: Membership

    private mutating func membershipFaults() {
        let span = expectedSpanMs
        // Some instants fall just after a job's submission, while its first tasks launch.
        let submissions = scenario.jobs.compactMap(\.submitAtMs)
        var instants = (0..<random.int(0...4)).map { _ in
            random.chance(30) && !submissions.isEmpty
                ? random.pick(submissions) + random.int(0...60) : random.int(0...span / 50) * 50
        }
        // Several faults at one instant.
        if let first = instants.first, random.chance(25) { instants.append(first) }
        for at in instants.sorted() {
            let candidates = alive.filter { !deadHosts.contains($0.host) && joinsAt[$0.id, default: 0] <= at }
            guard let victim = candidates.isEmpty ? nil : random.pick(candidates) else { break }
            switch random.int(0...9) {
            case 0...3 where !isLocalMaster:
                faults.append(.executorLost(executor: victim.id, atMs: at))
                lose([victim], at: at)
            case 4 where !hasMaster:
                faults.append(.hostLost(host: victim.host, atMs: at))
                deadHosts.insert(victim.host)
                lose(alive.filter { $0.host == victim.host }, at: at)
            case 5 where !hasMaster:
                faults.append(.hostUnreachable(host: victim.host, atMs: at))
                deadHosts.insert(victim.host)
                lose(alive.filter { $0.host == victim.host }, at: at)
            case 6...7 where victim.gpus > 0:
                faults.append(.gpuFailed(executor: victim.id, gpu: random.int(0...victim.gpus - 1), atMs: at))
            case 8 where !isLocalMaster:
                add(like: victim, at: at)
            default:
                break
            }
        }
    }

    /// Takes `victims` away at `at` and adds a replacement of each shape, soon after.
    private mutating func lose(_ victims: [SwarmScenario.Executor], at: Int) {
        alive.removeAll { victim in victims.contains { $0.id == victim.id } }
        for victim in victims { add(like: victim, at: at + random.int(0...30) * 100) }
    }

    /// An `executor-added` fault for a new executor shaped like `model`, on a host of its
    /// own in the same rack (none beside a master URL's `localhost`).
    private mutating func add(like model: SwarmScenario.Executor, at: Int) {
        var executor = model
        executor.id = "spare\(spareCount)"
        executor.host = "host-spare\(spareCount)"
        spareCount += 1
        faults.append(.executorAdded(executor, atMs: at))
        alive.append(executor)
        joinsAt[executor.id] = at
    }

    // MARK: Slowdowns

    private mutating func slowdowns() {
        guard !hasMaster || random.chance(30) else { return }
        let hosts = Array(Set(alive.map(\.host))).sorted()
        let span = expectedSpanMs
        for _ in 0..<random.int(0...2) where !hosts.isEmpty {
            let from = random.int(0...span / 100) * 100
            faults.append(.straggler(host: random.pick(hosts), slowdown: random.pick(["1.5", "3.0", "10.0"]),
                                     fromMs: from, untilMs: from + random.int(1...span / 100) * 100))
        }
        if scenario.network != nil && random.chance(40) {
            let from = random.int(0...span / 100) * 100
            faults.append(.linkDegraded(host: random.pick(hosts), factor: random.pick(["0.1", "0.5"]),
                                        fromMs: from, untilMs: from + random.int(1...span / 100) * 100))
        }
    }
}

import Testing
@testable import Engine

/// The task scheduler at scale, with no simulator: a full round over every executor, then
/// each task end followed by its single-executor round, until every task has run. Not a
/// timed assertion (STYLE.md: benchmarks never are); a quadratic step would make it hang.
@Suite struct ScalingTests {
    /// A fixed-seed linear congruential generator for host preferences.
    struct Draws {
        var state: UInt64
        mutating func next(below bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// Runs `tasks` tasks, each preferring one of `executors / 10` hosts, on `executors`
    /// executors of 4 cores; returns (launches, rounds, last TID).
    static func run(executors: Int, tasks: Int, checkEvery: Int) -> (launches: Int, rounds: Int) {
        let conf: SparkConf
        do { conf = try SparkConf([("spark.locality.wait", .duration(nanoseconds: 100_000_000))]) } catch {
            preconditionFailure("\(error)")
        }
        var scheduler = TaskScheduler(
            configuration: TaskSchedulerConfiguration(conf: conf, maxTaskFailures: 4, pools: [], shuffleOffers: false),
            random: ScriptedRandom())
        let hosts = max(executors / 10, 1)
        for e in 0..<executors {
            scheduler.executorAdded(ExecutorInfo(id: "exec\(e)", host: "host\(e % hosts)", rack: "rack\(e % 20)",
                                                 cores: 4), now: .zero)
        }
        var draws = Draws(state: 42)
        let specs = (0..<tasks).map {
            TaskSpec(partition: $0, preferredLocations: [.host("host\(draws.next(below: hosts))")])
        }
        scheduler.submitTasks(TaskSet(stage: StageAttemptID(stage: StageID(0), attempt: 0), jobID: JobID(0),
                                      jobName: "job0", stageName: "scale", tasks: specs), now: .zero)
        var now = EngineInstant.zero
        var running = scheduler.resourceOffers(scheduler.makeOffers(), isAllFreeResources: true, now: now)
        var launches = running.count
        var rounds = 1
        var cursor = 0
        while cursor < running.count {
            let task = running[cursor]
            cursor += 1
            now = now + EngineDuration(nanoseconds: 1_000)
            scheduler.taskEnded(task.taskID, reason: .success(nil), now: now)
            var next = scheduler.resourceOffers(scheduler.makeOffers(executor: task.executor),
                                                isAllFreeResources: false, now: now)
            rounds += 1
            if next.isEmpty && cursor == running.count && launches < tasks {
                // Everything held back by delay scheduling: a revive after the wait.
                now = now + EngineDuration(nanoseconds: 1_000_000_000)
                next = scheduler.resourceOffers(scheduler.makeOffers(), isAllFreeResources: true, now: now)
                rounds += 1
            }
            launches += next.count
            running.append(contentsOf: next)
            if rounds % checkEvery == 0 { _ = scheduler.drainOutputs() }
        }
        _ = scheduler.drainOutputs()
        precondition(scheduler.isIdle, "scaling run left state behind")
        return (launches, rounds)
    }

    @Test func tenThousandExecutorsRunAHundredThousandTasksWithoutBlowUp() {
        let clock = ContinuousClock()
        let start = clock.now
        let result = Self.run(executors: 10_000, tasks: 100_000, checkEvery: 1_000)
        let elapsed = clock.now - start
        #expect(result.launches == 100_000)
        print("scaling: 10,000 executors × 100,000 tasks, \(result.rounds) rounds in \(elapsed)")
    }

    @Test func aSmallRunLeavesNoStateBehindAndKeepsInvariants() {
        let result = Self.run(executors: 50, tasks: 2_000, checkEvery: 1)
        #expect(result.launches == 2_000)
    }
}

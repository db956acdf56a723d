import Testing
import TestSupport
@testable import Engine

/// The periodic round built from the bookkeeping leaves out the executors with no free
/// core before it builds offers; Spark's `makeOffers()` offers every executor. Both must
/// launch the same attempts on the same executors in the same order, draw the same
/// shuffle, emit the same outputs and leave the same state: here two identical schedulers
/// run the same random workload (busy and idle executors, several task sets, delay
/// scheduling, barrier stages, two-core tasks), one with whole rounds, one with the
/// bookkeeping's rounds, and are compared after every round.
@Suite struct FullRoundEquivalenceTests {
    /// A seeded `SchedulerRandom`: both schedulers draw the same sequence.
    final class SeededRandom: SchedulerRandom {
        var draws: ScalingTests.Draws
        init(seed: UInt64) { draws = ScalingTests.Draws(state: seed) }
        func nextInt(below upperBound: Int) -> Int { draws.next(below: upperBound) }
    }

    struct Workload {
        var executors: [ExecutorInfo]
        var taskSets: [TaskSet]
    }

    static func workload(_ draws: inout ScalingTests.Draws) -> Workload {
        let hosts = 1 + draws.next(below: 8)
        let executors = (0..<(2 + draws.next(below: 24))).map { e in
            ExecutorInfo(id: "exec\(e)", host: "host\(e % hosts)", rack: "rack\(e % 3)",
                         cores: 1 + draws.next(below: 4))
        }
        let taskSets = (0..<(1 + draws.next(below: 3))).map { s in
            let barrier = draws.next(below: 5) == 0
            let tasks = (0..<(1 + draws.next(below: barrier ? 6 : 60))).map { p in
                TaskSpec(partition: p, preferredLocations: draws.next(below: 3) == 0
                    ? [] : [.host("host\(draws.next(below: hosts + 1))")])
            }
            return TaskSet(stage: StageAttemptID(stage: StageID(s), attempt: 0), jobID: JobID(s), jobName: "job\(s)",
                           stageName: "stage\(s)", tasks: tasks, isBarrier: barrier,
                           resources: TaskResourceRequest(cpus: 1 + draws.next(below: 2)))
        }
        return Workload(executors: executors, taskSets: taskSets)
    }

    static func scheduler(for workload: Workload, seed: UInt64) throws -> TaskScheduler {
        let conf = try SparkConf([("spark.locality.wait", .duration(nanoseconds: 50_000_000))])
        var scheduler = TaskScheduler(
            configuration: TaskSchedulerConfiguration(conf: conf, maxTaskFailures: 4, pools: [], shuffleOffers: true),
            random: SeededRandom(seed: seed))
        for executor in workload.executors { scheduler.executorAdded(executor, now: .zero) }
        for taskSet in workload.taskSets { scheduler.submitTasks(taskSet, now: .zero) }
        return scheduler
    }

    @Test func theBookkeepingRoundLaunchesWhatARoundOverEveryOfferLaunches() {
        withEverySeed(1...150) { seed in
            var draws = ScalingTests.Draws(state: seed)
            let work = Self.workload(&draws)
            var whole = try Self.scheduler(for: work, seed: seed)
            var sparse = try Self.scheduler(for: work, seed: seed)
            var running: [TaskID] = []
            var now = EngineInstant.zero
            for round in 0..<40 {
                let expected = whole.resourceOffers(whole.makeOffers(), isAllFreeResources: true, now: now)
                let got = sparse.resourceOffersFromBookkeeping(executorNumber: nil, now: now)
                guard got == expected else {
                    throw PropertyFailure("round \(round): launched \(got.map(\.taskID)) on \(got.map(\.executor)), "
                                          + "expected \(expected.map(\.taskID)) on \(expected.map(\.executor))")
                }
                guard sparse.drainOutputs() == whole.drainOutputs() else {
                    throw PropertyFailure("round \(round): the outputs differ")
                }
                sparse.checkInvariants()
                running += got.map(\.taskID)
                // Some tasks end (not all: busy executors must stay busy), then time moves
                // on, sometimes past the locality wait.
                for _ in 0..<draws.next(below: running.count + 1) where !running.isEmpty {
                    let tid = running.remove(at: draws.next(below: running.count))
                    whole.taskEnded(tid, reason: .success(nil), now: now)
                    sparse.taskEnded(tid, reason: .success(nil), now: now)
                }
                now = now + EngineDuration(nanoseconds: Int64(draws.next(below: 80)) * 1_000_000)
                guard whole.makeOffers() == sparse.makeOffers() else {
                    throw PropertyFailure("round \(round): the executors' free resources differ")
                }
            }
        }
    }
}

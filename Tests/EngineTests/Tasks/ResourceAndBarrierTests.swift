import Testing
@testable import Engine

/// Groups F (BR-01) and G (GPU) of the conformance file.
@Suite struct ResourceAndBarrierTests {
    static let oneGPU: [(String, SparkConfigValue)] = [("spark.task.resource.gpu.amount", .double(1))]

    @Test func tasksWaitForGPUAddressesAndGetTheLowestFreeOnes() {
        let h = Harness(Self.oneGPU)
        h.addExecutor("executor0", host: "host0", cores: 4, gpus: ["0", "1", "2", "3"])
        let ts = h.submit(stage: 0, tasks: 3, resources: TaskResourceRequest(cpus: 1, gpus: 1))
        #expect(h.round([workerOffer("executor0", "host0", cores: 2)], full: true).isEmpty)
        #expect(h.failedTaskSets.isEmpty)
        let launched = h.round([workerOffer("executor0", "host0", cores: 2, gpus: ["0", "1", "2", "3"])], full: true)
        #expect(launched.map(\.gpuAddresses) == [["0"], ["1"]])
        #expect(h.traces.filter { $0.kind == .taskLaunched }.map(\.gpuAddresses) == [["0"], ["1"]])
        #expect(h.manager(ts)?.runningTasks == 2)
        // The bookkeeping now offers the two free GPUs.
        #expect(h.scheduler.makeOffers().first?.gpus.map(\.free) == [0, 0, 1, 1])
        h.succeed(0)
        #expect(h.scheduler.makeOffers().first?.gpus.map(\.free) == [1, 0, 1, 1])
    }

    @Test func aTaskAskingTwoCPUsAndTwoGPUsCarriesBoth() {
        let h = Harness()
        h.addExecutor("exec1", host: "host1", cores: 4, gpus: ["0", "1"])
        h.submit(stage: 0, tasks: 1, resources: TaskResourceRequest(cpus: 2, gpus: 2))
        let launched = h.round(h.scheduler.makeOffers(), full: true)
        #expect(launched.first?.cpus == 2 && launched.first?.gpuAddresses == ["0", "1"])
        #expect(h.traces.last?.gpuAddresses == ["0", "1"])
        #expect(h.scheduler.makeOffers().first?.cores == 2)
    }

    @Test func fractionalGPUAmountsShareOneAddress() {
        let h = Harness([("spark.task.resource.gpu.amount", .double(0.33))])
        h.addExecutor("executor0", host: "host0", cores: 4, gpus: ["0"])
        h.submit(stage: 0, tasks: 5, resources: TaskResourceRequest(cpus: 1, gpus: 0.33))
        let launched = h.round(h.scheduler.makeOffers(), full: true)
        #expect(launched.map(\.gpuAddresses) == [["0"], ["0"], ["0"]])
        #expect(h.scheduler.makeOffers().first?.cores == 1)
        h.succeed(1)
        #expect(h.round(h.scheduler.makeOffers(), full: false).map(\.summary) == ["3:p3.0@executor0/PROCESS_LOCAL"])
        #expect(h.round(h.scheduler.makeOffers(), full: false).isEmpty, "one release makes room for exactly one")
    }

    struct BarrierCase: Sendable, CustomStringConvertible {
        let executors: Int
        let cores: Int
        let gpus: [String]
        let request: TaskResourceRequest
        let profile: Int
        let launched: Int
        var description: String { "\(executors)×\(cores) cores gpus \(gpus) task \(request) → \(launched)" }
    }

    @Test(arguments: [
        BarrierCase(executors: 2, cores: 3, gpus: [], request: TaskResourceRequest(cpus: 2), profile: 0, launched: 0),
        BarrierCase(executors: 3, cores: 3, gpus: [], request: TaskResourceRequest(cpus: 2), profile: 0, launched: 3),
        BarrierCase(executors: 2, cores: 3, gpus: ["0"], request: TaskResourceRequest(cpus: 1, gpus: 1), profile: 0,
                    launched: 0),
        BarrierCase(executors: 3, cores: 3, gpus: ["0"], request: TaskResourceRequest(cpus: 1, gpus: 1), profile: 0,
                    launched: 3),
        BarrierCase(executors: 2, cores: 2, gpus: ["0", "1"], request: TaskResourceRequest(cpus: 1, gpus: 1),
                    profile: 1, launched: 3),
        BarrierCase(executors: 2, cores: 2, gpus: ["0"], request: TaskResourceRequest(cpus: 1, gpus: 1), profile: 1,
                    launched: 0),
    ])
    func barrierTaskSetsLaunchOnlyWhenEverySlotIsThere(_ c: BarrierCase) {
        let h = Harness()
        for i in 0..<c.executors {
            h.addExecutor("exec\(i)", host: "host\(i)", cores: c.cores, gpus: c.gpus, profile: c.profile)
        }
        h.submit(stage: 0, tasks: 3, barrier: true, resources: c.request, profile: c.profile)
        let launched = h.round(h.scheduler.makeOffers(), full: true, at: ms(7))
        #expect(launched.count == c.launched)
        if c.launched > 0 {
            #expect(Set(launched.map(\.barrierAddresses)).count == 1, "one addresses list for the whole set")
            let byPartition = launched.sorted { $0.partition < $1.partition }
            #expect(launched.first?.barrierAddresses == byPartition.map(\.host))
            #expect(h.traces.allSatisfy { $0.time == ms(7) })
        } else {
            #expect(h.scheduler.makeOffers().map(\.cores) == Array(repeating: c.cores, count: c.executors))
        }
    }

    @Test func aPartialBarrierRoundGivesEverythingBackAndWaits() {
        let h = Harness()
        h.addExecutor("exec0", host: "host0", cores: 2)
        h.addExecutor("exec1", host: "host1", cores: 2)
        let ts = h.submit(stage: 0, prefs: [[host("host0")], [host("host0")], [host("host9")]], barrier: true)
        // 4 slots, but at NODE_LOCAL only host0's two tasks fit and task 2 (host9, not alive) is
        // rejected until the wait passes: partial, reverted.
        #expect(h.round(h.scheduler.makeOffers(), full: true, at: ms(0)).isEmpty)
        #expect(h.manager(ts)?.runningTasks == 0)
        #expect(h.scheduler.makeOffers().map(\.cores) == [2, 2])
        let later = h.round(h.scheduler.makeOffers(), full: true, at: ms(3000))
        #expect(later.count == 3)
        #expect(later.map(\.taskID.rawValue).sorted() == [0, 1, 2])
    }

    @Test func barrierTasksFailingMakeTheSetAZombie() {
        let h = Harness()
        h.addExecutor("exec0", host: "host0", cores: 2)
        let ts = h.submit(stage: 0, tasks: 2, barrier: true)
        #expect(h.round(h.scheduler.makeOffers(), full: true).count == 2)
        h.fail(0, .exception("boom"))
        #expect(h.manager(ts)?.isZombie == true)
        #expect(h.failedTaskSets.isEmpty, "the DAG scheduler fails the stage, not the task set")
        h.scheduler.killAllTaskAttempts(stage: StageID(0), reason: "barrier-stage-failed", now: .zero)
        h.drain()
        #expect(h.kills.map(\.0) == [TaskID(1)])
        h.fail(1, .killed("barrier-stage-failed"))
        #expect(h.scheduler.isIdle)
    }

    @Test func barrierSlotsCountTheLimitingResourceOfEveryLiveExecutor() {
        let h = Harness { $0.taskOnlyProfiles = [2] }
        h.addExecutor("a", host: "h1", cores: 4, gpus: ["0", "1"])
        h.addExecutor("b", host: "h2", cores: 3, gpus: ["0"])
        h.addExecutor("c", host: "h3", cores: 6, gpus: ["0", "1", "2"], profile: 1)
        #expect(h.scheduler.maxConcurrentTasks(resources: TaskResourceRequest(cpus: 1), profile: 0) == 7)
        #expect(h.scheduler.maxConcurrentTasks(resources: TaskResourceRequest(cpus: 2), profile: 0) == 3)
        #expect(h.scheduler.maxConcurrentTasks(resources: TaskResourceRequest(cpus: 1, gpus: 1), profile: 0) == 3)
        #expect(h.scheduler.maxConcurrentTasks(resources: TaskResourceRequest(cpus: 1, gpus: 0.5), profile: 0) == 6)
        #expect(h.scheduler.maxConcurrentTasks(resources: TaskResourceRequest(cpus: 2, gpus: 1), profile: 1) == 3)
        #expect(h.scheduler.maxConcurrentTasks(resources: TaskResourceRequest(cpus: 2, gpus: 2), profile: 2) == 1)
        h.loseExecutor("a", .killedByDriver)
        #expect(h.scheduler.maxConcurrentTasks(resources: TaskResourceRequest(cpus: 1), profile: 0) == 3)
    }

    @Test func taskSetsOfAProfileRunOnlyOnItsExecutors() {
        let h = Harness()
        h.addExecutor("small", host: "h1", cores: 4)
        h.addExecutor("big", host: "h2", cores: 4, profile: 1)
        h.submit(stage: 0, tasks: 2, profile: 1)
        let launched = h.round(h.scheduler.makeOffers(), full: true)
        #expect(launched.map(\.executor) == ["big", "big"])
    }
}

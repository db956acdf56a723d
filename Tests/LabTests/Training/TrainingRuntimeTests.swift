import Engine
import Report
import Sim
import Testing
import Workloads
@testable import Lab

/// The training runtime on Spark's scheduler over the simulated cluster, with a tiny
/// trainer: job structure, exact cost parts, both styles agreeing, restarts, determinism.
@Suite struct TrainingRuntimeTests {
    static func cluster(executors: Int = 4, cores: Int = 2, network: String = "network: {host_link: 10Gbps, latency: 5us}",
                        faults: String = "") -> String {
        """
        name: training-runtime
        seed: 3
        cluster:
          racks: 1
          hosts_per_rack: \(executors)
          executors_per_host: 1
          executor: {cores: \(cores)}
          cpu: {flops_per_core: 1GFLOPS}
          \(network)
        engine: {task_launch_overhead: 10ms}
        workload: {kind: logistic-regression, style: task-parallel, data: {rows: 100, features: 2}, partitions: 2}
        \(faults)
        """
    }

    static func run(_ yaml: String, style: TrainingSetup.Style, partitions: Int, rows: Int = 10_000,
                    maxIter: Int = 5, checkpointEvery: Int? = nil) throws -> TrainingRun.Result {
        let scenario = try ScenarioLoader.load(text: yaml, file: "inline.yaml")
        var setup = TrainingSetup(style: style, partitions: partitions, rows: rows, bytesPerRow: 16)
        setup.flopsPerCore = FlopRate(flopsPerSecond: 1_000_000_000)
        setup.driverRate = setup.flopsPerCore
        setup.costs.checkpointEvery = checkpointEvery
        if case .barrier = style { setup.costs.exchange = .arrow }
        return TrainingRun.run(scenario, setup: setup, trainer: MeanTrainer(maxIter: maxIter),
                               streams: RandomStreams(seed: scenario.seed))
    }

    static let ring = TrainingSetup.Style.barrier(.allreduce(.ring))

    @Test func taskParallelPassIsOneJobOfEightThenTwoThenOneTasks() throws {
        let result = try Self.run(Self.cluster(), style: .taskParallel, partitions: 8, maxIter: 3)
        let rows = result.engine.outcome.trace
        #expect(result.jobs == 4)  // maxIter + 1 passes
        #expect(rows.filter { $0.event == .jobSucceeded }.count == 4)
        for job in 0..<4 {
            let name = "loss-gradient-\(job)"
            let stages = rows.filter { $0.event == .stageSubmitted && $0.job == name }.map { $0.stage ?? "" }
            #expect(stages == ["partials", "tree-1", "final"])
            let launched = { (stage: String) in
                rows.filter { $0.event == .taskLaunched && $0.job == name && $0.stage == stage }.count
            }
            #expect([launched("partials"), launched("tree-1"), launched("final")] == [8, 2, 1])
        }
        #expect(result.iterations.map(\.record.iteration) == [0, 1, 2, 3])
        #expect(result.failure == nil)
    }

    @Test func barrierRunIsOneJobOneStageOneTaskPerWorker() throws {
        let result = try Self.run(Self.cluster(), style: Self.ring, partitions: 4)
        let rows = result.engine.outcome.trace
        #expect(rows.filter { $0.event == .jobSubmitted }.count == 1)
        #expect(rows.filter { $0.event == .stageSubmitted }.count == 1)
        #expect(rows.filter { $0.event == .taskLaunched }.count == 4)
        #expect(result.iterations.map(\.record.iteration) == Array(0...5))
    }

    @Test func oneWorkerOnAnIdealNetworkIsPureCompute() throws {
        let yaml = Self.cluster(executors: 1, network: "")
        var setup = TrainingSetup(style: Self.ring, partitions: 1, rows: 1_000, bytesPerRow: 16)
        setup.flopsPerCore = FlopRate(flopsPerSecond: 1_000_000_000)
        setup.costs.pythonWorkerStartup = .zero
        let scenario = try ScenarioLoader.load(text: yaml, file: "inline.yaml")
        let result = TrainingRun.run(scenario, setup: setup, trainer: MeanTrainer(maxIter: 3),
                                     streams: RandomStreams(seed: 1))
        let costs = result.iterationRecords
        // Each pass: 1000 rows x 4 FLOPs at 1 GFLOPS = 4 us compute, 10 FLOPs update = 10 ns;
        // iteration 0 is the initial model at the start, so iteration 1 spans passes 0 and 1.
        #expect(costs.count == 4)
        for row in costs.dropFirst() {
            let passes: Int64 = row.iteration == 1 ? 2 : 1
            #expect(row.communicationNanoseconds == 0)
            #expect(row.computeNanoseconds == 4_000 * passes)
            #expect(row.driverNanoseconds == 10 * passes)
            #expect(row.idleNanoseconds == 0)
        }
    }

    @Test func costPartsSumExactlyToEachIterationsTime() throws {
        for style in [TrainingSetup.Style.taskParallel, Self.ring, .barrier(.allGather)] {
            let result = try Self.run(Self.cluster(), style: style, partitions: 6, maxIter: 4)
            let costs = result.iterationRecords
            #expect(costs.count == 5)
            var previous = result.trainingStart.nanosecondsSinceStart
            for row in costs {
                let parts = row.computeNanoseconds + row.communicationNanoseconds + row.schedulingNanoseconds
                    + row.pythonStartupNanoseconds + row.exchangeNanoseconds
                #expect(parts + row.driverNanoseconds + row.idleNanoseconds == row.timeNanoseconds - previous)
                #expect(row.idleNanoseconds >= 0)
                previous = row.timeNanoseconds
            }
        }
    }

    @Test func bothStylesReachTheSameObjectiveInTheSameIterations() throws {
        let parallel = try Self.run(Self.cluster(), style: .taskParallel, partitions: 8, maxIter: 6)
        let barrier = try Self.run(Self.cluster(), style: Self.ring, partitions: 4, maxIter: 6)
        #expect(parallel.iterations.count == barrier.iterations.count)
        for (a, b) in zip(parallel.iterations, barrier.iterations) {
            #expect(a.record.iteration == b.record.iteration)
            #expect(abs(a.record.objective - b.record.objective) <= 1e-9 * abs(a.record.objective))
        }
    }

    @Test func workerLossRestartsFromTheLastCheckpoint() throws {
        let clean = try Self.run(Self.cluster(executors: 3, cores: 1), style: Self.ring, partitions: 2, maxIter: 8,
                                 checkpointEvery: 3)
        let lossAt = clean.iterations[6].time.nanosecondsSinceStart + 1
        let worker = clean.engine.outcome.trace.first { $0.event == .taskLaunched }!.executor!
        let faults = "faults:\n  - {kind: executor-lost, executor: \(worker), at: \(lossAt)ns}"
        let failed = try Self.run(Self.cluster(executors: 3, cores: 1, faults: faults), style: Self.ring,
                                  partitions: 2, maxIter: 8, checkpointEvery: 3)
        #expect(failed.restarts == 1)
        #expect(failed.redoneIterations >= 1)
        #expect(failed.engine.outcome.trace.filter { $0.event == .jobFailed }.count == 1)
        #expect(failed.iterations.map(\.record.iteration) == Array(0...8))
        #expect(failed.iterations.last?.record.objective == clean.iterations.last?.record.objective)
        #expect(failed.trainingEnd > clean.trainingEnd)
    }

    @Test func aRunIsByteIdenticalTwice() throws {
        let a = try Self.run(Self.cluster(), style: .taskParallel, partitions: 5)
        let b = try Self.run(Self.cluster(), style: .taskParallel, partitions: 5)
        #expect(TraceRow.csv(a.engine.outcome.trace) == TraceRow.csv(b.engine.outcome.trace))
        #expect(a.iterationRecords == b.iterationRecords)
    }
}

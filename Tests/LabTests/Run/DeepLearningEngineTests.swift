import Foundation
import Report
import Sim
import Testing
import TestSupport
import Workloads
@testable import Lab

/// Deep learning on the engine: each point is one Spark job, one barrier stage of a task
/// per GPU, whose tasks run Horovod's steps (layer groups, fusion cycles, allreduces as
/// flows on the network); faults act on them.
@Suite struct DeepLearningEngineTests {
    /// horovod-scaling with one model and a few GPU counts; `variation` replaces the GPU's.
    static func small(_ model: String = "resnet-101", gpus: [Int] = [1, 8], variation: Double? = nil,
                      edit: (inout Scenario.DeepLearningWorkload) -> Void = { _ in })
        throws -> (Scenario, Scenario.DeepLearningWorkload)
    {
        var scenario = try DeepLearningRunTests.load()
        guard case .deepLearning(var workload) = scenario.variants[0].workload else {
            throw CocoaError(.featureUnsupported)
        }
        workload.models = [model]
        workload.scaleGPUs = gpus
        workload.published = nil
        edit(&workload)
        scenario.variants[0].workload = .deepLearning(workload)
        if let variation { scenario.cluster.gpu?.variation = variation }
        return (scenario, workload)
    }

    static func point(_ scenario: Scenario, _ workload: Scenario.DeepLearningWorkload, gpus: Int)
        throws -> DeepLearningRun.PlannedPoint
    {
        let profile = try #require(ModelProfile.named(workload.models[0]))
        return try #require(DeepLearningRun.plannedPoints(profile, workload, scenario: scenario).first { $0.gpus == gpus })
    }

    @Test func eightGPUsRunAsOneBarrierStageOfEightTasksLaunchedAtOnceOnDistinctGPUs() throws {
        let (scenario, workload) = try Self.small(variation: 0)
        let point = try Self.point(scenario, workload, gpus: 8)
        let result = DeepLearningRun.runPoint(point.program, scenario: scenario)

        #expect(result.stop == .allJobsEnded)
        #expect(result.counts.jobsSucceeded == 1 && result.counts.jobsFailed == 0)
        #expect(result.counts.tasksLaunched == 8 && result.counts.taskFailures == 0)
        let trace = result.outcome.trace
        #expect(trace.filter { $0.event == .jobSubmitted }.count == 1)
        let launches = trace.filter { $0.event == .taskLaunched }
        #expect(launches.count == 8)
        #expect(Set(launches.map(\.timeNanoseconds)).count == 1)
        #expect(launches.allSatisfy { $0.detail?.hasPrefix("gpu=") == true })
        #expect(Set(launches.map { "\($0.executor ?? "")/\($0.detail ?? "")" }).count == 8)
        #expect(Set(launches.compactMap(\.host)).count == 2)
        // Every step's buffers were allreduced: as many as the steps' fusion cycles cut.
        let log = try #require(point.program.horovod?.log)
        #expect(Set(log.buffers.map(\.step)) == Set(1...workload.iterations))
        #expect(log.cycles.reduce(0) { $0 + $1.buffers } == log.buffers.count)
    }

    /// On an idle network each buffer's allreduce on the engine (NCCL's latency as one
    /// wait, then one flow per ring hop, or the hierarchical phases) takes what the
    /// analytic `AllreduceCost` says, which is itself checked against the step-by-step
    /// flow simulation (`DeepLearningRunTests`).
    @Test(arguments: [(AllreduceCost.Algorithm.ring, 16), (.ring, 32), (.hierarchical, 16)])
    func eachBufferTakesTheAnalyticAllreduceTimeOnAnIdleNetwork(_ algorithm: AllreduceCost.Algorithm,
                                                                _ gpus: Int) throws {
        let (scenario, workload) = try Self.small("vgg-16", gpus: [1, gpus], variation: 0) {
            $0.overlap = false
            $0.allreduce = algorithm
            $0.iterations = 3
            $0.warmup = 1
        }
        let point = try Self.point(scenario, workload, gpus: gpus)
        _ = DeepLearningRun.runPoint(point.program, scenario: scenario)
        let cost = DeepLearningRun.allreduceCost(workload, cluster: scenario.cluster)
        let buffers = try #require(point.program.horovod?.log.buffers)
        #expect(!buffers.isEmpty)
        for buffer in buffers {
            let engine = Double((buffer.end - buffer.start).nanoseconds)
            let analytic = Double(cost.duration(bytes: buffer.bytes, workers: gpus).nanoseconds)
            #expect(abs(engine - analytic) <= analytic * 0.005 + 1_000,
                    "\(algorithm) \(gpus) GPUs, \(buffer.bytes) B: engine \(engine) ns, analytic \(analytic) ns")
        }
    }

    /// Without variation or faults the engine's step is the step model's, give or take
    /// the layer groups (gradients seen ready at a group's end, at most a cycle late).
    @Test(arguments: ["resnet-101", "inception-v3", "vgg-16"])
    func withoutVariationTheStepIsTheStepModelsWithinTwoPercent(_ model: String) throws {
        let (scenario, workload) = try Self.small(model, gpus: [1, 16], variation: 0)
        let point = try Self.point(scenario, workload, gpus: 16)
        _ = DeepLearningRun.runPoint(point.program, scenario: scenario)
        let step = try #require(point.program.steadyStepNanoseconds(warmup: workload.warmup))
        let model = Double(point.timing.step.nanoseconds)
        #expect(abs(step - model) / model < 0.02, "engine \(step) ns, step model \(model) ns")
    }

    /// A synchronous step waits for its slowest GPU: one host at half speed slows all 16.
    @Test func aSlowHostHoldsEveryRankBack() throws {
        let (scenario, workload) = try Self.small(gpus: [1, 16], variation: 0) { $0.iterations = 6 }
        var slowed = scenario
        slowed.faults = [.straggler(host: scenario.cluster.hosts[2].id, slowdown: 2, from: .zero, until: nil)]
        let fast = try Self.point(scenario, workload, gpus: 16), slow = try Self.point(slowed, workload, gpus: 16)
        _ = DeepLearningRun.runPoint(fast.program, scenario: scenario)
        _ = DeepLearningRun.runPoint(slow.program, scenario: slowed)
        let fastStep = try #require(fast.program.steadyStepNanoseconds(warmup: workload.warmup))
        let slowStep = try #require(slow.program.steadyStepNanoseconds(warmup: workload.warmup))
        #expect(slowStep / fastStep > 1.9, "\(fastStep) -> \(slowStep)")
    }

    /// A lost host fails the barrier stage; the driver resubmits the job, which runs on
    /// the spare host from the last checkpoint: every step is reached, the ones after the
    /// checkpoint twice.
    @Test func aLostHostRestartsTheGangFromTheLastCheckpoint() throws {
        let (base, workload) = try Self.small("resnet-50", gpus: [1, 8], variation: 0.025) {
            $0.iterations = 30
            $0.checkpointEvery = 10
            $0.spareHosts = 1
        }
        var scenario = base
        scenario.faults = [.hostLost(host: base.cluster.hosts[1].id, at: SimInstant(nanosecondsSinceStart: 9_000_000_000))]
        let point = try Self.point(scenario, workload, gpus: 8)
        let result = DeepLearningRun.runPoint(point.program, scenario: scenario, spareHosts: 1)
        let program = point.program
        #expect(result.counts.jobsSucceeded == 1 && result.counts.jobsFailed == 1)
        let jobs = result.outcome.trace.filter { $0.event == .jobSubmitted }.compactMap(\.job)
        #expect(jobs.count == 2)
        #expect(program.restarts == 1)
        #expect(program.checkpointed == 30)
        // The steps ended since the last checkpoint saved before the loss are redone: at
        // most a checkpoint interval (all ten when the loss came while rank 0 was writing).
        #expect(program.redoneSteps > 0 && program.redoneSteps <= 10, "\(program.redoneSteps)")
        #expect(program.stepEnds.allSatisfy { $0 != nil })
        let restartedHosts = Set(result.outcome.trace.filter { $0.event == .taskLaunched && $0.job == jobs[1] }
            .compactMap(\.host))
        #expect(restartedHosts.contains(base.cluster.hosts[2].id) && !restartedHosts.contains(base.cluster.hosts[1].id))
    }

    /// Efficiency falls with the GPU count and never rises again (no zig-zag from the
    /// fusion cycles lining up differently at each count).
    @Test func efficiencyFallsMonotonicallyWithTheGPUCount() throws {
        let folder = try ShippedRunCache.folder("scenarios/horovod-scaling.yaml")
        let csv = try #require(folder.files.first { $0.name == "scaling.csv" }?.contents)
        var byModel: [String: [Double]] = [:]
        for line in csv.split(separator: "\n").dropFirst() {
            let cells = line.split(separator: ",")
            byModel[String(cells[0]), default: []].append(try #require(Double(cells[3])))
        }
        #expect(byModel.count == 3)
        for (model, efficiencies) in byModel.sorted(by: { $0.key < $1.key }) {
            #expect(zip(efficiencies, efficiencies.dropFirst()).allSatisfy { $0 >= $1 }, "\(model): \(efficiencies)")
        }
    }

    @Test func twoRunsOfAReducedBenchmarkGiveIdenticalBytes() throws {
        let (scenario, _) = try Self.small("inception-v3", gpus: [1, 8, 16]) { $0.iterations = 6 }
        let first = Runner.run(scenario).files, second = Runner.run(scenario).files
        #expect(first.map(\.name) == second.map(\.name))
        for (a, b) in zip(first, second) { #expect(Array(a.contents.utf8) == Array(b.contents.utf8), "\(a.name)") }
    }

    @Test func theRunsSummaryCountsOneJobPerPointAndATaskPerGPU() throws {
        let (scenario, workload) = try Self.small()
        let run = DeepLearningRun.run(scenario, workload)
        #expect(run.summary.jobsSucceeded == 2 && run.summary.jobsFailed == 0)
        #expect(run.summary.tasksLaunched == 1 + 8)
        #expect(run.outcome.trace.filter { $0.event == .taskLaunched }.count == 8)
        // Horovod's cycles and allreduces are trace.json tracks of the traced point.
        #expect(run.outcome.spanTracks.map(\.name) == ["horovod (background thread cycles)", "horovod (NCCL allreduces)"])
        #expect(run.outcome.spanTracks.allSatisfy { !$0.spans.isEmpty })
    }
}

import Foundation
import Sim
import Testing
import TestSupport
import Workloads
@testable import Lab

/// The faults a Horovod job on Spark meets, acting on the engine's steps: a degraded link
/// slows every ring that crosses it, a silent host holds the gang until Spark gives up on
/// it, a broken GPU fails its task and with it the barrier stage.
@Suite struct DeepLearningFaultTests {
    static func instant(seconds: Int64) -> SimInstant { SimInstant(nanosecondsSinceStart: seconds * 1_000_000_000) }

    /// 8 GPUs on the first two hosts plus one spare, checkpoints every 5 steps (none when
    /// `checkpoints` is false).
    static func gang(_ model: String = "resnet-50", iterations: Int = 30, checkpoints: Bool = true) throws
        -> (Scenario, Scenario.DeepLearningWorkload)
    {
        try DeepLearningEngineTests.small(model, gpus: [1, 8], variation: 0) {
            $0.iterations = iterations
            $0.checkpointEvery = checkpoints ? 5 : nil
            $0.spareHosts = 1
        }
    }

    static func run(_ scenario: Scenario, _ workload: Scenario.DeepLearningWorkload)
        throws -> (DeepLearningProgram, EngineRun.Result)
    {
        let point = try DeepLearningEngineTests.point(scenario, workload, gpus: 8)
        return (point.program, DeepLearningRun.runPoint(point.program, scenario: scenario, spareHosts: workload.spareHosts))
    }

    @Test func aDegradedLinkSlowsEveryRingThatCrossesIt() throws {
        let (base, workload) = try Self.gang("vgg-16", iterations: 6, checkpoints: false)
        var degraded = base
        degraded.faults = [.linkDegraded(host: base.cluster.hosts[0].id, factor: 0.25, from: .zero, until: nil)]
        let (fast, _) = try Self.run(base, workload)
        let (slow, _) = try Self.run(degraded, workload)
        let fastBuffers = try #require(fast.horovod?.log.buffers), slowBuffers = try #require(slow.horovod?.log.buffers)
        let fastTime = fastBuffers.reduce(0) { $0 + ($1.end - $1.start).nanoseconds }
        let slowTime = slowBuffers.reduce(0) { $0 + ($1.end - $1.start).nanoseconds }
        // The link at a quarter of its rate is the ring's bottleneck hop: about 4x.
        #expect(Double(slowTime) / Double(fastTime) > 3, "\(fastTime) -> \(slowTime) ns")
        let fastStep = try #require(fast.steadyStepNanoseconds(warmup: workload.warmup))
        let slowStep = try #require(slow.steadyStepNanoseconds(warmup: workload.warmup))
        #expect(slowStep > fastStep * 1.5, "\(fastStep) -> \(slowStep) ns")
    }

    /// A host that stops answering freezes its ranks and its ring flows; the others wait in
    /// their allreduce until the driver removes the silent executor (its heartbeats older
    /// than `spark.network.timeout`), which fails the barrier stage; the job restarts from
    /// its checkpoint and finishes.
    @Test func aSilentHostHoldsTheGangUntilSparkGivesUpOnIt() throws {
        var (scenario, workload) = try Self.gang()
        scenario.faults = [.hostUnreachable(host: scenario.cluster.hosts[1].id, at: Self.instant(seconds: 3))]
        let (program, result) = try Self.run(scenario, workload)
        #expect(program.restarts == 1)
        #expect(program.stepEnds.allSatisfy { $0 != nil })
        #expect(result.counts.jobsSucceeded == 1 && result.counts.jobsFailed == 1)
        let lost = try #require(result.outcome.trace.first { $0.event == .executorLost })
        #expect(lost.timeNanoseconds >= 120_000_000_000)
        // No step ended between the silence and the executor's removal; after it, the
        // line falls back to the checkpoint.
        let silent = Self.instant(seconds: 3), removed = SimInstant(nanosecondsSinceStart: lost.timeNanoseconds)
        #expect(!program.progress.contains { $0.time > silent && $0.time < removed })
        let reached = program.progress.filter { $0.time <= silent }.map(\.step).max() ?? 0
        let resumed = try #require(program.progress.first { $0.time >= removed })
        #expect(resumed.step <= reached && resumed.step % 5 == 0, "\(program.progress.map(\.step))")
    }

    /// Spark has no GPU health: a broken GPU's task fails (a CUDA error), the barrier stage
    /// with it, and the executor keeps advertising the address, so every restart that is
    /// given it fails the same way: here all four attempts (the first and three restarts),
    /// and the point is reported as not finished.
    @Test func aBrokenGPUFailsItsTaskAndTheBarrierStageAgainAndAgain() throws {
        var (scenario, workload) = try Self.gang()
        let executor = scenario.cluster.executors[1].id
        scenario.faults = [.gpuFailed(executor: executor, gpu: 0, at: Self.instant(seconds: 3))]
        let (program, result) = try Self.run(scenario, workload)
        let stageFailures = result.outcome.trace.filter { $0.event == .stageFailed }
        #expect(stageFailures.count == 4)
        #expect(stageFailures.allSatisfy { ($0.detail ?? "").contains("GPUFailure: GPU 0 of executor \(executor)") })
        #expect(program.restarts == 3 && result.counts.jobsFailed == 4 && result.counts.jobsSucceeded == 0)
        #expect(program.stepEnds.last! == nil)
        let run = DeepLearningRun.run(scenario, workload)
        #expect(run.outcome.deepLearning?.failures.count == 1)
        #expect(run.outcome.deepLearning?.failures.first?.hasPrefix("resnet-50 on 8 GPUs: training stopped at step") == true)
    }
}

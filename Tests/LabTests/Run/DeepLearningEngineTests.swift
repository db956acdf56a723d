import Foundation
@testable import Lab
import Report
import Sim
import Testing
import TestSupport
import Workloads

/// The deep-learning workload on the engine: each scaling point is one Spark job, one
/// barrier stage of a task per GPU, and its throughput read off the engine's timeline is
/// the step model's.
@Suite struct DeepLearningEngineTests {
    /// horovod-scaling with ResNet-101 at 1 and 8 GPUs.
    static func small() throws -> (Scenario, Scenario.DeepLearningWorkload) {
        var scenario = try DeepLearningRunTests.load()
        guard case .deepLearning(var workload) = scenario.variants[0].workload else {
            throw CocoaError(.featureUnsupported)
        }
        workload.models = ["resnet-101"]
        workload.scaleGPUs = [1, 8]
        scenario.variants[0].workload = .deepLearning(workload)
        return (scenario, workload)
    }

    @Test func eightGPUsRunAsOneBarrierStageOfEightTasksLaunchedAtOnceOnDistinctGPUs() throws {
        let (scenario, workload) = try Self.small()
        let profile = try #require(ModelProfile.named("resnet-101"))
        let model = DeepLearningRun.stepModel(profile, workload, cluster: scenario.cluster)
        let cost = DeepLearningRun.allreduceCost(workload, cluster: scenario.cluster)
        let timing = DataParallelStepModel.timing(model.plan(workers: 8)) { cost.duration(bytes: $0, workers: 8) }
        let program = DeepLearningProgram(workers: 8, iterations: workload.iterations, stepTime: timing.step)
        let result = DeepLearningRun.runPoint(program, scenario: scenario)

        #expect(result.stop == .allJobsEnded)
        #expect(result.counts.jobsSucceeded == 1 && result.counts.jobsFailed == 0)
        #expect(result.counts.tasksLaunched == 8 && result.counts.taskFailures == 0)
        let trace = result.outcome.trace
        #expect(trace.filter { $0.event == .jobSubmitted }.count == 1)
        let stages = trace.filter { $0.event == .stageSubmitted }
        #expect(stages.count == 1)
        let launches = trace.filter { $0.event == .taskLaunched }
        #expect(launches.count == 8)
        #expect(Set(launches.map(\.timeNanoseconds)).count == 1)
        #expect(Set(launches.map(\.stage)).count == 1)
        let pairs = launches.map { "\($0.executor ?? "")/\($0.detail ?? "")" }
        #expect(launches.allSatisfy { $0.detail?.hasPrefix("gpu=") == true })
        #expect(Set(pairs).count == 8, "\(pairs)")
        // Two hosts of four GPUs: ranks fill hosts as the allreduce cost assumes.
        #expect(Set(launches.compactMap(\.host)).count == 2)

        let step = try #require(program.steadyStepNanoseconds(warmup: workload.warmup))
        #expect(step == Double(timing.step.nanoseconds))
        let expected = Double(8 * workload.batchSize) / timing.step.seconds
        #expect(Double(8 * workload.batchSize) / (step / 1e9) == expected)
    }

    @Test func theRunsSummaryCountsOneJobPerPointAndATaskPerGPU() throws {
        let (scenario, workload) = try Self.small()
        let run = DeepLearningRun.run(scenario, workload)
        #expect(run.summary.jobsSucceeded == 2 && run.summary.jobsFailed == 0)
        #expect(run.summary.tasksLaunched == 1 + 8)
        let csv = try #require(run.outcome.deepLearning?.scalingCSV)
        let profile = try #require(ModelProfile.named("resnet-101"))
        let model = DeepLearningRun.stepModel(profile, workload, cluster: scenario.cluster)
        let cost = DeepLearningRun.allreduceCost(workload, cluster: scenario.cluster)
        let timing = DataParallelStepModel.timing(model.plan(workers: 8)) { cost.duration(bytes: $0, workers: 8) }
        let throughput = NumberFormat.fixed(Double(8 * workload.batchSize) / timing.step.seconds, decimals: 2)
        #expect(csv.contains("\nresnet-101,8,\(throughput),"), "\(csv)")
        // The trace is the largest point's: its eight launches.
        #expect(run.outcome.trace.filter { $0.event == .taskLaunched }.count == 8)
    }
}

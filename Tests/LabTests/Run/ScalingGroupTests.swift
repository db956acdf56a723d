import Testing
import Report
@testable import Lab

/// Which variants share a scaling line: Lab compares the workloads with their worker
/// count dropped, and hands Report the first variant of each group.
@Suite struct ScalingGroupTests {
    static func workload(_ style: Scenario.TrainingStyle, workers: Int, exchange: Scenario.TrainingOptions.Exchange)
        -> Scenario.Workload
    {
        var training = Scenario.LogisticRegressionWorkload(
            style: style, data: .synthetic(rows: 100, features: 2), partitions: workers, solver: .gd, maxIter: 5,
            tol: 0, regParam: 0)
        training.options.exchange = exchange
        return .logisticRegression(training)
    }

    @Test func variantsThatDifferOnlyInWorkersShareAGroup() {
        let workloads = [
            Self.workload(.barrierAllreduce, workers: 4, exchange: .pickle),
            Self.workload(.barrierAllreduce, workers: 4, exchange: .arrow),
            Self.workload(.barrierAllreduce, workers: 16, exchange: .pickle),
            Self.workload(.barrierAllreduce, workers: 16, exchange: .arrow),
            Self.workload(.taskParallel, workers: 16, exchange: .pickle),
        ]
        let free = workloads.map(ScenarioDescription.withoutWorkers)
        #expect(free.indices.map { free.firstIndex(of: free[$0])! } == [0, 1, 0, 1, 4])
        #expect(workloads.map { ScenarioDescription.shape($0).trainingStyle }
                == ["barrier-allreduce", "barrier-allreduce", "barrier-allreduce", "barrier-allreduce",
                    "task-parallel"])
    }
}

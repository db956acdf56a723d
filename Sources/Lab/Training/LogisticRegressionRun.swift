import Report
import Sim
import Workloads

/// docs/scenario.md's `logistic-regression` workload on the engine: W1's
/// `LogisticRegressionTrainer` run by the training runtime, task-parallel (MLlib) or
/// barrier + allreduce (Hydrogen), with the outputs `iterations.csv` and
/// `iteration_costs.csv` besides the trace and summary.
enum LogisticRegressionRun {
    static func run(_ scenario: Scenario, _ workload: Scenario.LogisticRegressionWorkload, variant: String,
                    streams: RandomStreams) -> (outcome: RunOutcome, summary: SummaryRow) {
        guard let (trainer, setup) = TrainingPlan.make(.logisticRegression(workload), scenario: scenario,
                                                      streams: streams) else { preconditionFailure("a training kind") }
        let result = TrainingRun.run(scenario, setup: setup, trainer: trainer, streams: streams)
        return TrainingRun.outputs(result, scenario: scenario, variant: variant)
    }

    /// The trainer before its first pass, on `data`.
    static func trainer(_ workload: Scenario.LogisticRegressionWorkload, data: Dataset) -> LogisticRegressionTrainer {
        let configuration = LogisticRegressionTrainer.Configuration(
            solver: workload.solver == .lbfgs ? .lbfgs : .gd, maxIter: workload.maxIter, tol: workload.tol,
            regParam: workload.regParam)
        return LogisticRegressionTrainer(data: data, configuration: configuration)
    }

    /// The rows: a CSV file's (loaded when the scenario was read) or synthetic ones from
    /// the seed (`SyntheticClassification`).
    static func dataset(_ data: Scenario.LogisticRegressionWorkload.TrainingData, streams: RandomStreams) -> Dataset {
        switch data {
        case .synthetic(let rows, let features):
            return SyntheticClassification(rows: rows, features: features, streams: streams).dataset
        case .csv(let file):
            return file.dataset
        }
    }
}

extension TrainingRun {
    /// The runtime's setup from the scenario: cluster rates, `spark.task.cpus`, the style
    /// and the optional cost keys.
    static func setup(_ scenario: Scenario, style: Scenario.TrainingStyle,
                      partitions: Int, options: Scenario.TrainingOptions, rows: Int,
                      bytesPerRow: Int64) -> TrainingSetup {
        let exchange: TrainingSetup.BarrierExchange = options.sync == .allGather
            ? .allGather : .allreduce(options.allreduce)
        var setup = TrainingSetup(style: style == .taskParallel ? .taskParallel : .barrier(exchange),
                                  partitions: partitions, rows: rows, bytesPerRow: bytesPerRow)
        let rate = scenario.cluster.cpu?.flopsPerCore ?? TrainingCosts.defaultFlopsPerCore
        setup.flopsPerCore = rate
        setup.driverRate = rate
        setup.taskCPUs = scenario.spark.taskCPUs
        if let represented = options.representsRows, rows > 0 { setup.rowCostScale = Double(represented) / Double(rows) }
        if style == .barrierAllreduce {
            setup.costs.pythonWorkerStartup = options.pythonWorkerStartup
                ?? scenario.engine.controlPlane.pythonWorkerStartup
            setup.costs.exchange = options.exchange == .arrow ? .arrow : .pickle
            setup.costs.checkpointEvery = options.checkpointEvery
        } else {
            setup.costs.pythonWorkerStartup = .zero
        }
        return setup
    }

    /// The outcome (trace, iterations, headline facts) and summary row of one variant.
    static func outputs(_ result: Result, scenario: Scenario, variant: String) -> (outcome: RunOutcome,
                                                                                   summary: SummaryRow) {
        var outcome = result.engine.outcome
        outcome.scope = scope
        outcome.iterations = result.iterationRecords
        outcome.training = result.trainingRecord
        outcome.criticalPath = result.criticalPathSpans(barrier: result.isBarrier)
        var summary = EngineRun.summary(result.engine, scenario: scenario, variant: variant)
        summary.makespanNanoseconds = result.trainingEnd.nanosecondsSinceStart
        summary.simulated = scope.rawValue
        return (outcome, summary)
    }
}

import Sim
import Workloads

/// A training workload made ready to run: its trainer before the first pass and the
/// runtime's setup (style, data shape, cost model).
enum TrainingPlan {
    /// Nil for a workload that is not a training kind.
    static func make(_ workload: Scenario.Workload, scenario: Scenario,
                     streams: RandomStreams) -> (trainer: any PartitionedTrainer, setup: TrainingSetup)? {
        switch workload {
        case .logisticRegression(let training):
            let data = LogisticRegressionRun.dataset(training.data, streams: streams)
            let trainer = LogisticRegressionRun.trainer(training, data: data)
            var setup = TrainingRun.setup(scenario, style: training.style, partitions: training.partitions,
                                          options: training.options, rows: data.rows,
                                          bytesPerRow: Int64(data.features + 1) * 8)
            if let width = training.representsFeatures {
                setup.modelCostScale = Double(width + 1) / Double(data.features + 1)
            }
            return (trainer, setup)
        case .kMeans(let training):
            let trainer = TrainingKindsRun.kMeansTrainer(training, streams: streams)
            let setup = TrainingRun.setup(scenario, style: training.style, partitions: training.partitions,
                                          options: training.options, rows: trainer.data.rows,
                                          bytesPerRow: Int64(trainer.data.features) * 8)  // no label
            return (trainer, setup)
        case .gradientBoostedTrees(let training):
            let trainer = TrainingKindsRun.gradientBoostedTreesTrainer(training, streams: streams)
            let setup = TrainingRun.setup(scenario, style: training.style, partitions: training.partitions,
                                          options: training.options, rows: trainer.data.rows,
                                          bytesPerRow: Int64(trainer.data.features + 1) * 8)
            return (trainer, setup)
        case .scripted, .collective, .deepLearning, .application:
            return nil
        }
    }
}

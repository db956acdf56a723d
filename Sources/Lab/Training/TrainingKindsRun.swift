import Report
import Sim
import Workloads

/// `kind: kmeans` and `kind: gbt` on the engine: W1's `KMeansTrainer` and
/// `GradientBoostedTreesTrainer` run by the training runtime in either style, with the
/// same outputs as logistic regression (`iterations.csv`: the K-means cost after each
/// Lloyd iteration, or the mean training log-loss after each tree).
enum TrainingKindsRun {
    static func run(_ scenario: Scenario, _ workload: Scenario.KMeansWorkload, variant: String,
                    streams: RandomStreams) -> (outcome: RunOutcome, summary: SummaryRow) {
        guard let (trainer, setup) = TrainingPlan.make(.kMeans(workload), scenario: scenario, streams: streams)
        else { preconditionFailure("a training kind") }
        return run(scenario, setup: setup, trainer: trainer, variant: variant, streams: streams)
    }

    static func run(_ scenario: Scenario, _ workload: Scenario.GradientBoostedTreesWorkload, variant: String,
                    streams: RandomStreams) -> (outcome: RunOutcome, summary: SummaryRow) {
        guard let (trainer, setup) = TrainingPlan.make(.gradientBoostedTrees(workload), scenario: scenario,
                                                      streams: streams) else { preconditionFailure("a training kind") }
        return run(scenario, setup: setup, trainer: trainer, variant: variant, streams: streams)
    }

    private static func run(_ scenario: Scenario, setup: TrainingSetup, trainer: any PartitionedTrainer,
                            variant: String, streams: RandomStreams) -> (outcome: RunOutcome, summary: SummaryRow) {
        let result = TrainingRun.run(scenario, setup: setup, trainer: trainer, streams: streams)
        return TrainingRun.outputs(result, scenario: scenario, variant: variant)
    }

    /// The trainer before its first pass: data from the CSV file (loaded when the
    /// scenario was read) or Gaussian blobs from the seed; the initial centres from
    /// stream `kmeans.init`.
    static func kMeansTrainer(_ workload: Scenario.KMeansWorkload, streams: RandomStreams) -> KMeansTrainer {
        let data: Dataset
        switch workload.data {
        case let .blobs(rows, features, clusters, spread):
            data = GaussianBlobs(rows: rows, features: features, k: clusters, spread: spread, streams: streams).dataset
        case let .csv(file):
            data = file.dataset
        }
        let initialization: KMeansTrainer.Initialization = workload.initialization == .random
            ? .random : .kMeansParallel(steps: 2)
        let configuration = KMeansTrainer.Configuration(k: workload.k, maxIter: workload.maxIter, tol: workload.tol,
                                                        initialization: initialization)
        return KMeansTrainer(data: data, configuration: configuration, partitions: workload.partitions,
                             streams: streams)
    }

    /// The trainer before its first pass: the rows as logistic regression reads them; the
    /// binning sample from stream `gbt.bins`.
    static func gradientBoostedTreesTrainer(_ workload: Scenario.GradientBoostedTreesWorkload,
                                            streams: RandomStreams) -> GradientBoostedTreesTrainer {
        let data = LogisticRegressionRun.dataset(workload.data, streams: streams)
        let configuration = GradientBoostedTreesTrainer.Configuration(
            numTrees: workload.numTrees, maxDepth: workload.maxDepth, maxBins: workload.maxBins,
            learningRate: workload.learningRate)
        return GradientBoostedTreesTrainer(data: data, configuration: configuration, streams: streams)
    }
}

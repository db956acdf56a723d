extension Scenario {
    /// A rough count of the scheduling work a run of this scenario does: task attempts it
    /// will launch, collective messages it will send. Used only to order a sweep's runs
    /// largest first (outputs never depend on it), so only the order of estimates matters,
    /// not their scale; everything a run does whatever its size is left out.
    public var estimatedWork: Double {
        variants.reduce(0) { $0 + Self.estimatedWork($1.workload) }
    }

    static func estimatedWork(_ workload: Workload) -> Double {
        switch workload {
        case .scripted(let scripted):
            return Double(scripted.jobs.reduce(0) { $0 + $1.stages.reduce(0) { $0 + $1.tasks } })
        case .logisticRegression(let training):
            return trainingWork(training.style, partitions: training.partitions, passes: training.maxIter)
        case .kMeans(let training):
            return trainingWork(training.style, partitions: training.partitions, passes: training.maxIter)
        case .gradientBoostedTrees(let training):
            return trainingWork(training.style, partitions: training.partitions,
                                passes: training.numTrees * training.maxDepth)
        case .deepLearning(let training):
            let gpus = training.scaleGPUs.reduce(0, +)
            return Double(training.models.count * gpus * training.iterations)
        case .application(let application):
            return application.phases.reduce(0) { $0 + estimatedWork($1) }
        case .collective(let collective):
            let ranks: Int
            switch collective.participants {
            case .ranks(let count): ranks = count
            case .groups(let groups): ranks = groups.reduce(0) { $0 + $1.count }
            }
            return Double(ranks) * Double(ranks)
        }
    }

    /// Task-parallel: a job of `partitions` tasks per pass; barrier: one task per worker
    /// for the whole run, each pass an allreduce among them.
    private static func trainingWork(_ style: TrainingStyle, partitions: Int, passes: Int) -> Double {
        switch style {
        case .taskParallel: return Double(partitions) * Double(passes)
        case .barrierAllreduce: return Double(partitions) * (1 + Double(passes) / 8)
        }
    }
}

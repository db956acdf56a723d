extension Scenario {
    /// The data files the scenario reads (CSV training data of every variant), resolved
    /// against the scenario's folder, sorted, each once.
    ///
    /// Why: a sweep's cache key must change when a data file changes, not only when the
    /// scenario's own bytes do.
    public var dataFiles: [String] {
        var paths: [String] = []
        for variant in variants {
            switch variant.workload {
            case .logisticRegression(let training):
                if case .csv(let path, _) = training.data { paths.append(path) }
            case .gradientBoostedTrees(let training):
                if case .csv(let path, _) = training.data { paths.append(path) }
            case .kMeans(let training):
                if case .csv(let path, _) = training.data { paths.append(path) }
            default:
                break
            }
        }
        var unique: [String] = []
        for path in paths.sorted() where unique.last != path { unique.append(path) }
        return unique
    }
}

import Workloads

extension Scenario {
    /// A CSV data file the scenario references, read and parsed when the scenario was
    /// decoded: a run trains on `dataset` and never opens the file again.
    public struct DataFile: Sendable, Equatable {
        /// Resolved against the scenario file's folder.
        public var path: String
        /// The column that is not a feature: the 0/1 label (logistic regression, gbt), or
        /// the column kmeans leaves out (nil: every column is a feature).
        public var label: String?
        /// The rows, as parsed when the scenario was read.
        public var dataset: Dataset
    }

    /// The data files the scenario reads (CSV training data of every variant), resolved
    /// against the scenario's folder, sorted, each once.
    ///
    /// Why: a sweep's cache key must change when a data file changes, not only when the
    /// scenario's own bytes do.
    public var dataFiles: [String] {
        var paths: [String] = []
        var workloads = variants.map(\.workload)
        while let workload = workloads.popLast() {
            switch workload {
            case .application(let application):
                workloads += application.phases
            case .logisticRegression(let training):
                if case .csv(let file) = training.data { paths.append(file.path) }
            case .gradientBoostedTrees(let training):
                if case .csv(let file) = training.data { paths.append(file.path) }
            case .kMeans(let training):
                if case .csv(let file) = training.data { paths.append(file.path) }
            default:
                break
            }
        }
        var unique: [String] = []
        for path in paths.sorted() where unique.last != path { unique.append(path) }
        return unique
    }
}

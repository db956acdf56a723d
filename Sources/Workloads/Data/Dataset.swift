/// A labelled data set held in memory: `rows` x `features` values, row-major, and one
/// label per row.
///
/// Why row-major `[Double]`: a partition's rows are one contiguous block, which GSL's
/// CBLAS reads as a matrix (`lda = features`) without copying, as MLlib's
/// `DenseVector`s of one partition are read by its aggregators. Labels are doubles so
/// that one type serves 0/1 classification and cluster ids alike.
public struct Dataset: Sendable, Equatable {
    /// Number of rows (examples).
    public let rows: Int
    /// Number of features per row.
    public let features: Int
    /// Row `i`, feature `j` is `values[i * features + j]`.
    public let values: [Double]
    /// One label per row (0/1 for classification).
    public let labels: [Double]
    /// One name per feature, in column order.
    public let featureNames: [String]

    /// A data set from its parts; the shapes must agree and every value be finite.
    public init(features: Int, values: [Double], labels: [Double], featureNames: [String]? = nil) {
        precondition(features > 0, "Dataset: needs at least one feature")
        precondition(values.count == labels.count * features,
                     "Dataset: \(values.count) values for \(labels.count) rows x \(features) features")
        precondition(values.allSatisfy(\.isFinite) && labels.allSatisfy(\.isFinite),
                     "Dataset: values and labels must be finite")
        let names = featureNames ?? (0..<features).map { "f\($0)" }
        precondition(names.count == features, "Dataset: \(names.count) names for \(features) features")
        self.rows = labels.count
        self.features = features
        self.values = values
        self.labels = labels
        self.featureNames = names
    }

    /// Feature `feature` of row `row`.
    @inline(__always)
    public func value(row: Int, feature: Int) -> Double { values[row * features + feature] }

    /// The features of row `row`, copied.
    public func row(_ row: Int) -> [Double] {
        Array(values[row * features..<(row + 1) * features])
    }

    /// Whether every label is 0 or 1 (what the classifiers require).
    public var hasBinaryLabels: Bool { labels.allSatisfy { $0 == 0 || $0 == 1 } }
}

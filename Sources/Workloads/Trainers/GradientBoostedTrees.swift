/// A regression tree over binned features, as histogram-based boosting builds it.
///
/// Why bins: a split "bin ≤ b goes left" needs only per-bin gradient and hessian sums,
/// which partitions can add element-wise; that is what makes one pass per tree level
/// enough (XGBoost's `hist`, LightGBM, MLlib's binned `DecisionTree`).
public struct BoostedTree: Sendable, Equatable {
    public struct Node: Sendable, Equatable {
        /// The feature split on, or nil for a leaf.
        public var feature: Int?
        /// Rows whose bin of `feature` is ≤ `bin` go left (feature value ≤ `threshold`).
        public var bin: Int
        public var threshold: Double
        public var left: Int
        public var right: Int
        /// For a leaf, the Newton step −G/(H + λ) (before the learning rate).
        public var value: Double
        public var depth: Int
        /// Sums over the node's rows: gradient, hessian, count.
        var gradient: Double
        var hessian: Double
        var count: Double
    }

    public internal(set) var nodes: [Node]

    /// The leaf a binned row reaches, from the root (or from `node`).
    func leaf(codes: ArraySlice<UInt8>, from node: Int = 0) -> Int {
        var index = node
        while let feature = nodes[index].feature {
            index = Int(codes[codes.startIndex + feature]) <= nodes[index].bin ? nodes[index].left : nodes[index].right
        }
        return index
    }
}

/// Quantile bin thresholds per feature, computed from a sample of rows.
struct FeatureBins: Sendable, Equatable {
    /// thresholds[j] ascending; bin b of feature j holds values in (t[b−1], t[b]].
    var thresholds: [[Double]]

    /// At most `maxBins` bins per feature: every distinct value but the last when there
    /// are few, else the values at ranks b·S/maxBins of the sorted sample (deduplicated).
    init(sample: [Double], features d: Int, maxBins: Int) {
        precondition(maxBins >= 2 && maxBins <= 256, "FeatureBins: maxBins in 2...256 (bins are bytes)")
        let rows = sample.count / d
        thresholds = (0..<d).map { j in
            let column = (0..<rows).map { sample[$0 * d + j] }.sorted()
            var distinct: [Double] = []
            for v in column where distinct.last != v { distinct.append(v) }
            if distinct.count <= maxBins { return Array(distinct.dropLast()) }
            var cuts: [Double] = []
            for b in 1..<maxBins {
                let v = column[b * rows / maxBins]
                if cuts.last != v && v != column.last { cuts.append(v) }
            }
            return cuts
        }
    }

    /// The bin of `value` for feature `j`: the number of thresholds below it.
    @inline(__always)
    func bin(_ value: Double, feature j: Int) -> UInt8 {
        let t = thresholds[j]
        var lo = 0, hi = t.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if t[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return UInt8(lo)
    }

    /// Every row's bins, row-major.
    func codes(_ data: Dataset) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: data.rows * data.features)
        for i in 0..<data.rows {
            for j in 0..<data.features { out[i * data.features + j] = bin(data.value(row: i, feature: j), feature: j) }
        }
        return out
    }
}

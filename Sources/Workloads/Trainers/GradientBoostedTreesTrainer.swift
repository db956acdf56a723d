import Foundation
import Sim

/// Histogram-based gradient-boosted trees for binary classification with logistic
/// loss: MLlib-style task-parallel training and XGBoost/LightGBM-on-Spark barrier
/// training run this same trainer (the level histograms travel by `treeAggregate` or
/// by allreduce).
///
/// Passes (purpose: partition vector; FLOPs per row; d features, B = maxBins, m open
/// nodes at the level, D = maxDepth):
/// - `bins`: the sampled rows (S = min(rows, max(B², 10000)), drawn by the driver from
///   stream `gbt.bins`, as MLlib's `findSplits` samples) gathered into their slots,
///   plus the label sum and row count (S·d + 2); 1 per row. The driver sorts each
///   feature's sample for quantile thresholds: driverFlops S·d·log2(S).
/// - `histogram`, one per tree level: for every open node, feature and bin the sums of
///   gradient, hessian and count (3·m·d·B); level 0 also appends the loss sum, correct
///   predictions and count of the model so far (+3). Per row: routing (depth), the
///   gradient and hessian (15), 3 adds per feature; level 0 adds the loss (15) and the
///   update of the row's cached margin by the previous tree (D + 2), and on the first
///   tree the binning of the row (d·log2 B). Driver: the gain scan, 12 per node,
///   feature and bin.
/// - `loss`: after the last tree, the loss sum, correct predictions and count (3); per row
///   D + 17.
///
/// Splits maximise gain ½[G_L²/(H_L+λ) + G_R²/(H_R+λ) − G²/(H+λ)] (ties: lowest
/// feature, then lowest bin) subject to `minInstancesPerNode` rows on each side and
/// gain > `minInfoGain`; leaves take the Newton step −G/(H+λ), scaled by
/// `learningRate` when added to the margin. The first margin is the label log-odds.
/// Records: iteration t is the mean log-loss and accuracy after t trees.
public struct GradientBoostedTreesTrainer: PartitionedTrainer {
    public struct Configuration: Sendable, Equatable {
        public var numTrees: Int
        public var maxDepth: Int
        public var maxBins: Int
        public var learningRate: Double
        public var minInstancesPerNode: Int
        public var minInfoGain: Double
        /// λ, the L2 penalty on leaf values (XGBoost's `reg_lambda`).
        public var l2: Double

        public init(numTrees: Int = 20, maxDepth: Int = 5, maxBins: Int = 32, learningRate: Double = 0.1,
                    minInstancesPerNode: Int = 1, minInfoGain: Double = 0, l2: Double = 1) {
            precondition(numTrees > 0 && maxDepth > 0 && (2...256).contains(maxBins),
                         "GradientBoostedTreesTrainer: numTrees, maxDepth > 0; maxBins in 2...256")
            precondition(learningRate > 0 && minInstancesPerNode >= 1 && l2 >= 0 && minInfoGain >= 0,
                         "GradientBoostedTreesTrainer: learningRate > 0, minInstancesPerNode >= 1, l2 >= 0")
            self.numTrees = numTrees
            self.maxDepth = maxDepth
            self.maxBins = maxBins
            self.learningRate = learningRate
            self.minInstancesPerNode = minInstancesPerNode
            self.minInfoGain = minInfoGain
            self.l2 = l2
        }
    }

    enum Stage: Equatable {
        case bins(sample: [Int])
        /// Building `trees.count`-th tree; `open` are the nodes of `current` split at this level.
        case level(depth: Int, open: [Int])
        case finalLoss
        case done
    }

    public let data: Dataset
    public let configuration: Configuration
    var stage: Stage
    var bins: FeatureBins?
    var codes: [UInt8] = []
    /// Each row's margin under the trees so far (what MLlib caches as `predError`).
    var margins: [Double] = []
    var current = BoostedTree(nodes: [])
    /// The initial margin (label log-odds).
    public internal(set) var baseMargin = 0.0
    /// The finished trees.
    public internal(set) var trees: [BoostedTree] = []
    public internal(set) var records: [IterationRecord] = []

    public init(data: Dataset, configuration: Configuration, streams: RandomStreams) {
        precondition(data.hasBinaryLabels, "GradientBoostedTreesTrainer: labels must be 0 or 1")
        self.data = data
        self.configuration = configuration
        let wanted = min(data.rows, max(configuration.maxBins * configuration.maxBins, 10_000))
        var indices = Array(0..<data.rows)
        if wanted < data.rows { streams.stream(named: "gbt.bins").shuffle(&indices) }
        stage = .bins(sample: indices.prefix(wanted).sorted())
    }

    /// The model's margin for row `row` (base margin plus every finished tree).
    public func margin(row: Int) -> Double { margins[row] }

    public mutating func nextPass() -> DataPass? {
        let d = data.features, b = configuration.maxBins, depthCost = Double(configuration.maxDepth + 2)
        switch stage {
        case let .bins(sample):
            let s = Double(sample.count)
            return DataPass(purpose: "bins", broadcastDoubles: 0, resultDoubles: sample.count * d + 2,
                            flopsPerRow: 1, driverFlops: s * Double(d) * log2(max(s, 2)))
        case let .level(depth, open):
            var perRow = Double(depth + 15 + 3 * d)
            if depth == 0 {
                perRow += 15 + (trees.isEmpty ? Double(d) * log2(Double(b)) : depthCost)
            }
            let scan = 12.0 * Double(open.count * d * b)
            return DataPass(purpose: "histogram", broadcastDoubles: 4 * current.nodes.count,
                            resultDoubles: 3 * open.count * d * b + (depth == 0 ? 3 : 0),
                            flopsPerRow: perRow, driverFlops: scan)
        case .finalLoss:
            return DataPass(purpose: "loss", broadcastDoubles: 0, resultDoubles: 3,
                            flopsPerRow: depthCost + 15, driverFlops: 3)
        case .done:
            return nil
        }
    }

    public func partialResult(of pass: DataPass, rows: Range<Int>) -> [Double] {
        precondition(rows.lowerBound >= 0 && rows.upperBound <= data.rows, "GBT: rows out of range")
        var out = [Double](repeating: 0, count: pass.resultDoubles)
        let d = data.features
        switch stage {
        case let .bins(sample):
            for (slot, row) in sample.enumerated() where rows.contains(row) {
                for j in 0..<d { out[slot * d + j] = data.value(row: row, feature: j) }
            }
            for i in rows { out[sample.count * d] += data.labels[i] }
            out[sample.count * d + 1] = Double(rows.count)
        case let .level(depth, open):
            accumulateHistograms(rows: rows, open: open, into: &out)
            if depth == 0 { addLoss(rows: rows, into: &out, at: out.count - 3) }
        case .finalLoss:
            addLoss(rows: rows, into: &out, at: 0)
        case .done:
            preconditionFailure("GBT: training is over")
        }
        return out
    }

    private func accumulateHistograms(rows: Range<Int>, open: [Int], into out: inout [Double]) {
        let d = data.features, b = configuration.maxBins
        var slotOfNode = [Int](repeating: -1, count: current.nodes.count)
        for (slot, node) in open.enumerated() { slotOfNode[node] = slot }
        for i in rows {
            let codes = self.codes[i * d..<(i + 1) * d]
            let slot = slotOfNode[current.leaf(codes: codes)]
            guard slot >= 0 else { continue }  // the row sits in a finished leaf
            let p = LogisticLoss.sigmoid(margins[i])
            let g = p - data.labels[i], h = max(p * (1 - p), 1e-16)
            for j in 0..<d {
                let base = ((slot * d + j) * b + Int(codes[i * d + j])) * 3
                out[base] += g
                out[base + 1] += h
                out[base + 2] += 1
            }
        }
    }

    private func addLoss(rows: Range<Int>, into out: inout [Double], at offset: Int) {
        for i in rows {
            let z = margins[i], y = data.labels[i]
            let m = y == 1 ? z : -z
            out[offset] += max(-m, 0) + log1p(exp(-abs(m)))
            if (z > 0 ? 1.0 : 0.0) == y { out[offset + 1] += 1 }
            out[offset + 2] += 1
        }
    }
}

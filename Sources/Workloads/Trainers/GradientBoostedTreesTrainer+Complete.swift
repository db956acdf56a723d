import Foundation

extension GradientBoostedTreesTrainer {
    public mutating func complete(_ pass: DataPass, sum: [Double]) -> [IterationRecord] {
        precondition(sum.count == pass.resultDoubles, "GBT: sum of length \(sum.count)")
        switch stage {
        case let .bins(sample):
            let d = data.features
            precondition(sum[sample.count * d + 1] == Double(data.rows), "GBT: bins pass missed rows")
            let found = FeatureBins(sample: Array(sum[0..<sample.count * d]), features: d,
                                    maxBins: configuration.maxBins)
            bins = found
            codes = found.codes(data)
            let p = min(max(sum[sample.count * d] / Double(data.rows), 1e-12), 1 - 1e-12)
            baseMargin = log(p / (1 - p))
            margins = [Double](repeating: baseMargin, count: data.rows)
            startTree()
            return []
        case let .level(depth, open):
            var result: [IterationRecord] = []
            if depth == 0 {
                let tail = sum.count - 3
                result = record(loss: sum[tail], correct: sum[tail + 1], count: sum[tail + 2])
            }
            splitLevel(depth: depth, open: open, histograms: sum)
            return result
        case .finalLoss:
            stage = .done
            return record(loss: sum[0], correct: sum[1], count: sum[2])
        case .done:
            preconditionFailure("GBT: complete after training ended")
        }
    }

    private mutating func record(loss: Double, correct: Double, count: Double) -> [IterationRecord] {
        precondition(count == Double(data.rows), "GBT: loss pass counted \(count) rows")
        let entry = IterationRecord(iteration: records.count, objective: loss / count, accuracy: correct / count)
        records.append(entry)
        return [entry]
    }

    private mutating func startTree() {
        current = BoostedTree(nodes: [BoostedTree.Node(feature: nil, bin: 0, threshold: 0, left: -1, right: -1,
                                                       value: 0, depth: 0, gradient: 0, hessian: 0, count: 0)])
        stage = .level(depth: 0, open: [0])
    }

    private func gainTerm(_ g: Double, _ h: Double) -> Double { g * g / (h + configuration.l2) }

    /// Splits every open node at `depth` on its best (feature, bin), or makes it a leaf.
    private mutating func splitLevel(depth: Int, open: [Int], histograms: [Double]) {
        let d = data.features, b = configuration.maxBins, minimum = Double(configuration.minInstancesPerNode)
        var nextOpen: [Int] = []
        for (slot, node) in open.enumerated() {
            func cell(_ j: Int, _ bin: Int, _ k: Int) -> Double { histograms[((slot * d + j) * b + bin) * 3 + k] }
            var g = 0.0, h = 0.0, n = 0.0
            for bin in 0..<b { g += cell(0, bin, 0); h += cell(0, bin, 1); n += cell(0, bin, 2) }
            current.nodes[node].gradient = g
            current.nodes[node].hessian = h
            current.nodes[node].count = n
            var best: (gain: Double, feature: Int, bin: Int, left: (Double, Double, Double))?
            for j in 0..<d {
                var gl = 0.0, hl = 0.0, nl = 0.0
                for bin in 0..<(b - 1) {
                    gl += cell(j, bin, 0); hl += cell(j, bin, 1); nl += cell(j, bin, 2)
                    guard nl >= minimum, n - nl >= minimum else { continue }
                    let gain = 0.5 * (gainTerm(gl, hl) + gainTerm(g - gl, h - hl) - gainTerm(g, h))
                    if gain > configuration.minInfoGain, gain > (best?.gain ?? 0) {
                        best = (gain, j, bin, (gl, hl, nl))
                    }
                }
            }
            guard let best else {
                current.nodes[node].value = -g / (h + configuration.l2)
                continue
            }
            let thresholds = bins!.thresholds[best.feature]
            current.nodes[node].feature = best.feature
            current.nodes[node].bin = best.bin
            current.nodes[node].threshold = best.bin < thresholds.count ? thresholds[best.bin] : .infinity
            let sides = [best.left, (g - best.left.0, h - best.left.1, n - best.left.2)]
            for (side, stats) in sides.enumerated() {
                let child = current.nodes.count
                current.nodes.append(BoostedTree.Node(
                    feature: nil, bin: 0, threshold: 0, left: -1, right: -1,
                    value: -stats.0 / (stats.1 + configuration.l2), depth: depth + 1,
                    gradient: stats.0, hessian: stats.1, count: stats.2))
                if side == 0 { current.nodes[node].left = child } else { current.nodes[node].right = child }
                if depth + 1 < configuration.maxDepth { nextOpen.append(child) }
            }
        }
        if nextOpen.isEmpty { finishTree() } else { stage = .level(depth: depth + 1, open: nextOpen) }
    }

    private mutating func finishTree() {
        let d = data.features
        for i in 0..<data.rows {
            let leaf = current.leaf(codes: codes[i * d..<(i + 1) * d])
            margins[i] += configuration.learningRate * current.nodes[leaf].value
        }
        trees.append(current)
        if trees.count < configuration.numTrees { startTree() } else { stage = .finalLoss }
    }
}

extension KMeansTrainer {
    public mutating func complete(_ pass: DataPass, sum: [Double]) -> [IterationRecord] {
        precondition(sum.count == pass.resultDoubles, "KMeansTrainer: sum of length \(sum.count)")
        switch stage {
        case .sample:
            centres = sum
            if case let .kMeansParallel(steps) = configuration.initialization, steps > 0 {
                stage = .parallelCost(step: 0)
            } else {
                stage = .lloyd(iteration: 0)
            }
            return []
        case let .parallelCost(step):
            stage = selectionStage(step: step, partitionCosts: sum)
            return []
        case let .parallelSelect(step, _):
            let d = data.features
            for slot in 0..<(sum.count / d) where !contains(centres, Array(sum[slot * d..<(slot + 1) * d])) {
                centres += sum[slot * d..<(slot + 1) * d]
            }
            guard case let .kMeansParallel(steps) = configuration.initialization else { preconditionFailure() }
            if step + 1 < steps {
                stage = .parallelCost(step: step + 1)
            } else if centreCount <= configuration.k {
                stage = .lloyd(iteration: 0)  // as MLlib: at most k distinct candidates are the centres
            } else {
                stage = .parallelWeights(candidates: centres)
            }
            return []
        case let .parallelWeights(candidates):
            centres = KMeansMath.kMeansPlusPlus(points: candidates, weights: sum, d: data.features,
                                                k: configuration.k, maxIterations: 30, stream: stream)
            stage = .lloyd(iteration: 0)
            return []
        case let .lloyd(iteration):
            return completeLloyd(iteration: iteration, sum: sum)
        case let .finalCost(iteration):
            stage = .done
            return record(iteration, cost: sum[0])
        case .done:
            preconditionFailure("KMeansTrainer: complete after training ended")
        }
    }

    private func contains(_ list: [Double], _ point: [Double]) -> Bool {
        let d = point.count
        return (0..<(list.count / d)).contains { c in (0..<d).allSatisfy { list[c * d + $0] == point[$0] } }
    }

    /// Draws the step's 2k positions in [0, Σ cost) and maps each to (partition, offset).
    private func selectionStage(step: Int, partitionCosts: [Double]) -> Stage {
        let total = partitionCosts.reduce(0, +)
        guard total > 0 else { return .parallelSelect(step: step, targets: []) }
        let positions = (0..<(2 * configuration.k)).map { _ in stream.uniform() * total }.sorted()
        var targets: [(partition: Int, offset: Double)] = []
        var p = 0, before = 0.0
        for position in positions {
            while p < partitionCosts.count - 1 && position >= before + partitionCosts[p] {
                before += partitionCosts[p]
                p += 1
            }
            targets.append((p, position - before))
        }
        return .parallelSelect(step: step, targets: targets)
    }

    private mutating func completeLloyd(iteration: Int, sum: [Double]) -> [IterationRecord] {
        let d = data.features, k = centreCount
        assert(k <= configuration.k, "KMeansTrainer: more centres than k")
        var moved = false
        var next = centres
        for c in 0..<k where sum[configuration.k * d + c] > 0 {
            let count = sum[configuration.k * d + c]
            var shift = 0.0
            for j in 0..<d {
                next[c * d + j] = sum[c * d + j] / count
                let delta = next[c * d + j] - centres[c * d + j]
                shift += delta * delta
            }
            if shift > configuration.tol * configuration.tol { moved = true }
        }
        let cost = sum[configuration.k * (d + 1)]
        centres = next
        let done = !moved || iteration + 1 >= configuration.maxIter
        stage = done ? .finalCost(iteration: iteration + 1) : .lloyd(iteration: iteration + 1)
        if done {
            stopReason = moved ? "max iterations reached" : "converged (no centre moved more than tol)"
        }
        return record(iteration, cost: cost)
    }

    private mutating func record(_ iteration: Int, cost: Double) -> [IterationRecord] {
        precondition(iteration == records.count, "KMeansTrainer: iterations are recorded in order")
        let entry = IterationRecord(iteration: iteration, objective: cost)
        records.append(entry)
        return [entry]
    }
}

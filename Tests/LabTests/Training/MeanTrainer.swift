import Workloads

/// A tiny trainer for runtime tests: gradient descent on f(m) = 1/2 mean (x - m)^2 over
/// x_i = (37 i mod 101), step 1/2. Pass k evaluates the model m_k (iteration k's
/// objective) and, while k < maxIter, updates it; so maxIter + 1 passes in all.
struct MeanTrainer: PartitionedTrainer {
    var model = 0.0
    let maxIter: Int
    var passesStarted = 0
    var flopsPerRow = 4.0
    var driverFlops = 10.0

    static func value(_ row: Int) -> Double { Double((37 * row) % 101) }

    mutating func nextPass() -> DataPass? {
        guard passesStarted <= maxIter else { return nil }
        passesStarted += 1
        return DataPass(purpose: "loss-gradient", broadcastDoubles: 1, resultDoubles: 3, flopsPerRow: flopsPerRow,
                        driverFlops: driverFlops)
    }

    func partialResult(of pass: DataPass, rows: Range<Int>) -> [Double] {
        var sum = 0.0, squares = 0.0
        for row in rows {
            let residual = Self.value(row) - model
            sum += residual
            squares += residual * residual
        }
        return [sum, squares, Double(rows.count)]
    }

    mutating func complete(_ pass: DataPass, sum: [Double]) -> [IterationRecord] {
        let iteration = passesStarted - 1
        let record = IterationRecord(iteration: iteration, objective: 0.5 * sum[1] / sum[2])
        if iteration < maxIter { model += 0.5 * sum[0] / sum[2] }
        return [record]
    }
}

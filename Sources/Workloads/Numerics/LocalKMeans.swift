import Sim

/// Squared distances and nearest centres, plus MLlib's local weighted k-means++.
enum KMeansMath {
    /// Squared Euclidean distance between row `row` of `data` and centre `c` of `centres`.
    @inline(__always)
    static func squaredDistance(_ data: Dataset, row: Int, _ centres: [Double], _ c: Int) -> Double {
        let d = data.features
        var sum = 0.0
        for j in 0..<d {
            let diff = data.values[row * d + j] - centres[c * d + j]
            sum += diff * diff
        }
        return sum
    }

    /// The nearest centre (lowest index on ties) and its squared distance.
    static func closest(_ data: Dataset, row: Int, _ centres: [Double]) -> (index: Int, cost: Double) {
        let k = centres.count / data.features
        precondition(k > 0, "KMeansMath: no centres")
        var best = 0, bestCost = Double.infinity
        for c in 0..<k {
            let cost = squaredDistance(data, row: row, centres, c)
            if cost < bestCost { (best, bestCost) = (c, cost) }
        }
        return (best, bestCost)
    }

    /// MLlib's `LocalKMeans.kMeansPlusPlus`: k-means++ seeding over weighted `points`
    /// (row-major, `d` wide), then at most `maxIterations` weighted Lloyd rounds; an
    /// emptied cluster takes a random point. Draws from `stream`.
    ///
    /// - Complexity: O(maxIterations · points · k · d).
    static func kMeansPlusPlus(points: [Double], weights: [Double], d: Int, k: Int, maxIterations: Int,
                               stream: RandomStream) -> [Double] {
        let n = weights.count
        precondition(points.count == n * d && n >= k && k > 0, "kMeansPlusPlus: bad shapes")
        func dist(_ i: Int, _ centres: [Double], _ c: Int) -> Double {
            (0..<d).reduce(0) { let x = points[i * d + $1] - centres[c * d + $1]; return $0 + x * x }
        }
        func pick(_ scores: [Double]) -> Int {
            let total = scores.reduce(0, +)
            var r = stream.uniform() * total, i = 0
            while i < n - 1 && r >= scores[i] { r -= scores[i]; i += 1 }
            return i
        }
        let first = pick(weights)
        var centres = Array(points[first * d..<(first + 1) * d])
        var costs = (0..<n).map { dist($0, centres, 0) }
        for c in 1..<k {
            let chosen = pick(zip(weights, costs).map(*))
            centres += points[chosen * d..<(chosen + 1) * d]
            for i in 0..<n { costs[i] = min(costs[i], dist(i, centres, c)) }
        }
        var assignment = [Int](repeating: -1, count: n)
        for _ in 0..<maxIterations {
            var moved = false
            var sums = [Double](repeating: 0, count: k * d), counts = [Double](repeating: 0, count: k)
            for i in 0..<n {
                let best = (0..<k).min { dist(i, centres, $0) < dist(i, centres, $1) }!
                if best != assignment[i] { moved = true; assignment[i] = best }
                counts[best] += weights[i]
                for j in 0..<d { sums[best * d + j] += weights[i] * points[i * d + j] }
            }
            if !moved { break }
            for c in 0..<k {
                if counts[c] == 0 {
                    let r = stream.integer(below: n)
                    for j in 0..<d { centres[c * d + j] = points[r * d + j] }
                } else {
                    for j in 0..<d { centres[c * d + j] = sums[c * d + j] / counts[c] }
                }
            }
        }
        return centres
    }
}

/// The stages `RDD.treeAggregate` runs for one aggregation: the partition count of each
/// level, and which partition of the next level each partition's value goes to.
///
/// Why a value of its own: MLlib's per-pass job structure (real run a: every fit job is
/// 8 -> 2 -> 1 tasks) follows from this rule alone, and both the job builder and the
/// driver's summation order must agree on it.
///
/// The rule, as Spark's `RDD.treeAggregate(zeroValue, seqOp, combOp, depth,
/// finalAggregateOnExecutor)`: `scale = max(ceil(P^(1/depth)), 2)`; while
/// `n > scale + ceil(n / scale)`, a level of `n / scale` (integer division) partitions is
/// added, value `i` going to partition `i % n'` (`HashPartitioner` on an Int key); with
/// `finalAggregateOnExecutor` (Spark 3.3+, SPARK-36419, used by MLlib's summarizers and
/// aggregators) and more than one partition left, a last 1-partition level runs on an
/// executor (`ConstantPartitioner`); the driver then folds the single value it receives.
///
/// - Complexity: O(levels) = O(depth + log P).
public struct TreeAggregateShape: Sendable, Equatable {
    /// Partition counts, first the data stage's, then each shuffle level's.
    public let levels: [Int]

    public init(partitions: Int, depth: Int = 2, finalAggregateOnExecutor: Bool = true) {
        precondition(partitions >= 1 && depth >= 1, "TreeAggregateShape: \(partitions) partitions, depth \(depth)")
        var levels = [partitions]
        var n = partitions
        let scale = max(Self.ceilRoot(partitions, depth), 2)
        while n > scale + (n + scale - 1) / scale {
            n /= scale
            levels.append(n)
        }
        if finalAggregateOnExecutor && n > 1 { levels.append(1) }
        self.levels = levels
    }

    /// The partition of level `level + 1` that partition `index` of `level` sends to.
    public func target(of index: Int, atLevel level: Int) -> Int {
        precondition(level + 1 < levels.count, "TreeAggregateShape: level \(level) is the last")
        return index % levels[level + 1]
    }

    /// Sums `values` (one per data partition) level by level as the stages would:
    /// each next-level partition adds its inputs in increasing source index, the driver
    /// adds the last level's values in partition order.
    public func sum(_ values: [[Double]]) -> [Double] {
        precondition(values.count == levels[0], "TreeAggregateShape.sum: \(values.count) values")
        var current = values
        for level in 0..<(levels.count - 1) {
            var next: [[Double]?] = Array(repeating: nil, count: levels[level + 1])
            for (index, value) in current.enumerated() {
                let target = target(of: index, atLevel: level)
                next[target] = next[target].map { Self.add($0, value) } ?? value
            }
            current = next.map { $0 ?? [] }
        }
        return current.dropFirst().reduce(current[0]) { Self.add($0, $1) }
    }

    /// Element-wise sum; an empty vector is the zero value.
    static func add(_ a: [Double], _ b: [Double]) -> [Double] {
        if a.isEmpty { return b }
        if b.isEmpty { return a }
        precondition(a.count == b.count, "TreeAggregateShape: vectors of \(a.count) and \(b.count)")
        return zip(a, b).map { $0 + $1 }
    }

    /// ceil(P^(1/depth)) in integers (Spark computes it in doubles; integers keep exact
    /// roots such as 8^(1/3) = 2 from rounding up). O(P^(1/depth)) steps.
    static func ceilRoot(_ p: Int, _ depth: Int) -> Int {
        var root = 1
        while power(root, depth) < p { root += 1 }
        return root
    }

    private static func power(_ base: Int, _ exponent: Int) -> Int {
        var result = 1
        for _ in 0..<exponent {
            let (product, overflow) = result.multipliedReportingOverflow(by: base)
            if overflow { return Int.max }
            result = product
        }
        return result
    }
}

import Workloads

/// How a test combines the partitions' vectors: the two training styles differ in
/// exactly this (treeAggregate's pairwise tree at the driver, or a ring allreduce
/// that starts at a different rank for each chunk).
enum SumOrder {
    /// Pairwise, as `treeAggregate`'s levels: (v0+v1)+(v2+v3), ...
    case tree
    /// Sequential from partition `start`, wrapping around, as one chunk's trip round a ring.
    case ring(start: Int)

    func sum(_ vectors: [[Double]]) -> [Double] {
        precondition(!vectors.isEmpty)
        switch self {
        case .tree:
            var level = vectors
            while level.count > 1 {
                level = stride(from: 0, to: level.count, by: 2).map { i in
                    i + 1 < level.count ? zip(level[i], level[i + 1]).map(+) : level[i]
                }
            }
            return level[0]
        case let .ring(start):
            var total = vectors[start % vectors.count]
            for k in 1..<vectors.count {
                total = zip(total, vectors[(start + k) % vectors.count]).map(+)
            }
            return total
        }
    }
}

/// Drives a trainer to the end as the runtime would, without time: for every pass,
/// each partition's vector, their sum in `order`, then `complete`.
@discardableResult
func train<T: PartitionedTrainer>(_ trainer: inout T, partitions: [Range<Int>], order: SumOrder = .tree,
                                  maxPasses: Int = 10_000) -> (records: [IterationRecord], passes: [DataPass]) {
    var records: [IterationRecord] = []
    var passes: [DataPass] = []
    while let pass = trainer.nextPass() {
        precondition(passes.count < maxPasses, "trainer did not stop after \(maxPasses) passes")
        passes.append(pass)
        let partials = partitions.map { trainer.partialResult(of: pass, rows: $0) }
        for partial in partials { precondition(partial.count == pass.resultDoubles, "\(pass.purpose) length") }
        records += trainer.complete(pass, sum: order.sum(partials))
    }
    return (records, passes)
}

/// |a − b| / max(|b|, tiny).
func relativeError(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(abs(b), 1e-300) }

/// The largest relative difference between two vectors, relative to b's largest magnitude.
func maxRelativeDifference(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count)
    let scale = max(b.map(abs).max() ?? 0, 1e-300)
    return zip(a, b).map { abs($0 - $1) }.max().map { $0 / scale } ?? 0
}

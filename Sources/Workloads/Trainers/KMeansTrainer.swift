import Sim

/// K-means as MLlib's `KMeans` trains it: an initialisation, then Lloyd iterations,
/// each one pass over the partitions.
///
/// Passes (purpose: partition vector, FLOPs per row; m = centres so far, d = features):
/// - `init-sample`: gathers chosen rows (`random`: k distinct rows, MLlib's
///   `takeSample`; `k-means||`: the first centre). Each partition writes the chosen rows
///   it owns into their slots, zeros elsewhere, so the sum is the gathered rows
///   (count·d doubles); 0 FLOPs per row (a copy).
/// - `init-cost` (k-means||, once per step): the cost Σ min‖x − c‖² of each partition, in
///   that partition's slot (P doubles); 3dm + 1 per row.
/// - `init-select` (k-means||, once per step): the 2k candidates of the step (2k·d);
///   3dm + 1 per row (each partition walks its costs again).
/// - `init-weights` (k-means||): rows closest to each distinct candidate; 3dm per row.
/// - `assign`: per centre the sum of its rows and their count, plus the cost
///   (k(d + 1) + 1 doubles); 3dk + d + 2 per row.
/// - `cost`: the cost of the final centres (1 double); 3dk per row.
///
/// k-means|| differs from MLlib in one respect, forced by passes whose vectors are
/// summed element-wise: a step draws 2k candidates with replacement, with probability
/// proportional to cost (the driver draws the 2k positions in [0, Σ cost) from stream
/// `kmeans.init` and each partition picks the rows at its positions), where MLlib keeps
/// each row independently with probability min(1, 2k·cost/Σ cost). Both draw 2k in
/// expectation, proportionally to cost; duplicates are removed before weighting, as
/// MLlib's `distinct`. The trainer therefore knows the partitioning
/// (`SparkPartitioning.slices(count:partitions:)`) and `partialResult` must be called
/// with one of those slices.
///
/// Lloyd iterations stop after `maxIter` or when no centre moved more than `tol`
/// (MLlib's `epsilon`); an empty cluster keeps its centre. Records: iteration i is the
/// cost of the centres after i Lloyd updates (0 = the initial centres), so the
/// objective never increases.
public struct KMeansTrainer: PartitionedTrainer {
    public enum Initialization: Sendable, Equatable {
        case random
        /// MLlib's default: `initSteps` 2, then local k-means++ (30 rounds).
        case kMeansParallel(steps: Int)
    }

    public struct Configuration: Sendable, Equatable {
        public var k: Int
        public var maxIter: Int
        public var tol: Double
        public var initialization: Initialization

        public init(k: Int, maxIter: Int = 20, tol: Double = 1e-4,
                    initialization: Initialization = .kMeansParallel(steps: 2)) {
            precondition(k > 0 && maxIter > 0 && tol >= 0, "KMeansTrainer: k > 0, maxIter > 0, tol >= 0")
            self.k = k
            self.maxIter = maxIter
            self.tol = tol
            self.initialization = initialization
        }
    }

    enum Stage {
        case sample(rows: [Int])
        case parallelCost(step: Int)
        case parallelSelect(step: Int, targets: [(partition: Int, offset: Double)])
        case parallelWeights(candidates: [Double])
        case lloyd(iteration: Int)
        case finalCost(iteration: Int)
        case done
    }

    public let data: Dataset
    public let configuration: Configuration
    let slices: [Range<Int>]
    let stream: RandomStream
    var stage: Stage
    /// Centres so far, row-major (count x features); the model once training ends.
    public internal(set) var centres: [Double] = []
    /// Every record so far.
    public internal(set) var records: [IterationRecord] = []
    /// Why the Lloyd iterations stopped, nil while they run.
    public internal(set) var stopReason: String?

    /// - Parameters:
    ///   - partitions: the number of slices the runtime cuts the rows into.
    ///   - streams: the run's streams; the trainer draws from `kmeans.init`.
    public init(data: Dataset, configuration: Configuration, partitions: Int, streams: RandomStreams) {
        precondition(data.rows >= configuration.k, "KMeansTrainer: fewer rows than clusters")
        self.data = data
        self.configuration = configuration
        slices = SparkPartitioning.slices(count: data.rows, partitions: partitions)
        stream = streams.stream(named: "kmeans.init")
        switch configuration.initialization {
        case .random:
            var indices = Array(0..<data.rows)
            stream.shuffle(&indices)
            stage = .sample(rows: indices.prefix(configuration.k).sorted())
        case let .kMeansParallel(steps):
            precondition(steps > 0, "KMeansTrainer: initSteps must be positive")
            stage = .sample(rows: [stream.integer(below: data.rows)])
        }
    }

    var centreCount: Int { centres.count / data.features }

    public mutating func nextPass() -> DataPass? {
        let d = data.features, k = configuration.k, m = Double(centreCount)
        let distance = Double(3 * d)
        switch stage {
        case let .sample(rows):
            return DataPass(purpose: "init-sample", broadcastDoubles: 0, resultDoubles: rows.count * d,
                            flopsPerRow: 0, driverFlops: 0)
        case .parallelCost:
            return DataPass(purpose: "init-cost", broadcastDoubles: centres.count, resultDoubles: slices.count,
                            flopsPerRow: distance * m + 1, driverFlops: Double(slices.count + 4 * k))
        case .parallelSelect:
            return DataPass(purpose: "init-select", broadcastDoubles: centres.count + 4 * k,
                            resultDoubles: 2 * k * d, flopsPerRow: distance * m + 1,
                            driverFlops: Double(2 * k * d * centreCount))  // distinct check
        case let .parallelWeights(candidates):
            let c = candidates.count / d
            return DataPass(purpose: "init-weights", broadcastDoubles: candidates.count, resultDoubles: c,
                            flopsPerRow: distance * Double(c),
                            driverFlops: 30 * Double(c * k) * distance)  // local k-means++
        case .lloyd:
            return DataPass(purpose: "assign", broadcastDoubles: centres.count, resultDoubles: k * (d + 1) + 1,
                            flopsPerRow: distance * Double(k) + Double(d + 2), driverFlops: Double(4 * k * d))
        case .finalCost:
            return DataPass(purpose: "cost", broadcastDoubles: centres.count, resultDoubles: 1,
                            flopsPerRow: distance * Double(k), driverFlops: 0)
        case .done:
            return nil
        }
    }

    public func partialResult(of pass: DataPass, rows: Range<Int>) -> [Double] {
        precondition(rows.lowerBound >= 0 && rows.upperBound <= data.rows, "KMeansTrainer: rows out of range")
        let d = data.features
        var out = [Double](repeating: 0, count: pass.resultDoubles)
        switch stage {
        case let .sample(chosen):
            for (slot, row) in chosen.enumerated() where rows.contains(row) {
                for j in 0..<d { out[slot * d + j] = data.value(row: row, feature: j) }
            }
        case .parallelCost:
            out[partitionIndex(rows)] = rows.reduce(0) { $0 + KMeansMath.closest(data, row: $1, centres).cost }
        case let .parallelSelect(_, targets):
            selectCandidates(rows: rows, targets: targets, into: &out)
        case let .parallelWeights(candidates):
            for i in rows { out[KMeansMath.closest(data, row: i, candidates).index] += 1 }
        case .lloyd:
            let k = configuration.k
            for i in rows {
                let (c, cost) = KMeansMath.closest(data, row: i, centres)
                for j in 0..<d { out[c * d + j] += data.value(row: i, feature: j) }
                out[k * d + c] += 1
                out[k * (d + 1)] += cost
            }
        case .finalCost:
            out[0] = rows.reduce(0) { $0 + KMeansMath.closest(data, row: $1, centres).cost }
        case .done:
            preconditionFailure("KMeansTrainer: training is over")
        }
        return out
    }

    func partitionIndex(_ rows: Range<Int>) -> Int {
        guard let p = slices.firstIndex(of: rows) else {
            preconditionFailure("KMeansTrainer: \(rows) is not one of the \(slices.count) Spark slices")
        }
        return p
    }

    /// Walks the partition's rows in order, accumulating cost, and writes the row at
    /// each of its target offsets into that target's slot.
    func selectCandidates(rows: Range<Int>, targets: [(partition: Int, offset: Double)], into out: inout [Double]) {
        let p = partitionIndex(rows), d = data.features
        let mine = targets.indices.filter { targets[$0].partition == p }  // offsets ascending
        guard !mine.isEmpty else { return }
        var cumulative = 0.0, next = 0, lastPositive = rows.lowerBound
        for i in rows where next < mine.count {
            let cost = KMeansMath.closest(data, row: i, centres).cost
            if cost > 0 { lastPositive = i }
            cumulative += cost
            while next < mine.count && targets[mine[next]].offset < cumulative {
                for j in 0..<d { out[mine[next] * d + j] = data.value(row: i, feature: j) }
                next += 1
            }
        }
        for slot in mine[next...] {  // rounding put an offset past the end: the last costly row
            for j in 0..<d { out[slot * d + j] = data.value(row: lastPositive, feature: j) }
        }
    }
}

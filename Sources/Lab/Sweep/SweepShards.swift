import Foundation

/// A sweep cut into N slices that other machines run (`sparksim sweep --shard K/N`), fixed
/// by the file alone: the same file and N give the same slices on every machine, whatever
/// its speed, so slices never need to talk to each other.
///
/// Balanced by the work the sweep already estimates per point (`Scenario.estimatedWork`),
/// never by timing: runs are taken largest estimate first (ties in plan order) and each
/// goes to the slice with the least estimated work so far (ties: the lowest slice), the
/// longest-processing-time-first rule, whose makespan is within 4/3 of the best
/// (Graham 1969). Every run is in exactly one slice; a slice may be empty when N exceeds
/// the runs.
public struct SweepShards: Sendable, Equatable {
    /// Per slice (index K - 1), its runs' positions in the plan, ascending.
    public let slices: [[Int]]
    /// Per slice, its estimated work (the sum of its runs' estimates).
    public let work: [Double]

    /// Slices when neither `sweep.slices` nor `--slices` says: one per run up to 16.
    public static func defaultCount(_ plan: SweepPlan) -> Int { max(1, min(plan.runs.count, 16)) }

    /// The `count` slices of `plan`.
    public init(_ plan: SweepPlan, count: Int) {
        self.init(estimates: Self.estimates(plan), count: count)
    }

    /// The slices of runs whose estimated work is `estimates` (one per run, plan order).
    init(estimates: [Double], count: Int) {
        precondition(count >= 1, "SweepShards: at least one slice")
        let order = estimates.indices.sorted { a, b in
            estimates[a] != estimates[b] ? estimates[a] > estimates[b] : a < b
        }
        var slices = Array(repeating: [Int](), count: count)
        var work = Array(repeating: 0.0, count: count)
        for run in order {
            var lightest = 0
            for slice in 1..<count where work[slice] < work[lightest] { lightest = slice }
            slices[lightest].append(run)
            work[lightest] += estimates[run]
        }
        self.slices = slices.map { $0.sorted() }
        self.work = work
    }

    /// Each run's estimated work, plan order (a point's estimate for each of its seeds).
    static func estimates(_ plan: SweepPlan) -> [Double] {
        var byPoint: [Int: Double] = [:]
        return plan.runs.map { run in
            if let known = byPoint[run.point.index] { return known }
            let estimate = (try? ScenarioLoader.scenario(plan.source, at: run.point))?.estimatedWork ?? 0
            byPoint[run.point.index] = estimate
            return estimate
        }
    }
}

/// `K/N` as `--shard` takes it: slice K (from 1) of N.
public struct ShardSelector: Sendable, Equatable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    /// Parses `K/N` with 1 <= K <= N; nil otherwise.
    public init?(_ text: String) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(k) else {
            return nil
        }
        index = k
        count = n
    }

    public var description: String { "\(index)/\(count)" }
}

import Foundation
import OrderedCollections
import Report

/// `sparksim compare A B`: how much faster or slower B is than A, per variant, job, stage
/// and training iteration, read from two run folders.
///
/// Why beside `RunFolderDiff`: `diff` finds the first event at which two runs part ways,
/// which says *why* they differ; a change that is meant to move numbers (a scheduler
/// setting, a cost model) needs *how much* and *where* instead. Items are matched by name
/// (variant; variant and job; variant, job and stage; variant and iteration number), never
/// by position, so a job that exists on one side only is reported as such instead of
/// shifting every row after it. Report sorts and renders the result.
public struct RunFolderComparison: Sendable {
    public let comparison: RunComparison

    /// Reads and compares the folders at `a` and `b` (the paths also label them).
    public init(paths a: String, _ b: String) throws(RunFolderProblem) {
        guard let first = RunFolder.read(a) else { throw RunFolderProblem(path: a, reason: .notAFolder) }
        guard let second = RunFolder.read(b) else { throw RunFolderProblem(path: b, reason: .notAFolder) }
        try self.init(a: first, b: second, labels: (a, b))
    }

    /// Compares two folders given as file name to bytes (as `RunFolder.read` returns them).
    public init(a: [String: Data], b: [String: Data], labels: (String, String) = ("A", "B")) throws(RunFolderProblem) {
        let x = try RunFolderRecords(a, path: labels.0)
        let y = try RunFolderRecords(b, path: labels.1)
        comparison = Self.compare(x, y, labels: labels)
    }

    /// The table to print; `limit` rows per section at most (nil: all).
    public func lines(limit: Int?) -> [String] { comparison.lines(limit: limit) }

    /// The `--csv` file.
    public var csv: String { comparison.csv }

    static func compare(_ a: RunFolderRecords, _ b: RunFolderRecords, labels: (String, String)) -> RunComparison {
        RunComparison(
            a: side(a, labels.0), b: side(b, labels.1),
            variants: pair(.variant, variantFigures(a), variantFigures(b)),
            jobs: pair(.job, jobFigures(a), jobFigures(b)),
            stages: pair(.stage, stageFigures(a), stageFigures(b)),
            iterations: pair(.iteration, iterationFigures(a), iterationFigures(b)),
            oneSidedFiles: oneSidedFiles(a, b))
    }

    static func side(_ records: RunFolderRecords, _ label: String) -> RunComparison.Side {
        let first = records.summary.first
        return RunComparison.Side(label: label, scenario: first?.scenario ?? "", seed: first?.seed)
    }

    /// What identifies an item across the two folders.
    struct Key: Hashable {
        var variant: String
        var job: String? = nil
        var stage: String? = nil
        var iteration: Int? = nil
        var summary: String? = nil
    }

    /// One side's measurements of an item, in the order they are shown (primary first).
    struct Figures {
        var values: [(ComparedMetric, Int64?)]
        var outcome: String? = nil
    }

    /// Items of both sides, matched by key: A's in A's order, then those only in B.
    static func pair(_ section: ComparedItem.Section, _ a: OrderedDictionary<Key, Figures>,
                     _ b: OrderedDictionary<Key, Figures>) -> [ComparedItem] {
        (Array(a.keys) + b.keys.filter { a[$0] == nil }).map { key in
            let (x, y) = (a[key], b[key])
            let metrics = (x ?? y)!.values.map(\.0)
            let values = metrics.map { metric in
                ComparedValue(metric, a: x?.values.first { $0.0 == metric }?.1 ?? nil,
                              b: y?.values.first { $0.0 == metric }?.1 ?? nil)
            }
            return ComparedItem(
                section: section, variant: key.variant, job: key.job, stage: key.stage, iteration: key.iteration,
                summary: key.summary, presence: x == nil ? .onlyB : y == nil ? .onlyA : .both,
                outcomeA: x?.outcome, outcomeB: y?.outcome, values: values)
        }
    }

    /// The counts of `summary.csv`, one item per variant (the first row of a repeated name).
    static func variantFigures(_ records: RunFolderRecords) -> OrderedDictionary<Key, Figures> {
        var figures: OrderedDictionary<Key, Figures> = [:]
        for row in records.summary where figures[Key(variant: row.variant)] == nil {
            figures[Key(variant: row.variant)] = Figures(values: [
                (.makespan, row.makespanNanoseconds), (.jobsSucceeded, row.jobsSucceeded.map(Int64.init)),
                (.jobsFailed, row.jobsFailed.map(Int64.init)), (.tasksLaunched, row.tasksLaunched.map(Int64.init)),
                (.taskFailures, row.taskFailures.map(Int64.init)),
            ])
        }
        return figures
    }

    /// Files one folder has and the other lacks (Report says what that leaves uncompared).
    static func oneSidedFiles(_ a: RunFolderRecords, _ b: RunFolderRecords) -> [RunComparison.OneSidedFile] {
        RunFolderRecords.optionalFiles.compactMap { file in
            guard a.files.contains(file) != b.files.contains(file) else { return nil }
            return RunComparison.OneSidedFile(file: file, presence: a.files.contains(file) ? .onlyA : .onlyB)
        }
    }

    /// The middle value (the mean of the two middle ones, rounded down, for an even count).
    static func median(_ values: [Int64]) -> Int64? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted(), middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : sorted[middle - 1] + (sorted[middle] - sorted[middle - 1]) / 2
    }
}

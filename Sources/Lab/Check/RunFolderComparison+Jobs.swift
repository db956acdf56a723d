import OrderedCollections
import Report

/// The job and stage figures of one folder: durations from the traces where they have the
/// job, task counts and times from `tasks.csv`.
extension RunFolderComparison {
    typealias Attempt = RunFolderRecords.TaskAttempt

    /// What a group of task attempts adds up to (a job's or a stage's, all attempts).
    struct TaskTotals {
        var count = 0
        var failed = 0
        var killed = 0
        /// The summed durations of the attempts that ended.
        var time: Int64 = 0
        var firstLaunch: Int64?
        var lastEnd: Int64?
        var durations: [Int64] = []
        /// Launches per level, in `localityLevels` order.
        var locality = [Int64](repeating: 0, count: 4)
        var stageAttempts: Set<Int> = []

        static let localityLevels = ["PROCESS_LOCAL", "NODE_LOCAL", "RACK_LOCAL", "ANY"]

        init(_ attempts: [Attempt]) {
            for attempt in attempts {
                count += 1
                failed += attempt.outcome == "failed" ? 1 : 0
                killed += attempt.outcome == "killed" ? 1 : 0
                firstLaunch = min(firstLaunch ?? attempt.launch, attempt.launch)
                stageAttempts.insert(attempt.stageAttempt)
                if let level = Self.localityLevels.firstIndex(of: attempt.locality) { locality[level] += 1 }
                guard let end = attempt.end else { continue }
                time += end - attempt.launch
                durations.append(end - attempt.launch)
                lastEnd = max(lastEnd ?? end, end)
            }
        }

        /// First launch to last end; nil when no attempt ended.
        var span: Int64? {
            guard let firstLaunch, let lastEnd else { return nil }
            return lastEnd - firstLaunch
        }
    }

    /// Attempts grouped by `key`, groups in order of first appearance.
    static func group(_ attempts: [Attempt], by key: (Attempt) -> Key) -> OrderedDictionary<Key, [Attempt]> {
        var groups: OrderedDictionary<Key, [Attempt]> = [:]
        for attempt in attempts { groups[key(attempt), default: []].append(attempt) }
        return groups
    }

    /// Per (variant, job): duration (submission to end from the trace; first launch to last
    /// end for a variant without one), task attempts, failed attempts, task time and outcome.
    /// A job name that repeats within a variant counts as one job, from its first submission
    /// to its last end.
    static func jobFigures(_ records: RunFolderRecords) -> OrderedDictionary<Key, Figures> {
        var spans: OrderedDictionary<Key, RunFolderRecords.JobSpan> = [:]
        for span in records.jobs {
            let key = Key(variant: span.variant, job: span.job)
            guard var merged = spans[key] else {
                spans[key] = span
                continue
            }
            merged.end = merged.end.flatMap { end in span.end.map { max(end, $0) } }
            merged.outcome = span.outcome
            spans[key] = merged
        }
        let tasks = group(records.tasks ?? []) { Key(variant: $0.variant, job: $0.job) }
        var figures: OrderedDictionary<Key, Figures> = [:]
        for key in Array(spans.keys) + tasks.keys.filter({ spans[$0] == nil }) {
            let totals = TaskTotals(tasks[key] ?? [])
            let span = spans[key]
            let duration = span.map { span in span.end.map { $0 - span.submitted } } ?? totals.span
            figures[key] = Figures(values: [
                (.duration, duration), (.tasks, Int64(totals.count)), (.failedTasks, Int64(totals.failed)),
                (.taskTime, totals.time),
            ], outcome: span?.outcome)
        }
        return figures
    }

    /// Per (variant, job, stage), every attempt together: first launch to last end, stage
    /// attempts (`stage-submitted` rows, or distinct attempts in `tasks.csv` without a
    /// trace), task attempts, failed and killed ones, task time, median attempt duration
    /// and launches per locality level.
    static func stageFigures(_ records: RunFolderRecords) -> OrderedDictionary<Key, Figures> {
        var submissions: OrderedDictionary<Key, Int64> = [:]
        for submission in records.stageSubmissions {
            submissions[Key(variant: submission.variant, job: submission.job, stage: submission.stage), default: 0] += 1
        }
        let tasks = group(records.tasks ?? []) { Key(variant: $0.variant, job: $0.job, stage: $0.stage) }
        var figures: OrderedDictionary<Key, Figures> = [:]
        for key in Array(submissions.keys) + tasks.keys.filter({ submissions[$0] == nil }) {
            let totals = TaskTotals(tasks[key] ?? [])
            let attempts = max(submissions[key] ?? 0, Int64(totals.stageAttempts.count))
            figures[key] = Figures(values: [
                (.duration, totals.span), (.attempts, attempts), (.tasks, Int64(totals.count)),
                (.failedTasks, Int64(totals.failed)), (.killedTasks, Int64(totals.killed)), (.taskTime, totals.time),
                (.medianTask, median(totals.durations)), (.processLocal, totals.locality[0]),
                (.nodeLocal, totals.locality[1]), (.rackLocal, totals.locality[2]), (.anyLocality, totals.locality[3]),
            ])
        }
        return figures
    }
}

import OrderedCollections
import Report

/// The iteration figures of one folder: per training variant a few summary rows, then
/// every iteration, each as its duration (time since the previous iteration) and, with
/// `iteration_costs.csv`, its compute / communication / scheduling / driver / idle parts.
///
/// Why summary rows: a training run has tens to thousands of iterations; "first, median
/// and mean of the steady ones, last, total" answers "did it get faster" in five lines,
/// and the largest per-iteration changes (sorted by Report) show where. Steady means
/// iteration 2 and later, as `training_scaling.csv` defines it: iteration 1 carries the
/// start-up.
extension RunFolderComparison {
    /// One iteration: the time since the previous one, and its parts when known.
    struct IterationStep {
        var iteration: Int
        var duration: Int64
        var parts: [Int64]?
    }

    static let partMetrics: [ComparedMetric] = [.compute, .communication, .scheduling, .driver, .idle,
                                                .pythonStartup, .exchange]

    static func iterationFigures(_ records: RunFolderRecords) -> OrderedDictionary<Key, Figures> {
        var byVariant: OrderedDictionary<String, [RunFolderRecords.Iteration]> = [:]
        for row in records.iterations ?? [] { byVariant[row.variant, default: []].append(row) }
        var figures: OrderedDictionary<Key, Figures> = [:]
        for (variant, unordered) in byVariant {
            // Stable: rows of one iteration number keep their file order.
            let rows = unordered.enumerated()
                .sorted { ($0.element.iteration, $0.offset) < ($1.element.iteration, $1.offset) }.map(\.element)
            let steps = zip(rows, rows.dropFirst()).filter { $0.1.iteration >= 1 }.map { previous, row in
                IterationStep(iteration: row.iteration, duration: row.time - previous.time, parts: row.parts)
            }
            guard let first = steps.first, let last = steps.last else { continue }
            let steady = steps.filter { $0.iteration >= 2 }
            let total = IterationStep(iteration: last.iteration, duration: rows.last!.time - rows[0].time,
                                      parts: sum(steps.map(\.parts)))
            figures[Key(variant: variant, summary: "first")] = Figures(values: values(first))
            // The duration only: medians of the parts would not add up to it.
            figures[Key(variant: variant, summary: "median-steady")] = Figures(
                values: [(.duration, median(steady.map(\.duration)))])
            figures[Key(variant: variant, summary: "mean-steady")] = Figures(values: mean(steady))
            figures[Key(variant: variant, summary: "last")] = Figures(
                values: values(last) + [(.iterations, Int64(last.iteration))])
            figures[Key(variant: variant, summary: "total")] = Figures(
                values: values(total) + [(.iterations, Int64(steps.count))])
            for step in steps {
                figures[Key(variant: variant, iteration: step.iteration)] = Figures(values: values(step))
            }
        }
        return figures
    }

    static func values(_ step: IterationStep) -> [(ComparedMetric, Int64?)] {
        [(.duration, step.duration)] + partMetrics.enumerated().map { ($0.element, step.parts?[$0.offset]) }
    }

    /// Column sums; nil when any step lacks its parts.
    static func sum(_ parts: [[Int64]?]) -> [Int64]? {
        guard !parts.isEmpty, parts.allSatisfy({ $0 != nil }) else { return nil }
        return partMetrics.indices.map { column in parts.reduce(0) { $0 + $1![column] } }
    }

    /// The mean duration and parts of `steps`, each rounded half up to a nanosecond (the
    /// parts of a mean still add up to within a few ns of its duration); nil values when
    /// there are no steps.
    static func mean(_ steps: [IterationStep]) -> [(ComparedMetric, Int64?)] {
        let count = Int64(steps.count)
        let round: (Int64) -> Int64? = { total in count == 0 ? nil : (2 * total + count) / (2 * count) }
        let parts = sum(steps.map(\.parts))
        return [(.duration, round(steps.reduce(0) { $0 + $1.duration }))]
            + partMetrics.enumerated().map { index, metric in (metric, parts.flatMap { round($0[index]) }) }
    }
}

/// The side-by-side view of a `compare:` of training variants: per variant its style and
/// worker count, steady time per iteration, time to a common target objective, and the
/// scaling efficiency against the fewest workers of the same scaling line (style and
/// settings, see `ScalingLines`); written as
/// `training_scaling.csv` and a verdict section of `report.md`.
///
/// The target is 1% above the lowest final objective any variant reached: every variant
/// of one trainer reaches the same objectives at the same iterations (only the order of
/// floating-point sums differs), so time to target compares time alone.
struct TrainingComparison {
    /// One variant's figures.
    struct Row: Equatable {
        var variant: String
        var style: String
        /// What sets its scaling line apart from others of its style (`pickle`), nil when
        /// its style ran with one setting (`ScalingLines`).
        var setting: String?
        var workers: Int
        var iterations: Int
        var totalNanoseconds: Int64
        /// The steady iteration's time (`SteadyIteration`).
        var steadyIterationNanoseconds: Int64
        /// Nil when the variant never reached the target.
        var timeToTargetNanoseconds: Int64?
        /// Against the fewest workers of the same line: (t₀ · w₀) / (t · w) on steady
        /// iteration time; 1 for that variant itself.
        var scalingEfficiency: Double
        /// Why the variant's training stopped short (its job failed, the run stalled).
        var failure: String?

        /// The scaling curve it belongs to: `barrier-allreduce (pickle)`, or the style alone.
        var line: String { ScalingLines.name(style: style, setting: setting) }
    }

    static let columns = ["variant", "style", "workers", "iterations", "total_time_ns", "steady_iteration_ns",
                          "time_to_target_ns", "scaling_efficiency", "failure"]

    let rows: [Row]
    let targetObjective: Double
    /// True when the variants are applications: their times count from the start of the
    /// run, earlier phases included, not from the start of training.
    var timesFromRunStart = false

    /// One variant as the comparison reads it: its style, workers and iterations.
    struct Variant {
        var name: String
        var style: String
        var workers: Int
        var iterations: [IterationRecord]
        var failure: String? = nil
    }

    /// Nil unless at least two variants are training runs whose style and workers are known.
    /// `settings` tells apart variants of one style that differ beyond their worker
    /// count (`ScalingLines.settings`); nil puts each style on one line.
    init?(variants: [Variant], settings: [String?]? = nil) {
        precondition(settings == nil || settings!.count == variants.count, "one setting per variant")
        typealias Parsed = (String, String, String?, Int, [(Int, Int64, Double)], String?)
        // A variant that failed keeps its row whatever it reached: the reader must see it.
        let parsed = variants.enumerated().compactMap { index, variant -> Parsed? in
            let points = variant.iterations.map { ($0.iteration, $0.timeNanoseconds, $0.objective) }
            return points.count >= 2 || variant.failure != nil
                ? (variant.name, variant.style, settings?[index] ?? nil, variant.workers, points, variant.failure) : nil
        }
        guard parsed.count >= 2, let best = parsed.compactMap({ $0.4.last?.2 }).min() else { return nil }
        let target = best + abs(best) * 0.01
        targetObjective = target
        var rows = parsed.map { name, style, setting, workers, points, failure in
            let steady = SteadyIteration.of(variants.first { $0.name == name }!.iterations)?.nanoseconds
                ?? (points.last?.1 ?? 0) - (points.first?.1 ?? 0)
            return Row(variant: name, style: style, setting: setting, workers: workers, iterations: points.last?.0 ?? 0,
                       totalNanoseconds: points.last?.1 ?? 0, steadyIterationNanoseconds: steady,
                       timeToTargetNanoseconds: points.first { $0.2 <= target }?.1, scalingEfficiency: 1,
                       failure: failure)
        }
        for index in rows.indices {
            let base = rows.filter { $0.line == rows[index].line }.min { $0.workers < $1.workers }!
            let denominator = Double(rows[index].steadyIterationNanoseconds) * Double(rows[index].workers)
            rows[index].scalingEfficiency = denominator > 0
                ? Double(base.steadyIterationNanoseconds) * Double(base.workers) / denominator : 0
        }
        self.rows = rows
    }

    var csv: String {
        var table = CSVTable(columns: Self.columns)
        for row in rows {
            table.append([row.variant, row.style, String(row.workers), String(row.iterations),
                          String(row.totalNanoseconds), String(row.steadyIterationNanoseconds),
                          row.timeToTargetNanoseconds.map(String.init) ?? "",
                          NumberFormat.fixed(row.scalingEfficiency, decimals: 4), row.failure ?? ""])
        }
        return table.text
    }

    /// The report's section: a table, then one verdict line per worker count that both
    /// styles ran.
    var markdown: [String] {
        var lines = ["## Comparison", "",
                     "Target objective: \(NumberFormat.fixed(targetObjective, decimals: 6)) (1% above the best final "
                         + "objective). Steady iteration = \(SteadyIteration.definition), used by every table and "
                         + "figure of this report; efficiency against "
                         + "the fewest workers of the same style and settings."
                         + (timesFromRunStart ? " Times to target and totals count from the start of the run "
                             + "(the applications' earlier phases included)." : ""), "",
                     "| variant | style | workers | time to target | total | per iteration | scaling efficiency |",
                     "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]
        for row in rows {
            let target = row.timeToTargetNanoseconds.map({ HumanUnits.duration(nanoseconds: $0) })
                ?? (row.failure == nil ? "not reached" : "failed")
            // With one worker count on its line the efficiency is 1 by definition: say nothing.
            let alone = !rows.contains { $0.line == row.line && $0.workers != row.workers }
            let efficiency = alone ? "—" : NumberFormat.fixed(row.scalingEfficiency * 100, decimals: 1) + "%"
            // A variant that reached fewer than two iterations has no time to quote.
            let timed = row.iterations >= 1
            lines.append("| \(row.variant) | \(row.style) | \(row.workers) | \(target) | "
                + (timed ? HumanUnits.duration(nanoseconds: row.totalNanoseconds) : "—") + " | "
                + (timed ? HumanUnits.duration(nanoseconds: row.steadyIterationNanoseconds) : "—") + " | "
                + "\(efficiency) |")
        }
        lines.append("")
        let styles = rows.reduce(into: [String]()) { if !$0.contains($1.style) { $0.append($1.style) } }
        guard styles.count == 2 else { return lines }
        for first in rows where first.style == styles[0] {
            guard let second = rows.first(where: { $0.style == styles[1] && $0.workers == first.workers }),
                  let verdict = verdict(first, second) else { continue }
            lines.append(verdict)
        }
        lines.append("")
        return lines
    }

    /// One line naming the winner to the target and per steady iteration, for two
    /// styles at the same worker count; nil when neither reached the target.
    func verdict(_ first: Row, _ second: Row) -> String? {
        let target = NumberFormat.fixed(targetObjective, decimals: 6)
        let failed = [first, second].filter { $0.failure != nil }
        if !failed.isEmpty {
            // No speed-up to quote: a run that failed did not finish the same work.
            let statements = [first, second].map { row in
                row.failure.map { "`\(row.variant)` (\(row.style)) **failed** after \(row.iterations) iteration(s): \($0)" }
                    ?? "`\(row.variant)` (\(row.style)) finished \(row.iterations) iterations in "
                    + HumanUnits.duration(nanoseconds: row.totalNanoseconds)
            }
            return "- At \(first.workers) workers " + statements.joined(separator: "; ") + "."
        }
        let (quick, sluggish) = first.steadyIterationNanoseconds <= second.steadyIterationNanoseconds
            ? (first, second) : (second, first)
        let steadyRatio = Double(sluggish.steadyIterationNanoseconds)
            / Double(max(quick.steadyIterationNanoseconds, 1))
        let perIteration = "per steady iteration \(quick.style) is \(NumberFormat.fixed(steadyRatio, decimals: 2))x "
            + "faster (\(HumanUnits.duration(nanoseconds: quick.steadyIterationNanoseconds)) vs "
            + "\(HumanUnits.duration(nanoseconds: sluggish.steadyIterationNanoseconds)))."
        switch (first.timeToTargetNanoseconds, second.timeToTargetNanoseconds) {
        case (let a?, let b?) where a > 0 && b > 0:
            let (fast, slow, fastTime, slowTime) = a <= b ? (first, second, a, b) : (second, first, b, a)
            return "- At \(first.workers) workers \(fast.style) reaches objective \(target) in "
                + "\(HumanUnits.duration(nanoseconds: fastTime)), \(slow.style) in "
                + "\(HumanUnits.duration(nanoseconds: slowTime)): **\(fast.style) is "
                + "\(NumberFormat.fixed(Double(slowTime) / Double(fastTime), decimals: 2))x faster**; " + perIteration
        case (let time?, nil), (nil, let time?):
            // Only one got there within its iterations: no ratio to give, but a winner.
            let (fast, slow) = first.timeToTargetNanoseconds != nil ? (first, second) : (second, first)
            return "- At \(first.workers) workers \(fast.style) reaches objective \(target) in "
                + "\(HumanUnits.duration(nanoseconds: time)), \(slow.style) not within its \(slow.iterations) "
                + "iterations: **\(fast.style) reaches the target, \(slow.style) does not**; " + perIteration
        default:
            return nil
        }
    }
}

extension TrainingComparison {
    /// The comparison of a `compare:` of training variants, nil for anything else.
    init?(scenario: ScenarioDescription, runs: [RunRecord]) {
        guard scenario.variants.count >= 2 else { return nil }
        let variants = zip(scenario.variants, runs).compactMap { variant, run in
            variant.training.map { training in
                (variant: variant, training: training,
                 iterations: run.trainingViews.count == 1 ? run.trainingViews[0].iterations : run.iterations,
                 failure: run.trainingViews.count == 1 ? run.trainingViews[0].training?.failure : run.training?.failure)
            }
        }
        let settings = ScalingLines.settings(variants.map {
            (name: $0.variant.name, style: $0.training.style, workers: $0.training.workers,
             group: $0.variant.sameSettingsAs)
        })
        self.init(variants: variants.map {
            Variant(name: $0.variant.name, style: $0.training.style, workers: $0.training.workers,
                    iterations: $0.iterations, failure: $0.failure)
        }, settings: settings)
        timesFromRunStart = scenario.variants.contains { $0.kind == "application" }
    }
}

/// A sweep's numbers as curves against its axis: one series per variant and combination
/// of the other swept values, one point per axis value, at the mean over seeds with the
/// 95% Student-t interval as its band.
///
/// Why per-seed values are combined before averaging (efficiency): a seed draws its own
/// data and placements, so a run is compared with the same seed's run at the fewest
/// workers, and the spread over seeds of that ratio is what the band shows.
struct SweepCurves {
    let axis: SweepCurveAxis
    let table: SweepTable

    /// One run's value of a metric, nil when it has none.
    typealias Metric = (_ value: (String) -> Double?) -> Double?

    /// A column as it is.
    static func column(_ name: String) -> Metric { { $0(name) } }

    /// Iterations per second from the steady iteration time.
    static var iterationsPerSecond: Metric {
        { value in value("steady_iteration_ns").flatMap { $0 > 0 ? 1e9 / $0 : nil } }
    }

    /// Rows grouped by series (in the order first met, which is plan order), each with its
    /// rows in plan order.
    private var groups: [(name: String, rows: [SweepTable.RunRow])] {
        var groups: [(name: String, rows: [SweepTable.RunRow])] = []
        for row in table.rows {
            var parts: [String] = []
            if !row.variant.isEmpty { parts.append(row.variant) }
            // The last key of the path is enough in a legend (`rack_uplink=20Gbps`); the
            // full paths are in the table.
            for assignment in row.run.assignments where assignment.path != axis.path {
                let key = assignment.path.hasPrefix("spark.") ? String(assignment.path.dropFirst("spark.".count))
                    : String(assignment.path.split(separator: ".").last ?? "")
                parts.append("\(key)=\(assignment.value)")
            }
            let name = parts.isEmpty ? "mean" : parts.joined(separator: ", ")
            if let index = groups.firstIndex(where: { $0.name == name }) {
                groups[index].rows.append(row)
            } else {
                groups.append((name, [row]))
            }
        }
        return groups
    }

    private func x(of row: SweepTable.RunRow) -> Double? {
        row.run.assignments.first { $0.path == axis.path }.flatMap { axis.numbers[$0.value] }
    }

    private func reader(_ row: SweepTable.RunRow) -> (String) -> Double? {
        { name in table.runColumns.firstIndex(of: name).flatMap { row.cells[$0].number } }
    }

    /// The metric's curves; series with fewer than two points are left out.
    func series(_ metric: Metric) -> [LineSeries] {
        groups.compactMap { group in
            var samples: [(x: Double, values: [Double])] = []
            for row in group.rows {
                guard let x = x(of: row), let value = metric(reader(row)), value.isFinite else { continue }
                if let index = samples.firstIndex(where: { $0.x == x }) {
                    samples[index].values.append(value)
                } else {
                    samples.append((x, [value]))
                }
            }
            let points = samples.compactMap(Self.point)
            return points.count >= 2 ? LineSeries(name: group.name, points: points) : nil
        }
    }

    /// Scaling efficiency (t₀ · w₀) / (t · w) on steady iteration time against the same
    /// seed's run at the series' fewest workers; empty unless workers vary in a series.
    func efficiency() -> [LineSeries] {
        groups.compactMap { group in
            var bySeed: [(seed: UInt64, runs: [(x: Double, workers: Double, time: Double)])] = []
            for row in group.rows {
                let value = reader(row)
                guard let x = x(of: row), let workers = value("workers"), let time = value("steady_iteration_ns"),
                      workers > 0, time > 0 else { continue }
                if let index = bySeed.firstIndex(where: { $0.seed == row.run.seed }) {
                    bySeed[index].runs.append((x, workers, time))
                } else {
                    bySeed.append((row.run.seed, [(x, workers, time)]))
                }
            }
            var samples: [(x: Double, values: [Double])] = []
            for seed in bySeed {
                guard let base = seed.runs.min(by: { $0.workers < $1.workers }),
                      seed.runs.contains(where: { $0.workers != base.workers }) else { continue }
                for run in seed.runs {
                    let efficiency = base.time * base.workers / (run.time * run.workers)
                    if let index = samples.firstIndex(where: { $0.x == run.x }) {
                        samples[index].values.append(efficiency)
                    } else {
                        samples.append((run.x, [efficiency]))
                    }
                }
            }
            let points = samples.compactMap(Self.point)
            return points.count >= 2 ? LineSeries(name: group.name, points: points) : nil
        }
    }

    /// The mean with its 95% interval as the band (no band from one value).
    private static func point(_ sample: (x: Double, values: [Double])) -> LinePoint? {
        guard let statistics = try? SampleStatistics(sample.values) else { return nil }
        if let interval = statistics.confidenceInterval() {
            return LinePoint(x: sample.x, y: statistics.mean, lower: interval.lower, upper: interval.upper)
        }
        return LinePoint(x: sample.x, y: statistics.mean)
    }
}

/// The files of one run folder that a sweep reads back when it reuses the run from the
/// cache on disk: `summary.csv` and, for training runs, `iterations.csv` and
/// `training_scaling.csv`.
///
/// Why the files are parsed: a cached run was written by an earlier process, so its
/// numbers exist only as those files. They are decoded once, here (through `CSVColumns`,
/// which `sparksim compare` reads run folders with too), into the same `SweepRunFigures`
/// a fresh run builds from its records; everything after that works on values.
public struct SweepRunFiles: Sendable, Equatable {
    public var summaryCSV: String
    public var iterationsCSV: String?
    public var trainingScalingCSV: String?

    public init(summaryCSV: String, iterationsCSV: String?, trainingScalingCSV: String?) {
        self.summaryCSV = summaryCSV
        self.iterationsCSV = iterationsCSV
        self.trainingScalingCSV = trainingScalingCSV
    }

    /// Why the files cannot be decoded (the caller then runs the point again).
    public typealias Unreadable = CSVColumns.Unreadable

    /// The run's figures as its files hold them: one variant per `summary.csv` row, its
    /// objective on its last row of `iterations.csv`, its row of `training_scaling.csv`.
    public func figures() throws -> SweepRunFigures {
        let summary = try CSVColumns("summary.csv", summaryCSV)
        let iterations = try iterationsCSV.map { try CSVColumns("iterations.csv", $0) }
        let scaling = try trainingScalingCSV.map { try CSVColumns("training_scaling.csv", $0) }
        return SweepRunFigures(variants: try summary.rows.map { row in
            let summaryRow = try SummaryRow(row, of: summary)
            let variant = summaryRow.variant
            let objective = try iterations.flatMap { table in
                try table.rows.last { try table.text("variant", $0) == variant }
                    .map { try table.number("objective", $0) }
            }
            let training = try scaling.flatMap { table in
                try table.rows.first { try table.text("variant", $0) == variant }.map { row in
                    SweepRunFigures.Training(
                        workers: try table.integer("workers", row),
                        steadyIterationNanoseconds: try table.integer("steady_iteration_ns", row),
                        timeToTargetNanoseconds: try table.optionalInteger("time_to_target_ns", row))
                }
            }
            return SweepRunFigures.Variant(summary: summaryRow, finalObjective: objective, training: training)
        })
    }
}

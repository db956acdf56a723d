/// One point of `sparksim bench scaling`: one benchmark case at one size, measured in a
/// child process of its own, so that its peak memory is this point's alone.
///
/// Why a record: the suite's CSV files, its table and its charts are all made from these
/// values, and a case re-run alone (`--cases engine`) is merged with the points of the
/// other cases read back from their CSV files (`ScalingCSV.decode`), so both paths meet
/// in the same type.
public struct ScalingPoint: Sendable, Equatable {
    /// `engine`, `phold`, `network`, `sweep` or `replay`: the file the point goes in.
    public var caseName: String
    /// One curve of the case (`100 tasks/executor`, `ring allreduce`, `--jobs 2`).
    public var series: String
    /// What grows along the x axis (`tasks`, `LPs`, `hosts`, `runs`).
    public var sizeName: String
    public var size: Int
    /// What the work is counted in, singular (`task`, `event`, `flow`, `run`).
    public var unitName: String
    /// Units of work the point did (tasks run, events processed, flows moved, runs).
    public var units: Int
    /// Wall time of the measured call, as the child measured it (median of `repeats`).
    public var wallSeconds: Double
    /// The child process's peak resident set (the largest of `repeats`), MiB.
    public var peakResidentMiB: Int
    /// Simulated time of the run when the case reports one (deterministic).
    public var simulatedSeconds: Double?
    /// Child processes the point was measured in.
    public var repeats: Int
    /// The 1-minute load average just before the point's first child started.
    public var loadAverage: Double?
    /// `2026-12-06T14:05Z`: when the point was measured.
    public var measuredUTC: String
    /// The child's command line, `sparksim bench ...`.
    public var command: String

    public init(caseName: String, series: String, sizeName: String, size: Int, unitName: String, units: Int,
                wallSeconds: Double, peakResidentMiB: Int, simulatedSeconds: Double? = nil, repeats: Int = 1,
                loadAverage: Double? = nil, measuredUTC: String, command: String)
    {
        self.caseName = caseName
        self.series = series
        self.sizeName = sizeName
        self.size = size
        self.unitName = unitName
        self.units = units
        self.wallSeconds = wallSeconds
        self.peakResidentMiB = peakResidentMiB
        self.simulatedSeconds = simulatedSeconds
        self.repeats = repeats
        self.loadAverage = loadAverage
        self.measuredUTC = measuredUTC
        self.command = command
    }

    /// Wall time per unit of work, in nanoseconds.
    public var nanosecondsPerUnit: Double { wallSeconds * 1e9 / Double(max(units, 1)) }

    /// Units of work per second of wall time.
    public var unitsPerSecond: Double { Double(units) / max(wallSeconds, 1e-9) }
}

/// `results/bench/scaling/<case>.csv`: one row per point, in the order measured.
public enum ScalingCSV {
    public static let columns = [
        "case", "series", "size_name", "size", "unit", "units", "wall_s", "ns_per_unit", "units_per_s",
        "peak_rss_mib", "simulated_s", "repeats", "load_1m", "measured_utc", "command",
    ]

    /// The file's text; `wall_s` and `simulated_s` read back exactly, `ns_per_unit` and
    /// `units_per_s` are derived from them (for a reader with a spreadsheet).
    public static func text(_ points: [ScalingPoint]) -> String {
        var table = CSVTable(columns: columns)
        for point in points {
            table.append([
                point.caseName, point.series, point.sizeName, String(point.size), point.unitName, String(point.units),
                NumberFormat.roundTrip(point.wallSeconds), NumberFormat.fixed(point.nanosecondsPerUnit, decimals: 1),
                // Whole units a second, except for slow units (a sweep's 3.162 runs a second).
                NumberFormat.fixed(point.unitsPerSecond, decimals: point.unitsPerSecond < 1_000 ? 3 : 0),
                String(point.peakResidentMiB),
                point.simulatedSeconds.map(NumberFormat.roundTrip) ?? "", String(point.repeats),
                point.loadAverage.map { NumberFormat.fixed($0, decimals: 2) } ?? "", point.measuredUTC, point.command,
            ])
        }
        return table.text
    }

    /// The points of a file `text(_:)` wrote (named `file` in errors); derived columns are
    /// not read.
    public static func decode(file: String, text: String) throws -> [ScalingPoint] {
        let table = try CSVColumns(file, text)
        let lacking = table.missing(columns)
        guard lacking.isEmpty else {
            throw CSVColumns.Unreadable(file: file, reason: "no column " + lacking.joined(separator: ", "))
        }
        return try table.rows.map { row in
            func optionalNumber(_ column: String) throws -> Double? {
                try table.text(column, row).isEmpty ? nil : table.number(column, row)
            }
            return ScalingPoint(
                caseName: try table.text("case", row), series: try table.text("series", row),
                sizeName: try table.text("size_name", row), size: try table.integer("size", row),
                unitName: try table.text("unit", row), units: try table.integer("units", row),
                wallSeconds: try table.number("wall_s", row), peakResidentMiB: try table.integer("peak_rss_mib", row),
                simulatedSeconds: try optionalNumber("simulated_s"), repeats: try table.integer("repeats", row),
                loadAverage: try optionalNumber("load_1m"), measuredUTC: try table.text("measured_utc", row),
                command: try table.text("command", row))
        }
    }
}

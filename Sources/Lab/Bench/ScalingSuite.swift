import Foundation
import Report

/// `sparksim bench scaling`: every point of a `ScalingGrid` measured in a child process,
/// then the folder's files made by Report (`ScalingFiles`) and written.
///
/// Why the measurement is injected: the suite's logic (order, deduplication, repeats,
/// medians, merging with cases measured earlier, the files) is tested with fixed
/// measurements and no clock; production measures with `childMeasure`.
public enum ScalingSuite {
    /// What one child reported: its figures and its peak memory.
    public struct Measurement: Sendable, Equatable {
        public var wallSeconds: Double
        public var units: Int
        /// The size the child reported (`ScalingPointSpec.sizeKey`), if any.
        public var size: Int?
        public var simulatedSeconds: Double?
        public var peakResidentMiB: Int

        public init(wallSeconds: Double, units: Int, size: Int? = nil, simulatedSeconds: Double? = nil,
                    peakResidentMiB: Int)
        {
            self.wallSeconds = wallSeconds
            self.units = units
            self.size = size
            self.simulatedSeconds = simulatedSeconds
            self.peakResidentMiB = peakResidentMiB
        }
    }

    public typealias Measure = (ScalingPointSpec) throws -> Measurement
    /// The 1-minute load average now, and the time as `2026-12-06T14:05Z`.
    public typealias Now = () -> (loadAverage: Double?, utc: String)

    /// Measures with `executable` (a `sparksim`) as a child process per call.
    public static func childMeasure(executable: String) -> Measure {
        let child = BenchChildProcess(executable: executable)
        return { spec in
            let outcome = try child.run(spec.arguments)
            if let failure = outcome.failure {
                throw BenchChildError("`\(spec.command)` failed (\(failure))")
            }
            var measurement = try parse(outcome.output, spec)
            measurement.peakResidentMiB = outcome.peakResidentKiB / 1024
            return measurement
        }
    }

    /// The figures of a child's standard output: the `key=value` fields of its lines (of the
    /// lines whose `case=` starts with `spec.lineCase`, when set), later lines winning.
    public static func parse(_ output: String, _ spec: ScalingPointSpec) throws -> Measurement {
        var fields: [String: String] = [:]
        for line in output.split(separator: "\n") {
            let pairs = line.split(separator: " ").compactMap { token -> (String, String)? in
                let parts = token.split(separator: "=", maxSplits: 1)
                return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
            }
            if let prefix = spec.lineCase, !(pairs.first { $0.0 == "case" }?.1.hasPrefix(prefix) ?? false) { continue }
            for (key, value) in pairs { fields[key] = value }
        }
        guard let wall = fields["wall_s"].flatMap(Double.init), let units = fields[spec.unitsKey].flatMap(Int.init)
        else {
            throw BenchChildError("`\(spec.command)` printed no wall_s= and \(spec.unitsKey)= "
                                  + "(output: \(output.suffix(300)))")
        }
        let size = try spec.sizeKey.map { key -> Int in
            guard let value = fields[key].flatMap(Int.init) else {
                throw BenchChildError("`\(spec.command)` printed no \(key)=")
            }
            return value
        }
        let simulated = (fields["simulated_s"] ?? fields["sim_s"]).flatMap(Double.init)
        return Measurement(wallSeconds: wall, units: units, size: size, simulatedSeconds: simulated, peakResidentMiB: 0)
    }

    /// Measures every spec `repeats` times (the same command line once only, shared by the
    /// curves it belongs to), in order; a point's wall time is the median, its peak memory
    /// the largest. `progress` hears each point as it is done.
    public static func run(_ specs: [ScalingPointSpec], repeats: Int, measure: Measure, now: Now,
                           progress: (ScalingPoint, _ done: Int, _ total: Int) -> Void = { _, _, _ in }) throws
        -> [ScalingPoint]
    {
        precondition(repeats >= 1, "ScalingSuite: \(repeats) repeats")
        var done: [String: ScalingPoint] = [:]
        var points: [ScalingPoint] = []
        for (index, spec) in specs.enumerated() {
            let key = spec.arguments.joined(separator: "\u{0}") + "\u{0}" + (spec.lineCase ?? "")
            var point: ScalingPoint
            if let earlier = done[key] {
                point = earlier
            } else {
                let (load, utc) = now()
                let measurements = try (0..<repeats).map { _ in try measure(spec) }
                let ordered = measurements.sorted { $0.wallSeconds < $1.wallSeconds }
                let median = ordered[(ordered.count - 1) / 2]
                point = ScalingPoint(
                    caseName: spec.scalingCase.rawValue, series: spec.series, sizeName: spec.sizeName,
                    size: median.size ?? spec.size, unitName: spec.unitName, units: median.units,
                    wallSeconds: median.wallSeconds, peakResidentMiB: measurements.map(\.peakResidentMiB).max() ?? 0,
                    simulatedSeconds: median.simulatedSeconds, repeats: repeats, loadAverage: load, measuredUTC: utc,
                    command: spec.command)
                done[key] = point
            }
            point.series = spec.series
            points.append(point)
            progress(point, index + 1, specs.count)
        }
        return points
    }

    /// Writes the folder's files from `points`, plus the points of every other case whose
    /// `<case>.csv` is already in `folder` (a case re-run alone keeps the others); returns
    /// the names written.
    @discardableResult
    public static func write(_ points: [ScalingPoint], machine: BenchMachine, into folder: String) throws -> [String] {
        let measured = Set(points.map(\.caseName))
        var all: [ScalingPoint] = []
        for scalingCase in ScalingCase.allCases {
            let name = scalingCase.rawValue
            if measured.contains(name) {
                all += points.filter { $0.caseName == name }
            } else if let text = AtomicFile.read((folder as NSString).appendingPathComponent(name + ".csv")) {
                all += try ScalingCSV.decode(file: name + ".csv", text: text)
            }
        }
        let files = ScalingFiles.files(all, machine: machine, notes: ScalingGrid.notes)
        for file in files {
            try AtomicFile.write(file.contents, to: (folder as NSString).appendingPathComponent(file.name))
        }
        return files.map(\.name)
    }
}

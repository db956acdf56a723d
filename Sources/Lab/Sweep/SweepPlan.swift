import Sim

/// Every run of a sweep, in the one order that outputs are merged in.
///
/// Why a fixed list: runs execute on several threads and finish in any order, but
/// `sweep.csv` and `sweep.md` are built by walking this list, so their bytes depend only
/// on the scenario file, never on `--jobs` or on timing (STYLE.md, "Concurrency").
public struct SweepPlan: Sendable {
    /// One run: a grid point with one seed.
    public struct Run: Sendable, Equatable {
        public var point: Scenario.SweepPoint
        /// `p000`, `p001`, ...: the point's position, zero-padded to the grid's width.
        public var pointID: String
        public var seed: UInt64
        /// The run's folder under `runs/`: `p000-seed42`.
        public var folderName: String { "\(pointID)-seed\(seed)" }
    }

    /// The scenario and the YAML tree its points are decoded from.
    public let source: SweepSource
    public let sweep: Scenario.Sweep
    /// Points in `Sweep.points` order (first parameter slowest), each with every seed.
    public let runs: [Run]

    public var scenario: Scenario { source.scenario }

    /// - Returns: nil when the scenario has no `sweep:`.
    public init?(_ source: SweepSource) {
        let scenario = source.scenario
        guard let sweep = scenario.sweep else { return nil }
        self.source = source
        self.sweep = sweep
        let points = sweep.points
        let width = max(3, String(max(points.count - 1, 0)).count)
        runs = points.flatMap { point in
            let digits = String(point.index)
            let id = "p" + String(repeating: "0", count: width - digits.count) + digits
            return scenario.seeds.map { Run(point: point, pointID: id, seed: $0) }
        }
    }

    /// The swept paths, in file order (the first columns of `sweep.csv`).
    public var parameterPaths: [String] { sweep.parameters.map(\.path) }

    /// The cache key of `run`: FNV-1a 64 (Sim's `SeedDerivation.fnv1a64`) over the file's
    /// bytes, the point's assignments, the seed, the sparksim version, each data file
    /// the run reads (its path and bytes) and the command line's `--set` settings (none:
    /// no field, so keys written before `--set` existed stay valid), each field
    /// length-prefixed so that no two different inputs share a byte string. 16 hex digits.
    public static func cacheKey(fileBytes: [UInt8], run: Run, version: String = SparksimVersion.current,
                                dataFiles: [(path: String, bytes: [UInt8])] = [], settings: [String] = []) -> String
    {
        var bytes: [UInt8] = []
        func field(_ value: [UInt8]) {
            withUnsafeBytes(of: UInt64(value.count).littleEndian) { bytes.append(contentsOf: $0) }
            bytes.append(contentsOf: value)
        }
        field(Array("sparksim-sweep-run-1".utf8))
        field(fileBytes)
        for assignment in run.point.assignments {
            field(Array(assignment.path.utf8))
            field(Array(assignment.value.utf8))
        }
        field(Array(String(run.seed).utf8))
        field(Array(version.utf8))
        for file in dataFiles {
            field(Array(file.path.utf8))
            field(file.bytes)
        }
        if !settings.isEmpty {
            field(Array("--set".utf8))
            for setting in settings { field(Array(setting.utf8)) }
        }
        let hash = SeedDerivation.fnv1a64(bytes)
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}

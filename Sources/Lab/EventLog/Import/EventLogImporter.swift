import Engine
import Sim
import Foundation

/// A scenario re-created from an event log (REPLAY.md's `sparksim import`): the YAML text,
/// and what the log had that the scenario does not re-create.
struct ImportedScenario {
    let name: String
    let yaml: String
    /// Counted things the import left out, for the file's description and the user.
    let notes: [String]
}

/// Re-creates an application from its `SparkApplicationRecord` as a scenario file.
///
/// What it keeps (docs/replay.md says it in full): the master (or the executors the log
/// saw, with those added or removed during the run as faults), the `spark.*` settings
/// sparksim knows, every job in submission order with the driver's time between jobs,
/// every stage that ran with its shuffle parents (a stage an earlier job ran is named as
/// that job's, so it is skipped as Spark skips it; a job whose last stage wrote shuffle
/// output is a map-stage job, as adaptive query execution's), each task's measured
/// executorRunTime and shuffle bytes written, and task failures as faults. The control
/// plane (engine.control_plane) adds the rest when the scenario runs.
enum EventLogImporter {
    /// The control plane's default `job_submit`, taken off the recorded submission instants
    /// (the log's JobStart comes after the driver handled the submission).
    static let jobSubmit = ControlPlaneCosts().jobSubmit.nanoseconds / 1_000_000

    /// - Parameter controlPlane: `engine.control_plane` costs by name (a calibration's), or
    ///   none for the defaults.
    static func scenario(from record: SparkApplicationRecord, name: String, source: String,
                         shape: ClusterShape? = nil,
                         controlPlane: [(key: String, value: String)] = [],
                         physicalCores: Int? = nil) throws(EventLogError) -> ImportedScenario {
        guard let appStart = record.start else { throw EventLogError(file: source, "no application start") }
        var notes = Notes()
        let costs = Self.costs(controlPlane)
        let settings = TaskWorkModel.Settings(physicalCores: physicalCores,
                                              pythonWorkerStartup: costs.pythonWorkerStartup.nanoseconds / 1_000_000)
        let firstJob = record.jobs.map(\.start.time).min().map { $0 - appStart }
        let shift = shape.flatMap {
            ClusterSection.launchShift(record, shape: $0, appStart: appStart, firstJob: firstJob,
                                       physicalCores: physicalCores, executorLaunch: costs.executorLaunch)
        }
        let plan = JobPlan(record, appStart: appStart, settings: settings, submitShift: shift?.milliseconds ?? 0,
                           preferences: ClusterSection.preferences(record, shape: shape), notes: &notes)
        var yaml = header(record, source: source, plan: plan)
        yaml += "name: \(name)\nseed: 1\n"
        if let shape {
            if let shift { yaml += "# What-if: \(shift.explanation)\n" }
            yaml += ClusterSection.whatIf(record, shape: shape, physicalCores: physicalCores)
        } else {
            yaml += ClusterSection.yaml(record, appStart: appStart, firstJob: plan.firstSubmission,
                                        physicalCores: physicalCores, notes: &notes)
        }
        let spark = sparkSettings(record, notes: &notes)
        if !spark.isEmpty { yaml += "spark:\n" + spark.map { "  \($0.key): \(quoted($0.value))\n" }.joined() }
        if !controlPlane.isEmpty {
            yaml += "engine:\n  control_plane:\n" + controlPlane.map { "    \($0.key): \(quoted($0.value))\n" }.joined()
        }
        yaml += "workload:\n  kind: scripted\n"
        if let end = record.end {
            // The driver's own time after its last job (its whole time when it ran none).
            let lastJob = record.jobs.compactMap(\.end).max() ?? appStart
            yaml += "  stop_after: \(milliseconds(end - lastJob))\n"
        }
        yaml += plan.jobsYAML.isEmpty ? "  jobs: []\n" : "  jobs:\n" + plan.jobsYAML
        // A what-if's cluster is the shape asked for: the log's executor changes do not apply.
        let faults = plan.faultsYAML + (shape == nil ? ClusterSection.lossFaults(record, appStart: appStart, notes: &notes) : "")
        if !faults.isEmpty { yaml += "faults:\n" + faults }
        if !notes.lines.isEmpty {
            yaml = notes.lines.map { "# not re-created: \($0)\n" }.joined() + yaml
        }
        return ImportedScenario(name: name, yaml: yaml, notes: notes.lines)
    }

    /// The control plane with a calibration's costs (those it names; the rest default).
    static func costs(_ controlPlane: [(key: String, value: String)]) -> ControlPlaneCosts {
        var costs = ControlPlaneCosts()
        for (key, value) in controlPlane {
            guard let duration = try? DurationFormat.parse(value) else { continue }
            switch key {
            case "python_worker_startup": costs.pythonWorkerStartup = duration
            case "executor_launch": costs.executorLaunch = duration
            default: continue
            }
        }
        return costs
    }

    private static func header(_ record: SparkApplicationRecord, source: String, plan: JobPlan) -> String {
        let real = record.end.flatMap { end in record.start.map { end - $0 } }
        var lines = [
            "# Imported by `sparksim import` from \(source)",
            "# (Spark \(record.sparkVersion ?? "?"), application \(record.appID ?? "?") \"\(record.appName)\").",
            "# Real: application \(real.map { "\($0) ms" } ?? "unknown (no application end)"), \(plan.jobCount) jobs.",
            "# Each task's duration is its executorRunTime; the control plane adds the rest.",
        ]
        let others = record.otherEvents.keys.sorted()
        if !others.isEmpty {
            lines.append("# Events not used: " + others.map { "\($0) x\(record.otherEvents[$0]!)" }.joined(separator: ", ") + ".")
        }
        if record.cutOffLine != nil { lines.append("# The log's last line was cut off (an in-progress log) and was left out.") }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The `spark.*` properties sparksim knows, except those it decides itself.
    private static func sparkSettings(_ record: SparkApplicationRecord, notes: inout Notes) -> [SparkProperty] {
        let decidedByImport: Set<String> = ["spark.executor.cores", "spark.executor.instances"]
        return record.properties.filter { property in
            guard SparkConfigRegistry.key(named: property.key) != nil else { return false }
            return !decidedByImport.contains(property.key)
        }
    }

    static func quoted(_ text: String) -> String {
        let plain = text.allSatisfy { $0.isLetter || $0.isNumber || "._-/".contains($0) } && !text.isEmpty
        if plain && Double(text) == nil && !["true", "false", "null", "yes", "no", "on", "off"].contains(text.lowercased()) {
            return text
        }
        if plain && (Double(text) != nil || ["true", "false"].contains(text)) { return text }
        return "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    static func milliseconds(_ value: Int64) -> String { "\(max(0, value))ms" }
}

/// What an import left out, each kind counted once with its count.
struct Notes {
    private var counts: [String: Int] = [:]
    private var order: [String] = []

    mutating func add(_ what: String) {
        if counts[what] == nil { order.append(what) }
        counts[what, default: 0] += 1
    }

    var lines: [String] { order.map { counts[$0]! > 1 ? "\($0) (x\(counts[$0]!))" : $0 } }
}

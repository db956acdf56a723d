/// One line of a replay's comparison (REPLAY.md's `replay.csv`): an application, a job or
/// a stage attempt, with its real duration (from the event log) and its simulated one.
public struct ReplayRow: Equatable, Sendable {
    public enum Scope: String, Sendable { case app, job, stage }

    public let scope: Scope
    /// The application id; a job id; `<stage id>.<attempt>`.
    public let id: String
    /// Nil in a what-if, or where the log has no duration.
    public let realNanoseconds: Int64?
    /// Nil where the simulation has no such job or stage (it never ran).
    public let simulatedNanoseconds: Int64?

    public init(scope: Scope, id: String, realNanoseconds: Int64?, simulatedNanoseconds: Int64?) {
        self.scope = scope
        self.id = id
        self.realNanoseconds = realNanoseconds
        self.simulatedNanoseconds = simulatedNanoseconds
    }

    /// `(simulated - real) / real`, when both exist and real is not zero.
    public var relativeError: Double? {
        guard let real = realNanoseconds, let simulated = simulatedNanoseconds, real > 0 else { return nil }
        return Double(simulated - real) / Double(real)
    }
}

/// A replay's files: `replay.csv`, the comparison section of its `report.md`, and the last
/// line it prints.
public enum ReplayReport {
    public static func csv(_ rows: [ReplayRow]) -> String {
        var text = "scope,id,real_ns,simulated_ns,relative_error\n"
        for row in rows {
            let error = row.relativeError.map { String(format6($0)) } ?? ""
            text += "\(row.scope.rawValue),\(row.id),\(row.realNanoseconds.map(String.init) ?? ""),"
                + "\(row.simulatedNanoseconds.map(String.init) ?? ""),\(error)\n"
        }
        return text
    }

    /// The comparison, largest errors first within each scope (app, jobs, stages).
    public static func markdown(_ rows: [ReplayRow], source: String, whatIf: String?) -> String {
        var text = "## Replay of \(source)\n\n"
        if let whatIf {
            text += "What-if: \(whatIf). Real times are left empty: the log ran on another cluster.\n\n"
        } else {
            text += "Real durations from the event log against the simulation of its import (each task's "
                + "executorRunTime, the driver's time between jobs, the control plane's costs for the rest); "
                + "largest errors first.\n\n"
        }
        for scope in [ReplayRow.Scope.app, .job, .stage] {
            let selected = rows.filter { $0.scope == scope }.sorted { a, b in
                (abs(a.relativeError ?? 0), b.id) > (abs(b.relativeError ?? 0), a.id)
            }
            guard !selected.isEmpty else { continue }
            text += "| \(scope.rawValue) | real | simulated | error |\n| --- | ---: | ---: | ---: |\n"
            for row in selected.prefix(scope == .stage ? 40 : 200) {
                text += "| \(row.id) | \(seconds(row.realNanoseconds)) | \(seconds(row.simulatedNanoseconds)) | "
                    + "\(row.relativeError.map(percent) ?? "–") |\n"
            }
            if selected.count > 40 && scope == .stage { text += "\n(\(selected.count - 40) more stages in replay.csv.)\n" }
            text += "\n"
        }
        return text
    }

    /// The real run's tasks per executor (`timeline-real.svg`), drawn as the simulation's
    /// `timeline.svg` is, from trace rows made of the log's task launches and ends; nil
    /// beyond the task count a Gantt chart shows legibly.
    public static func realTimeline(_ rows: [TraceRow], source: String) -> String? {
        let tasks = rows.filter { $0.event == .taskLaunched }.count
        guard tasks > 0, tasks <= 2_000 else { return nil }
        return GanttChart(title: "Real tasks per executor", subtitle: "\(source), from the event log", rows: rows).svg
    }

    /// The report's lines placing the real and simulated Gantt charts side by side.
    public static func timelines(hasReal: Bool) -> String {
        guard hasReal else { return "" }
        return "Real (left, from the log) and simulated (right) tasks per executor:\n\n"
            + "<img src=\"timeline-real.svg\" width=\"49%\"> <img src=\"timeline.svg\" width=\"49%\">\n\n"
    }

    /// REPLAY.md's last line: `app=<id> real_s=<s> simulated_s=<s> error=<signed percent>`.
    public static func summaryLine(_ app: ReplayRow) -> String {
        let real = app.realNanoseconds.map { seconds3($0) } ?? ""
        let simulated = app.simulatedNanoseconds.map { seconds3($0) } ?? ""
        let error = app.relativeError.map { percent($0) } ?? ""
        return "app=\(app.id) real_s=\(real) simulated_s=\(simulated) error=\(error)"
    }

    private static func seconds(_ ns: Int64?) -> String { ns.map { seconds3($0) + " s" } ?? "–" }

    private static func seconds3(_ ns: Int64) -> String { NumberFormat.fixed(Double(ns) / 1e9, decimals: 3) }

    /// A signed percentage with one decimal (`+3.0%`, `-8.4%`).
    private static func percent(_ error: Double) -> String {
        let text = NumberFormat.percent(error, decimals: 1)
        return text.hasPrefix("-") ? text : "+" + text
    }

    private static func format6(_ value: Double) -> String { NumberFormat.fixed(value, decimals: 6) }
}

import Foundation

/// Opens an event log for reading: a single file (plain or compressed with any codec Spark
/// writes) or a rolling event log directory, streamed (`EventLogReader`).
enum EventLogInput {
    static func open(_ path: String) throws(EventLogError) -> EventLogReader {
        try EventLogReader(path: path)
    }
}

/// `sparksim import`: an event log in, a scenario out.
public enum EventLogImport {
    /// The scenario text re-creating the application of the log at `path`, validated by the
    /// scenario loader (an import that sparksim itself cannot run is a bug, said as such).
    public static func scenarioText(logPath path: String, name: String? = nil) throws -> (name: String, yaml: String, notes: [String]) {
        var source = try EventLogInput.open(path)
        let record = try SparkApplicationRecord.read(&source)
        let name = name ?? scenarioName(record, path: path)
        let imported = try EventLogImporter.scenario(from: record, name: name, source: (path as NSString).lastPathComponent)
        do {
            _ = try ScenarioLoader.load(text: imported.yaml, file: name + ".yaml")
        } catch {
            throw EventLogError(file: path, "sparksim could not re-create this log (its import does not validate): \(error)")
        }
        return (imported.name, imported.yaml, imported.notes)
    }

    /// `replay-<application name>`, in the characters scenario names allow.
    static func scenarioName(_ record: SparkApplicationRecord, path: String) -> String {
        let base = record.appName.isEmpty ? (path as NSString).lastPathComponent : record.appName
        let cleaned = base.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        var name = String(cleaned).split(separator: "-").joined(separator: "-")
        if name.isEmpty { name = "application" }
        return "replay-" + String(name.prefix(80))
    }
}

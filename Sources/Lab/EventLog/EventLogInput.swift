import Foundation

/// Opens an event log for reading.
///
/// Until the streaming reader of compressed and rolling logs lands (issue 14's reader),
/// this reads a plain single-file log whole.
enum EventLogInput {
    static func open(_ path: String) throws(EventLogError) -> InMemoryEventLog {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw EventLogError(file: path, "no such file or directory")
        }
        guard !isDirectory.boolValue else { throw EventLogError(file: path, "rolling event log directories are not read yet") }
        guard let data = FileManager.default.contents(atPath: path) else { throw EventLogError(file: path, "cannot be read") }
        guard let text = String(data: data, encoding: .utf8) else {
            throw EventLogError(file: path, "not text (a compressed log? only plain logs are read yet)")
        }
        return InMemoryEventLog(file: path, text: text)
    }
}

/// `sparksim import`: an event log in, a scenario out.
public enum EventLogImport {
    /// The scenario text re-creating the application of the log at `path`, validated by the
    /// scenario loader (an import that sparksim itself cannot run is a bug, said as such).
    public static func scenarioText(logPath path: String) throws -> (name: String, yaml: String, notes: [String]) {
        var source = try EventLogInput.open(path)
        let record = try SparkApplicationRecord.read(&source)
        let name = scenarioName(record, path: path)
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

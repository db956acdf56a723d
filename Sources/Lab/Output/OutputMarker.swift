import Foundation

/// Which command wrote an output folder, and for which scenario: the file
/// `.sparksim-output` every published folder carries, so that a later command replaces
/// only a folder of its own kind for the same scenario (issue 15: a `run` of a scenario
/// with a `sweep:` section once replaced the sweep folder of the same name, its figures
/// and run cache with it).
public struct OutputMarker: Equatable, Sendable {
    public enum Kind: String, Sendable {
        /// `sparksim run` (and `validate`'s siblings that write a run folder).
        case run
        /// `sparksim sweep`: sweep.csv, sweep.md, figures and the `runs/` cache.
        case sweep
        /// One run inside a sweep's `runs/`.
        case sweepRun = "sweep-run"
        /// `sparksim replay` (one replay or what-if).
        case replay
        /// `sparksim replay --executors N,N,...`: the what-if table.
        case whatIf = "whatif"

        var noun: String {
            switch self {
            case .run: return "a run"
            case .sweep: return "a sweep"
            case .sweepRun: return "a sweep's run"
            case .replay: return "a replay"
            case .whatIf: return "a what-if table"
            }
        }
    }

    public static let fileName = ".sparksim-output"

    public let kind: Kind
    public let scenario: String

    public init(kind: Kind, scenario: String) {
        self.kind = kind
        self.scenario = scenario
    }

    var text: String { "kind: \(kind.rawValue)\nscenario: \(scenario)\n" }

    /// The marker in `folder`, nil when it has none or one sparksim cannot read.
    static func read(folder: String) -> OutputMarker? {
        let path = (folder as NSString).appendingPathComponent(fileName)
        guard let data = FileManager.default.contents(atPath: path), data.count <= 4_096,
              let text = String(data: data, encoding: .utf8) else { return nil }
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            fields[String(line[..<colon])] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        guard let kind = fields["kind"].flatMap(Kind.init(rawValue:)), let scenario = fields["scenario"] else { return nil }
        return OutputMarker(kind: kind, scenario: scenario)
    }

    /// Writes the marker into `folder`.
    func write(into folder: String) throws {
        let path = (folder as NSString).appendingPathComponent(Self.fileName)
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }
}

/// Why a command will not replace an existing folder.
public struct OutputRefusal: Error, CustomStringConvertible {
    public let folder: String
    public let reason: String

    public var description: String {
        "refusing to replace \(folder): \(reason); choose another --out, or remove it (or pass --force to replace it)"
    }
}

/// The rule every command follows before it replaces a folder: the folder is absent or
/// empty, or it is the same kind of output for the same scenario (its marker says so, or,
/// written before markers existed, it holds nothing but what that kind of output holds).
/// `force` replaces anything.
public enum OutputGuard {
    public static func check(_ folder: String, for expected: OutputMarker, force: Bool) throws {
        guard !force else { return }
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: folder, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw OutputRefusal(folder: folder, reason: "it is a file, not a folder") }
        let entries = ((try? fm.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        if entries.isEmpty { return }
        if let marker = OutputMarker.read(folder: folder) {
            if marker == expected { return }
            if marker.kind != expected.kind {
                throw OutputRefusal(folder: folder, reason: "it holds \(marker.kind.noun) of '\(marker.scenario)', "
                                    + "not \(expected.kind.noun)")
            }
            throw OutputRefusal(folder: folder, reason: "it holds \(marker.kind.noun) of '\(marker.scenario)', "
                                + "not of '\(expected.scenario)'")
        }
        if let stranger = legacyStranger(entries, in: folder, for: expected.kind) {
            throw OutputRefusal(folder: folder, reason: "sparksim did not write it (\(stranger))")
        }
    }

    /// The first entry that a folder of `kind` written before markers existed would not
    /// hold; nil when every entry is one.
    static func legacyStranger(_ entries: [String], in folder: String, for kind: OutputMarker.Kind) -> String? {
        let fileExtensions: Set<String> = ["csv", "md", "svg", "json", "yaml"]
        for entry in entries {
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(entry),
                                               isDirectory: &isDirectory)
            if isDirectory.boolValue {
                if kind == .sweep && entry == "runs" { continue }
                return "a folder \(entry)/"
            }
            if entry.hasPrefix(".") { return "a hidden file \(entry)" }
            guard fileExtensions.contains((entry as NSString).pathExtension) else { return "a file \(entry)" }
            if kind != .sweep && entry.hasPrefix("sweep") { return "\(entry), a sweep's" }
        }
        if kind == .sweep && !entries.contains("sweep.csv") && !entries.contains("runs") {
            return "no sweep.csv or runs/"
        }
        return nil
    }
}

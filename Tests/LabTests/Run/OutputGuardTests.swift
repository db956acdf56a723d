import Foundation
import Testing
@testable import Lab

/// Outputs that are never lost (issue 15): a command replaces only its own kind of output
/// for the same scenario, refuses anything else unless forced, and leaves no litter.
@Suite struct OutputGuardTests {
    static func scratch() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("output-guard-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    static func folder(_ files: [String: String]) -> OutputFolder {
        var folder = OutputFolder()
        for (name, contents) in files.sorted(by: { $0.key < $1.key }) { folder.add(name, contents) }
        return folder
    }

    static let run = OutputMarker(kind: .run, scenario: "demo")

    @Test func aRunReplacesItsOwnRunAndMarksIt() throws {
        let parent = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        try Self.folder(["report.md": "one"]).publish(into: parent, name: "demo", marker: Self.run)
        let path = try Self.folder(["report.md": "two"]).publish(into: parent, name: "demo", marker: Self.run)
        #expect(try String(contentsOfFile: path + "/report.md", encoding: .utf8) == "two")
        #expect(OutputMarker.read(folder: path) == Self.run)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["demo"])
    }

    @Test(arguments: [
        (OutputMarker(kind: .sweep, scenario: "demo"), "it holds a sweep of 'demo', not a run"),
        (OutputMarker(kind: .run, scenario: "other"), "it holds a run of 'other', not of 'demo'"),
        (OutputMarker(kind: .replay, scenario: "demo"), "it holds a replay of 'demo', not a run"),
    ])
    func anotherKindOrScenarioIsRefusedAndKept(_ existing: OutputMarker, _ reason: String) throws {
        let parent = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        try Self.folder(["sweep.csv": "kept"]).publish(into: parent, name: "demo", marker: existing)
        #expect {
            try Self.folder(["report.md": "new"]).publish(into: parent, name: "demo", marker: Self.run)
        } throws: { error in
            "\(error)" == "refusing to replace \(parent)/demo: \(reason); choose another --out, or remove it (or pass --force to replace it)"
        }
        #expect(try String(contentsOfFile: parent + "/demo/sweep.csv", encoding: .utf8) == "kept")
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["demo"], "no staging left behind")
        try Self.folder(["report.md": "new"]).publish(into: parent, name: "demo", marker: Self.run, force: true)
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent + "/demo").sorted() == [".sparksim-output", "report.md"])
    }

    @Test func aFolderSparksimDidNotWriteIsRefused() throws {
        let parent = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        try FileManager.default.createDirectory(atPath: parent + "/demo/notes", withIntermediateDirectories: true)
        #expect(throws: OutputRefusal.self) {
            try Self.folder(["report.md": "x"]).publish(into: parent, name: "demo", marker: Self.run)
        }
        #expect(FileManager.default.fileExists(atPath: parent + "/demo/notes"))
    }

    /// Folders written before markers existed: a run folder's files only (CSV, Markdown,
    /// SVG, JSON, YAML) is a run; a sweep.csv among them is not.
    @Test func outputsFromBeforeMarkersAreRecognised() throws {
        #expect(OutputGuard.legacyStranger(["report.md", "trace.csv", "timeline.svg", "trace.json"], in: "/nonexistent",
                                           for: .run) == nil)
        #expect(OutputGuard.legacyStranger(["report.md", "sweep.csv"], in: "/nonexistent", for: .run) == "sweep.csv, a sweep's")
        #expect(OutputGuard.legacyStranger(["notes.txt"], in: "/nonexistent", for: .run) == "a file notes.txt")
        #expect(OutputGuard.legacyStranger(["sweep.csv", "sweep.md"], in: "/nonexistent", for: .sweep) == nil)
    }

    @Test func litterOfADeadProcessIsRemovedAndALiveOnesKept() throws {
        let parent = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let fm = FileManager.default
        // Process ids above the kernel's pid_max (4,194,304 at most) never run.
        try fm.createDirectory(atPath: parent + "/.demo.partial-9999999-dead", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: parent + "/.demo.old-9999998-dead", withIntermediateDirectories: true)
        let mine = ".demo.partial-\(ProcessInfo.processInfo.processIdentifier)-live"
        try fm.createDirectory(atPath: parent + "/" + mine, withIntermediateDirectories: true)
        try Self.folder(["report.md": "x"]).publish(into: parent, name: "demo", marker: Self.run)
        #expect(try fm.contentsOfDirectory(atPath: parent).sorted() == [mine, "demo"].sorted())
    }

    /// Eight publishers of one folder at once: each turn is whole, the last complete output
    /// stays, nothing else is left.
    @Test func concurrentPublishersTakeTurns() throws {
        let parent = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            let contents = String(repeating: "\(index)", count: 10_000)
            do {
                try Self.folder(["a.csv": contents, "b.csv": contents]).publish(into: parent, name: "demo", marker: Self.run)
            } catch {
                failures.add("\(error)")
            }
        }
        #expect(failures.all.isEmpty, "\(failures.all)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: parent) == ["demo"])
        let a = try String(contentsOfFile: parent + "/demo/a.csv", encoding: .utf8)
        let b = try String(contentsOfFile: parent + "/demo/b.csv", encoding: .utf8)
        #expect(a == b && a.count == 10_000)
    }
}

private final class Failures: @unchecked Sendable {
    private var items: [String] = []
    private let lock = NSLock()
    func add(_ item: String) { lock.lock(); items.append(item); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
}

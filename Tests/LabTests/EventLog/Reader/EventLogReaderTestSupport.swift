import Foundation
import Testing
@testable import Lab

/// The event-log fixtures (written by scripts/make-eventlog-fixtures.py) and helpers to read
/// them back.
enum EventLogFixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/eventlogs")

    static let appID = "local-1764958163245"
    static let rollingDirectory = "eventlog_v2_\(appID)"
    static let publicLog = "etl_sleep__local-cluster-2-2-1024__rep1.jsonl.gz"

    static func path(_ name: String) -> String { root.appendingPathComponent(name).path }

    static func bytes(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent(name)))
    }

    /// The plain sample's lines, every other fixture's expected text.
    static let sampleLines: [String] = lines(of: "sample.jsonl")
    /// Lines 10-23 of the sample (the stored-block and cut-off fixtures).
    static var tailLines: [String] { Array(sampleLines.dropFirst(9)) }

    private static func lines(of name: String) -> [String] {
        guard let text = try? String(contentsOfFile: path(name), encoding: .utf8) else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }
}

/// Every line of the log at `path`, and whether the last one was cut off.
func readAll(_ path: String, limits: EventLogReadLimits = .standard) throws -> (lines: [EventLogLine], cutOff: Bool) {
    var reader = try EventLogReader(path: path, limits: limits)
    var lines: [EventLogLine] = []
    while let line = try reader.next() { lines.append(line) }
    return (lines, reader.lastLineUnterminated)
}

/// The error reading the whole log at `path` throws, or nil (recorded as an issue) if it reads.
func readError(_ path: String, limits: EventLogReadLimits = .standard,
               sourceLocation: SourceLocation = #_sourceLocation) -> EventLogError?
{
    do {
        _ = try readAll(path, limits: limits)
        Issue.record("expected an error reading \(path)", sourceLocation: sourceLocation)
        return nil
    } catch let error as EventLogError {
        return error
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// A scratch folder for logs made in a test, removed by the caller's `defer`.
struct EventLogScratch {
    let root: URL

    init() throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("sparksim-eventlog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { root.appendingPathComponent(name).path }

    /// Writes `bytes` to `name` (creating folders) and returns its path.
    @discardableResult
    func write(_ name: String, _ bytes: [UInt8]) throws -> String {
        let url = root.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(bytes).write(to: url)
        return url.path
    }

    @discardableResult
    func write(_ name: String, text: String) throws -> String { try write(name, Array(text.utf8)) }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

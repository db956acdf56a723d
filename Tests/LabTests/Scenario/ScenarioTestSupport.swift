import Foundation
import Testing
@testable import Lab

/// Where the scenario fixtures live, found from this file's path so that no resource
/// bundle (and no Package.swift change) is needed.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

    /// The `.yaml` files of a fixture folder, sorted by name.
    static func files(_ folder: String) -> [URL] {
        let dir = root.appendingPathComponent(folder)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { dir.appendingPathComponent($0) }
    }

    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
}

/// Loads scenario text, failing the test with the diagnostics when it does not validate.
func loadValid(_ text: String, file: String = "test.yaml", sourceLocation: SourceLocation = #_sourceLocation)
    -> Scenario?
{
    do {
        return try ScenarioLoader.load(text: text, file: file)
    } catch {
        Issue.record("expected a valid scenario, got:\n\(error)", sourceLocation: sourceLocation)
        return nil
    }
}

/// The diagnostics of scenario text that must not validate.
func diagnostics(_ text: String, file: String = "test.yaml", sourceLocation: SourceLocation = #_sourceLocation)
    -> [ScenarioDiagnostic]
{
    do {
        _ = try ScenarioLoader.load(text: text, file: file)
        Issue.record("expected diagnostics, the scenario validated", sourceLocation: sourceLocation)
        return []
    } catch {
        return error.diagnostics
    }
}

/// The first diagnostic as `line:column: message`.
func firstMessage(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
    diagnostics(text, sourceLocation: sourceLocation).first.map { "\($0.line):\($0.column): \($0.message)" }
}

/// A minimal valid scenario with `extra` appended (top-level keys).
func minimal(cluster: String = "cluster: {master: 'local[2]'}", workload: String? = nil, _ extra: String = "")
    -> String
{
    let w = workload ?? """
        workload:
          kind: scripted
          jobs:
            - name: job0
              stages:
                - {name: map, tasks: 2, duration: 1s}
        """
    return "name: t\n\(cluster)\n\(w)\n\(extra)"
}

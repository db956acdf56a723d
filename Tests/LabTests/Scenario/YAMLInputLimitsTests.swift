import Foundation
import Testing
@testable import Lab

/// Scenario text that would hang sparksim or exhaust memory is refused at once with a
/// `file:line:column` error (issue 15). The billion-laughs and deep-nesting files are
/// malformed fixtures too (Fixtures/malformed/).
@Suite struct YAMLInputLimitsTests {
    static func message(_ text: String) -> String {
        do {
            _ = try ScenarioLoader.load(text: text, file: "t.yaml")
            return "loaded"
        } catch {
            return "\(error)"
        }
    }

    @Test func aHugeValueIsRefused() {
        let text = "name: \"" + String(repeating: "x", count: 2_000_000) + "\"\n"
        #expect(Self.message(text).hasPrefix("t.yaml:1:7: a value of 2000000 bytes, more than 1048576 (1 MiB)"))
    }

    @Test func deepBlockNestingIsRefused() {
        var text = "name: deep\nworkload:\n"
        for level in 0..<300 { text += String(repeating: " ", count: 2 * (level + 1)) + "k\(level):\n" }
        #expect(Self.message(text).contains("collections nest more than 256 levels deep"), "\(Self.message(text))")
    }

    @Test func anchorsWithinTheBudgetStillWork() {
        let text = """
            name: anchors
            cluster: &c {master: "local[2]"}
            workload:
              kind: scripted
              jobs:
                - {name: a, stages: [&s {name: s, tasks: 2, duration: 1s}]}
                - {name: b, stages: [*s]}
            """
        #expect(Self.message(text) == "loaded")
    }

    @Test func aFileOverTheSizeLimitIsRefusedUnread() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("huge-\(UUID().uuidString).yaml").path
        #expect(FileManager.default.createFile(atPath: path, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: UInt64(YAMLInputLimits.maxFileBytes) + 1)  // sparse: nothing to read
        try handle.close()
        do {
            _ = try ScenarioLoader.load(path: path)
            Issue.record("a 16 MiB + 1 byte file loaded")
        } catch {
            #expect("\(error)".contains("bytes, more than 16777216 (16 MiB)"), "\(error)")
        }
    }
}

/// A file of thousands of problems (5,000 stray keys, no cluster, no workload) reports the
/// first 100 found and counts the rest,
/// without a suggestion search per stray key.
@Suite struct DiagnosticCapTests {
    @Test func problemsBeyondAHundredAreCounted() {
        let text = "name: x\n" + (0..<5_000).map { "k\($0): \($0)\n" }.joined()
        var diagnostics: [ScenarioDiagnostic] = []
        do {
            _ = try ScenarioLoader.load(text: text, file: "t.yaml")
        } catch {
            diagnostics = error.diagnostics
        }
        #expect(diagnostics.count == 101)
        #expect(diagnostics.last?.problem.hasPrefix("4902 more problem(s) not shown") == true,
                "\(diagnostics.last?.problem ?? "")")
    }
}

import Foundation
import Testing
@testable import Lab

/// Every file in `Fixtures/malformed/` is a realistic scenario with one mistake; its first
/// line `# expect: <line>:<column>: <message>` is the first diagnostic it must produce.
@Suite struct MalformedFixtureTests {
    static let names = Fixtures.files("malformed").map(\.lastPathComponent)

    @Test(arguments: names)
    func firstDiagnosticMatchesTheExpectation(_ name: String) throws {
        let path = Fixtures.path("malformed/\(name)")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let firstLine = text.prefix { $0 != "\n" }
        let prefix = "# expect: "
        try #require(firstLine.hasPrefix(prefix), "\(name) must start with '\(prefix)'")
        let expected = String(firstLine.dropFirst(prefix.count))
        do {
            _ = try ScenarioLoader.load(path: path)
            Issue.record("\(name) validated, expected \(expected)")
        } catch {
            let first = try #require(error.diagnostics.first)
            #expect("\(first.line):\(first.column): \(first.message)" == expected, "\(name)")
            #expect(first.file == path)
            #expect(first.description == "\(path):\(expected)")
        }
    }

    @Test func thereAreAtLeastTwentyMalformedFixtures() {
        #expect(Self.names.count >= 20)
    }
}

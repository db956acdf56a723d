import Foundation
import Testing
import TestSupport

/// Self-tests of TestSupport's golden-file helper: it must catch a difference, name
/// the first differing line, and rewrite only when asked.
/// (They live here because TestSupport, a helper target, has no test target of its own.)
@Suite("Golden files")
final class GoldenFileTests {
    /// A fresh folder per test, under the system's temporary directory, removed after it.
    let folder: URL

    init() throws {
        folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("sparksim-golden-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    func write(_ text: String, to name: String) throws -> String {
        let url = folder.appendingPathComponent(name)
        try Data(text.utf8).write(to: url)
        return url.path
    }

    @Test func equalTextMatches() throws {
        let path = try write("a,b\n1,2\n", to: "equal.csv")
        #expect(assertMatchesGolden("a,b\n1,2\n", goldenPath: path, updating: false) == .matched)
    }

    @Test func mismatchNamesTheFirstDifferingLine() throws {
        let path = try write("time,event\n0,start\n5,stop\n", to: "trace.csv")
        var outcome: GoldenOutcome?
        withKnownIssue {
            outcome = assertMatchesGolden("time,event\n0,start\n6,stop\n", goldenPath: path, updating: false)
        } matching: { issue in
            issue.description.contains("line 3") && issue.description.contains("\"5,stop\"")
                && issue.description.contains("\"6,stop\"")
        }
        #expect(outcome == .mismatched(GoldenDifference(line: 3, expected: "5,stop", actual: "6,stop")))
    }

    @Test func missingFileIsAnIssueThatSaysHowToCreateIt() {
        let path = folder.appendingPathComponent("absent.csv").path
        withKnownIssue {
            #expect(assertMatchesGolden("x", goldenPath: path, updating: false) == .missing)
        } matching: { issue in
            issue.description.contains("SPARKSIM_UPDATE_GOLDEN=1")
        }
    }

    @Test func updateModeRewritesTheFileInsteadOfComparing() throws {
        let path = folder.appendingPathComponent("nested/new.csv").path
        #expect(assertMatchesGolden("fresh\n", goldenPath: path, updating: true) == .updated)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "fresh\n")
        #expect(assertMatchesGolden("fresh\n", goldenPath: path, updating: false) == .matched)
    }

    @Test func differenceReportsEndOfFileAndInvisibleCharacters() {
        #expect(GoldenDifference.first(expected: "a\nb", actual: "a\nb") == nil)
        #expect(GoldenDifference.first(expected: "a\n", actual: "a")
            == GoldenDifference(line: 2, expected: "", actual: nil))
        #expect(GoldenDifference.first(expected: "a", actual: "a\nextra")
            == GoldenDifference(line: 2, expected: nil, actual: "extra"))
        let crlf = GoldenDifference.first(expected: "a\n", actual: "a\r\n")
        #expect(crlf == GoldenDifference(line: 1, expected: "a", actual: "a\r"))
        #expect(crlf?.description.contains("\\r") == true)
        #expect(GoldenDifference(line: 4, expected: nil, actual: "x").description.contains("(end of file)"))
    }

    @Test func relativePathsResolveFromTheRepositoryRoot() {
        let resolved = RepositoryPaths.resolve("Package.swift")
        #expect(FileManager.default.fileExists(atPath: resolved.path))
        #expect(RepositoryPaths.resolve("/tmp/x").path == "/tmp/x")
    }
}

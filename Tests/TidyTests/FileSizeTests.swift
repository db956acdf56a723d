import Testing

/// STYLE.md habit 9: small files by concern, each under about 400 lines.
@Suite("File size")
struct FileSizeTests {
    @Test func everySwiftFileUnderSourcesHasAtMost400Lines() throws {
        let files = try Repository.swiftFiles(under: "Sources").map { ($0, lineCount(try Repository.read($0))) }
        #expect(!files.isEmpty, "no Swift files under Sources/: is the repository root wrong?")
        let violations = sizeViolations(files, limit: Rules.maximumLines)
        #expect(violations.isEmpty, "\n\(report(violations))")
    }

    @Test func sizeCheckerReportsOffendersWithTheirCounts() {
        let long = String(repeating: "let x = 1\n", count: 401)
        let files = [("Sources/Sim/Big.swift", lineCount(long)), ("Sources/Sim/Small.swift", lineCount("a\nb"))]
        let found = sizeViolations(files, limit: 400)
        #expect(found.map(\.description)
            == ["Sources/Sim/Big.swift: 401 lines, over the 400-line limit: "
                + "split it by concern (`Type+Concern.swift`)"])
    }

    @Test func linesAreCountedAsAnEditorShowsThem() {
        #expect(lineCount("") == 0)
        #expect(lineCount("a") == 1)
        #expect(lineCount("a\n") == 1)
        #expect(lineCount("a\nb") == 2)
        #expect(lineCount("a\n\n") == 2)
    }
}

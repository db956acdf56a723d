import Testing
@testable import Lab

/// A log Spark was still writing (`<appId>[.<codec>].inprogress`) reads up to its cut-off
/// last line, which is returned with `lastLineUnterminated`.
@Suite struct EventLogInProgressTests {
    @Test(arguments: ["local-1764958163245.inprogress", "local-1764958163245.zstd.inprogress"])
    func theCutOffLastLineIsReturnedAndFlagged(_ name: String) throws {
        let path = EventLogFixtures.path(name)
        let reader = try EventLogReader(path: path)
        #expect(reader.inProgress)
        let (lines, cutOff) = try readAll(path)
        let whole = EventLogFixtures.tailLines
        #expect(lines.dropLast().map(\.text) == Array(whole.dropLast()))
        let last = try #require(lines.last)
        #expect(whole.last?.hasPrefix(last.text) == true)
        #expect(last.text.count < (whole.last?.count ?? 0))
        #expect(cutOff)
    }

    @Test func aFinishedLogIsNotInProgress() throws {
        #expect(try !EventLogReader(path: EventLogFixtures.path("sample.jsonl")).inProgress)
    }
}

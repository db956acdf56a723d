import Report
import Testing
import TestSupport
@testable import Lab

/// `sparksim diff` / `check`: the first diverging trace event, with context, and the other
/// files that differ; CSV read back exactly as written (quoted multi-line details).
@Suite struct RunFolderDiffTests {
    static let header = "time_ns,event,job,stage,stage_attempt,partition,task_attempt,executor,host,locality,detail"

    @Test func csvRecordsReadBackQuotedMultiLineFields() {
        let text = Self.header + "\n1,stage-failed,job0,s0,0,,,,,,\"first line\nsecond, with \"\"quotes\"\"\"\n2,x,,,,,,,,,\n"
        let rows = CSVRecords.parse(text)
        #expect(rows.count == 3)
        #expect(rows[1][10] == "first line\nsecond, with \"quotes\"")
        #expect(rows[2][0] == "2" && rows[2].count == 11)
    }

    @Test func identicalFoldersHaveNoDifference() {
        let folder = ["trace.csv": Self.header + "\n0,job-submitted,job0,,,,,,,,\n", "summary.csv": "a\n"]
        #expect(!RunFolderDiff(a: folder, b: folder).differs)
    }

    @Test func theFirstDivergingEventIsNamedWithContext() throws {
        let path = "results/br-08a-failed-barrier-task-retries-whole-stage/trace.csv"
        let original = try String(contentsOf: RepositoryPaths.resolve(path), encoding: .utf8)
        let changed = original.replacingOccurrences(of: "2200000000,stage-submitted", with: "2300000000,stage-submitted")
        let diff = RunFolderDiff(a: ["trace.csv": original], b: ["trace.csv": changed], labels: ("committed", "now"))
        #expect(diff.lines.first == "trace.csv: first diverging event at row 11 of 23 (t = 2200000000 ns = 2.2 s)")
        #expect(diff.lines.contains { $0.hasPrefix("  > 2300000000     stage-submitted") })
        #expect(diff.lines.filter { $0.hasPrefix("    2000000000") }.count == 3)  // context before
    }

    @Test func filesOnOneSideOnlyAreNamed() {
        let diff = RunFolderDiff(a: ["summary.csv": "x\n"], b: ["summary.csv": "x\n", "loss.svg": "<svg/>"])
        #expect(diff.lines == ["loss.svg: only in B"])
    }
}

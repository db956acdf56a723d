import Foundation
import Report
import Testing
import TestSupport
@testable import Lab

/// `sparksim diff`: the first diverging trace event, with context, and the other files that
/// differ; traces read back exactly as written (quoted multi-line details are one event).
@Suite struct RunFolderDiffTests {
    static let header = "time_ns,event,job,stage,stage_attempt,partition,task_attempt,executor,host,locality,detail"
    static let br08a = "results/br-08a-failed-barrier-task-retries-whole-stage/trace.csv"

    static func folder(_ files: [String: String]) -> [String: Data] {
        files.mapValues { Data($0.utf8) }
    }

    @Test func aQuotedMultiLineDetailIsOneRecord() {
        let text = Self.header + "\n1,stage-failed,job0,s0,0,,,,,,\"first line\nsecond, with \"\"quotes\"\"\"\n2,x,,,,,,,,,\n"
        let records = CSVRecords.records(text)
        #expect(records.count == 3)
        #expect(records[1].fields[10] == "first line\nsecond, with \"quotes\"")
        #expect(records[1].fields.count == 11)
        #expect(records.map(\.line) == [1, 2, 4])  // the third record starts after the two-line field
        #expect(records[2].fields == ["2", "x", "", "", "", "", "", "", "", "", ""])
    }

    @Test func aFinalRecordWithoutLineEndAndCRLFAreRead() {
        #expect(CSVRecords.parse("a,b\r\n\"c\",\n") == [["a", "b"], ["c", ""]])
        #expect(CSVRecords.parse("a,\"b\"\"\"") == [["a", "b\""]])
    }

    @Test func identicalFoldersHaveNoDifference() throws {
        let trace = try String(contentsOf: RepositoryPaths.resolve(Self.br08a), encoding: .utf8)
        let folder = Self.folder(["trace.csv": trace, "summary.csv": "a\n", "report.md": "# r\n"])
        let diff = RunFolderDiff(a: folder, b: folder)
        #expect(!diff.differs)
        #expect(diff.lines().isEmpty)
    }

    @Test func aChangedEventInTheMiddleIsReportedAtItsRowWithContext() throws {
        let original = try String(contentsOf: RepositoryPaths.resolve(Self.br08a), encoding: .utf8)
        let changed = original.replacingOccurrences(of: "\n2200000000,stage-submitted", with: "\n2300000000,stage-submitted")
        #expect(changed != original)
        let diff = RunFolderDiff(a: Self.folder(["trace.csv": original]), b: Self.folder(["trace.csv": changed]))
        let trace = try #require(diff.traces.first)
        #expect(diff.files.isEmpty)
        #expect(trace.row == 11)
        #expect(trace.line == 13)  // an earlier detail spans two lines
        #expect(trace.timeNanoseconds == 2_200_000_000)
        #expect(trace.differingColumns == ["time_ns"])
        #expect(trace.before.map { $0[1] } == ["task-failed", "stage-failed", "stage-resubmitted"])
        #expect(trace.a.first?[0] == "2200000000" && trace.b.first?[0] == "2300000000")
        #expect(trace.a.count == 4 && trace.b.count == 4)
        let lines = diff.lines()
        #expect(lines.first == "trace.csv: first diverging event at row 11 (line 13), t = 2200000000 ns = 2.2 s; differs in time_ns")
        #expect(lines.contains { $0.hasPrefix("  A > 2200000000  stage-submitted    job0  s0.1") })
        #expect(lines.contains { $0.hasPrefix("  B > 2300000000  stage-submitted    job0  s0.1") })
    }

    @Test func aTraceThatEndsEarlyAndOtherFilesAreNamed() {
        let a = Self.folder(["trace.csv": Self.header + "\n0,job-submitted,job0,,,,,,,,\n1,job-succeeded,job0,,,,,,,,\n",
                             "summary.csv": "h\n1\n2\n", "report.md": "same\n"])
        let b = Self.folder(["trace.csv": Self.header + "\n0,job-submitted,job0,,,,,,,,\n",
                             "summary.csv": "h\n1\n3\n", "report.md": "same\n", "loss.svg": "<svg/>"])
        let diff = RunFolderDiff(a: a, b: b)
        #expect(diff.traces.first?.row == 2)
        #expect(diff.traces.first?.b.isEmpty == true)
        #expect(diff.files.map(\.file) == ["loss.svg", "summary.csv"])
        let lines = diff.lines()
        #expect(lines.contains("  B > (no more events)"))
        #expect(lines.contains("loss.svg: only in B"))
        #expect(lines.contains("summary.csv: differs from line 3"))
    }

    @Test func secondsAreExactDecimals() {
        #expect(RunFolderDiff.seconds(2_200_000_000) == "2.2")
        #expect(RunFolderDiff.seconds(5) == "0.000000005")
        #expect(RunFolderDiff.seconds(13_000_000_000) == "13")
    }
}

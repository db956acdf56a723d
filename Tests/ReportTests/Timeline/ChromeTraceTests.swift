import Foundation
import Testing
import TestSupport
@testable import Report

@Suite("Chrome trace")
struct ChromeTraceTests {
    static let goldenPath = "Tests/ReportTests/Golden/Timeline/trace.json"

    @Test func theFixtureTraceMatchesItsGoldenFile() {
        assertMatchesGolden(ChromeTrace.json(rows: PlotFixtures.traceRows), goldenPath: Self.goldenPath)
    }

    @Test func theFixtureTraceFollowsTheTraceEventFormat() {
        let json = ChromeTrace.json(rows: PlotFixtures.traceRows)
        #expect(ChromeTraceValidator.problems(json) == [])
        #expect(json.hasPrefix("{\"traceEvents\":[\n"))
        #expect(json.hasSuffix("\n],\"displayTimeUnit\":\"ms\"}\n"))
    }

    /// Every committed run's `trace.json` (the files people open in ui.perfetto.dev).
    static let committedTraces: [String] = {
        let results = RepositoryPaths.resolve("results")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: results.path)) ?? []
        return names.sorted().map { "results/\($0)/trace.json" }
            .filter { FileManager.default.fileExists(atPath: RepositoryPaths.resolve($0).path) }
    }()

    @Test func everyCommittedRunTraceFollowsTheTraceEventFormat() throws {
        #expect(Self.committedTraces.count >= 40, "expected the shipped scenarios' traces")
        for path in Self.committedTraces {
            let json = try String(contentsOf: RepositoryPaths.resolve(path), encoding: .utf8)
            #expect(ChromeTraceValidator.problems(json) == [], "\(path)")
        }
    }

    @Test func theValidatorCatchesWhatPerfettoRejects() {
        let bad = """
            {"traceEvents":[
            {"name":"a","ph":"X","ts":0,"dur":10,"pid":1,"tid":1},
            {"name":"b","ph":"X","ts":5,"dur":10,"pid":1,"tid":1},
            {"name":"c","ph":"X","ts":5,"dur":-1,"pid":1,"tid":2},
            {"name":"d","ph":"i","ts":5,"pid":1,"tid":1},
            {"name":"thread_name","ph":"M","ts":0,"pid":1,"tid":1,"args":{}},
            {"ph":"X","ts":0,"dur":1,"pid":1,"tid":3}
            ],"displayTimeUnit":"ms"}
            """
        let problems = ChromeTraceValidator.problems(bad)
        #expect(problems.contains { $0.contains("overlaps a partially") })
        #expect(problems.contains { $0.contains("dur >= 0") })
        #expect(problems.contains { $0.contains("without scope") })
        #expect(problems.contains { $0.contains("thread_name without args.name") })
        #expect(problems.contains { $0.contains("has no name") })
        #expect(problems.contains { $0.contains("track 1/3 has events but no thread_name") })
    }

    @Test func concurrentAttemptsOnOneExecutorGoToSeparateLanes() throws {
        // Four cores, eight overlapping tasks, ends out of order.
        var rows = [TraceRow(timeNanoseconds: 0, event: .executorAdded, executor: "1", host: "h")]
        for partition in 0..<8 {
            rows.append(TraceRow(timeNanoseconds: Int64(partition % 4) * 10, event: .taskLaunched, stage: "s",
                                 stageAttempt: 0, partition: partition, taskAttempt: 0, executor: "1", host: "h"))
        }
        for partition in (0..<8).reversed() {
            rows.append(TraceRow(timeNanoseconds: 1000 - Int64(partition) * 7, event: .taskFinished, stage: "s",
                                 stageAttempt: 0, partition: partition, taskAttempt: 0, executor: "1", host: "h"))
        }
        let timeline = TraceTimeline(rows: rows)
        #expect(timeline.executors == [ExecutorTrack(executor: "1", host: "h", laneCount: 8)])
        #expect(ChromeTraceValidator.problems(ChromeTrace.json(timeline: timeline)) == [])
    }

    @Test func microsecondsAreExactWithThreeDecimals() {
        #expect(JSONText.microseconds(0) == "0.000")
        #expect(JSONText.microseconds(1) == "0.001")
        #expect(JSONText.microseconds(1_234_567) == "1234.567")
        #expect(JSONText.microseconds(9_007_199_254_740_993) == "9007199254740.993", "beyond a Double's 2^53")
        #expect(JSONText.microseconds(-1_500) == "-1.500")
    }

    @Test func stringsAreEscapedPerRFC8259() throws {
        let hostile = "q\"b\\s/\n\r\t\u{08}\u{0C}\u{01}\u{1F} µ \u{2028}"
        let quoted = JSONText.quoted(hostile)
        #expect(quoted == "\"q\\\"b\\\\s/\\n\\r\\t\\b\\f\\u0001\\u001f µ \\u2028\"")
        let parsed = try JSONSerialization.jsonObject(with: Data("[\(quoted)]".utf8)) as? [String]
        #expect(parsed == [hostile])
    }

    @Test func hostileNamesInTheTraceStayValidJSONAndReadBack() throws {
        let hostile = PlotFixtures.hostile + "\\\"}]"
        let rows = [
            TraceRow(timeNanoseconds: 0, event: .jobSubmitted, job: hostile),
            TraceRow(timeNanoseconds: 1, event: .taskLaunched, job: hostile, stage: hostile, partition: 0,
                     taskAttempt: 0, executor: hostile, host: hostile, note: hostile),
            TraceRow(timeNanoseconds: 5, event: .fault, host: hostile, note: hostile),
            TraceRow(timeNanoseconds: 9, event: .taskFailed, job: hostile, stage: hostile, partition: 0,
                     taskAttempt: 0, executor: hostile, host: hostile, note: hostile),
        ]
        let json = ChromeTrace.json(rows: rows)
        #expect(ChromeTraceValidator.problems(json) == [])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        let events = try #require(root["traceEvents"] as? [[String: Any]])
        let task = try #require(events.first { $0["ph"] as? String == "X" && $0["cat"] as? String == "task" })
        let args = try #require(task["args"] as? [String: Any])
        #expect(args["stage"] as? String == hostile)
        #expect(args["outcome"] as? String == "failed")
        #expect(events.contains { $0["ph"] as? String == "i" && $0["s"] as? String == "p" })
    }

    @Test func theSameRowsGiveTheSameBytes() {
        #expect(ChromeTrace.json(rows: PlotFixtures.traceRows) == ChromeTrace.json(rows: PlotFixtures.traceRows))
    }

    @Test func argsKeepAFixedKeyOrder() {
        let json = ChromeTrace.json(rows: PlotFixtures.traceRows)
        let line = json.split(separator: "\n").first { $0.contains("\"cat\":\"task\"") }!
        let order = ["\"name\"", "\"cat\"", "\"ph\"", "\"ts\"", "\"dur\"", "\"pid\"", "\"tid\"", "\"args\"", "\"job\"",
                     "\"stage\"", "\"stage_attempt\"", "\"partition\"", "\"task_attempt\"", "\"executor\"", "\"host\"",
                     "\"locality\"", "\"outcome\""]
        let positions = order.map { line.range(of: $0)!.lowerBound }
        #expect(positions == positions.sorted())
    }
}

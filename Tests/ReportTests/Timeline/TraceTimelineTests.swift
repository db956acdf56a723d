import Testing
@testable import Report

@Suite("Trace timeline")
struct TraceTimelineTests {
    @Test func attemptsAreMatchedToTheRowsThatEndThem() {
        let timeline = TraceTimeline(rows: PlotFixtures.traceRows)
        #expect(timeline.executors.map(\.executor) == ["1", "2", "3", "4"])
        #expect(timeline.executors.map(\.host) == ["host-a", "host-a", "host-b", "host-b"])
        #expect(timeline.tasks.count == 6 + 2 + 3 + 3)
        let outcomes = timeline.tasks.map(\.outcome)
        #expect(outcomes.filter { $0 == .failed }.count == 2)
        #expect(outcomes.filter { $0 == .killed }.count == 3)
        #expect(outcomes.filter { $0 == .unfinished }.isEmpty)
        let speculative = timeline.tasks.first { $0.launchDetail == "speculative" }
        #expect(speculative?.outcome == .killed)
        #expect(speculative?.endDetail == "another attempt succeeded")
        #expect(speculative?.lane == 0, "executor 2's first two attempts have ended by then")
        #expect(timeline.tasks.filter { $0.executor == "2" }.map(\.lane) == [0, 1, 0, 0, 0])
        #expect(timeline.stages.map(\.outcome) == ["completed", "failed", "completed"])
        #expect(timeline.jobs.map(\.outcome) == ["succeeded"])
        #expect(timeline.instants.map(\.kind) == [.barrierSync, .barrierSync, .fault, .executorLost, .barrierSync])
        #expect(timeline.endNanoseconds == 2_180_000_000)
    }

    @Test func openSpansEndWhereTheTraceEnds() {
        let rows = [
            TraceRow(timeNanoseconds: 0, event: .jobSubmitted, job: "j"),
            TraceRow(timeNanoseconds: 1, event: .taskLaunched, stage: "s", partition: 0, taskAttempt: 0, executor: "e"),
            TraceRow(timeNanoseconds: 50, event: .executorAdded, executor: "f"),
        ]
        let timeline = TraceTimeline(rows: rows)
        #expect(timeline.tasks.map(\.outcome) == [.unfinished])
        #expect(timeline.tasks.map(\.endNanoseconds) == [50])
        #expect(timeline.jobs.map(\.endNanoseconds) == [50])
        #expect(timeline.executors.map(\.laneCount) == [1, 0])
    }

    @Test func lanesAreTheLowestFreeOneAndTouchingSpansShare() {
        #expect(TraceTimeline.lanes(starts: [0, 0, 10, 10, 5], ends: [10, 20, 30, 15, 6]) == [0, 1, 0, 2, 2])
        #expect(TraceTimeline.lanes(starts: [], ends: []) == [])
        #expect(TraceTimeline.lanes(starts: [5, 0], ends: [9, 5]) == [0, 0])
    }
}

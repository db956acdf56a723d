import Testing
@testable import Report

@Suite struct TaskAttemptTableTests {
    static func row(_ time: Int64, _ event: TraceEvent, partition: Int, attempt: Int = 0, executor: String = "e1",
                    locality: String? = nil, speculative: Bool = false, gpus: [String] = [], sync: BarrierSyncRecord? = nil, note: String? = nil) -> TraceRow
    {
        TraceRow(timeNanoseconds: time, event: event, job: "j", stage: "s", stageAttempt: 0, partition: partition,
                 taskAttempt: attempt, executor: executor, host: executor == "e1" ? "h1" : "h2",
                 locality: locality, speculative: speculative, gpus: gpus, sync: sync, note: note)
    }

    @Test func everyAttemptIsOneRowWithItsEnding() throws {
        let rows = [
            TraceRow(timeNanoseconds: 0, event: .executorAdded, executor: "e1", host: "h1"),
            Self.row(0, .taskLaunched, partition: 0, locality: "PROCESS_LOCAL", gpus: ["0", "1"]),
            Self.row(0, .taskLaunched, partition: 1, locality: "NODE_LOCAL"),
            Self.row(5, .taskFailed, partition: 1, note: "exception, with a comma"),
            Self.row(6, .taskLaunched, partition: 1, attempt: 1, executor: "e2", locality: "ANY"),
            Self.row(7, .taskLaunched, partition: 1, attempt: 2, executor: "e1", locality: "ANY",
                     speculative: true, gpus: ["2"]),
            Self.row(9, .taskFinished, partition: 1, attempt: 2),
            Self.row(9, .taskKilled, partition: 1, attempt: 1, executor: "e2", note: "another attempt succeeded"),
            Self.row(10, .taskFinished, partition: 0),
            Self.row(11, .taskLaunched, partition: 2, locality: "PROCESS_LOCAL"),
            Self.row(11, .taskLaunched, partition: 3, executor: "e2", locality: "RACK_LOCAL"),
            TraceRow(timeNanoseconds: 12, event: .executorLost, executor: "e2", host: "h2", note: "fault"),
            Self.row(12, .taskFailed, partition: 3, executor: "e2", note: "executor-lost"),
        ]
        let csv = try #require(TaskAttemptTable.csv([.init(variant: "", rows: rows)]))
        #expect(csv == """
            variant,job,stage,stage_attempt,partition,task_attempt,executor,host,locality,speculative,gpus,launch_ns,end_ns,duration_ns,outcome,reason
            ,j,s,0,0,0,e1,h1,PROCESS_LOCAL,false,"0,1",0,10,10,finished,
            ,j,s,0,1,0,e1,h1,NODE_LOCAL,false,,0,5,5,failed,"exception, with a comma"
            ,j,s,0,1,1,e2,h2,ANY,false,,6,9,3,killed,another attempt succeeded
            ,j,s,0,1,2,e1,h1,ANY,true,2,7,9,2,finished,
            ,j,s,0,2,0,e1,h1,PROCESS_LOCAL,false,,11,,,unfinished,
            ,j,s,0,3,0,e2,h2,RACK_LOCAL,false,,11,12,1,failed,executor-lost

            """)
    }

    @Test func variantsFollowOneAnotherAndARunWithoutTasksHasNoTable() throws {
        let a = [Self.row(0, .taskLaunched, partition: 0), Self.row(3, .taskFinished, partition: 0)]
        let csv = try #require(TaskAttemptTable.csv([.init(variant: "mllib", rows: a), .init(variant: "barrier", rows: a)]))
        #expect(csv.split(separator: "\n").dropFirst().map { $0.prefix { $0 != "," } } == ["mllib", "barrier"])
        #expect(TaskAttemptTable.csv([.init(variant: "", rows: [])]) == nil)
    }
}

/// `tasks.csv`: one row per task attempt, from its launch to the row that ended it — the
/// table to sort and filter when a trace is too long to read (which executor ran what,
/// how long each attempt took, which failed and why).
///
/// Built from ``TraceTimeline`` so that it agrees with the Gantt chart and the Chrome
/// trace on which row ends which attempt. Rows are in variant order, then in launch
/// order within the variant (launch time, then trace order), as the trace has them.
public enum TaskAttemptTable {
    public static let columns = [
        "variant", "job", "stage", "stage_attempt", "partition", "task_attempt", "executor", "host",
        "locality", "speculative", "gpus", "launch_ns", "end_ns", "duration_ns", "outcome", "reason",
    ]

    /// One variant's attempts (`variant` empty unless the scenario has `compare:`).
    public struct Source: Sendable {
        public var variant: String
        public var rows: [TraceRow]

        public init(variant: String, rows: [TraceRow]) {
            self.variant = variant
            self.rows = rows
        }
    }

    /// The file for every variant; nil when no variant launched a task (a collective run).
    public static func csv(_ sources: [Source]) -> String? {
        var table = CSVTable(columns: columns)
        var attempts = 0
        for source in sources {
            for span in TraceTimeline(rows: source.rows).tasks {
                table.append(fields(span, variant: source.variant))
                attempts += 1
            }
        }
        return attempts == 0 ? nil : table.text
    }

    /// `outcome` is the trace's ending (`finished`, `failed`, `killed`) or `unfinished`
    /// with empty end and duration when the run ended first; `reason` is the end row's
    /// detail; `gpus` the launch's GPU addresses (`0,1`).
    static func fields(_ span: TaskAttemptSpan, variant: String) -> [String] {
        let ended = span.outcome != .unfinished
        return [
            variant, span.job ?? "", span.stage ?? "", span.stageAttempt.map(String.init) ?? "",
            span.partition.map(String.init) ?? "", span.taskAttempt.map(String.init) ?? "", span.executor,
            span.host ?? "", span.locality ?? "", span.speculative ? "true" : "false",
            span.gpus.joined(separator: ","),
            String(span.startNanoseconds), ended ? String(span.endNanoseconds) : "",
            ended ? String(span.endNanoseconds - span.startNanoseconds) : "", span.outcome.rawValue,
            span.endDetail ?? "",
        ]
    }
}

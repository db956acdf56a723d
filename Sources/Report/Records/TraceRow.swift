/// One row of `trace.csv` (spec/TRACE.md): a scheduling event as plain data.
///
/// `Report` never sees the engine's types; Lab turns engine and simulator events into
/// these rows. Optional fields are empty in the CSV ("not applicable").
public struct TraceRow: Sendable, Equatable {
    public var timeNanoseconds: Int64
    public var event: String
    public var job: String?
    public var stage: String?
    public var stageAttempt: Int?
    public var partition: Int?
    public var taskAttempt: Int?
    public var executor: String?
    public var host: String?
    public var locality: String?
    public var detail: String?

    public init(
        timeNanoseconds: Int64, event: String, job: String? = nil, stage: String? = nil,
        stageAttempt: Int? = nil, partition: Int? = nil, taskAttempt: Int? = nil,
        executor: String? = nil, host: String? = nil, locality: String? = nil, detail: String? = nil
    ) {
        self.timeNanoseconds = timeNanoseconds
        self.event = event
        self.job = job
        self.stage = stage
        self.stageAttempt = stageAttempt
        self.partition = partition
        self.taskAttempt = taskAttempt
        self.executor = executor
        self.host = host
        self.locality = locality
        self.detail = detail
    }

    /// The contract's columns, in the contract's order.
    public static let columns = [
        "time_ns", "event", "job", "stage", "stage_attempt", "partition", "task_attempt",
        "executor", "host", "locality", "detail",
    ]

    public var fields: [String] {
        [String(timeNanoseconds), event, job ?? "", stage ?? "", stageAttempt.map(String.init) ?? "",
         partition.map(String.init) ?? "", taskAttempt.map(String.init) ?? "", executor ?? "",
         host ?? "", locality ?? "", detail ?? ""]
    }

    /// The whole `trace.csv` for `rows`, in the order given (the order of processing).
    public static func csv(_ rows: [TraceRow]) -> String {
        var table = CSVTable(columns: columns)
        for row in rows { table.append(row.fields) }
        return table.text
    }
}

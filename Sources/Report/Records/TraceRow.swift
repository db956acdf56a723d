/// One row of `trace.csv` (docs/trace.md): a scheduling event as plain data.
///
/// `Report` never sees the engine's types; Lab turns engine and simulator events into
/// these rows. Facts a reader of the record needs (a launch's GPU addresses, whether it
/// was speculative, a barrier sync's call and epoch) are typed fields; the `detail`
/// column is spelled from them, and from the free-text `note`, only when written.
/// Optional fields are empty in the CSV ("not applicable").
public struct TraceRow: Sendable, Equatable {
    public var timeNanoseconds: Int64
    public var event: TraceEvent
    public var job: String?
    public var stage: String?
    public var stageAttempt: Int?
    public var partition: Int?
    public var taskAttempt: Int?
    public var executor: String?
    public var host: String?
    public var locality: String?
    /// A launch of a speculative copy.
    public var speculative: Bool
    /// The GPU addresses a launch was given, in order (empty: none).
    public var gpus: [String]
    /// The sync a `barrier-sync` row reports.
    public var sync: BarrierSyncRecord?
    /// Free text: a failure's reason, a fault's description (nil: none).
    public var note: String?

    public init(
        timeNanoseconds: Int64, event: TraceEvent, job: String? = nil, stage: String? = nil,
        stageAttempt: Int? = nil, partition: Int? = nil, taskAttempt: Int? = nil,
        executor: String? = nil, host: String? = nil, locality: String? = nil, speculative: Bool = false,
        gpus: [String] = [], sync: BarrierSyncRecord? = nil, note: String? = nil
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
        self.speculative = speculative
        self.gpus = gpus
        self.sync = sync
        self.note = note
    }

    /// The `detail` column: `speculative`, `gpu=0,1`, a sync's `barrier epoch=0`, then the
    /// note, separated by spaces; nil when there is none of them.
    public var detail: String? {
        var parts: [String] = []
        if speculative { parts.append("speculative") }
        if !gpus.isEmpty { parts.append("gpu=" + gpus.joined(separator: ",")) }
        if let sync { parts.append("\(sync.call) epoch=\(sync.epoch)") }
        if let note { parts.append(note) }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }

    /// The contract's columns, in the contract's order.
    public static let columns = [
        "time_ns", "event", "job", "stage", "stage_attempt", "partition", "task_attempt",
        "executor", "host", "locality", "detail",
    ]

    public var fields: [String] {
        [String(timeNanoseconds), event.rawValue, job ?? "", stage ?? "", stageAttempt.map(String.init) ?? "",
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

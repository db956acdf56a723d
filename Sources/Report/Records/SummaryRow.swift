/// One row of `summary.csv`: one run (scenario × variant × seed).
///
/// The first eight columns are the contract of docs/scenario.md ("Running"); the rest are
/// sparksim's additions. A count that was not measured is nil and prints as an empty
/// field, never as 0: an empty cell says "not simulated", a zero says "none happened".
public struct SummaryRow: Sendable, Equatable {
    public var scenario: String
    public var variant: String
    public var seed: UInt64
    public var makespanNanoseconds: Int64?
    public var jobsSucceeded: Int?
    public var jobsFailed: Int?
    public var tasksLaunched: Int?
    public var taskFailures: Int?
    /// What was simulated: e.g. `complete`, or `cluster-membership-only` before the engine exists.
    public var simulated: String
    public var executorsAtStart: Int
    public var executorsAtEnd: Int
    public var faultsApplied: Int

    public init(
        scenario: String, variant: String, seed: UInt64, makespanNanoseconds: Int64?,
        jobsSucceeded: Int?, jobsFailed: Int?, tasksLaunched: Int?, taskFailures: Int?,
        simulated: String, executorsAtStart: Int, executorsAtEnd: Int, faultsApplied: Int
    ) {
        self.scenario = scenario
        self.variant = variant
        self.seed = seed
        self.makespanNanoseconds = makespanNanoseconds
        self.jobsSucceeded = jobsSucceeded
        self.jobsFailed = jobsFailed
        self.tasksLaunched = tasksLaunched
        self.taskFailures = taskFailures
        self.simulated = simulated
        self.executorsAtStart = executorsAtStart
        self.executorsAtEnd = executorsAtEnd
        self.faultsApplied = faultsApplied
    }

    public static let columns = [
        "scenario", "variant", "seed", "makespan_ns", "jobs_succeeded", "jobs_failed",
        "tasks_launched", "task_failures", "simulated", "executors_at_start", "executors_at_end",
        "faults_applied",
    ]

    public var fields: [String] {
        func optional(_ value: (some BinaryInteger)?) -> String { value.map { String($0) } ?? "" }
        return [scenario, variant, String(seed), optional(makespanNanoseconds), optional(jobsSucceeded),
                optional(jobsFailed), optional(tasksLaunched), optional(taskFailures), simulated,
                String(executorsAtStart), String(executorsAtEnd), String(faultsApplied)]
    }

    public static func csv(_ rows: [SummaryRow]) -> String {
        var table = CSVTable(columns: columns)
        for row in rows { table.append(row.fields) }
        return table.text
    }
}

/// What `sparksim compare A B` found: the same quantities measured in two run folders, per
/// variant, job, stage and training iteration, as plain values (B against A).
///
/// Why a record of its own: `diff` says *where* two runs first part ways; this says *how
/// much* faster or slower each part became. Lab reads the two folders and computes the
/// values; this module sorts and renders them (an aligned table, a CSV file), so that the
/// text exists only when it is printed or written.
public struct RunComparison: Sendable, Equatable {
    /// One of the two folders: how the user named it and which run it holds.
    public struct Side: Sendable, Equatable {
        public var label: String
        /// The `scenario` column of its `summary.csv` (first row).
        public var scenario: String
        public var seed: UInt64?

        public init(label: String, scenario: String, seed: UInt64?) {
            self.label = label
            self.scenario = scenario
            self.seed = seed
        }
    }

    public var a: Side
    public var b: Side
    /// One item per variant of either `summary.csv` (empty variant name: a plain run).
    public var variants: [ComparedItem]
    public var jobs: [ComparedItem]
    public var stages: [ComparedItem]
    /// Per variant: the summary rows (first, median, mean, last, total) with
    /// `iteration == nil`, then one row per iteration with its number.
    public var iterations: [ComparedItem]
    /// Files that one folder has and the other lacks (`tasks.csv`, `trace.csv`,
    /// `iterations.csv`, `iteration_costs.csv`), with the side that has each.
    public var oneSidedFiles: [OneSidedFile]

    /// A file found in one folder only: what it measures is compared for one side only.
    public struct OneSidedFile: Sendable, Equatable {
        public var file: String
        /// `.onlyA` or `.onlyB`.
        public var presence: ComparedItem.Presence

        public init(file: String, presence: ComparedItem.Presence) {
            self.file = file
            self.presence = presence
        }
    }

    public init(a: Side, b: Side, variants: [ComparedItem], jobs: [ComparedItem], stages: [ComparedItem],
                iterations: [ComparedItem], oneSidedFiles: [OneSidedFile]) {
        self.a = a
        self.b = b
        self.variants = variants
        self.jobs = jobs
        self.stages = stages
        self.iterations = iterations
        self.oneSidedFiles = oneSidedFiles
    }
}

/// A quantity compared; the raw value is its name in the CSV file.
public enum ComparedMetric: String, Sendable, Equatable, CaseIterable {
    // Per variant, from summary.csv.
    case makespan = "makespan_ns"
    case jobsSucceeded = "jobs_succeeded"
    case jobsFailed = "jobs_failed"
    case tasksLaunched = "tasks_launched"
    case taskFailures = "task_failures"
    // Per job and stage, from the traces and tasks.csv.
    case duration = "duration_ns"
    case attempts
    case tasks
    case failedTasks = "failed_tasks"
    case killedTasks = "killed_tasks"
    case taskTime = "task_time_ns"
    case medianTask = "median_task_ns"
    case processLocal = "process_local"
    case nodeLocal = "node_local"
    case rackLocal = "rack_local"
    case anyLocality = "any"
    // Per iteration, from iterations.csv and iteration_costs.csv.
    case iterations
    case compute = "compute_ns"
    case communication = "communication_ns"
    case scheduling = "scheduling_ns"
    case driver = "driver_ns"
    case idle = "idle_ns"
    case pythonStartup = "python_startup_ns"
    case exchange = "exchange_ns"

    /// Durations print in human units; the rest are counts.
    public var isDuration: Bool { rawValue.hasSuffix("_ns") }

    /// How the table's column or line names it.
    public var title: String {
        switch self {
        case .makespan: "makespan"
        case .jobsSucceeded: "jobs succeeded"
        case .jobsFailed: "jobs failed"
        case .tasksLaunched: "tasks launched"
        case .taskFailures: "task failures"
        case .duration: "duration"
        case .attempts: "attempts"
        case .tasks: "tasks"
        case .failedTasks: "failed"
        case .killedTasks: "killed"
        case .taskTime: "task time"
        case .medianTask: "median task"
        case .processLocal: "PROCESS_LOCAL"
        case .nodeLocal: "NODE_LOCAL"
        case .rackLocal: "RACK_LOCAL"
        case .anyLocality: "ANY"
        case .iterations: "iterations"
        case .compute: "compute"
        case .communication: "communication"
        case .scheduling: "scheduling"
        case .driver: "driver"
        case .idle: "idle"
        case .pythonStartup: "Python start-up"
        case .exchange: "exchange"
        }
    }
}

/// One quantity on both sides; nil where that side has no value (not measured, or the
/// item is missing there).
public struct ComparedValue: Sendable, Equatable {
    public var metric: ComparedMetric
    public var a: Int64?
    public var b: Int64?

    public init(_ metric: ComparedMetric, a: Int64?, b: Int64?) {
        self.metric = metric
        self.a = a
        self.b = b
    }

    /// `b - a`, when both exist.
    public var delta: Int64? {
        guard let a, let b else { return nil }
        return b - a
    }

    /// `(b - a) / a`, when both exist and `a` is not zero.
    public var relative: Double? {
        guard let a, let b, a != 0 else { return nil }
        return Double(b - a) / Double(a)
    }
}

/// A variant, job, stage or iteration as both folders have it.
public struct ComparedItem: Sendable, Equatable {
    public enum Section: String, Sendable, Equatable, CaseIterable {
        case variant, job, stage, iteration
    }

    /// Whether both folders have the item; one-sided items have their values on one side.
    public enum Presence: String, Sendable, Equatable {
        case both
        case onlyA = "only-a"
        case onlyB = "only-b"
    }

    public var section: Section
    public var variant: String
    public var job: String?
    public var stage: String?
    /// An iteration's number; nil for the iteration summary rows.
    public var iteration: Int?
    /// A summary row's name (`first`, `median-steady`, ...); nil otherwise.
    public var summary: String?
    public var presence: Presence
    /// A job's end on each side: `succeeded`, `failed` or `unfinished`; nil elsewhere.
    public var outcomeA: String?
    public var outcomeB: String?
    /// The primary quantity first (makespan or duration): the one rows are sorted by.
    public var values: [ComparedValue]

    public init(section: Section, variant: String, job: String? = nil, stage: String? = nil, iteration: Int? = nil,
                summary: String? = nil, presence: Presence, outcomeA: String? = nil, outcomeB: String? = nil,
                values: [ComparedValue]) {
        self.section = section
        self.variant = variant
        self.job = job
        self.stage = stage
        self.iteration = iteration
        self.summary = summary
        self.presence = presence
        self.outcomeA = outcomeA
        self.outcomeB = outcomeB
        self.values = values
    }

    public func value(_ metric: ComparedMetric) -> ComparedValue? { values.first { $0.metric == metric } }

    /// The size of the change rows are sorted by: |Δ| of the primary quantity (0 without one).
    public var magnitude: UInt64 { values.first?.delta?.magnitude ?? 0 }

    /// Rows in both folders first, largest `magnitude` first; then rows of one side only;
    /// ties (and one-sided rows) by variant, job, stage and iteration, so the order depends
    /// on the values alone.
    public static func ordered(_ items: [ComparedItem]) -> [ComparedItem] {
        items.sorted { x, y in
            let (oneSidedX, oneSidedY) = (x.presence != .both, y.presence != .both)
            if oneSidedX != oneSidedY { return !oneSidedX }
            if x.magnitude != y.magnitude { return x.magnitude > y.magnitude }
            return x.precedes(y)
        }
    }

    /// Key order: variant, job, stage (names in natural order: `loss-gradient-2` before
    /// `loss-gradient-10`), then iteration number, then summary name.
    func precedes(_ other: ComparedItem) -> Bool {
        let mine = [variant, job ?? "", stage ?? ""], theirs = [other.variant, other.job ?? "", other.stage ?? ""]
        if let (x, y) = zip(mine, theirs).first(where: { $0 != $1 }) { return Self.naturallyPrecedes(x, y) }
        if (iteration ?? -1) != (other.iteration ?? -1) { return (iteration ?? -1) < (other.iteration ?? -1) }
        return (summary ?? "") < (other.summary ?? "")
    }

    /// Runs of ASCII digits compare as numbers, everything else by Unicode scalars; equal
    /// runs fall back to plain order, so the result never depends on the locale.
    static func naturallyPrecedes(_ a: String, _ b: String) -> Bool {
        let (x, y) = (chunks(a), chunks(b))
        for (p, q) in zip(x, y) where p != q {
            if let m = p.number, let n = q.number, m != n { return m.count != n.count ? m.count < n.count : m < n }
            return p.text < q.text
        }
        return x.count != y.count ? x.count < y.count : a < b
    }

    /// The text split into digit and non-digit runs; `number` is a digit run without leading zeros.
    private static func chunks(_ text: String) -> [(text: String, number: String?)] {
        var out: [(text: String, number: String?)] = []
        var run = "", digits = false
        func flush() {
            guard !run.isEmpty else { return }
            let stripped = String(run.drop { $0 == "0" })
            out.append((run, digits ? (stripped.isEmpty ? "0" : stripped) : nil))
            run = ""
        }
        for character in text {
            let isDigit = character.isASCII && character.isNumber
            if isDigit != digits { flush() }
            digits = isDigit
            run.append(character)
        }
        flush()
        return out
    }
}

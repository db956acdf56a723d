/// What one `sparksim swarm` found and covered, as `swarm.md` shows it.
public struct SwarmSummary: Sendable {
    public struct Finding: Sendable {
        public var seed: UInt64
        /// `violation`, `crash` or `nondeterministic`.
        public var kind: String
        public var message: String
        /// The scenario file written for it, and whether it was shrunk.
        public var file: String
        public var shrunk: Bool
        /// Executors, jobs, stages, tasks and faults of the written scenario.
        public var size: String

        public init(seed: UInt64, kind: String, message: String, file: String, shrunk: Bool, size: String) {
            self.seed = seed
            self.kind = kind
            self.message = message
            self.file = file
            self.shrunk = shrunk
            self.size = size
        }
    }

    public var from: UInt64
    public var seeds: Int
    public var jobs: Int
    public var twiceEvery: Int
    public var wallSeconds: Double
    /// The machine and build the swarm ran on, as the caller describes them.
    public var machine: String
    public var passed = 0
    public var stalled = 0
    public var violations = 0
    public var crashes = 0
    public var nondeterministic = 0
    /// Seeds run a second time in another process.
    public var repeated = 0
    public var tasksLaunched = 0
    /// Seeds using each feature of the scenario contract, in table order.
    public var features: [(name: String, seeds: Int)] = []
    /// Seeds whose run reached each situation.
    public var reached: [(name: String, seeds: Int)] = []
    public var findings: [Finding] = []

    public init(from: UInt64, seeds: Int, jobs: Int, twiceEvery: Int, wallSeconds: Double, machine: String) {
        self.from = from
        self.seeds = seeds
        self.jobs = jobs
        self.twiceEvery = twiceEvery
        self.wallSeconds = wallSeconds
        self.machine = machine
    }

    /// The contract's last line: `seeds=<N> violations=<V> crashes=<C> nondeterministic=<D>`.
    public var lastLine: String {
        "seeds=\(seeds) violations=\(violations) crashes=\(crashes) nondeterministic=\(nondeterministic)"
    }
}

/// Renders a swarm's `swarm.md`: verdict, throughput, what the seeds covered, findings.
public enum SwarmReport {
    public static func markdown(_ s: SwarmSummary) -> String {
        let last = s.from + UInt64(max(s.seeds, 1) - 1)
        var lines = ["# sparksim swarm: seeds \(s.from)–\(last)", "", "`\(s.lastLine)`", ""]
        let rate = s.wallSeconds > 0 ? Double(s.seeds) / s.wallSeconds : 0
        lines += [
            "| | |", "| --- | --- |",
            "| seeds | \(s.seeds) (\(s.passed) ended, \(s.stalled) reported a stall) |",
            "| run twice in one process, bytes compared | every \(s.twiceEvery)th seed |",
            "| run again in another process, digests compared | \(s.repeated) seeds |",
            "| tasks launched | \(s.tasksLaunched) |",
            "| wall time | \(NumberFormat.fixed(s.wallSeconds, decimals: 1)) s on \(s.jobs) worker process(es) |",
            "| throughput | \(NumberFormat.fixed(rate, decimals: 1)) seeds/s |",
            "| machine | \(s.machine) |", "",
            "A stall is a result, not a violation: the run stopped with jobs left and said why (for example, a",
            "task excluded from the only executor with the GPU it needs, which Spark also never schedules).", "",
            "## What the seeds used", "", "| feature | seeds | share |", "| --- | ---: | ---: |",
        ]
        lines += s.features.map { "| \($0.name) | \($0.seeds) | \(percent($0.seeds, of: s.seeds)) |" }
        lines += ["", "## What the runs reached", "", "| situation | seeds | share |", "| --- | ---: | ---: |"]
        lines += s.reached.map { "| \($0.name) | \($0.seeds) | \(percent($0.seeds, of: s.seeds)) |" }
        lines += ["", "## Findings", ""]
        if s.findings.isEmpty {
            lines.append("None: every invariant held after every event of every seed.")
        } else {
            lines += ["| seed | kind | scenario | size | first finding |", "| ---: | --- | --- | --- | --- |"]
            lines += s.findings.map {
                "| \($0.seed) | \($0.kind) | `\($0.file)`\($0.shrunk ? " (shrunk)" : "") | \($0.size) | "
                    + "\(cell($0.message)) |"
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func percent(_ count: Int, of total: Int) -> String {
        total == 0 ? "–" : NumberFormat.fixed(100 * Double(count) / Double(total), decimals: 1) + "%"
    }

    private static func cell(_ text: String) -> String {
        let line = text.split(separator: "\n").first.map(String.init) ?? ""
        let short = line.count > 240 ? String(line.prefix(240)) + "…" : line
        return short.split(separator: "|", omittingEmptySubsequences: false).joined(separator: "\\|")
    }
}

import Sim

/// The `cluster:` of an imported scenario, and the executor faults of its run.
///
/// A `local[N]`, `local[N,F]` or `local-cluster[E,C,M]` master is kept as the master URL
/// (sparksim builds the same executors, with Spark's ids); any other master becomes the
/// executors the log saw register, by id and host: those registered before the first job
/// are the cluster, later ones `executor-added` faults at their instants, and executors
/// removed before the application ended `executor-lost` faults.
/// A what-if's cluster: executors and cores per executor, each as the log's when nil.
public struct ClusterShape: Equatable, Sendable {
    public var executors: Int?
    public var cores: Int?

    public init(executors: Int?, cores: Int?) {
        self.executors = executors
        self.cores = cores
    }

    public var label: String {
        [executors.map { "\($0) executors" }, cores.map { "\($0) cores each" }].compactMap { $0 }.joined(separator: ", ")
    }
}

enum ClusterSection {
    static func keepsMaster(_ master: String?) -> Bool {
        guard let master else { return false }
        if master.hasPrefix("local-cluster[") { return true }
        guard master.hasPrefix("local["), !master.contains("*") else { return false }
        return true
    }

    static func yaml(_ record: SparkApplicationRecord, appStart: Int64, firstJob: Int64?, physicalCores: Int?,
                     notes: inout Notes) -> String {
        let cpu = physicalCores.map { "  cpu: {physical_cores: \($0)}\n" } ?? ""
        if keepsMaster(record.master), let master = record.master {
            return "cluster: {master: \"\(master)\"" + (physicalCores.map { ", cpu: {physical_cores: \($0)}" } ?? "") + "}\n"
        }
        let (initial, _) = split(record, appStart: appStart, firstJob: firstJob)
        guard !initial.isEmpty else {
            notes.add("no executor registered before the first job; one of 1 core stands in")
            return "cluster:\n  executors:\n    - {id: stand-in, host: stand-in, cores: 1}\n" + cpu
        }
        return "cluster:\n  executors:\n" + initial.map { "    - \(executor($0))\n" }.joined() + cpu
    }

    /// The preferences an import can name: a kept master keeps Spark's executor ids (in a
    /// what-if, those its shape has), explicit executors keep the log's ids and hosts; a
    /// what-if of explicit executors renames both, so it names none.
    static func preferences(_ record: SparkApplicationRecord, shape: ClusterShape?) -> JobPlan.Preferences {
        let kept = keepsMaster(record.master)
        guard let shape else { return JobPlan.Preferences(executors: nil, hosts: !kept) }
        guard kept, let master = record.master else { return JobPlan.Preferences(executors: [], hosts: false) }
        if master.hasPrefix("local-cluster[") || (shape.executors ?? 1) > 1 {
            let count = shape.executors ?? record.executors.count
            return JobPlan.Preferences(executors: Set((0..<count).map(String.init)), hosts: false)
        }
        return JobPlan.Preferences(executors: ["driver"], hosts: false)
    }

    /// Executors added after the first job, and executors removed before the end.
    static func lossFaults(_ record: SparkApplicationRecord, appStart: Int64, notes: inout Notes) -> String {
        var text = ""
        let firstJob = record.jobs.map(\.start.time).min().map { $0 - appStart }
        if !keepsMaster(record.master) {
            for added in split(record, appStart: appStart, firstJob: firstJob).later {
                text += "  - {kind: executor-added, executor: \(executor(added)), at: "
                    + "\(EventLogImporter.milliseconds(added.time - appStart))}\n"
            }
        }
        let end = record.end ?? Int64.max
        let known = Set(record.executors.map(\.id))
        for removal in record.removals where removal.time < end {
            guard known.contains(removal.executor) else { continue }
            text += "  - {kind: executor-lost, executor: \(EventLogImporter.quoted(removal.executor)), at: "
                + "\(EventLogImporter.milliseconds(removal.time - appStart))}\n"
        }
        return text
    }

    /// The same application on another cluster shape: a `local-cluster[E,C,M]` or
    /// `local[N]` master gets `E` and `C` replaced (local mode has one executor, so more than
    /// one makes it local-cluster); other logs get N executors of C cores, on the one host
    /// the log's executors shared, or one host each (`whatif-host-<i>`) when they did not.
    static func whatIf(_ record: SparkApplicationRecord, shape: ClusterShape, physicalCores: Int?) -> String {
        let lines = whatIfExecutors(record, shape: shape)
        guard let cores = physicalCores else { return lines }
        guard lines.hasPrefix("cluster: {master: ") else { return lines + "  cpu: {physical_cores: \(cores)}\n" }
        return lines.dropLast(2) + ", cpu: {physical_cores: \(cores)}}\n"
    }

    /// A what-if whose executors are separate JVMs on one host (`local-cluster`) starts
    /// another number of them: they share the host's physical cores, each taking
    /// `executor_launch` of CPU, so the last registers `(E' - E) × executor_launch / cores`
    /// later (earlier when fewer). When the log's first job came within 2 s after its last
    /// executor registered (a driver waiting for its executors, or right behind them), the
    /// jobs submitted at fixed instants move by as much. Nil when nothing moves (other
    /// masters start executors on their own hosts at once; unknown cores: no contention).
    static func launchShift(_ record: SparkApplicationRecord, shape: ClusterShape, appStart: Int64, firstJob: Int64?,
                            physicalCores: Int?, executorLaunch: SimDuration)
        -> (milliseconds: Int64, explanation: String)?
    {
        guard let cores = physicalCores, let master = record.master, master.hasPrefix("local-cluster["),
              let wanted = shape.executors, let firstJob else { return nil }
        let initial = split(record, appStart: appStart, firstJob: firstJob).initial
        guard let lastRegistered = initial.map({ $0.time - appStart }).max(),
              (0...2_000).contains(firstJob - lastRegistered), wanted != initial.count else { return nil }
        let perExecutor = executorLaunch.nanoseconds / 1_000_000 / Int64(cores)
        let shift = Int64(wanted - initial.count) * perExecutor
        let direction = shift < 0 ? "earlier" : "later"
        return (shift, "\(wanted) executor JVMs instead of \(initial.count) start on the host's \(cores) physical cores "
                + "(executor_launch \(executorLaunch) of CPU each): the first jobs move \(abs(shift)) ms \(direction)")
    }

    private static func whatIfExecutors(_ record: SparkApplicationRecord, shape: ClusterShape) -> String {
        let executors = record.executors.filter { $0.id != "driver" || keepsMaster(record.master) }
        let logCores = executors.first?.cores ?? 1
        if keepsMaster(record.master), let master = record.master {
            let numbers = master.drop { !$0.isNumber }.prefix { $0 != "]" }.split(separator: ",").compactMap { Int($0) }
            if master.hasPrefix("local-cluster["), numbers.count == 3 {
                return "cluster: {master: \"local-cluster[\(shape.executors ?? numbers[0]),\(shape.cores ?? numbers[1]),\(numbers[2])]\"}\n"
            }
            let cores = shape.cores ?? numbers.first ?? logCores
            if (shape.executors ?? 1) == 1 {
                let failures = numbers.count > 1 ? ",\(numbers[1])" : ""
                return "cluster: {master: \"local[\(cores)\(failures)]\"}\n"
            }
            return "cluster: {master: \"local-cluster[\(shape.executors!),\(cores),1024]\"}\n"
        }
        let count = shape.executors ?? max(1, executors.count)
        let cores = shape.cores ?? logCores
        let sharedHost = Set(executors.map(\.host)).count == 1 ? executors.first?.host : nil
        var text = "cluster:\n  executors:\n"
        for index in 0..<count {
            let host = sharedHost ?? "whatif-host-\(index)"
            text += "    - {id: \"\(index)\", host: \(EventLogImporter.quoted(host)), cores: \(cores)}\n"
        }
        return text
    }

    private static func split(_ record: SparkApplicationRecord, appStart: Int64,
                              firstJob: Int64?) -> (initial: [ExecutorRecord], later: [ExecutorRecord]) {
        let executors = record.executors.filter { $0.id != "driver" || keepsMaster(record.master) }
        let cut = firstJob ?? Int64.max
        return (executors.filter { $0.time - appStart <= cut }, executors.filter { $0.time - appStart > cut })
    }

    private static func executor(_ e: ExecutorRecord) -> String {
        var fields = "id: \(EventLogImporter.quoted(e.id)), host: \(EventLogImporter.quoted(e.host)), cores: \(e.cores)"
        if e.gpus > 0 { fields += ", gpus: \(e.gpus)" }
        return "{\(fields)}"
    }
}

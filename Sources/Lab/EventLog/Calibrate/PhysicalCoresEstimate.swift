import Foundation

/// The hosts' physical cores, estimated from logs that do not say them.
///
/// An event log records each executor's task slots, never the cores of the machine under
/// them, and no metric in it measures contention (the JVM's `executorCpuTime` misses
/// Python workers, garbage collection and the JIT's threads). A replay on the log's own
/// cluster cannot tell either: the import takes the contention it assumes off the tasks'
/// work and the simulation adds the same back. What does tell is the same application run
/// on two cluster shapes: each log's what-if on the other's shape predicts the other's
/// real time well only under the right core count. So for every pair of logs of one
/// application (same name) on different shapes, each candidate count (1 up to the most task
/// slots a host had, and "as many as slots", which is no contention) is scored by the root
/// mean square of those predictions' relative errors, and the best wins (ties: the larger
/// count, less contention assumed). Without such a pair nothing is estimated, and the
/// reason says so; `--set cluster.cpu.physical_cores=N` then gives the count.
public struct PhysicalCoresEstimate: Equatable {
    /// One candidate: its core count (nil: as many as slots) and the RMS relative error of
    /// the cross-shape predictions under it.
    public struct Candidate: Equatable {
        public let cores: Int?
        public let rmsError: Double
    }

    /// The estimate; nil when the logs cannot tell, or show no contention.
    public let cores: Int?
    /// Every candidate tried, fewest cores first, "as many as slots" last.
    public let candidates: [Candidate]
    /// Why nothing was estimated, when nothing was.
    public let reason: String?

    /// Candidates are capped at this many cores: beyond it a replay per count costs more
    /// than the logs can tell apart.
    static let largestCandidate = 16

    struct Log {
        let name: String
        let record: SparkApplicationRecord
    }

    static func estimate(_ logs: [Log], controlPlane: [(key: String, value: String)]) throws -> PhysicalCoresEstimate {
        var pairs: [(from: Log, to: Log, shape: ClusterShape, real: Int64)] = []
        for from in logs {
            for to in logs where to.record.appName == from.record.appName {
                guard let shape = shape(of: to.record), shape != self.shape(of: from.record),
                      let start = to.record.start, let end = to.record.end else { continue }
                pairs.append((from, to, shape, (end - start) * 1_000_000))
            }
        }
        guard !pairs.isEmpty else {
            return PhysicalCoresEstimate(cores: nil, candidates: [], reason:
                "no two logs of one application on different cluster shapes, the only thing a log's times can tell physical cores by")
        }
        let slots = logs.map { mostSlotsPerHost($0.record) }.max() ?? 1
        var candidates: [Candidate] = []
        for cores in Array(1..<max(1, min(slots, largestCandidate + 1))).map(Optional.some) + [nil] {
            var squares = 0.0
            for pair in pairs {
                let simulated = try EventLogReplay.simulatedApplication(
                    pair.from.record, name: pair.from.name, shape: pair.shape, controlPlane: controlPlane,
                    physicalCores: cores)
                let error = Double(simulated - pair.real) / Double(pair.real)
                squares += error * error
            }
            candidates.append(Candidate(cores: cores, rmsError: (squares / Double(pairs.count)).squareRoot()))
        }
        let none = candidates.last!.rmsError
        guard let best = candidates.dropLast().reversed().min(by: { $0.rmsError < $1.rmsError }), best.rmsError < none else {
            return PhysicalCoresEstimate(cores: nil, candidates: candidates,
                                         reason: "the logs show no contention (no core count predicts them better than none)")
        }
        return PhysicalCoresEstimate(cores: best.cores, candidates: candidates, reason: nil)
    }

    /// The log's executors and cores per executor, for a `local-cluster` or `local` master
    /// (one host); nil for others (their executors' hosts differ).
    static func shape(of record: SparkApplicationRecord) -> ClusterShape? {
        guard ClusterSection.keepsMaster(record.master) else { return nil }
        let executors = record.executors
        return ClusterShape(executors: executors.count, cores: executors.first?.cores)
    }

    /// The most task slots the log's executors had on one host.
    static func mostSlotsPerHost(_ record: SparkApplicationRecord) -> Int {
        var byHost: [String: Int] = [:]
        for executor in record.executors where executor.id != "driver" || ClusterSection.keepsMaster(record.master) {
            byHost[executor.host, default: 0] += executor.cores
        }
        return byHost.values.max() ?? 1
    }
}

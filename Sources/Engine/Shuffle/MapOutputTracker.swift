import OrderedCollections

/// The driver's record of where each shuffle's map outputs live (Spark's
/// `MapOutputTrackerMaster` with one `ShuffleStatus` per shuffle), and the epoch that
/// tells stale task results from fresh ones.
///
/// A shuffle is keyed by the `StageSpec.key` of the shuffle-map stage that writes it, so
/// two jobs that name the same map stage read the same outputs (Spark's `shuffleId`). A
/// shuffle stays registered for the whole run, as in Spark, where only the context
/// cleaner forgets a shuffle: a later job finds the outputs and skips the stage.
///
/// Every removal of outputs increments the epoch (`incrementEpoch` after
/// `unregisterMapOutput`, `unregisterAllMapAndMergeOutput`, `removeOutputsOnHost`,
/// `removeOutputsOnExecutor`). A task carries the epoch current when its task set was
/// created; the DAG scheduler ignores a map task's success from an executor whose loss it
/// processed at that epoch or later.
///
/// - Complexity: registering an output is O(1); removing the outputs of an executor or a
///   host is O(total map partitions) and happens only on failures.
/// - Spark: `MapOutputTracker.scala` (`MapOutputTrackerMaster`, `ShuffleStatus`).
public struct MapOutputTracker: Sendable {
    /// One shuffle's map outputs (Spark's `ShuffleStatus`).
    struct ShuffleStatus: Sendable {
        /// Indexed by map partition; nil = missing.
        var mapStatuses: [MapStatus?]
        /// `_numAvailableMapOutputs`: the non-nil entries, counted.
        var numAvailable: Int

        init(numMaps: Int) {
            mapStatuses = Array(repeating: nil, count: numMaps)
            numAvailable = 0
        }

        /// Removes every output that satisfies `isLost` (`removeOutputsByFilter`).
        mutating func removeOutputs(where isLost: (MapStatus) -> Bool) {
            for index in mapStatuses.indices {
                if let status = mapStatuses[index], isLost(status) {
                    mapStatuses[index] = nil
                    numAvailable -= 1
                }
            }
        }
    }

    /// Shuffles in registration order (iteration order never depends on hashing).
    private(set) var shuffles: OrderedDictionary<String, ShuffleStatus> = [:]

    /// `MapOutputTracker.epoch`: bumped whenever outputs are lost.
    public private(set) var epoch: Int64 = 0

    public init() {}

    // MARK: Registration

    /// Whether a shuffle with this map stage key is known (`containsShuffle`).
    public func containsShuffle(_ key: String) -> Bool { shuffles[key] != nil }

    /// Starts tracking a shuffle of `numMaps` map partitions (`registerShuffle`).
    public mutating func registerShuffle(_ key: String, numMaps: Int) {
        precondition(shuffles[key] == nil, "MapOutputTracker: shuffle \(key) registered twice")
        precondition(numMaps >= 1, "MapOutputTracker: shuffle \(key) with \(numMaps) map partitions")
        shuffles[key] = ShuffleStatus(numMaps: numMaps)
    }

    /// Records a map task's output, replacing an earlier one for the same partition
    /// (`registerMapOutput` / `ShuffleStatus.addMapOutput`).
    public mutating func registerMapOutput(_ key: String, mapPartition: Int, status: MapStatus) {
        precondition(shuffles[key] != nil, "MapOutputTracker: unknown shuffle \(key)")
        precondition(shuffles[key]!.mapStatuses.indices.contains(mapPartition),
                     "MapOutputTracker: shuffle \(key) has no map partition \(mapPartition)")
        if shuffles[key]!.mapStatuses[mapPartition] == nil { shuffles[key]!.numAvailable += 1 }
        shuffles[key]!.mapStatuses[mapPartition] = status
    }

    // MARK: Removal (each bumps the epoch, as Spark's does)

    /// Forgets one map output if it is still the one served by `executor` on `host`
    /// (`unregisterMapOutput`: a no-op on the outputs when the partition was re-run
    /// elsewhere meanwhile; the epoch still moves).
    public mutating func unregisterMapOutput(_ key: String, mapPartition: Int, executor: ExecutorID, host: HostID) {
        precondition(shuffles[key] != nil, "MapOutputTracker: unregisterMapOutput for unknown shuffle \(key)")
        if let status = shuffles[key]!.mapStatuses[mapPartition], status.executor == executor, status.host == host {
            shuffles[key]!.mapStatuses[mapPartition] = nil
            shuffles[key]!.numAvailable -= 1
        }
        incrementEpoch()
    }

    /// Forgets every output of one shuffle (`unregisterAllMapAndMergeOutput`): a barrier
    /// map stage is always re-run whole.
    public mutating func unregisterAllMapOutput(_ key: String) {
        precondition(shuffles[key] != nil, "MapOutputTracker: unregisterAllMapOutput for unknown shuffle \(key)")
        shuffles[key]!.removeOutputs { _ in true }
        incrementEpoch()
    }

    /// Forgets every output on `host`, across all shuffles (`removeOutputsOnHost`): with an
    /// external shuffle service, outputs die with their host, not with their executor.
    public mutating func removeOutputsOnHost(_ host: HostID) {
        for index in shuffles.values.indices {
            shuffles.values[index].removeOutputs { $0.host == host }
        }
        incrementEpoch()
    }

    /// Forgets every output written by `executor`, across all shuffles (`removeOutputsOnExecutor`).
    public mutating func removeOutputsOnExecutor(_ executor: ExecutorID) {
        for index in shuffles.values.indices {
            shuffles.values[index].removeOutputs { $0.executor == executor }
        }
        incrementEpoch()
    }

    /// `incrementEpoch`.
    public mutating func incrementEpoch() { epoch += 1 }

    // MARK: Queries

    /// How many map partitions have an output (`getNumAvailableOutputs`); 0 for an unknown shuffle.
    public func numAvailableOutputs(_ key: String) -> Int { shuffles[key]?.numAvailable ?? 0 }

    /// Whether every map partition has an output (`ShuffleMapStage.isAvailable`).
    public func isAvailable(_ key: String) -> Bool {
        guard let shuffle = shuffles[key] else { return false }
        return shuffle.numAvailable == shuffle.mapStatuses.count
    }

    /// The map partitions without an output, ascending (`findMissingPartitions`); nil for
    /// an unknown shuffle.
    public func findMissingPartitions(_ key: String) -> [Int]? {
        guard let shuffle = shuffles[key] else { return nil }
        return shuffle.mapStatuses.indices.filter { shuffle.mapStatuses[$0] == nil }
    }

    /// The output registered for one map partition, if any.
    public func mapStatus(_ key: String, mapPartition: Int) -> MapStatus? {
        shuffles[key]?.mapStatuses[mapPartition]
    }

    /// Checks the counters against the arrays (`ShuffleStatus.findMissingPartitions`'s assert).
    public func checkInvariants() {
        precondition(epoch >= 0, "MapOutputTracker: negative epoch \(epoch)")
        for (key, shuffle) in shuffles {
            let present = shuffle.mapStatuses.reduce(0) { $0 + ($1 == nil ? 0 : 1) }
            precondition(present == shuffle.numAvailable,
                         "MapOutputTracker: shuffle \(key) counts \(shuffle.numAvailable) outputs, holds \(present)")
        }
    }
}

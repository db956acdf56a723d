import Engine

/// Where each map output lives, as the simulated executors reported it: what a reduce
/// task fetches, from where, and how many bytes.
///
/// The engine keeps Spark's `MapOutputTracker`; this is the executors' side of the same
/// facts, built from the successes they reported. The last success reported for a
/// partition wins, as a re-run after lost output replaces the old location. Nothing is
/// removed on executor loss: whether an output can still be read is decided when a task
/// reads it (the executor alive, or its host alive when the external shuffle service
/// serves it), so a task the engine launches against lost output meets a fetch failure,
/// as in Spark.
struct MapOutputRegistry {
    /// Per stage key, per partition (lookup only).
    private var outputs: [String: [MapStatus?]] = [:]

    mutating func register(_ status: MapStatus, stage: String, partition: Int, partitions: Int) {
        if outputs[stage] == nil { outputs[stage] = Array(repeating: nil, count: partitions) }
        outputs[stage]![partition] = status
    }

    func status(stage: String, partition: Int) -> MapStatus? {
        guard let list = outputs[stage], list.indices.contains(partition) else { return nil }
        return list[partition]
    }
}

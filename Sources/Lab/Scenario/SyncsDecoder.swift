import Engine
import OrderedCollections
import Sim

/// `syncs:` and `partition_syncs:` of a barrier stage.
struct SyncsDecoder: SectionDecoder {
    let sink: DecodingSink

    typealias StageSyncs = (all: [Scenario.Sync], byPartition: OrderedDictionary<Int, [Scenario.Sync]>)

    func decodeStageSyncs(_ f: Fields, barrier: Bool?, tasks: Int?,
                                   duration: Scenario.PerPartition<SimDuration>?) -> StageSyncs?
    {
        var result: StageSyncs = ([], [:])
        let syncNode = f.present("syncs")
        let partitionNode = f.present("partition_syncs")
        for (key, node) in [("syncs", syncNode), ("partition_syncs", partitionNode)] {
            if node != nil, barrier == false {
                report(f.keyPosition(key)!, "\(key) on \(f.context), which is not a barrier stage",
                       expected: "barrier: true (only barrier tasks can call barrier() or allGather)")
                return nil
            }
        }
        // A partition_syncs entry replaces syncs for its partition everywhere, so syncs
        // must fit only the partitions that keep them.
        if let partitionNode {
            guard let byPartition = partitionSyncs(partitionNode, tasks: tasks, duration: duration) else { return nil }
            result.byPartition = byPartition
        }
        if let syncNode {
            guard let syncs = syncList(syncNode, "syncs") else { return nil }
            let keeping = tasks.map { (0..<$0).filter { result.byPartition[$0] == nil } } ?? []
            if let duration, !checkSyncsFit(syncs, partitions: keeping, duration: duration, at: syncNode) {
                return nil
            }
            result.all = syncs
        }
        return result
    }

    private func partitionSyncs(_ node: SourceNode, tasks: Int?,
                                         duration: Scenario.PerPartition<SimDuration>?)
        -> OrderedDictionary<Int, [Scenario.Sync]>?
    {
        guard case .mapping(let pairs, _) = node else {
            report(node.position, "partition_syncs is \(node.shapeName)",
                   expected: "a mapping from partition index to its syncs, like {2: []}")
            return nil
        }
        var result: [(Int, [Scenario.Sync])] = []
        var seen: [Int: SourcePosition] = [:]
        for pair in pairs {
            guard let partition = int(pair.key, "partition", range: 0...ScenarioLimits.maxTasksPerStage - 1) else {
                return nil
            }
            if let tasks, partition >= tasks {
                report(pair.key.position,
                       "partition \(partition) is out of range for a stage with \(Self.count(tasks, "task"))",
                       expected: "a partition index from 0 to \(tasks - 1)")
                return nil
            }
            if let first = seen[partition] {
                report(pair.key.position, "partition \(partition) is already given at \(first)",
                       expected: "each partition once")
                return nil
            }
            seen[partition] = pair.key.position
            guard let syncs = syncList(pair.value, "partition_syncs") else { return nil }
            if let duration, !checkSyncsFit(syncs, partitions: [partition], duration: duration, at: pair.value) {
                return nil
            }
            result.append((partition, syncs))
        }
        return OrderedDictionary(uniqueKeysWithValues: result.sorted { $0.0 < $1.0 })
    }

    /// A list of `{after, call}`, in non-decreasing order of `after`.
    private func syncList(_ node: SourceNode, _ what: String) -> [Scenario.Sync]? {
        let expected = "a list like [{after: 1s, call: barrier}, {after: 2s, call: allGather}]"
        guard let items = list(node, what, expected: expected) else { return nil }
        var syncs: [Scenario.Sync] = []
        for item in items {
            guard let f = fields(item, context: "a sync", allowed: ["after", "call"], expected: expected) else {
                return nil
            }
            let after = required(f, "after", expected: "the work done before the call, like 1s")
                .flatMap { duration($0, "after") }
            let call = f.present("call").map {
                choice($0, "call", ["barrier", "allGather"]).flatMap(Scenario.SyncCall.init(rawValue:))
            } ?? .barrier
            guard let after, let call else { return nil }
            if let last = syncs.last, after < last.after {
                report(f.value("after")!.position, "sync after \(after) comes before the previous one at \(last.after)",
                       expected: "syncs in the order the task makes them (non-decreasing after:)")
                return nil
            }
            syncs.append(Scenario.Sync(after: after, call: call))
        }
        return syncs
    }

    /// A task calls only during its own work: every `after` is at most its duration.
    private func checkSyncsFit(_ syncs: [Scenario.Sync], partitions: [Int],
                                        duration: Scenario.PerPartition<SimDuration>, at node: SourceNode) -> Bool
    {
        guard let last = syncs.last else { return true }
        let partition: Int?
        switch duration {
        case .uniform(let d): partition = last.after > d ? partitions.first : nil
        case .each(let ds): partition = partitions.first { $0 < ds.count && last.after > ds[$0] }
        }
        guard let partition else { return true }
        report(node.position,
               "a sync after \(last.after) is later than the \(duration[partition]) of work of partition \(partition)",
               expected: "syncs within the task's duration")
        return false
    }
}

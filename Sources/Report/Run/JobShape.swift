/// A job's stages and their task counts as the run executed them (`partials (64) ->
/// tree-1 (8) -> final (1)`), read off the trace: what a report states about the shape of
/// an MLlib job is computed, never typed by hand.
enum JobShape {
    /// The stages of the last job that succeeded, in the order their first task launched,
    /// each with the number of distinct partitions launched; nil when no job succeeded.
    static func lastSucceeded(in trace: [TraceRow]) -> (job: String, stages: [(name: String, tasks: Int)])? {
        guard let job = trace.last(where: { $0.event == .jobSucceeded })?.job else { return nil }
        var stages: [(name: String, partitions: Set<Int>)] = []
        for row in trace where row.event == .taskLaunched && row.job == job {
            guard let stage = row.stage, let partition = row.partition else { continue }
            if let index = stages.firstIndex(where: { $0.name == stage }) {
                stages[index].partitions.insert(partition)
            } else {
                stages.append((stage, [partition]))
            }
        }
        guard !stages.isEmpty else { return nil }
        return (job, stages.map { ($0.name, $0.partitions.count) })
    }

    /// `` `mllib`: its last job, `loss-gradient-61`, ran partials (64 tasks) -> tree-1 (8) -> final (1) ``.
    static func sentence(label: String, trace: [TraceRow]) -> String? {
        guard let shape = lastSucceeded(in: trace), shape.stages.count > 1 else { return nil }
        let stages = shape.stages.enumerated().map { index, stage in
            "\(stage.name) (\(stage.tasks)\(index > 0 ? "" : stage.tasks == 1 ? " task" : " tasks"))"
        }
        let who = label.isEmpty ? "" : "`\(label)`: "
        return "- \(who)its last job, `\(shape.job)`, ran " + stages.joined(separator: " -> ")
            + " (treeAggregate through the driver)"
    }
}

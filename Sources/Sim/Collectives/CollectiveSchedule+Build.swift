extension CollectiveSchedule {
    /// The schedule of `algorithm` among `ranks` ranks holding `bytesPerRank` bytes each.
    ///
    /// - Parameters:
    ///   - chunking: nil for one flow per transfer (MPI-style steps); otherwise chunked
    ///     and pipelined as `CollectiveChunking` documents.
    ///   - rankHosts: the host of each rank; required by `.hierarchical` (which ranks
    ///     share a host decides its groups), ignored by the others, whose schedules do
    ///     not depend on placement.
    /// - Complexity: O(operations + dependencies + ranks · cells); the transfer counts are
    ///   2p(p − 1) for the ring, p' lg p' + 2(p − p') for recursive doubling,
    ///   2p' lg p' + 2(p − p') for halving-doubling, 2(p − 1) for the tree and the
    ///   parameter server, p(p − 1) for all-to-all (each times chunks per transfer), plus
    ///   one reduction per `.reduce` transfer.
    public static func build(_ algorithm: CollectiveAlgorithm, ranks: Int, bytesPerRank: Int64,
                             chunking: CollectiveChunking? = nil, rankHosts: [Int]? = nil) -> CollectiveSchedule {
        precondition(ranks >= 1, "CollectiveSchedule: at least one rank, got \(ranks)")
        precondition(bytesPerRank >= 0, "CollectiveSchedule: negative size \(bytesPerRank)")
        let plan: CollectivePlan
        switch algorithm {
        case .ring: plan = .ring(ranks: ranks, bytes: bytesPerRank)
        case .recursiveDoubling: plan = .recursiveDoubling(ranks: ranks, bytes: bytesPerRank)
        case .halvingDoubling: plan = .halvingDoubling(ranks: ranks, bytes: bytesPerRank)
        case .tree: plan = .tree(ranks: ranks, bytes: bytesPerRank)
        case .parameterServer: plan = .parameterServer(ranks: ranks, bytes: bytesPerRank)
        case .allToAll: plan = .allToAll(ranks: ranks, bytes: bytesPerRank)
        case .hierarchical:
            guard let rankHosts else { preconditionFailure("CollectiveSchedule: hierarchical needs rankHosts") }
            precondition(rankHosts.count == ranks, "CollectiveSchedule: \(rankHosts.count) hosts for \(ranks) ranks")
            plan = .hierarchical(rankHosts: rankHosts, bytes: bytesPerRank)
        }
        var compiler = ScheduleCompiler(plan: plan, chunking: chunking)
        compiler.compile()
        return CollectiveSchedule(
            algorithm: algorithm, ranks: ranks, bytesPerRank: bytesPerRank, chunking: chunking,
            cellOffsets: compiler.cellOffsets, operations: compiler.operations,
            dependencyStart: compiler.dependencyStart, dependencyList: compiler.dependencyList)
    }
}

/// The collective algorithms sparksim can lay out as a static dependency schedule.
///
/// Raw values are the names docs/scenario.md's `collective` workload uses (`algorithm: ring`),
/// plus `all-to-all`, the shuffle. Spark's torrent broadcast is not here: its senders are
/// chosen while it runs (`TorrentBroadcast`), so it has no static schedule.
///
/// Sources for the algorithms and their α-β-γ costs: Thakur, Rabenseifner & Gropp,
/// "Optimization of Collective Communication Operations in MPICH" (IJHPCA 2005);
/// Patarasuk & Yuan, "Bandwidth optimal all-reduce algorithms for clusters of
/// workstations" (JPDC 2009) for the ring; SimGrid's `ps` for the parameter server.
public enum CollectiveAlgorithm: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Ring allreduce: reduce-scatter then allgather, 2(p−1) steps of N/p bytes between
    /// ring neighbours (rank r sends to r+1).
    case ring
    /// Recursive doubling allreduce: lg p steps exchanging all N bytes with the partner
    /// at distance 1, 2, 4, ...; a non-power-of-two p folds its extra ranks in first and
    /// out last (MPICH's `MPIR_Allreduce_intra_recursive_doubling`).
    case recursiveDoubling = "recursive-doubling"
    /// Rabenseifner's allreduce: reduce-scatter by recursive halving, allgather by
    /// recursive doubling, with the same fold for non-powers of two (MPICH's
    /// `MPIR_Allreduce_intra_reduce_scatter_allgather`).
    case halvingDoubling = "halving-doubling"
    /// Binomial-tree reduce to rank 0, then binomial-tree broadcast from it (MPICH's
    /// `MPIR_Reduce_intra_binomial` + `MPIR_Bcast_intra_binomial`).
    case tree
    /// Two levels: the ranks of one host reduce into the host's lowest rank (its
    /// leader), the leaders run a ring allreduce, and each leader copies the result back
    /// to its host's ranks. Needs the rank → host placement when the schedule is built.
    case hierarchical
    /// Every rank sends N to rank 0, which reduces them and sends N back to every rank
    /// (SimGrid's `ps`; Spark's driver-side aggregation + broadcast without trees).
    case parameterServer = "parameter-server"
    /// A shuffle: each rank holds N bytes cut into p blocks and sends block d to rank d
    /// (N/p bytes to each other rank, all at once); no reduction.
    case allToAll = "all-to-all"

    public var description: String { rawValue }

    /// Whether the schedule is an allreduce (every rank ends with every rank's data
    /// reduced), as opposed to the all-to-all shuffle.
    public var isAllreduce: Bool { self != .allToAll }

    /// The allreduce algorithms, in declaration order: what a scenario's `algorithm:` and
    /// `allreduce:` keys accept (by raw value).
    public static var allreduces: [CollectiveAlgorithm] { allCases.filter(\.isAllreduce) }
}

/// How transfers are cut into chunks so that a collective interleaves with other traffic
/// on the same links and pipelines its steps (NCCL-like).
///
/// Exactly: the N-byte buffer is partitioned into the algorithm's blocks (p blocks for the
/// ring, 2^⌊lg p⌋ for halving-doubling, one for the others), and each block into chunks of
/// `chunkBytes` bytes from its start (the last chunk of a block is shorter). A transfer
/// that covers some blocks becomes one flow per chunk of those blocks, in buffer order;
/// chunk i of it starts once chunk i − `chunksInFlight` of it has arrived, so at most
/// `chunksInFlight` of its chunks are on the wire at once. Dependencies are then kept per
/// chunk instead of per step: chunk i of a step's send waits only for the earlier
/// operations on *that chunk's bytes* at the sender (the receive and reduction that
/// produced them, and earlier-step sends of them), not for the whole previous step. So
/// in a ring, chunk i of step k leaves as soon as chunk i of step k−1 has been received
/// and reduced: the pipelined ring.
///
/// Without chunking (`nil`) a transfer is one flow, and a rank's step k sends wait for
/// every operation of its step k−1 (MPI's `sendrecv` followed by the local reduction)
/// and for the receiver to have finished its own previous step (a rendezvous, as SimGrid's
/// SMPI matches large messages). Chunked transfers are eager: a receiver takes chunks into
/// buffers of its own whenever they come (as NCCL's pre-posted slots do).
public struct CollectiveChunking: Hashable, Sendable, CustomStringConvertible {
    /// The largest chunk, in bytes (> 0).
    public let chunkBytes: Int64
    /// How many chunks of one transfer may be in flight at once (≥ 1); 1 is the textbook
    /// pipelined ring, larger values model NCCL's several slots per connection.
    public let chunksInFlight: Int

    public init(chunkBytes: Int64, chunksInFlight: Int = 1) {
        precondition(chunkBytes > 0, "CollectiveChunking: chunkBytes must be positive, got \(chunkBytes)")
        precondition(chunksInFlight >= 1, "CollectiveChunking: chunksInFlight must be ≥ 1, got \(chunksInFlight)")
        self.chunkBytes = chunkBytes
        self.chunksInFlight = chunksInFlight
    }

    public var description: String { "chunks of \(ByteCount(bytes: chunkBytes)) x\(chunksInFlight) in flight" }
}

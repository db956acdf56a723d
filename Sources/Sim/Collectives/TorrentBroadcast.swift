/// Spark's torrent broadcast (`org.apache.spark.broadcast.TorrentBroadcast`): the driver
/// cuts the value into pieces of `spark.broadcast.blockSize` (4 MiB by default); each
/// executor fetches every piece, one at a time, from the driver or from any executor
/// that already holds it, and holds it from then on.
///
/// Model, following Spark's `readBlocks` and `BlockManager.sortLocations`: rank 0 is the
/// source and holds every piece from the start; each other rank fetches the pieces in
/// its own order (`.shuffled`: a permutation drawn from the run's stream, as Spark's
/// `Random.shuffle`; `.rotated`: rank r starts at piece r − 1 and wraps, a deterministic
/// spread without draws), one fetch at a time. For each fetch it picks a holder at the
/// instant the fetch starts: uniformly among holders on its own host if there are any
/// (Spark prefers local block managers), else uniformly among all holders. The RPCs that
/// report a new holder to the driver take no time.
public struct TorrentBroadcast: Hashable, Sendable {
    public enum PieceOrder: Hashable, Sendable {
        case shuffled
        case rotated
    }

    /// Spark's default `spark.broadcast.blockSize`.
    public static let defaultBlockSize: Int64 = 4 << 20

    /// p: the source (rank 0) and p − 1 receivers.
    public let ranks: Int
    /// N: the broadcast value's size.
    public let bytes: Int64
    /// `spark.broadcast.blockSize`.
    public let blockSize: Int64
    public let pieceOrder: PieceOrder

    public init(ranks: Int, bytes: Int64, blockSize: Int64 = defaultBlockSize, pieceOrder: PieceOrder = .shuffled) {
        precondition(ranks >= 1 && bytes >= 0 && blockSize > 0, "TorrentBroadcast: bad size")
        self.ranks = ranks
        self.bytes = bytes
        self.blockSize = blockSize
        self.pieceOrder = pieceOrder
    }

    /// ⌈N / blockSize⌉.
    public var pieceCount: Int { Int((bytes + blockSize - 1) / blockSize) }

    /// Bytes of piece `piece`: blockSize, except the last.
    public func bytes(ofPiece piece: Int) -> Int64 { min(blockSize, bytes - Int64(piece) * blockSize) }
}

/// One run of a torrent broadcast: who holds which piece, what each receiver fetches
/// next. Like `ScheduleExecution`, a value that returns the transfers to start.
///
/// - Complexity: O(holders of the piece) per fetch started (the same-host filter),
///   O(p · pieces) memory.
struct TorrentExecution {
    let broadcast: TorrentBroadcast
    let rankHosts: [Int]
    let random: RandomStream
    let start: SimInstant
    private var orders: [[Int32]]
    private var nextPiece: [Int]
    /// Holders of each piece, in the order they got it (the source first).
    private var holders: [[Int32]]
    /// Fetch f moves piece `fetches[f].piece` to rank `fetches[f].receiver`.
    private var fetches: [(receiver: Int32, piece: Int32)] = []
    private(set) var rankFinish: [SimInstant]
    private var done: [Bool]
    private(set) var ranksLeft: Int

    init(_ broadcast: TorrentBroadcast, rankHosts: [Int], random: RandomStream, start: SimInstant) {
        precondition(rankHosts.count == broadcast.ranks, "TorrentExecution: one host per rank")
        self.broadcast = broadcast
        self.rankHosts = rankHosts
        self.random = random
        self.start = start
        let pieces = broadcast.pieceCount
        orders = (0..<broadcast.ranks).map { rank in
            rank == 0 ? [] : (0..<pieces).map { Int32((rank - 1 + $0) % pieces) }
        }
        if broadcast.pieceOrder == .shuffled {
            for rank in 1..<max(broadcast.ranks, 1) { random.shuffle(&orders[rank]) }
        }
        nextPiece = Array(repeating: 0, count: broadcast.ranks)
        holders = Array(repeating: [0], count: pieces)
        rankFinish = Array(repeating: start, count: broadcast.ranks)
        done = (0..<broadcast.ranks).map { $0 == 0 || pieces == 0 }
        ranksLeft = pieces == 0 ? 0 : broadcast.ranks - 1
    }

    var isFinished: Bool { ranksLeft == 0 }

    /// Each rank's finish instant, nil for receivers still fetching.
    var finishedRanks: [SimInstant?] {
        (0..<broadcast.ranks).map { done[$0] ? rankFinish[$0] : nil }
    }

    /// Every receiver's first fetch, in rank order.
    mutating func begin(into actions: inout [ExecutionAction]) {
        guard broadcast.pieceCount > 0 else { return }
        for rank in 1..<broadcast.ranks { fetchNext(for: rank, into: &actions) }
    }

    /// Fetch `fetch` completed at `now`: its receiver holds the piece and fetches the next.
    mutating func complete(_ fetch: Int32, now: SimInstant, into actions: inout [ExecutionAction]) {
        let (receiver, piece) = fetches[Int(fetch)]
        holders[Int(piece)].append(receiver)
        let rank = Int(receiver)
        if nextPiece[rank] == broadcast.pieceCount {
            rankFinish[rank] = now
            done[rank] = true
            ranksLeft -= 1
        } else {
            fetchNext(for: rank, into: &actions)
        }
    }

    private mutating func fetchNext(for rank: Int, into actions: inout [ExecutionAction]) {
        let piece = orders[rank][nextPiece[rank]]
        nextPiece[rank] += 1
        let candidates = holders[Int(piece)]
        let local = candidates.filter { rankHosts[Int($0)] == rankHosts[rank] }
        let pool = local.isEmpty ? candidates : local
        let source = pool[random.integer(below: pool.count)]
        precondition(fetches.count < Int(Int32.max), "TorrentExecution: too many fetches")
        fetches.append((Int32(rank), piece))
        actions.append(.transfer(operation: Int32(fetches.count - 1), source: source, destination: Int32(rank),
                                 bytes: broadcast.bytes(ofPiece: Int(piece))))
    }
}

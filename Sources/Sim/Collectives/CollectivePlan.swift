/// One transfer as an algorithm states it: in which step, who to whom, which blocks,
/// and what the destination does with them. `CollectiveSchedule.compile` turns these
/// into operations (chunked or not) and derives every dependency.
struct PlannedTransfer: Hashable, Sendable {
    let round: Int32
    let source: Int32
    let destination: Int32
    /// Blocks `firstBlock ..< endBlock` of the algorithm's partition of the buffer.
    let firstBlock: Int32
    let endBlock: Int32
    let arrival: CollectiveArrival
}

/// An algorithm's transfers, step by step, over a partition of the N-byte buffer into
/// blocks; what every `CollectiveSchedule` builder produces before compilation.
///
/// Builders append transfers in non-decreasing round order; within a round, the order
/// they are appended is the order operations are numbered (and so the order a runner
/// starts transfers that become ready at one instant).
struct CollectivePlan: Sendable {
    let ranks: Int
    /// Block b covers bytes `blockOffsets[b] ..< blockOffsets[b + 1]`.
    let blockOffsets: [Int64]
    private(set) var transfers: [PlannedTransfer] = []

    init(ranks: Int, bytes: Int64, blocks: Int) {
        precondition(ranks >= 1, "CollectivePlan: at least one rank")
        precondition(bytes >= 0, "CollectivePlan: negative byte count \(bytes)")
        self.ranks = ranks
        blockOffsets = Self.evenOffsets(bytes: bytes, parts: blocks)
    }

    var blockCount: Int { blockOffsets.count - 1 }

    /// Cuts `bytes` into `parts` contiguous pieces whose sizes differ by at most one byte:
    /// the first `bytes % parts` pieces get the extra byte. Deterministic, and the usual
    /// MPI split of an uneven count (`count / p` each, the remainder to the first ranks).
    static func evenOffsets(bytes: Int64, parts: Int) -> [Int64] {
        precondition(parts >= 1, "CollectivePlan: at least one block")
        let base = bytes / Int64(parts), extra = bytes % Int64(parts)
        var offsets = [Int64](repeating: 0, count: parts + 1)
        for part in 0..<parts {
            offsets[part + 1] = offsets[part] + base + (Int64(part) < extra ? 1 : 0)
        }
        return offsets
    }

    /// Adds one transfer of blocks `blocks` from `source` to `destination` in `round`.
    mutating func add(round: Int, from source: Int, to destination: Int, blocks: Range<Int>,
                      arrival: CollectiveArrival) {
        precondition(source != destination, "CollectivePlan: rank \(source) sends to itself")
        precondition((0..<ranks).contains(source) && (0..<ranks).contains(destination), "CollectivePlan: rank")
        precondition(!blocks.isEmpty && blocks.lowerBound >= 0 && blocks.upperBound <= blockCount,
                     "CollectivePlan: blocks \(blocks) outside 0..<\(blockCount)")
        precondition(transfers.last.map { Int($0.round) <= round } ?? true, "CollectivePlan: rounds out of order")
        transfers.append(PlannedTransfer(
            round: Int32(round), source: Int32(source), destination: Int32(destination),
            firstBlock: Int32(blocks.lowerBound), endBlock: Int32(blocks.upperBound), arrival: arrival))
    }

    /// Adds the whole buffer from `source` to `destination`.
    mutating func addWhole(round: Int, from source: Int, to destination: Int, arrival: CollectiveArrival) {
        add(round: round, from: source, to: destination, blocks: 0..<blockCount, arrival: arrival)
    }

    /// The rounds a ring allreduce among `members` (in ring order) takes: 2(q − 1).
    /// Reduce-scatter step k: member i sends block (i − k) mod q to member i + 1, which
    /// reduces it; after q − 1 steps member i holds block (i + 1) mod q fully reduced.
    /// Allgather step k: member i forwards block (i + 1 − k) mod q, which overwrites.
    /// Requires one block per member. Returns the first round after the ring.
    mutating func addRingAllreduce(members: [Int], firstRound: Int) -> Int {
        let q = members.count
        precondition(q == blockCount, "CollectivePlan: a ring needs one block per member")
        guard q > 1 else { return firstRound }
        for step in 0..<(q - 1) {
            for i in 0..<q {
                let block = ((i - step) % q + q) % q
                add(round: firstRound + step, from: members[i], to: members[(i + 1) % q],
                    blocks: block..<(block + 1), arrival: .reduce)
            }
        }
        for step in 0..<(q - 1) {
            for i in 0..<q {
                let block = ((i + 1 - step) % q + q) % q
                add(round: firstRound + q - 1 + step, from: members[i], to: members[(i + 1) % q],
                    blocks: block..<(block + 1), arrival: .copy)
            }
        }
        return firstRound + 2 * (q - 1)
    }
}

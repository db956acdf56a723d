/// The plans of the static algorithms (`CollectiveAlgorithm`), step by step as the MPICH
/// and SimGrid implementations cited there run them.
extension CollectivePlan {
    /// Ring allreduce over all ranks in rank order (see `addRingAllreduce`).
    ///
    /// - Complexity: 2p(p − 1) transfers.
    static func ring(ranks: Int, bytes: Int64) -> CollectivePlan {
        var plan = CollectivePlan(ranks: ranks, bytes: bytes, blocks: ranks)
        _ = plan.addRingAllreduce(members: Array(0..<ranks), firstRound: 0)
        return plan
    }

    /// Recursive doubling: with p' = 2^⌊lg p⌋ and r = p − p', the first 2r ranks fold in
    /// (each even one sends all N to the next odd one, which reduces), the p' remaining
    /// ranks exchange all N with partners at distance 1, 2, 4 ... (new numbering), and
    /// the odd ranks of the fold send the result back to their even partner.
    ///
    /// - Complexity: p' lg p' + 2r transfers.
    static func recursiveDoubling(ranks: Int, bytes: Int64) -> CollectivePlan {
        var plan = CollectivePlan(ranks: ranks, bytes: bytes, blocks: 1)
        let fold = PowerOfTwoFold(ranks: ranks)
        var round = fold.addFoldIn(to: &plan)
        var mask = 1
        while mask < fold.pof2 {
            for newRank in 0..<fold.pof2 {
                plan.addWhole(round: round, from: fold.oldRank(newRank), to: fold.oldRank(newRank ^ mask),
                              arrival: .reduce)
            }
            mask <<= 1
            round += 1
        }
        fold.addFoldOut(to: &plan, round: round)
        return plan
    }

    /// Rabenseifner: the same fold as recursive doubling, then over p' ranks and p'
    /// blocks a reduce-scatter by recursive halving (at distance 1, 2, 4 ..., each rank
    /// keeps one half of its current blocks, the lower half when its new rank is the
    /// smaller of the pair, and sends the other half to be reduced) and an allgather by
    /// recursive doubling that retraces those steps in reverse.
    ///
    /// - Complexity: 2p' lg p' + 2r transfers.
    static func halvingDoubling(ranks: Int, bytes: Int64) -> CollectivePlan {
        let fold = PowerOfTwoFold(ranks: ranks)
        var plan = CollectivePlan(ranks: ranks, bytes: bytes, blocks: fold.pof2)
        var round = fold.addFoldIn(to: &plan)
        var current = [Range<Int>](repeating: 0..<fold.pof2, count: fold.pof2)
        var history: [[Range<Int>]] = []
        var mask = 1
        while mask < fold.pof2 {
            history.append(current)
            var next = current
            for newRank in 0..<fold.pof2 {
                let range = current[newRank], mid = (range.lowerBound + range.upperBound) / 2
                let keepsLower = newRank < newRank ^ mask
                let sent = keepsLower ? mid..<range.upperBound : range.lowerBound..<mid
                next[newRank] = keepsLower ? range.lowerBound..<mid : mid..<range.upperBound
                plan.add(round: round, from: fold.oldRank(newRank), to: fold.oldRank(newRank ^ mask),
                         blocks: sent, arrival: .reduce)
            }
            current = next
            mask <<= 1
            round += 1
        }
        while let before = history.popLast() {
            mask >>= 1
            for newRank in 0..<fold.pof2 {
                plan.add(round: round, from: fold.oldRank(newRank), to: fold.oldRank(newRank ^ mask),
                         blocks: current[newRank], arrival: .copy)
            }
            current = before
            round += 1
        }
        fold.addFoldOut(to: &plan, round: round)
        return plan
    }

    /// Binomial tree: in reduce round i (i = 0 ..< ⌈lg p⌉) every rank whose lowest set bit
    /// is bit i sends all N to the rank without that bit, which reduces; then the
    /// broadcast retraces the tree from the root, the largest subtree first, so rank 0
    /// sends to p/2, then p/4, ... one after the other (MPICH's binomial bcast).
    ///
    /// - Complexity: 2(p − 1) transfers.
    static func tree(ranks: Int, bytes: Int64) -> CollectivePlan {
        var plan = CollectivePlan(ranks: ranks, bytes: bytes, blocks: 1)
        let levels = ceilLog2(ranks)
        for level in 0..<levels {
            let bit = 1 << level, low = (bit << 1) - 1
            for rank in 0..<ranks where rank & low == bit {
                plan.addWhole(round: level, from: rank, to: rank - bit, arrival: .reduce)
            }
        }
        for step in 0..<levels {
            let bit = 1 << (levels - 1 - step), low = (bit << 1) - 1
            for rank in 0..<ranks where rank & low == 0 && rank + bit < ranks {
                plan.addWhole(round: levels + step, from: rank, to: rank + bit, arrival: .copy)
            }
        }
        return plan
    }

    /// Parameter server: every rank but 0 sends all N to rank 0 (reduced there, one at a
    /// time on its device), then rank 0 sends the result to every rank at once.
    ///
    /// - Complexity: 2(p − 1) transfers.
    static func parameterServer(ranks: Int, bytes: Int64) -> CollectivePlan {
        var plan = CollectivePlan(ranks: ranks, bytes: bytes, blocks: 1)
        for rank in 1..<max(ranks, 1) { plan.addWhole(round: 0, from: rank, to: 0, arrival: .reduce) }
        for rank in 1..<max(ranks, 1) { plan.addWhole(round: 1, from: 0, to: rank, arrival: .copy) }
        return plan
    }

    /// All-to-all: rank r sends block d to rank d for every d ≠ r, all in one step, in
    /// the rotated order r+1, r+2, ... so that no destination is everyone's first.
    ///
    /// - Complexity: p(p − 1) transfers.
    static func allToAll(ranks: Int, bytes: Int64) -> CollectivePlan {
        var plan = CollectivePlan(ranks: ranks, bytes: bytes, blocks: ranks)
        for rank in 0..<ranks {
            for shift in 1..<ranks {
                let destination = (rank + shift) % ranks
                plan.add(round: 0, from: rank, to: destination, blocks: destination..<(destination + 1),
                         arrival: .gather)
            }
        }
        return plan
    }

    /// Hierarchical: ranks are grouped by host (hosts in order of their lowest rank); in
    /// round 0 every rank but the lowest of its host (the leader) sends all N to the
    /// leader, which reduces; the h leaders run a ring allreduce over h blocks; in the
    /// last round each leader sends the result to the other ranks of its host.
    ///
    /// - Complexity: 2h(h − 1) + 2(p − h) transfers.
    static func hierarchical(rankHosts: [Int], bytes: Int64) -> CollectivePlan {
        var groups: [[Int]] = []
        var groupOfHost: [Int: Int] = [:]  // lookup only; groups keep first-appearance order
        for (rank, host) in rankHosts.enumerated() {
            if let group = groupOfHost[host] {
                groups[group].append(rank)
            } else {
                groupOfHost[host] = groups.count
                groups.append([rank])
            }
        }
        var plan = CollectivePlan(ranks: rankHosts.count, bytes: bytes, blocks: max(groups.count, 1))
        for group in groups {
            for member in group.dropFirst() { plan.addWhole(round: 0, from: member, to: group[0], arrival: .reduce) }
        }
        let last = plan.addRingAllreduce(members: groups.map { $0[0] }, firstRound: 1)
        for group in groups {
            for member in group.dropFirst() { plan.addWhole(round: last, from: group[0], to: member, arrival: .copy) }
        }
        return plan
    }
}

/// ⌈lg n⌉ for n ≥ 1 (0 for n = 1).
func ceilLog2(_ n: Int) -> Int {
    precondition(n >= 1, "ceilLog2: n must be positive")
    return n == 1 ? 0 : Int.bitWidth - (n - 1).leadingZeroBitCount
}

/// MPICH's treatment of a rank count that is not a power of two: p' = 2^⌊lg p⌋ ranks
/// take part in the power-of-two algorithm; among the first 2r ranks (r = p − p') each
/// even rank hands its data to the odd rank after it and sits out.
struct PowerOfTwoFold: Sendable {
    let ranks: Int
    /// p' = 2^⌊lg p⌋.
    let pof2: Int
    /// r = p − p'.
    let remainder: Int

    init(ranks: Int) {
        precondition(ranks >= 1, "PowerOfTwoFold: at least one rank")
        self.ranks = ranks
        pof2 = 1 << (Int.bitWidth - 1 - ranks.leadingZeroBitCount)
        remainder = ranks - pof2
    }

    /// The rank that plays new rank `newRank` of the power-of-two algorithm: 2·n + 1 for
    /// the folded pairs, n + r after them.
    func oldRank(_ newRank: Int) -> Int {
        newRank < remainder ? 2 * newRank + 1 : newRank + remainder
    }

    /// Round 0 when r > 0: even rank 2i sends everything to 2i + 1, which reduces.
    /// Returns the first round of the power-of-two part.
    func addFoldIn(to plan: inout CollectivePlan) -> Int {
        guard remainder > 0 else { return 0 }
        for rank in stride(from: 0, to: 2 * remainder, by: 2) {
            plan.addWhole(round: 0, from: rank, to: rank + 1, arrival: .reduce)
        }
        return 1
    }

    /// The last round when r > 0: odd rank 2i + 1 sends the result to 2i.
    func addFoldOut(to plan: inout CollectivePlan, round: Int) {
        for rank in stride(from: 1, to: 2 * remainder, by: 2) {
            plan.addWhole(round: round, from: rank, to: rank - 1, arrival: .copy)
        }
    }
}

/// The parameters of the α-β-γ cost model of collectives (Hockney's model, as Thakur,
/// Rabenseifner & Gropp 2005 use it): a message of n bytes costs α + n·β, reducing n
/// bytes costs n·γ.
public struct CollectiveCostModel: Hashable, Sendable {
    /// α: the latency of one message, in seconds (the path latency: 2 links in a rack).
    public var latencySeconds: Double
    /// 1/β: the bandwidth of one uncontended flow, in bytes per second.
    public var bytesPerSecond: Double
    /// γ: seconds to reduce one byte (0: reductions are free).
    public var reductionSecondsPerByte: Double

    public init(latencySeconds: Double, bytesPerSecond: Double, reductionSecondsPerByte: Double = 0) {
        precondition(latencySeconds >= 0 && bytesPerSecond > 0 && reductionSecondsPerByte >= 0,
                     "CollectiveCostModel: negative or zero parameter")
        self.latencySeconds = latencySeconds
        self.bytesPerSecond = bytesPerSecond
        self.reductionSecondsPerByte = reductionSecondsPerByte
    }

    /// α = path latency, 1/β = link rate, for a flow between two hosts of one rack.
    public init(latency: SimDuration, link: Bandwidth, reduction: ReductionCost = .free) {
        self.init(latencySeconds: latency.seconds, bytesPerSecond: link.bytesPerSecond,
                  reductionSecondsPerByte: reduction.secondsPerByte())
    }
}

/// Analytic times of the collectives, for tests and reports: what the simulated runs
/// should give on an uncontended network (one rank per host, a non-blocking switch).
///
/// These are `Double` seconds because they are formulas to compare against, never
/// instants of a run (STYLE habit 1). With N = bytes per rank, p = ranks,
/// p' = 2^⌊lg p⌋, f = 1 when p ≠ p' (the fold) else 0, L = ⌈lg p⌉:
/// - ring: 2(p−1)α + 2(p−1)/p·Nβ + (p−1)/p·Nγ (Patarasuk & Yuan 2009; Thakur et al. §4.4);
/// - recursive doubling: lg p'·(α + Nβ + Nγ) + f·(2α + 2Nβ + Nγ) (Thakur et al. §4.4);
/// - halving-doubling: 2 lg p'·α + 2(p'−1)/p'·Nβ + (p'−1)/p'·Nγ + f·(2α + 2Nβ + Nγ)
///   (Rabenseifner's algorithm, Thakur et al. §4.4);
/// - tree: L·(α + Nβ + Nγ) + L·(α + Nβ) (binomial reduce, then binomial broadcast);
/// - parameter server: 2(α + (p−1)Nβ) + (p−1)Nγ (rank 0's link carries (p−1)N each way;
///   SimGrid's `ps`);
/// - all-to-all: α + (p−1)/p·Nβ (each link carries (p−1) blocks of N/p);
/// - hierarchical with one rank per host: the ring (see `hierarchicalSeconds` otherwise).
public enum CollectiveCost {
    /// The α-β-γ time of `algorithm` for `ranks` ranks of `bytes` bytes each.
    ///
    /// - Complexity: O(1).
    public static func seconds(_ algorithm: CollectiveAlgorithm, ranks: Int, bytes: Int64,
                               model: CollectiveCostModel) -> Double {
        precondition(ranks >= 1 && bytes >= 0, "CollectiveCost: bad size")
        guard ranks > 1 else { return 0 }
        let p = Double(ranks), n = Double(bytes)
        let alpha = model.latencySeconds, beta = 1 / model.bytesPerSecond, gamma = model.reductionSecondsPerByte
        let pof2 = 1 << (Int.bitWidth - 1 - ranks.leadingZeroBitCount)
        let lgPof2 = Double(pof2.trailingZeroBitCount), q = Double(pof2)
        let fold = pof2 == ranks ? 0 : 2 * alpha + 2 * n * beta + n * gamma
        switch algorithm {
        case .ring, .hierarchical:
            return 2 * (p - 1) * alpha + 2 * (p - 1) / p * n * beta + (p - 1) / p * n * gamma
        case .recursiveDoubling:
            return lgPof2 * (alpha + n * beta + n * gamma) + fold
        case .halvingDoubling:
            return 2 * lgPof2 * alpha + 2 * (q - 1) / q * n * beta + (q - 1) / q * n * gamma + fold
        case .tree:
            let levels = Double(ceilLog2(ranks))
            return levels * (alpha + n * beta + n * gamma) + levels * (alpha + n * beta)
        case .parameterServer:
            return 2 * (alpha + (p - 1) * n * beta) + (p - 1) * n * gamma
        case .allToAll:
            return alpha + (p - 1) / p * n * beta
        }
    }

    /// Bounds on a torrent broadcast's time with one rank per host and only NICs limiting
    /// (its senders are drawn at run time, so it has no single formula). Each receiver
    /// fetches its k pieces one after another, each paying α, and takes all N through its
    /// NIC: at least k·α + Nβ. At most p − 1 fetches share any sender's NIC, so each piece
    /// moves at ≥ 1/((p−1)β): at most k·α + (p−1)·Nβ, serving everyone from the source.
    public static func torrentBroadcastBounds(_ broadcast: TorrentBroadcast, model: CollectiveCostModel)
        -> (lower: Double, upper: Double)
    {
        guard broadcast.ranks > 1 else { return (0, 0) }
        let pieces = Double(broadcast.pieceCount), nBeta = Double(broadcast.bytes) / model.bytesPerSecond
        let latency = pieces * model.latencySeconds
        return (latency + nBeta, latency + Double(broadcast.ranks - 1) * nBeta)
    }

    /// Hierarchical allreduce over `hosts` hosts with `ranksPerHost` ranks each: the
    /// intra-host reduce into the leader (whose memory path carries (k−1)N, then reduces
    /// (k−1)N), the leaders' ring, and the intra-host copy back:
    /// 2(α_h + (k−1)N·β_h) + (k−1)Nγ + ring(hosts).
    public static func hierarchicalSeconds(hosts: Int, ranksPerHost: Int, bytes: Int64,
                                           inter: CollectiveCostModel, intra: CollectiveCostModel) -> Double {
        precondition(hosts >= 1 && ranksPerHost >= 1, "CollectiveCost: bad size")
        let k = Double(ranksPerHost - 1), n = Double(bytes)
        let local = ranksPerHost == 1 ? 0
            : 2 * (intra.latencySeconds + k * n / intra.bytesPerSecond) + k * n * intra.reductionSecondsPerByte
        return local + seconds(.ring, ranks: hosts, bytes: bytes, model: inter)
    }
}

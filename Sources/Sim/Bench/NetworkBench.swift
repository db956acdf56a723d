/// The network benchmark: an all-to-all shuffle, every host sending one transfer to every
/// other host, all started at t = 0 (the shape of a Spark shuffle read with every reducer
/// fetching from every mapper at once).
///
/// It stresses what a contended network costs: one connected component holding every
/// transfer (all share NICs and rack uplinks), so each recomputation of shares covers
/// H·(H−1) transfers. With equal sizes, transfers that share a bottleneck end together
/// and a handful of recomputations suffice; with `sizeSpread > 0` sizes are drawn per
/// transfer (uniform in bytes·[1 − spread, 1 + spread], stream `"bench.network"`), so
/// transfers end at many distinct instants and each end recomputes the component: the
/// hard case of max-min sharing.
///
/// It never reads the wall clock: the caller times the call.
public struct AllToAllShuffleParameters: Hashable, Sendable {
    public var hosts: Int
    public var racks: Int
    /// Bytes per transfer (the mean when `sizeSpread > 0`).
    public var bytes: Int64
    /// 0: every transfer moves `bytes`; in (0, 1): sizes spread uniformly around it.
    public var sizeSpread: Double
    public var network: NetworkParameters
    public var seed: UInt64

    /// Defaults: 256 hosts in 2 racks, 1 MiB per transfer, 10 Gbps NICs, 100 Gbps rack
    /// uplinks (oversubscribed 12.8:1), 5 us per link.
    public init(hosts: Int = 256, racks: Int = 2, bytes: Int64 = 1 << 20, sizeSpread: Double = 0,
                network: NetworkParameters = NetworkParameters(
                    hostLink: Bandwidth(bitsPerSecond: 10_000_000_000),
                    rackUplink: Bandwidth(bitsPerSecond: 100_000_000_000), latency: .microseconds(5)),
                seed: UInt64 = 1) {
        precondition(hosts >= 1 && racks >= 1 && hosts % racks == 0, "AllToAllShuffle: hosts must fill racks evenly")
        precondition(bytes >= 0 && sizeSpread >= 0 && sizeSpread < 1, "AllToAllShuffle: bad sizes")
        self.hosts = hosts
        self.racks = racks
        self.bytes = bytes
        self.sizeSpread = sizeSpread
        self.network = network
        self.seed = seed
    }
}

/// What an all-to-all shuffle computed; equal parameters give equal results.
public struct AllToAllShuffleResult: Hashable, Sendable, CustomStringConvertible {
    /// Transfers completed: hosts · (hosts − 1).
    public let flows: Int
    /// When the last transfer completed.
    public let makespan: SimInstant
    /// Network timer events delivered.
    public let timerEvents: Int
    /// FNV-1a 64 over (completion instant, id) in completion order: a fingerprint of the run.
    public let checksum: UInt64
    public let statistics: NetworkStatistics

    public var description: String {
        "flows=\(flows) makespan=\(makespan.nanosecondsSinceStart)ns timers=\(timerEvents) "
            + "recomputations=\(statistics.recomputations) visited=\(statistics.transfersVisited) "
            + "checksum=\(checksum)"
    }
}

/// Runs the all-to-all shuffle and returns its result.
///
/// - Complexity: O(K·F·R log) for F = H(H−1) transfers and K recomputations (a few with
///   equal sizes, up to F with spread sizes).
public func runAllToAllShuffle(_ parameters: AllToAllShuffleParameters = AllToAllShuffleParameters())
    -> AllToAllShuffleResult
{
    let perRack = parameters.hosts / parameters.racks
    var network = Network(topology: NetworkTopology(parameters: parameters.network, racks: parameters.racks,
                                                    hostsPerRack: perRack))
    var simulation = Simulation<ClusterEvent>()
    let random = RandomStreams(seed: parameters.seed).stream(named: "bench.network")
    let spread = parameters.sizeSpread
    for source in 0..<parameters.hosts {
        for destination in 0..<parameters.hosts where destination != source {
            var bytes = parameters.bytes
            if spread > 0 {
                bytes = Int64((Double(parameters.bytes) * (1 - spread + 2 * spread * random.uniform())).rounded())
            }
            network.startTransfer(bytes: bytes, from: source, to: destination, tag: 0, in: &simulation)
        }
    }
    var flows = 0, timers = 0
    var words: [UInt64] = []
    var last = SimInstant.zero
    while let event = simulation.step() {
        timers += 1
        guard case .network(let timer) = event.payload else { preconditionFailure("only the network schedules here") }
        for done in network.handle(timer, in: &simulation) {
            flows += 1
            last = done.end
            words.append(UInt64(done.end.nanosecondsSinceStart))
            words.append(done.id.sequence)
        }
    }
    return AllToAllShuffleResult(flows: flows, makespan: last, timerEvents: timers,
                                 checksum: SeedDerivation.fnv1a64Words(words), statistics: network.statistics)
}

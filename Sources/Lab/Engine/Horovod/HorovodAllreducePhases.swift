import Sim

/// One fusion buffer's allreduce as the network carries it: phases run one after the
/// other, each a fixed latency and then its flows, all at once.
///
/// Why flows per hop and not the ring's 2(p-1) steps: a 512-rank ring is 523,264 flows
/// per buffer when every step is its own flow, far too many for thousands of buffers.
/// NCCL pipelines a ring in chunks, so in its steady state every hop carries its share
/// of the buffer at once and the ring runs at its slowest hop's rate: here each hop is
/// one flow of `2(p-1)/p x N` bytes (the bytes a ring hop carries in all), sharing its
/// links with every other flow by max-min fairness (a degraded or busy link slows the
/// ring), and the ring's per-step latency is paid as one wait before the bytes move. On
/// an idle network this is `AllreduceCost`'s formula (tested).
struct HorovodAllreducePhases {
    struct Flow: Equatable {
        let from: HostIndex
        let to: HostIndex
        let bytes: Int64
    }

    struct Phase: Equatable {
        let latency: SimDuration
        let flows: [Flow]
    }

    let phases: [Phase]

    /// The phases of an allreduce of `bytes` per rank among ranks on `rankHosts`.
    ///
    /// - ring: one phase, NCCL's launch plus `ringLatency`, a flow from each rank to the
    ///   next; a flow that leaves its host carries its bytes / goodput (framing).
    /// - hierarchical: the ranks of a host send their N bytes to its first rank (the
    ///   leader, inside the host), the leaders run the ring, the leaders send the result
    ///   back: `CollectiveCost.hierarchicalSeconds`.
    init(bytes: Int64, rankHosts: [HostIndex], settings: HorovodSettings) {
        let launch = settings.nccl.launchLatency
        switch settings.algorithm {
        case .ring:
            phases = [Self.ring(bytes: bytes, hosts: rankHosts, launch: launch, settings: settings)]
        case .hierarchical:
            var leaders: [HostIndex: HostIndex] = [:]
            var leaderHosts: [HostIndex] = []
            var gather: [Flow] = [], scatter: [Flow] = []
            for host in rankHosts {
                if leaders[host] == nil {
                    leaders[host] = host
                    leaderHosts.append(host)
                } else {
                    gather.append(Flow(from: host, to: host, bytes: bytes))
                    scatter.append(Flow(from: host, to: host, bytes: bytes))
                }
            }
            phases = [Phase(latency: launch, flows: gather),
                      Self.ring(bytes: bytes, hosts: leaderHosts, launch: .zero, settings: settings),
                      Phase(latency: .zero, flows: scatter)]
        }
    }

    private static func ring(bytes: Int64, hosts: [HostIndex], launch: SimDuration,
                             settings: HorovodSettings) -> Phase {
        let p = hosts.count
        guard p > 1 else { return Phase(latency: launch, flows: []) }
        let spansHosts = hosts.contains { $0 != hosts[0] }
        let share = Double(bytes) * Double(2 * (p - 1)) / Double(p)
        let flows = (0..<p).map { rank -> Flow in
            let from = hosts[rank], to = hosts[(rank + 1) % p]
            let wire = from == to ? share : share / settings.nccl.goodput.fraction
            return Flow(from: from, to: to, bytes: Int64(wire.rounded(.up)))
        }
        return Phase(latency: launch + (spansHosts ? settings.ringLatency(ranks: p) : .zero), flows: flows)
    }
}

import Sim

/// The time of one allreduce among data-parallel workers placed `gpusPerHost` to a host,
/// from Sim's analytic α-β collective costs, made aware of that placement.
///
/// Why analytic: a 512-rank ring is 523,264 flows per fusion buffer on the flow
/// simulation (about a second of wall time each); a scaling sweep needs thousands of
/// buffers. The formulas are checked against the flow simulation of the same schedule
/// (`CollectiveSchedule.build` on `CollectiveSimulation`, ranks on their hosts) at 8-64
/// ranks for the buffer sizes the models produce (`DeepLearningAllreduceTests`).
///
/// Ring with ranks r = 0..p-1 on hosts in blocks of k: each of the 2(p-1) steps moves
/// N/p bytes from every rank to the next. Per step, each host's NIC carries one flow up
/// and one down (the hop to the next host), paying the path latency 2ℓ, while the host's
/// other k-1 hops share its intra-host link; the step ends with its slowest hop:
/// `2(p-1) · max(2ℓ + (N/p)/B_nic, (k-1)(N/p)/B_intra)` (one host: `2(p-1) · p(N/p)/B_intra`).
/// Hierarchical: Sim's `CollectiveCost.hierarchicalSeconds`.
///
/// NCCL on top of the wire (`NCCLOverheads`): a ring step that crosses the network takes
/// at least `stepLatency` in all (NCCL's own cost model charges every step of an
/// inter-node ring at the network's per-step latency), so the NIC term becomes
/// `max(2ℓ, stepLatency) + (N/p)/(g · B_nic)` with g the goodput fraction of the line
/// rate, and each collective adds `launchLatency` once. With the defaults (`.none`) the
/// formula is the plain α-β one above.
public struct AllreduceCost: Hashable, Sendable {
    /// What NCCL adds to the wire. Sources for the horovod-scaling values: NCCL's own
    /// cost model (NVIDIA/nccl `src/graph/tuning.cc`, first in 2.5.6: Ring/Simple costs
    /// `baseLat` 8.4 us per collective plus `hwLat[NET]` 6.6 us per step once the ring
    /// spans nodes); goodput from RoCEv2 framing at RoCE MTU 1024 on a 1500-byte
    /// Ethernet MTU (82 bytes of preamble+gap, Ethernet, IPv4, UDP, BTH, ICRC per 1024
    /// payload: 92.6%).
    public struct NCCLOverheads: Hashable, Sendable {
        /// Least time of one ring step between hosts (software + wire), per step.
        public var stepLatency: SimDuration
        /// Fixed cost of one collective (kernel launch, first handshake).
        public var launchLatency: SimDuration
        /// Fraction of the NIC's line rate that carries payload.
        public var goodput: Efficiency

        public init(stepLatency: SimDuration, launchLatency: SimDuration, goodput: Efficiency) {
            precondition(stepLatency >= .zero && launchLatency >= .zero, "NCCLOverheads: negative latency")
            self.stepLatency = stepLatency
            self.launchLatency = launchLatency
            self.goodput = goodput
        }

        /// The wire alone: no software latency, the full line rate.
        public static let none = NCCLOverheads(stepLatency: .zero, launchLatency: .zero, goodput: .full)
    }

    /// `ring` (Horovod with NCCL's flat ring, the default) or `hierarchical`.
    public enum Algorithm: String, Hashable, Sendable, CaseIterable {
        case ring
        case hierarchical
    }

    public var algorithm: Algorithm
    public var network: NetworkParameters
    public var gpusPerHost: Int
    public var nccl: NCCLOverheads

    public init(algorithm: Algorithm, network: NetworkParameters, gpusPerHost: Int, nccl: NCCLOverheads = .none) {
        precondition(gpusPerHost >= 1, "AllreduceCost: at least one GPU per host")
        self.algorithm = algorithm
        self.network = network
        self.gpusPerHost = gpusPerHost
        self.nccl = nccl
    }

    /// The host of each of `workers` ranks: rank r on host r / gpusPerHost.
    public func rankHosts(workers: Int) -> [HostIndex] { (0..<workers).map { $0 / gpusPerHost } }

    /// How long an allreduce of `bytes` per rank among `workers` ranks takes, rounded up
    /// to the nanosecond; zero for one worker.
    ///
    /// - Complexity: O(1).
    public func duration(bytes: Int64, workers: Int) -> SimDuration {
        precondition(workers >= 1 && bytes >= 0, "AllreduceCost: bad size")
        guard workers > 1, bytes > 0 else { return .zero }
        let seconds: Double
        switch algorithm {
        case .ring: seconds = ringSeconds(bytes: bytes, workers: workers)
        case .hierarchical: seconds = hierarchicalSeconds(bytes: bytes, workers: workers)
        }
        return .nanoseconds(Int64(((seconds + nccl.launchLatency.seconds) * 1e9).rounded(.up)))
    }

    private var nicBytesPerSecond: Double { (network.hostLink?.bytesPerSecond ?? .infinity) * nccl.goodput.fraction }
    private var intraBytesPerSecond: Double { network.intraHost?.bytesPerSecond ?? .infinity }
    private var pathLatency: Double { max(2 * network.latency.seconds, nccl.stepLatency.seconds) }

    private func ringSeconds(bytes: Int64, workers: Int) -> Double {
        let p = Double(workers), block = Double(bytes) / p
        let hosts = (workers + gpusPerHost - 1) / gpusPerHost
        let perHost = Double(min(gpusPerHost, workers))
        let step: Double
        if hosts == 1 {
            step = perHost * block / intraBytesPerSecond
        } else {
            let nic = pathLatency + block / nicBytesPerSecond
            step = max(nic, (perHost - 1) * block / intraBytesPerSecond)
        }
        return 2 * (p - 1) * step
    }

    private func hierarchicalSeconds(bytes: Int64, workers: Int) -> Double {
        let perHost = min(gpusPerHost, workers)
        let hosts = (workers + gpusPerHost - 1) / gpusPerHost
        precondition(workers % perHost == 0, "AllreduceCost: hierarchical needs whole hosts, got \(workers) ranks")
        let inter = CollectiveCostModel(latencySeconds: pathLatency, bytesPerSecond: nicBytesPerSecond)
        let intra = CollectiveCostModel(latencySeconds: 0, bytesPerSecond: intraBytesPerSecond)
        return CollectiveCost.hierarchicalSeconds(hosts: hosts, ranksPerHost: perHost, bytes: bytes,
                                                  inter: inter, intra: intra)
    }
}

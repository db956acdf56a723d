import Testing
@testable import Sim

/// Helpers for the network suites: a simulation that runs nothing but one network, and
/// the rates used in hand calculations.
struct NetworkHarness {
    var network: Network
    var simulation = Simulation<ClusterEvent>()
    var completed: [CompletedTransfer] = []
    /// Run `checkInvariants()` (and the max-min check) after every timer.
    var checking = true
    /// When set, check failures are collected here (for seed loops) instead of recorded.
    var problems: [String]?

    init(_ topology: NetworkTopology) { network = Network(topology: topology) }

    init(parameters: NetworkParameters, racks: Int = 1, hostsPerRack: Int) {
        self.init(NetworkTopology(parameters: parameters, racks: racks, hostsPerRack: hostsPerRack))
    }

    @discardableResult
    mutating func start(_ bytes: Int64, _ source: HostIndex, _ destination: HostIndex, tag: UInt64 = 0)
        -> TransferID
    {
        network.startTransfer(bytes: bytes, from: source, to: destination, tag: tag, in: &simulation)
    }

    /// Delivers network timers strictly before `limit`.
    mutating func run(until limit: SimInstant) {
        while let event = simulation.step(before: limit) { deliver(event.payload) }
        simulation.advance(to: limit)
    }

    mutating func runToEnd() {
        while let event = simulation.step() { deliver(event.payload) }
    }

    mutating func deliver(_ event: ClusterEvent) {
        guard case .network(let timer) = event else { preconditionFailure("only the network schedules here") }
        completed += network.handle(timer, in: &simulation)
        if checking {
            // The outside check first, so that a seed loop reports its seed; the
            // bookkeeping preconditions would stop the process.
            guard let problem = maxMinViolation(network) else {
                network.checkInvariants()
                return
            }
            if problems != nil { problems!.append("\(simulation.now): \(problem)") } else {
                Issue.record("\(simulation.now): \(problem)")
            }
        }
    }

    /// Completion instant (ns) of the transfer with `tag`.
    func end(ofTag tag: UInt64) -> Int64? {
        completed.first { $0.tag == tag }?.end.nanosecondsSinceStart
    }
}

/// 10 Gbit/s in bytes per second.
let tenGbps = Bandwidth(bitsPerSecond: 10_000_000_000)

func ns(_ n: Int64) -> SimInstant { SimInstant(nanosecondsSinceStart: n) }

/// Checks the max-min fair allocation from the outside: on every limited link the rates
/// sum to at most its capacity, and every moving transfer crosses a saturated link on
/// which no transfer has a higher rate (its bottleneck). Nil when both hold.
func maxMinViolation(_ network: Network, tolerance: Double = 1e-9) -> String? {
    guard network.isSettled else { return nil }
    let topology = network.topology
    let moving = network.movingTransfers().map { transfer in
        (transfer.id, transfer.bytesPerSecond, transfer.links.map { topology.linkNumber(of: $0)! })
    }
    var load = [Double](repeating: 0, count: topology.linkCount)
    var maxRate = [Double](repeating: 0, count: topology.linkCount)
    for (_, rate, links) in moving {
        for link in links {
            load[link] += rate
            maxRate[link] = max(maxRate[link], rate)
        }
    }
    let capacity = topology.linkIDs.map { network.capacity(of: $0) }
    for link in 0..<topology.linkCount where load[link] > capacity[link] * (1 + tolerance) + 1e-6 {
        return "\(topology.linkIDs[link]) carries \(load[link]) > \(capacity[link])"
    }
    for (id, rate, links) in moving {
        let bottleneck = links.contains { link in
            capacity[link].isFinite && load[link] >= capacity[link] * (1 - tolerance) - 1e-6
                && rate >= maxRate[link] * (1 - tolerance)
        }
        if !bottleneck { return "\(id) at \(rate) B/s has no bottleneck link" }
    }
    return nil
}

extension NetworkHarness {
    /// A random network: 1 to `maxRacks` racks of 2-6 hosts, NIC and uplink rates in whole
    /// Gbps (equal within a run, so shares tie), optional rack uplinks and intra-host rate,
    /// latencies of 0-9 us. The draws' order is fixed, so a seed names one network.
    static func random(_ random: RandomStream, maxRacks: Int) -> NetworkHarness {
        let gbps = { (low: Int) in Bandwidth(bitsPerSecond: Int64(low + random.integer(below: 40)) * 1_000_000_000) }
        let parameters = NetworkParameters(
            hostLink: gbps(1), rackUplink: random.bernoulli(0.7) ? gbps(1) : nil,
            latency: .microseconds(Int64(random.integer(below: 10))),
            rackUplinkLatency: random.bernoulli(0.5) ? .microseconds(Int64(random.integer(below: 10))) : nil,
            intraHost: random.bernoulli(0.5) ? gbps(100) : nil)
        return NetworkHarness(parameters: parameters, racks: 1 + random.integer(below: maxRacks),
                              hostsPerRack: 2 + random.integer(below: 5))
    }
}

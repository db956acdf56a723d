import Testing
@testable import Sim

/// Helpers for the network suites: a simulation that runs nothing but one network, and
/// the rates used in hand calculations.
struct NetworkHarness {
    var network: Network
    var simulation = Simulation<NetworkEvent>()
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

    mutating func deliver(_ event: NetworkEvent) {
        completed += network.handle(event, in: &simulation)
        if checking {
            network.checkInvariants()
            guard let problem = maxMinViolation(network) else { return }
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
    let moving = network.movingTransfers()
    var load: [LinkID: Double] = [:]
    var maxRate: [LinkID: Double] = [:]
    for transfer in moving {
        for link in transfer.links {
            load[link, default: 0] += transfer.bytesPerSecond
            maxRate[link] = max(maxRate[link] ?? 0, transfer.bytesPerSecond)
        }
    }
    for (link, sum) in load.sorted(by: { $0.key < $1.key }) {
        let capacity = network.capacity(of: link)
        if sum > capacity * (1 + tolerance) + 1e-6 { return "\(link) carries \(sum) > \(capacity)" }
    }
    for transfer in moving {
        let bottleneck = transfer.links.contains { link in
            let capacity = network.capacity(of: link)
            return capacity.isFinite && load[link, default: 0] >= capacity * (1 - tolerance) - 1e-6
                && transfer.bytesPerSecond >= maxRate[link, default: 0] * (1 - tolerance)
        }
        if !bottleneck { return "\(transfer.id) at \(transfer.bytesPerSecond) B/s has no bottleneck link" }
    }
    return nil
}

/// What one collective benchmark run computed; equal parameters give equal results.
public struct CollectiveBenchResult: Hashable, Sendable, CustomStringConvertible {
    /// Network flows (transfers) the collective started and completed.
    public let flows: Int
    /// Virtual time from the start until the last rank held the result.
    public let makespan: SimDuration
    /// Kernel events delivered (network timers and reduction events).
    public let events: Int
    /// Operations in the schedule (transfers and reductions).
    public let operations: Int

    public var description: String {
        "flows=\(flows) makespan_ns=\(makespan.nanoseconds) events=\(events) operations=\(operations)"
    }
}

/// A ring allreduce of `bytes` per rank among `ranks` ranks, one per host, on one rack
/// of hosts with 10 Gbit/s NICs and 5 µs per link (the SimGrid `A_flat` platform,
/// widened to `ranks` hosts), on the flow-level network. For `sparksim bench network`:
/// the caller times the call (this never reads the wall clock) and divides `flows` by
/// the wall time to get flows per second.
///
/// - Complexity: O(p²) schedule size and events (2p(p − 1) flows, one chunk each unless
///   `chunking` cuts them); each flow costs the network's share recomputation over the
///   ~p flows that move at once.
public func runRingAllreduceBenchmark(ranks: Int = 1024, bytes: Int64 = 100 << 20,
                                      chunking: CollectiveChunking? = nil) -> CollectiveBenchResult {
    let parameters = NetworkParameters(hostLink: Bandwidth(bitsPerSecond: 10_000_000_000), latency: .microseconds(5))
    let schedule = CollectiveSchedule.build(.ring, ranks: ranks, bytesPerRank: bytes, chunking: chunking)
    var model = CollectiveSimulation(topology: NetworkTopology(parameters: parameters, racks: 1, hostsPerRack: ranks))
    let group = model.start(schedule, rankHosts: Array(0..<ranks))
    let events = model.run()
    guard let outcome = model.outcome(of: group) else { preconditionFailure("ring benchmark did not finish") }
    return CollectiveBenchResult(flows: outcome.transfers, makespan: outcome.duration, events: events,
                                 operations: schedule.operations.count)
}

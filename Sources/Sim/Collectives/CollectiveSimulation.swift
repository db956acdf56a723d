/// A ready-made model: one simulation, one network, one collective runner, wired so that
/// the network's completions reach the runner. It is what docs/scenario.md's `collective`
/// workload measures (start the groups at time 0, run, read each group's outcome), and
/// what the tests and the benchmark drive. Models that mix collectives with other
/// traffic wire the same three parts into their own event enum.
///
/// - Complexity: per event, the network's and the runner's costs.
public struct CollectiveSimulation {
    public private(set) var simulation: Simulation<ClusterEvent>
    public private(set) var network: Network
    public private(set) var runner: CollectiveRunner
    /// Transfers the network completed so far.
    public private(set) var completedTransfers = 0

    public init(topology: NetworkTopology, startingAt start: SimInstant = .zero) {
        simulation = Simulation(startingAt: start)
        network = Network(topology: topology)
        runner = CollectiveRunner()
    }

    /// Starts `schedule` now (see `CollectiveRunner.start`).
    @discardableResult
    public mutating func start(_ schedule: CollectiveSchedule, rankHosts: [HostIndex],
                               reduction: ReductionCost = .free) -> CollectiveGroupID {
        runner.start(schedule, rankHosts: rankHosts, reduction: reduction, network: &network, in: &simulation)
    }

    /// Starts a torrent broadcast now (see `CollectiveRunner.start`).
    @discardableResult
    public mutating func start(_ broadcast: TorrentBroadcast, rankHosts: [HostIndex],
                               random: RandomStream) -> CollectiveGroupID {
        runner.start(broadcast, rankHosts: rankHosts, random: random, network: &network, in: &simulation)
    }

    /// Delivers events until none is pending; returns how many it delivered.
    @discardableResult
    public mutating func run() -> Int {
        let before = simulation.stepCount
        while let event = simulation.step() { deliver(event.payload) }
        return simulation.stepCount - before
    }

    /// Delivers the next event, if any; false when none was pending.
    public mutating func step() -> Bool {
        guard let event = simulation.step() else { return false }
        deliver(event.payload)
        return true
    }

    /// Delivers the events due strictly before `limit`, then sets the clock to `limit`
    /// (the kernel's `run(until:)` rule).
    public mutating func run(until limit: SimInstant) {
        while let event = simulation.step(before: limit) { deliver(event.payload) }
        simulation.advance(to: limit)
    }

    /// Aborts `group` now (see `CollectiveRunner.abort`).
    @discardableResult
    public mutating func abort(_ group: CollectiveGroupID) -> Bool {
        runner.abort(group, network: &network, in: &simulation)
    }

    /// A host is lost: its transfers are aborted, and with them every collective that had
    /// one in flight, returned in ascending order.
    @discardableResult
    public mutating func loseHost(_ host: HostIndex) -> [CollectiveGroupID] {
        let aborted = network.abortTransfers(touching: host, in: &simulation)
        let groups = Array(Set(aborted.compactMap { runner.group(of: $0) })).sorted()
        for group in groups { runner.abort(group, network: &network, in: &simulation) }
        return groups
    }

    private mutating func deliver(_ event: ClusterEvent) {
        switch event {
        case .network(let timer):
            for transfer in network.handle(timer, in: &simulation) {
                completedTransfers += 1
                runner.transferCompleted(transfer, network: &network, in: &simulation)
            }
        case .collective(let collective):
            runner.handle(collective, network: &network, in: &simulation)
        case .fault:
            preconditionFailure("CollectiveSimulation: no fault injector schedules on this model")
        }
    }

    /// The outcome of `group`, once it has finished.
    public func outcome(of group: CollectiveGroupID) -> CollectiveOutcome? { runner.outcome(of: group) }
}

import Testing
@testable import Sim

/// Collectives share links with each other and with other traffic.
@Suite("Collectives: contention")
struct CollectiveContentionTests {
    static let bytes: Int64 = 100 << 20

    /// Runs one 16-rank ring per placement at once on the two-rack platform.
    static func rings(_ placements: [[Int]]) -> [CollectiveOutcome] {
        var model = CollectiveSimulation(topology: CollectivePlatforms.twoRacks())
        let schedule = CollectiveSchedule.build(.ring, ranks: 16, bytesPerRank: bytes)
        let groups = placements.map { model.start(schedule, rankHosts: $0) }
        model.run()
        return groups.map { model.outcome(of: $0)! }
    }

    @Test("two round-robin rings share the rack uplinks: 16 flows per direction, twice as slow")
    func roundRobinGroupsContend() {
        let alone = Self.rings([CollectivePlatforms.roundRobin(16)])[0]
        let both = Self.rings([CollectivePlatforms.roundRobin(16), CollectivePlatforms.roundRobin(16, offset: 8)])
        // Alone: 8 flows per 20 Gbit/s uplink direction, 2.5 Gbit/s each (SimGrid's row);
        // together 16, 1.25 Gbit/s each; α = 20 µs per cross-rack hop either way.
        let crossRack = 2.0 * 15 * 20e-6
        let aloneSeconds = crossRack + 2.0 * 15 / 16 * Double(Self.bytes) / (2.5e9 / 8)
        let bothSeconds = crossRack + 2.0 * 15 / 16 * Double(Self.bytes) / (1.25e9 / 8)
        #expect(CollectivePlatforms.relativeError(alone.duration, aloneSeconds) < 0.01)
        for outcome in both {
            #expect(CollectivePlatforms.relativeError(outcome.duration, bothSeconds) < 0.01,
                    "\(outcome.duration.seconds)s vs \(bothSeconds)s")
        }
        #expect(abs(both[0].duration.seconds / alone.duration.seconds - 2) < 0.02)
    }

    @Test("two rack-by-rack rings fit in the uplinks: each crosses once per direction, no slowdown")
    func rackByRackGroupsDoNotContend() {
        let alone = Self.rings([CollectivePlatforms.rackByRack(16)])[0]
        let both = Self.rings([CollectivePlatforms.rackByRack(16), CollectivePlatforms.rackByRack(16, offset: 16)])
        for outcome in both { #expect(outcome.duration == alone.duration) }
    }

    @Test("groups started together on disjoint hosts of one rack finish as if alone, and identically")
    func independentGroupsOnOneRack() {
        var model = CollectiveSimulation(topology: CollectivePlatforms.flat())
        let schedule = CollectiveSchedule.build(.halvingDoubling, ranks: 8, bytesPerRank: 8 << 20)
        let groups = (0..<4).map { group in model.start(schedule, rankHosts: (0..<8).map { group * 8 + $0 }) }
        model.run()
        let alone = CollectivePlatforms.run(schedule, on: CollectivePlatforms.flat(), rankHosts: Array(0..<8))
        for group in groups { #expect(model.outcome(of: group)?.rankFinish == alone.rankFinish) }
        #expect(model.runner.runningCount == 0)
    }

    @Test("a ring shares its NIC with a bulk transfer of the model's own: half the rate while both run")
    func sharesLinksWithOtherTraffic() {
        var model = MixedTrafficModel(topology: CollectivePlatforms.flat(hosts: 3))
        let ring = model.runner.start(CollectiveSchedule.build(.ring, ranks: 2, bytesPerRank: Self.bytes),
                                      rankHosts: [0, 1], network: &model.network, in: &model.simulation)
        model.network.startTransfer(bytes: Self.bytes, from: 0, to: 2, tag: 7, in: &model.simulation)
        model.run()
        let outcome = model.runner.outcome(of: ring)!
        // Alone: 2α + N/B. With host 0's uplink shared by two flows the whole time, its
        // ring sends take twice as long: 2α + 2N/B; the bulk transfer ends about then too.
        let nOverB = Double(Self.bytes) / CollectivePlatforms.tenGbps.bytesPerSecond
        #expect(CollectivePlatforms.relativeError(outcome.duration, 2 * 10e-6 + 2 * nOverB) < 0.01,
                "\(outcome.duration.seconds)")
        #expect(model.otherCompletions.map(\.tag) == [7])
        #expect(CollectivePlatforms.relativeError(model.otherCompletions[0].end - .zero, 2 * nOverB) < 0.01)
    }
}

/// A model with collectives *and* transfers of its own on one network: the pattern a
/// workload follows (its own event enum carries both components' events).
struct MixedTrafficModel {
    enum Event: ClusterEventCarrying {
        case network(NetworkEvent)
        case collective(CollectiveEvent)
        init(clusterEvent: ClusterEvent) {
            switch clusterEvent {
            case .network(let event): self = .network(event)
            case .collective(let event): self = .collective(event)
            case .fault: preconditionFailure("no faults are scheduled here")
            }
        }
    }

    var simulation = Simulation<Event>()
    var network: Network
    var runner = CollectiveRunner()
    var otherCompletions: [CompletedTransfer] = []

    init(topology: NetworkTopology) { network = Network(topology: topology) }

    mutating func run() {
        while let event = simulation.step() {
            switch event.payload {
            case .network(let timer):
                for transfer in network.handle(timer, in: &simulation) {
                    if runner.owns(transfer) {
                        runner.transferCompleted(transfer, network: &network, in: &simulation)
                    } else {
                        otherCompletions.append(transfer)
                    }
                }
            case .collective(let collective):
                runner.handle(collective, network: &network, in: &simulation)
            }
        }
    }
}

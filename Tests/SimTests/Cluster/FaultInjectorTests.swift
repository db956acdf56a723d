import Testing
@testable import Sim

/// A model's event type: faults and a probe, sharing one queue.
private enum WorldEvent: ClusterEventCarrying, Equatable {
    case fault(FaultWake)
    case probe(String)

    init(clusterEvent: ClusterEvent) {
        guard case .fault(let wake) = clusterEvent else { preconditionFailure("only faults are scheduled here") }
        self = .fault(wake)
    }
}

/// Runs a plan to the end on a simulation; collects outcomes and what probes saw.
private struct World {
    var topology: ClusterTopology
    var injector: FaultInjector
    var simulation = Simulation<WorldEvent>()
    var outcomes: [(SimInstant, FaultOutcome)] = []
    var probes: [String] = []

    init(_ specs: [FaultSpec], executors: [ExecutorSpec], seed: UInt64 = 42, horizon: SimInstant = .distantFuture) {
        topology = ClusterTopology(executors: executors)
        injector = FaultInjector(plan: FaultPlan(specs: specs, topology: topology, streams: RandomStreams(seed: seed),
                                                 horizon: horizon))
    }

    mutating func start() { injector.start(in: &simulation) }

    mutating func run() {
        var world = self
        world.simulation.runUntilEmpty { simulation, event in
            switch event {
            case .fault(let wake):
                let outcome = world.injector.handle(wake, topology: &world.topology, in: &simulation)
                world.outcomes.append((simulation.now, outcome))
            case .probe(let name):
                let live = world.topology.liveExecutors.map { world.topology.executors[$0].id }
                world.probes.append("\(simulation.now) \(name): \(live.joined(separator: ","))")
            }
            world.topology.checkInvariants()
            world.injector.checkInvariants()
            simulation.checkInvariants()
        }
        self = world
    }

    var records: [String] { injector.records.map(\.description) }
}

@Suite("Fault injector")
struct FaultInjectorTests {
    static func s(_ seconds: Int64) -> SimInstant { .zero + .seconds(seconds) }
    static let executors = [executor("exec1", "host1", "rack1"), executor("exec2", "host2", "rack2"),
                            executor("exec3", "host1", "rack1")]

    @Test("a host loss removes all its executors at that instant, in add order")
    func hostLoss() {
        var world = World([
            .executorAdded(executor("exec4", "host1", "rack1"), at: Self.s(2)),
            .hostLost(host: "host1", at: Self.s(10)),
        ], executors: Self.executors)
        world.simulation.schedule(.probe("before"), at: Self.s(10))
        world.start()
        world.simulation.schedule(.probe("after"), at: Self.s(10))
        world.run()
        #expect(world.outcomes.map(\.1.effect) == [.executorAdded(3), .executorsLost([0, 2, 3])])
        #expect(world.outcomes.map(\.0) == [Self.s(2), Self.s(10)])
        #expect(world.probes == ["t=10s before: exec1,exec2,exec3,exec4", "t=10s after: exec2"])
        #expect(Array(world.topology.liveExecutors) == [1])
        #expect(world.records == ["t=2s fault executor-added exec4", "t=10s fault host-lost host1"])
        #expect(world.injector.records.map(\.host) == ["host1", "host1"])
        #expect(world.injector.records.map(\.subject) == ["exec4", "host1"])
    }

    @Test("every kind gives a stable record; faults at one instant apply in file order")
    func recordsText() {
        var world = World([
            .straggler(host: "host2", slowdown: 3.0, from: .zero, until: Self.s(60)),
            .linkDegraded(host: "host2", factor: 0.1, from: Self.s(5), until: nil),
            .executorLost(executor: "exec2", at: Self.s(5)),
            .straggler(host: "host2", slowdown: 2.0, from: Self.s(30), until: Self.s(90)),
            .linkDegraded(host: "host2", factor: 0.5, from: Self.s(10), until: Self.s(20)),
            .executorLost(executor: "exec2", at: Self.s(6)),
            .hostLost(host: "host7", at: Self.s(7)),
        ], executors: Self.executors)
        world.start()
        world.run()
        #expect(world.records == [
            "t=0s fault straggler host2 x3.0 until 1min",
            "t=5s fault link-degraded host2 x0.1 indefinitely",
            "t=5s fault executor-lost exec2",
            "t=6s fault executor-lost exec2",
            "t=7s fault host-lost host7",
            "t=10s fault link-degraded host2 x0.5 until 20s (link x0.05)",
            "t=20s fault link-degraded host2 x0.5 ended (link x0.1)",
            "t=30s fault straggler host2 x2.0 until 90s (host x6.0)",
            "t=1min fault straggler host2 x3.0 ended (host x2.0)",
            "t=90s fault straggler host2 x2.0 ended",
        ])
        #expect(world.outcomes.map(\.1.effect) == [
            .slowdownChanged(host: "host2", factor: SlowdownFactor(3.0)),
            .linkFactorChanged(host: "host2", factor: LinkFactor(0.1)),
            .executorsLost([1]), .executorsLost([]), .executorsLost([]),
            .linkFactorChanged(host: "host2", factor: LinkFactor(0.05)),
            .linkFactorChanged(host: "host2", factor: LinkFactor(0.1)),
            .slowdownChanged(host: "host2", factor: SlowdownFactor(6.0)),
            .slowdownChanged(host: "host2", factor: SlowdownFactor(2.0)),
            .slowdownChanged(host: "host2", factor: .none),
        ])
        #expect(world.injector.slowdown(onHost: "host2") == .none)
        #expect(world.injector.linkFactor(onHost: "host2") == LinkFactor(0.1))
        #expect(world.injector.records[2].host == "host2" && world.injector.records[2].kind == .executorLost)
    }

    @Test("a GPU failure marks the address broken for good, keeps the executor, and is recorded every time")
    func gpuFailure() {
        var world = World([
            .gpuFailed(executor: "gpu1", address: 1, at: Self.s(2)),
            .gpuFailed(executor: "gpu1", address: 1, at: Self.s(3)),
            .executorLost(executor: "exec2", at: Self.s(4)),
            .gpuFailed(executor: "exec2", address: 0, at: Self.s(5)),
        ], executors: [executor("gpu1", "host1", "rack1", gpus: 2), executor("exec2", "host2", "rack1", gpus: 1)])
        world.start()
        world.run()
        #expect(world.records == [
            "t=2s fault gpu-failed gpu1 gpu=1", "t=3s fault gpu-failed gpu1 gpu=1",
            "t=4s fault executor-lost exec2", "t=5s fault gpu-failed exec2 gpu=0",
        ])
        // Only the first failure of a live executor's GPU is news for the model.
        #expect(world.outcomes.map(\.1.effect) == [.gpuFailed(0, address: 1), .none, .executorsLost([1]), .none])
        #expect(world.topology.executors.map(\.failedGPUs) == [[1], [0]])
        #expect(world.topology.executors[0].isLive && !world.topology.executors[0].hasFailedGPU(0))
        #expect(world.injector.records[0].kind == .gpuFailed && world.injector.records[0].host == "host1")
    }

    @Test("random losses: joiners draw when they join, and leavers' pending losses are cancelled")
    func randomLossFollowsTopology() {
        let specs: [FaultSpec] = [
            .randomExecutorLoss(mtbf: .seconds(3600), distribution: .exponential),
            .executorAdded(executor("exec4", "host4", "rack1"), at: Self.s(1)),
            .hostLost(host: "host1", at: Self.s(2)),
        ]
        var world = World(specs, executors: Self.executors)
        #expect(world.injector.plan.events.filter { $0.action.kind == .randomExecutorLoss }.count == 3)
        world.start()
        #expect(world.injector.pendingCount == 5)
        _ = world.simulation.run(through: Self.s(2)) { simulation, event in
            guard case .fault(let wake) = event else { return }
            _ = world.injector.handle(wake, topology: &world.topology, in: &simulation)
        }
        // exec4 drew a loss; exec1 and exec3 lost theirs with their host; exec2 keeps its own.
        #expect(world.injector.pendingCount == 2)
        world.injector.checkInvariants()
        world.run()
        #expect(world.topology.liveExecutors.isEmpty)
        let random = world.injector.records.filter { $0.kind == .randomExecutorLoss }
        #expect(random.map(\.executor).sorted { ($0 ?? "") < ($1 ?? "") } == ["exec2", "exec4"])
        #expect(random.allSatisfy { $0.detail.hasSuffix("(random-executor-loss, mtbf 1h exponential)") })
    }

    @Test("the same seed gives the same faults at the same instants, bit for bit")
    func replay() {
        let specs: [FaultSpec] = [
            .randomExecutorLoss(mtbf: .seconds(600), distribution: .weibull(shape: 0.7)),
            .executorAdded(executor("exec4", "host4", "rack1"), at: Self.s(100)),
        ]
        var first = World(specs, executors: Self.executors, seed: 3)
        var second = World(specs, executors: Self.executors, seed: 3)
        first.start()
        second.start()
        first.run()
        second.run()
        #expect(first.injector.records == second.injector.records)
        #expect(first.injector.records.count == 5)
    }
}

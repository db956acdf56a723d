import Testing
import TestSupport
@testable import Sim

@Suite("Fault plan")
struct FaultPlanTests {
    static func s(_ seconds: Int64) -> SimInstant { .zero + .seconds(seconds) }

    static func cluster(executors: Int) -> ClusterTopology {
        ClusterTopology(executors: (0..<executors).map { executor("exec\($0)", "host\($0 / 4)") })
    }

    static func plan(_ specs: [FaultSpec], executors: Int = 8, seed: UInt64 = 42,
                     horizon: SimInstant = .distantFuture, streams: RandomStreams? = nil) -> FaultPlan {
        FaultPlan(specs: specs, topology: cluster(executors: executors),
                  streams: streams ?? RandomStreams(seed: seed), horizon: horizon)
    }

    @Test("timed events are listed by instant, then file order; intervals give a start and an end")
    func planOrder() {
        let plan = Self.plan([
            .straggler(host: "host1", slowdown: 3.0, from: Self.s(5), until: Self.s(60)),
            .executorLost(executor: "exec2", at: Self.s(5)),
            .linkDegraded(host: "host0", factor: 0.1, from: .zero, until: nil),
            .hostLost(host: "host1", at: Self.s(1)),
            .straggler(host: "host0", slowdown: 2.0, from: Self.s(7), until: Self.s(7)),
            .executorAdded(executor("exec9", "host9", "rack2"), at: Self.s(5)),
        ])
        #expect(plan.events.map(\.description) == [
            "t=0s start link degradation host0 x0.1",
            "t=1s lose host host1",
            "t=5s start straggler host1 x3.0",
            "t=5s lose executor exec2",
            "t=5s add executor exec9 on host9",
            "t=1min end straggler host1 x3.0",
        ])
        #expect(plan.slowdownSchedule(forHost: "host1").factor(at: Self.s(30)) == SlowdownFactor(3.0))
        #expect(plan.slowdownSchedule(forHost: "host0") == .none, "an empty interval slows nothing")
        #expect(plan.workFailures == .none)
    }

    @Test("random losses: the same seed gives the same times, bit for bit; another seed does not")
    func sameSeedSameTimes() {
        let specs: [FaultSpec] = [.randomExecutorLoss(mtbf: .seconds(7200), distribution: .exponential)]
        let first = Self.plan(specs, seed: 7)
        #expect(first.events.count == 8)
        #expect(first.events == Self.plan(specs, seed: 7).events)
        #expect(first.events != Self.plan(specs, seed: 8).events)
        #expect(first.events.map(\.instant) == first.events.map(\.instant).sorted())
    }

    @Test("random losses are not perturbed by other streams or other fault kinds")
    func streamIndependence() {
        let loss = FaultSpec.randomExecutorLoss(mtbf: .seconds(3600), distribution: .weibull(shape: 1.5))
        let alone = Self.plan([loss])
        let streams = RandomStreams(seed: 42)
        let jitter = streams.stream(named: "network.jitter")
        for _ in 0..<100 { _ = jitter.uniform() }
        let crowded = Self.plan([loss, .randomWorkFailures(probability: 0.2)], streams: streams)
        #expect(alone.events == crowded.events)
        #expect(crowded.workFailures.probability == 0.2)
    }

    /// The instant of `id`'s random loss among `events`, if any.
    static func lossInstant(of id: String, in events: [FaultEvent]) -> SimInstant? {
        events.first {
            if case .loseExecutorAtRandom(let executor, _, _) = $0.action { return executor == id }
            return false
        }?.instant
    }

    @Test("failures after the horizon are dropped, and later joiners continue the same stream")
    func horizonAndJoiners() {
        let specs: [FaultSpec] = [.randomExecutorLoss(mtbf: .seconds(100), distribution: .exponential)]
        let everything = Self.plan(specs, executors: 10)
        let horizon = Self.s(100)
        var bounded = Self.plan(specs, executors: 8, horizon: horizon)
        let joined = bounded.drawLosses(forExecutor: "exec8", joinedAt: .zero)
            + bounded.drawLosses(forExecutor: "exec9", joinedAt: .zero)
        var kept = 0
        for id in (0..<10).map({ "exec\($0)" }) {
            let unbounded = Self.lossInstant(of: id, in: everything.events)
            let expected = unbounded.flatMap { $0 <= horizon ? $0 : nil }
            kept += expected == nil ? 0 : 1
            #expect(Self.lossInstant(of: id, in: bounded.events + joined) == expected, "\(id)")
        }
        #expect(kept > 0 && kept < 10, "the horizon cuts some but not all (mean 100 s)")
        // Joining later shifts the failure by the join instant.
        var late = Self.plan(specs, executors: 8)
        let shifted = late.drawLosses(forExecutor: "exec8", joinedAt: Self.s(50))
        #expect(shifted.map(\.instant) == [Self.lossInstant(of: "exec8", in: everything.events)! + .seconds(50)])
    }

    /// The mean drawn time to failure over many executors, in seconds.
    static func meanTimeToFailure(_ distribution: LossDistribution, executors: Int, seed: UInt64) -> Double {
        let plan = Self.plan([.randomExecutorLoss(mtbf: .seconds(7200), distribution: distribution)],
                             executors: executors, seed: seed)
        precondition(plan.events.count == executors)
        return plan.events.reduce(0) { $0 + $1.instant.nanosecondsSinceStart.asSeconds } / Double(executors)
    }

    @Test("exponential times to failure have mean MTBF (within 5%)")
    func exponentialMean() {
        // Standard error with 10 000 draws: 1%.
        withEverySeed(1...3) { seed in
            let mean = Self.meanTimeToFailure(.exponential, executors: 10_000, seed: seed)
            guard abs(mean / 7200 - 1) < 0.05 else { throw PropertyFailure("mean \(mean) s, MTBF 7200 s") }
        }
    }

    @Test("Weibull times to failure have mean MTBF (within 5%), for shapes below and above 1")
    func weibullMean() {
        #expect(abs(FaultPlan.weibullScale(mean: 10, shape: 1) - 10) < 1e-12, "shape 1 is exponential")
        // Standard errors with 10 000 draws: 1.3% (shape 0.8), 0.7% (1.5), 0.4% (3.0).
        withEverySeed(1...2) { seed in
            for shape in [0.8, 1.5, 3.0] {
                let mean = Self.meanTimeToFailure(.weibull(shape: shape), executors: 10_000, seed: seed)
                guard abs(mean / 7200 - 1) < 0.05 else {
                    throw PropertyFailure("shape \(shape): mean \(mean) s, MTBF 7200 s")
                }
            }
        }
    }
}

extension Int64 {
    fileprivate var asSeconds: Double { Double(self) / 1e9 }
}

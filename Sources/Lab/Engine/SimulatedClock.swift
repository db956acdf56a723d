import Engine
import Sim

/// The engine's clock over the simulation: now is the instant of the event being handled.
///
/// Sim and Engine count the same integer nanoseconds from the start of the run, so the
/// mapping is the identity; it exists so that the engine never imports the simulator.
final class SimulatedClock: SchedulerClock {
    private unowned let deployment: SimulatedDeployment

    init(_ deployment: SimulatedDeployment) { self.deployment = deployment }

    var now: EngineInstant { EngineInstant(nanoseconds: deployment.cluster.simulation.now.nanosecondsSinceStart) }
}

extension SimInstant {
    /// The same instant on the engine's clock.
    var engineInstant: EngineInstant { EngineInstant(nanoseconds: nanosecondsSinceStart) }
}

extension EngineInstant {
    /// The same instant on the simulation's clock.
    var simInstant: SimInstant { SimInstant(nanosecondsSinceStart: nanoseconds) }
}

/// `SchedulerRandom` over the `engine.offer-shuffle` stream: Spark's offer shuffles,
/// seeded from the scenario seed and nothing else, so two runs shuffle alike and no other
/// stream's draws shift when the engine draws more or fewer.
final class StreamRandom: SchedulerRandom {
    static let streamName = "engine.offer-shuffle"
    private let stream: RandomStream

    init(streams: RandomStreams) { stream = streams.stream(named: Self.streamName) }

    func nextInt(below upperBound: Int) -> Int { stream.integer(below: upperBound) }
}

import Testing
@testable import Sim

@Suite("Simulation")
struct SimulationTests {
    private func at(_ seconds: Int64) -> SimInstant { .zero + .seconds(seconds) }

    /// A simulation with events "a"@1s, "b"@2s, "c"@2s, "d"@3s.
    private func fourEvents() -> Simulation<String> {
        var simulation = Simulation<String>()
        simulation.schedule("a", at: at(1))
        simulation.schedule("b", at: at(2))
        simulation.schedule("c", at: at(2))
        simulation.schedule("d", at: at(3))
        return simulation
    }

    @Test("run(until: t) delivers events strictly before t and leaves the clock at t")
    func runUntilIsExclusive() {
        var simulation = fourEvents()
        var seen: [String] = []
        let count = simulation.run(until: at(2)) { _, payload in seen.append(payload) }
        #expect(seen == ["a"])
        #expect(count == 1)
        #expect(simulation.now == at(2))
        #expect(simulation.pendingCount == 3)
        simulation.run(until: at(10)) { _, payload in seen.append(payload) }
        #expect(seen == ["a", "b", "c", "d"])
        #expect(simulation.now == at(10))
        #expect(simulation.stepCount == 4)
    }

    @Test("run(through: t) delivers events at t, including ones scheduled at t while running")
    func runThroughIsInclusive() {
        var simulation = fourEvents()
        var seen: [String] = []
        simulation.run(through: at(2)) { simulation, payload in
            seen.append(payload)
            if payload == "b" { simulation.schedule("b'", after: .zero) }
        }
        #expect(seen == ["a", "b", "c", "b'"])
        #expect(simulation.now == at(2))
        #expect(simulation.pendingCount == 1)
    }

    @Test("a handler's events before the stopping point run in the same run")
    func cascadesBeforeLimit() {
        var simulation = Simulation<Int>()
        simulation.schedule(0, at: .zero)
        var seen: [(Int, SimInstant)] = []
        simulation.run(until: at(5)) { simulation, n in
            seen.append((n, simulation.now))
            simulation.schedule(n + 1, after: .seconds(2))
        }
        #expect(seen.map(\.0) == [0, 1, 2])
        #expect(seen.map(\.1) == [at(0), at(2), at(4)])
        #expect(simulation.nextEventInstant() == at(6))
    }

    @Test("runUntilEmpty leaves the clock at the last event")
    func runUntilEmpty() {
        var simulation = fourEvents()
        let count = simulation.runUntilEmpty { _, _ in }
        #expect(count == 4)
        #expect(simulation.now == at(3))
        #expect(simulation.pendingCount == 0)
        #expect(simulation.step() == nil)
        #expect(simulation.now == at(3))
    }

    @Test("run(while:) and run(until:) check the condition before every event")
    func runWithCondition() {
        var simulation = fourEvents()
        var seen: [String] = []
        simulation.run(while: { $0.stepCount < 2 }) { _, payload in seen.append(payload) }
        #expect(seen == ["a", "b"])
        #expect(simulation.now == at(2))
        simulation.run(until: { _ in seen.last == "c" }) { _, payload in seen.append(payload) }
        #expect(seen == ["a", "b", "c"])
        #expect(simulation.run(until: { _ in true }) { _, _ in } == 0)
        #expect(simulation.stepCount == 3)
    }

    @Test("cancelled events are never delivered and not counted as steps")
    func cancelledAreSkipped() {
        var simulation = Simulation<String>()
        let a = simulation.schedule("a", at: at(1))
        simulation.schedule("b", at: at(2))
        let c = simulation.schedule("c", at: at(3))
        #expect(simulation.cancel(a) == true)
        var seen: [String] = []
        simulation.runUntilEmpty { simulation, payload in
            seen.append(payload)
            #expect(simulation.cancel(c) == true)
            #expect(simulation.cancel(c) == false)
        }
        #expect(seen == ["b"])
        #expect(simulation.stepCount == 1)
        #expect(simulation.now == at(2))
    }

    @Test("virtual time never goes backwards over a long random run", arguments: [1, 2, 3])
    func timeIsMonotone(seed: Int) {
        let random = RandomStream(name: "test.monotone", seed: UInt32(seed))
        var simulation = Simulation<Int>()
        for n in 0..<100 { simulation.schedule(n, at: SimInstant(nanosecondsSinceStart: Int64(random.integer(below: 50)))) }
        var last = SimInstant.zero
        var pending: [EventID] = []
        simulation.run(while: { $0.stepCount < 5_000 }) { simulation, n in
            #expect(simulation.now >= last, "seed \(seed)")
            last = simulation.now
            pending.append(simulation.schedule(n, after: .nanoseconds(Int64(random.integer(below: 30)))))
            if random.bernoulli(0.2), let victim = pending.popLast() { simulation.cancel(victim) }
            simulation.schedule(n, after: .nanoseconds(Int64(random.integer(below: 30))))
        }
        simulation.checkInvariants()
        #expect(simulation.stepCount == 5_000)
    }

    @Test("advance(to:) moves the clock when no event is skipped")
    func advance() {
        var simulation = Simulation<Int>(startingAt: at(1))
        simulation.schedule(1, at: at(5))
        simulation.advance(to: at(5))
        #expect(simulation.now == at(5))
        #expect(simulation.step()?.payload == 1)
    }

    @Test("scheduling before now traps")
    func schedulingInThePastTraps() async {
        await #expect(processExitsWith: .failure) {
            var simulation = Simulation<Int>(startingAt: .zero + .seconds(2))
            simulation.schedule(1, at: .zero + .seconds(1))
        }
    }

    @Test("advancing past a pending event traps")
    func advancingPastAnEventTraps() async {
        await #expect(processExitsWith: .failure) {
            var simulation = Simulation<Int>()
            simulation.schedule(1, at: .zero + .seconds(1))
            simulation.advance(to: .zero + .seconds(2))
        }
    }
}

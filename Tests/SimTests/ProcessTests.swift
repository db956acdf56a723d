import Testing
@testable import Sim

@Suite("Processes")
struct ProcessTests {
    private static func at(_ seconds: Int64) -> SimInstant { .zero + .seconds(seconds) }

    /// Sends a ping, waits for the pong, three times over; written as a state machine.
    struct Pinger: SimProcess {
        typealias Request = Never
        let ping: SignalID
        let pong: SignalID
        var rounds = 0
        enum State { case idle, thinking, waitingForPong }
        var state = State.idle

        mutating func resume(_ reason: WakeReason, context: inout ProcessContext) -> ProcessAction<Never> {
            switch state {
            case .idle, .waitingForPong:
                if state == .waitingForPong { rounds += 1 }
                if rounds == 3 { return .finish }
                state = .thinking
                return .sleep(.seconds(1))
            case .thinking:
                context.fire(ping)
                state = .waitingForPong
                return .waitFor(pong)
            }
        }
    }

    /// Answers each ping with a pong two seconds later.
    struct Ponger: SimProcess {
        typealias Request = Never
        let ping: SignalID
        let pong: SignalID
        var answering = false

        mutating func resume(_ reason: WakeReason, context: inout ProcessContext) -> ProcessAction<Never> {
            if answering {
                context.fire(pong)
                answering = false
                return .waitFor(ping)
            }
            if case .signalled = reason {
                answering = true
                return .sleep(.seconds(2))
            }
            return .waitFor(ping)
        }
    }

    private static func runUntilEmpty<S>(_ runtime: inout ProcessRuntime<S>, _ simulation: inout Simulation<ProcessWake>) {
        simulation.runUntilEmpty { simulation, wake in runtime.handle(wake, in: &simulation) }
    }

    @Test("two processes ping-ponging on signals produce a fixed timeline")
    func pingPong() {
        var simulation = Simulation<ProcessWake>()
        var runtime = ProcessRuntime(server: NoRequestServer(), tracing: true)
        let ping = runtime.makeSignal()
        let pong = runtime.makeSignal()
        let pinger = runtime.spawn(Pinger(ping: ping, pong: pong), in: &simulation)
        let ponger = runtime.spawn(Ponger(ping: ping, pong: pong), in: &simulation)
        Self.runUntilEmpty(&runtime, &simulation)

        let timeline = runtime.trace.map(\.description)
        #expect(timeline == [
            "t=0s process#0 resumed: start",
            "t=0s process#1 resumed: start",
            "t=1s process#0 resumed: timer",
            "t=1s process#0 fired signal#0",
            "t=1s process#1 resumed: signalled(signal#0)",
            "t=3s process#1 resumed: timer",
            "t=3s process#1 fired signal#1",
            "t=3s process#0 resumed: signalled(signal#1)",
            "t=4s process#0 resumed: timer",
            "t=4s process#0 fired signal#0",
            "t=4s process#1 resumed: signalled(signal#0)",
            "t=6s process#1 resumed: timer",
            "t=6s process#1 fired signal#1",
            "t=6s process#0 resumed: signalled(signal#1)",
            "t=7s process#0 resumed: timer",
            "t=7s process#0 fired signal#0",
            "t=7s process#1 resumed: signalled(signal#0)",
            "t=9s process#1 resumed: timer",
            "t=9s process#1 fired signal#1",
            "t=9s process#0 resumed: signalled(signal#1)",
            "t=9s process#0 finished",
        ])
        #expect(runtime.state(of: pinger) == .finished)
        #expect(runtime.state(of: ponger) == .waiting(ping))
        #expect(runtime.liveCount == 1)
        #expect(simulation.now == Self.at(9))
    }

    @Test("a fire wakes every waiter in the order they began waiting; later waiters miss it")
    func fireWakesWaitersInOrder() {
        var simulation = Simulation<ProcessWake>()
        var runtime = ProcessRuntime(server: NoRequestServer(), tracing: true)
        let go = runtime.makeSignal()
        // Spawned in the order 2, 0, 1 of their sleeps, so wait order is by sleep length.
        for delay: Int64 in [3, 1, 2] {
            runtime.spawn(ScriptProcess<Never>([.sleep(.seconds(delay)), .waitFor(go)]), in: &simulation)
        }
        let late = runtime.spawn(ScriptProcess<Never>([.sleep(.seconds(6)), .waitFor(go)]), in: &simulation)
        simulation.run(until: Self.at(5)) { simulation, wake in runtime.handle(wake, in: &simulation) }
        #expect(runtime.waiters(of: go) == [ProcessID(rawValue: 1), ProcessID(rawValue: 2), ProcessID(rawValue: 0)])
        runtime.fire(go, in: &simulation)
        Self.runUntilEmpty(&runtime, &simulation)
        let woken = runtime.trace.filter { $0.kind == .resumed(.signalled(go)) }.map(\.process)
        #expect(woken == [1, 2, 0].map { ProcessID(rawValue: $0) })
        #expect(runtime.trace.contains(ProcessTraceEntry(instant: Self.at(5), process: nil, kind: .fired(go))))
        #expect(runtime.state(of: late) == .waiting(go))
    }

    @Test("a process that fires a signal and then waits for it does not wake itself")
    func fireBeforeOwnWait() {
        var simulation = Simulation<ProcessWake>()
        var runtime = ProcessRuntime(server: NoRequestServer())
        let round = runtime.makeSignal()
        let process = runtime.spawn(ScriptProcess<Never>([.fire(round), .waitFor(round)]), in: &simulation)
        Self.runUntilEmpty(&runtime, &simulation)
        #expect(runtime.state(of: process) == .waiting(round))
    }

    enum Work: Equatable { case compute(flops: Int64), transfer(bytes: Int64) }

    @Test("perform hands requests to the server and wakes the process when they complete")
    func performWithFixedCost() {
        var simulation = Simulation<ProcessWake>()
        // 1 GFLOP per second, 1 GB per second.
        let server = FixedCostServer<Work> { work in
            switch work {
            case .compute(let flops): .nanoseconds(flops)
            case .transfer(let bytes): .nanoseconds(bytes)
            }
        }
        var runtime = ProcessRuntime(server: server, tracing: true)
        let done = runtime.makeSignal()
        let task = runtime.spawn(ScriptProcess<Work>([
            .perform(.transfer(bytes: 2_000_000_000)), .perform(.compute(flops: 500_000_000)), .fire(done),
        ]), in: &simulation)
        let waiter = runtime.spawn(ScriptProcess<Work>([.waitFor(done)]), in: &simulation)
        Self.runUntilEmpty(&runtime, &simulation)
        #expect(runtime.trace.map(\.description) == [
            "t=0s process#0 resumed: start",
            "t=0s process#1 resumed: start",
            "t=2s process#0 resumed: completed(request#0)",
            "t=2500ms process#0 resumed: completed(request#1)",
            "t=2500ms process#0 fired signal#0",
            "t=2500ms process#0 finished",
            "t=2500ms process#1 resumed: signalled(signal#0)",
            "t=2500ms process#1 finished",
        ])
        #expect(runtime.state(of: task) == .finished)
        #expect(runtime.state(of: waiter) == .finished)
    }

    /// A server that serves one request at a time and reports completions itself.
    struct ManualServer: RequestServer {
        var started: [RequestID] = []
        var abandoned: [RequestID] = []
        mutating func begin(_ request: String, id: RequestID, by process: ProcessID, now: SimInstant) -> RequestCompletion {
            started.append(id)
            return .reportedLater
        }
        mutating func abandon(_ id: RequestID, now: SimInstant) { abandoned.append(id) }
    }

    @Test("a server may report completion later; killing a process abandons its request")
    func reportedLaterAndKill() {
        var simulation = Simulation<ProcessWake>()
        var runtime = ProcessRuntime(server: ManualServer(), tracing: true)
        let a = runtime.spawn(ScriptProcess<String>([.perform("a"), .sleep(.seconds(1))]), in: &simulation)
        let b = runtime.spawn(ScriptProcess<String>([.perform("b")]), in: &simulation)
        Self.runUntilEmpty(&runtime, &simulation)
        #expect(runtime.server.started == [RequestID(rawValue: 0), RequestID(rawValue: 1)])
        #expect(runtime.state(of: a) == .performing(RequestID(rawValue: 0)))
        simulation.run(until: Self.at(5)) { _, _ in }
        runtime.complete(RequestID(rawValue: 0), in: &simulation)
        #expect(runtime.kill(b, in: &simulation))
        #expect(runtime.kill(b, in: &simulation) == false)
        #expect(runtime.server.abandoned == [RequestID(rawValue: 1)])
        Self.runUntilEmpty(&runtime, &simulation)
        #expect(runtime.state(of: a) == .finished)
        #expect(runtime.state(of: b) == .killed)
        #expect(simulation.now == Self.at(6))
    }

    @Test("a process killed after its request completed does not abandon it")
    func killAfterCompletion() {
        var simulation = Simulation<ProcessWake>()
        var runtime = ProcessRuntime(server: ManualServer())
        let process = runtime.spawn(ScriptProcess<String>([.perform("a")]), in: &simulation)
        Self.runUntilEmpty(&runtime, &simulation)
        runtime.complete(RequestID(rawValue: 0), in: &simulation)
        #expect(runtime.state(of: process) == .ready)
        #expect(runtime.kill(process, in: &simulation))
        Self.runUntilEmpty(&runtime, &simulation)
        #expect(runtime.server.abandoned.isEmpty)
        #expect(runtime.state(of: process) == .killed)
    }

    @Test("killing a sleeping or waiting process cancels its wake-up and leaves the wait list")
    func killCancelsWakes() {
        var simulation = Simulation<ProcessWake>()
        var runtime = ProcessRuntime(server: NoRequestServer(), tracing: true)
        let signal = runtime.makeSignal()
        let sleeper = runtime.spawn(ScriptProcess<Never>([.sleep(.seconds(10))]), in: &simulation)
        let waiter = runtime.spawn(ScriptProcess<Never>([.waitFor(signal)]), in: &simulation)
        let other = runtime.spawn(ScriptProcess<Never>([.waitFor(signal)]), in: &simulation)
        simulation.run(until: Self.at(1)) { simulation, wake in runtime.handle(wake, in: &simulation) }
        runtime.kill(sleeper, in: &simulation)
        runtime.kill(waiter, in: &simulation)
        #expect(runtime.waiters(of: signal) == [other])
        runtime.fire(signal, in: &simulation)
        Self.runUntilEmpty(&runtime, &simulation)
        #expect(simulation.now == Self.at(1), "the sleeper's wake-up at 10 s was cancelled")
        #expect(runtime.state(of: other) == .finished)
        #expect(runtime.liveCount == 0)
    }

    /// A model whose own events and process wake-ups share one queue.
    enum WorldEvent: ProcessWakeCarrying, Equatable {
        case process(ProcessWake)
        case alarm
        init(processWake: ProcessWake) { self = .process(processWake) }
    }

    @Test("processes share one queue and one order with the model's own events")
    func sharedQueue() {
        var simulation = Simulation<WorldEvent>()
        var runtime = ProcessRuntime(server: NoRequestServer(), tracing: true)
        let alarmRang = runtime.makeSignal()
        runtime.spawn(ScriptProcess<Never>([.waitFor(alarmRang), .sleep(.seconds(1))]), in: &simulation)
        simulation.schedule(.alarm, at: Self.at(2))
        var log: [String] = []
        simulation.runUntilEmpty { simulation, event in
            switch event {
            case .process(let wake):
                log.append("\(simulation.now) \(wake)")
                runtime.handle(wake, in: &simulation)
            case .alarm:
                log.append("\(simulation.now) alarm")
                runtime.fire(alarmRang, in: &simulation)
            }
        }
        #expect(log == [
            "t=0s wake process#0 (start)", "t=2s alarm",
            "t=2s wake process#0 (signalled(signal#0))", "t=3s wake process#0 (timer)",
        ])
    }
}

/// Runs `SimProcess` state machines on a `Simulation`: turns their actions into
/// scheduled wake-ups, keeps signal wait lists, and hands requests to a `RequestServer`.
///
/// The runtime does not own the simulation: every call that schedules takes it `inout`,
/// and the model routes each delivered `ProcessWake` back to `handle(_:in:)`. So
/// processes share one event queue, and one order, with whatever else the model
/// schedules.
///
/// Ordering rules (all deterministic):
/// - A process is resumed only from `handle`, i.e. while its wake-up event is being
///   delivered; nothing re-enters a process while it runs.
/// - Signals fired during a resume take effect when it returns, in the order fired, and
///   before its returned action: a process that fires `s` and then waits for `s` does
///   not wake itself.
/// - `fire(s)` wakes every process waiting for `s`, in the order they began waiting, by
///   scheduling their wake-ups at the current instant. A signal is a pulse, not a latch:
///   a process that starts waiting after the fire waits for the next one.
/// - A completion reported later (`complete`) is likewise delivered at the current
///   instant, after events already scheduled for it.
///
/// - Complexity: O(log n) per wake-up (one event), O(w) to fire a signal with w waiters,
///   O(w) to kill a process waiting on a signal with w waiters.
public struct ProcessRuntime<Server: RequestServer> {
    public typealias Request = Server.Request

    /// The resource model serving `.perform` requests; its owner may reach it here to
    /// deliver its own events (then call `complete`).
    public var server: Server
    /// The timeline of resumes, fires and ends, when tracing is on.
    public private(set) var trace: [ProcessTraceEntry] = []
    private let isTracing: Bool
    private var processes: [Slot] = []
    private var waitLists: [[ProcessID]] = []
    /// Which process waits for each outstanding request (lookup only, never iterated).
    private var requestOwners: [RequestID: ProcessID] = [:]
    private var nextRequest = 0

    private struct Slot {
        var body: (any SimProcess<Request>)?
        var state: ProcessState
        var pendingWake: EventID?
    }

    public init(server: Server, tracing: Bool = false) {
        self.server = server
        isTracing = tracing
    }

    /// Processes that have not yet finished or been killed.
    public var liveCount: Int { processes.reduce(0) { $0 + ($1.state.isTerminated ? 0 : 1) } }

    /// Where `process` stands.
    public func state(of process: ProcessID) -> ProcessState { processes[process.rawValue].state }

    /// A new signal that processes can wait for and anyone can fire.
    public mutating func makeSignal() -> SignalID {
        waitLists.append([])
        return SignalID(rawValue: waitLists.count - 1)
    }

    /// The processes waiting for `signal`, in the order they will wake.
    public func waiters(of signal: SignalID) -> [ProcessID] { waitLists[signal.rawValue] }

    /// Adds `process`; it is first resumed (with `.start`) at `instant`, default now.
    @discardableResult
    public mutating func spawn<Payload: ProcessWakeCarrying>(
        _ process: some SimProcess<Request>, at instant: SimInstant? = nil,
        in simulation: inout Simulation<Payload>
    ) -> ProcessID {
        let id = ProcessID(rawValue: processes.count)
        let wake = ProcessWake(process: id, reason: .start)
        let event = simulation.schedule(Payload(processWake: wake), at: instant ?? simulation.now)
        processes.append(Slot(body: process, state: .ready, pendingWake: event))
        return id
    }

    /// Resumes the process a delivered wake-up is for. The model calls this for every
    /// `ProcessWake` it takes out of the simulation.
    public mutating func handle<Payload: ProcessWakeCarrying>(
        _ wake: ProcessWake, in simulation: inout Simulation<Payload>
    ) {
        let index = wake.process.rawValue
        precondition(!processes[index].state.isTerminated, "ProcessRuntime: wake for ended \(wake.process)")
        if case .completed(let request) = wake.reason, case .performing = processes[index].state {
            precondition(requestOwners.removeValue(forKey: request) == wake.process,
                         "ProcessRuntime: \(request) is not outstanding for \(wake.process)")
        }
        processes[index].pendingWake = nil
        record(wake.process, .resumed(wake.reason), at: simulation.now)
        var context = ProcessContext(now: simulation.now, process: wake.process)
        var body = processes[index].body.take()!
        let action = body.resume(wake.reason, context: &context)
        processes[index].body = body
        for signal in context.firedSignals {
            record(wake.process, .fired(signal), at: simulation.now)
            wakeWaiters(of: signal, in: &simulation)
        }
        apply(action, to: wake.process, in: &simulation)
    }

    /// Fires `signal` from outside any process (the model, a fault, a test).
    public mutating func fire<Payload: ProcessWakeCarrying>(
        _ signal: SignalID, in simulation: inout Simulation<Payload>
    ) {
        record(nil, .fired(signal), at: simulation.now)
        wakeWaiters(of: signal, in: &simulation)
    }

    /// Reports that a request the server answered with `.reportedLater` is done; its
    /// process wakes at the current instant.
    public mutating func complete<Payload: ProcessWakeCarrying>(
        _ request: RequestID, in simulation: inout Simulation<Payload>
    ) {
        guard let owner = requestOwners.removeValue(forKey: request) else {
            preconditionFailure("ProcessRuntime: \(request) is not outstanding")
        }
        precondition(processes[owner.rawValue].pendingWake == nil,
                     "ProcessRuntime: \(request) was not answered with .reportedLater")
        scheduleWake(owner, .completed(request), at: simulation.now, in: &simulation)
        processes[owner.rawValue].state = .ready
    }

    /// Ends `process` wherever it stands: its pending wake-up is cancelled, it leaves its
    /// signal's wait list, and its outstanding request is abandoned at the server.
    /// Returns false (a no-op) if it had already ended.
    @discardableResult
    public mutating func kill<Payload: ProcessWakeCarrying>(
        _ process: ProcessID, in simulation: inout Simulation<Payload>
    ) -> Bool {
        let index = process.rawValue
        let state = processes[index].state
        if state.isTerminated { return false }
        if let event = processes[index].pendingWake { simulation.cancel(event) }
        if case .waiting(let signal) = state { waitLists[signal.rawValue].removeAll { $0 == process } }
        if case .performing(let request) = state, requestOwners.removeValue(forKey: request) != nil {
            server.abandon(request, now: simulation.now)
        }
        processes[index] = Slot(body: nil, state: .killed, pendingWake: nil)
        record(process, .killed, at: simulation.now)
        return true
    }

    private mutating func apply<Payload: ProcessWakeCarrying>(
        _ action: ProcessAction<Request>, to process: ProcessID, in simulation: inout Simulation<Payload>
    ) {
        let now = simulation.now
        switch action {
        case .sleep(let duration):
            precondition(duration >= .zero, "ProcessRuntime: \(process) sleeps a negative \(duration)")
            apply(.sleepUntil(now + duration), to: process, in: &simulation)
        case .sleepUntil(let instant):
            precondition(instant >= now, "ProcessRuntime: \(process) sleeps until \(instant), before now")
            scheduleWake(process, .timerExpired, at: instant, in: &simulation)
            processes[process.rawValue].state = .sleeping(until: instant)
        case .waitFor(let signal):
            waitLists[signal.rawValue].append(process)
            processes[process.rawValue].state = .waiting(signal)
        case .perform(let request):
            perform(request, for: process, in: &simulation)
        case .finish:
            processes[process.rawValue] = Slot(body: nil, state: .finished, pendingWake: nil)
            record(process, .finished, at: now)
        }
    }

    private mutating func perform<Payload: ProcessWakeCarrying>(
        _ request: Request, for process: ProcessID, in simulation: inout Simulation<Payload>
    ) {
        let id = RequestID(rawValue: nextRequest)
        nextRequest += 1
        requestOwners[id] = process
        processes[process.rawValue].state = .performing(id)
        let now = simulation.now
        switch server.begin(request, id: id, by: process, now: now) {
        case .at(let instant):
            precondition(instant >= now, "RequestServer: \(id) completes at \(instant), before now")
            scheduleWake(process, .completed(id), at: instant, in: &simulation)
        case .after(let duration):
            precondition(duration >= .zero, "RequestServer: \(id) takes a negative \(duration)")
            scheduleWake(process, .completed(id), at: now + duration, in: &simulation)
        case .reportedLater:
            break
        }
    }

    private mutating func wakeWaiters<Payload: ProcessWakeCarrying>(
        of signal: SignalID, in simulation: inout Simulation<Payload>
    ) {
        let waiters = waitLists[signal.rawValue]
        waitLists[signal.rawValue] = []
        for waiter in waiters {
            scheduleWake(waiter, .signalled(signal), at: simulation.now, in: &simulation)
            processes[waiter.rawValue].state = .ready
        }
    }

    private mutating func scheduleWake<Payload: ProcessWakeCarrying>(
        _ process: ProcessID, _ reason: WakeReason, at instant: SimInstant,
        in simulation: inout Simulation<Payload>
    ) {
        let wake = Payload(processWake: ProcessWake(process: process, reason: reason))
        processes[process.rawValue].pendingWake = simulation.schedule(wake, at: instant)
    }

    private mutating func record(_ process: ProcessID?, _ kind: ProcessTraceEntry.Kind, at instant: SimInstant) {
        if isTracing { trace.append(ProcessTraceEntry(instant: instant, process: process, kind: kind)) }
    }
}

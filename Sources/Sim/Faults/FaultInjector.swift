import OrderedCollections

/// The event that makes a fault fire: what `FaultInjector` schedules on the simulation.
/// Small on purpose (the event queue moves its payloads around); `slot` names the event in
/// the injector's table.
public struct FaultWake: Hashable, Sendable, CustomStringConvertible {
    public let slot: Int

    public init(slot: Int) { self.slot = slot }

    public var description: String { "fault#\(slot)" }
}

/// What one fault event changed, for the parts of the model that must react.
public enum FaultEffect: Hashable, Sendable {
    /// Nothing changed (a random loss of an executor that was already gone, a GPU failure
    /// on a dead executor or on a GPU that had already failed).
    case none
    /// These executors left the topology, in add order (empty: the subject was already gone).
    case executorsLost([ExecutorIndex])
    /// This executor joined the topology.
    case executorAdded(ExecutorIndex)
    /// From now on work on `host` proceeds at 1/`factor` speed (the combined factor).
    case slowdownChanged(host: String, factor: SlowdownFactor)
    /// From now on `host`'s link runs at `factor` of its rate (the combined factor).
    case linkFactorChanged(host: String, factor: LinkFactor)
    /// GPU `address` of this live executor has just failed: work holding it must fail.
    case gpuFailed(ExecutorIndex, address: Int)
    /// `host` stopped answering: its executors stay registered, their work stops, and
    /// nothing reports it (the model decides when the driver notices).
    case hostUnreachable(host: String)
}

/// The answer of `FaultInjector.handle`: what took effect, and the trace record saying so.
public struct FaultOutcome: Hashable, Sendable {
    /// Nil when nothing is worth a trace line (a random loss of an executor already gone).
    public let record: FaultRecord?
    public let effect: FaultEffect
}

/// Fires a `FaultPlan`'s events on the shared simulation and applies them to the topology.
///
/// The model schedules the plan with `start(in:)` before time starts, and hands every
/// `FaultWake` it takes out of the simulation to `handle`, which changes the topology
/// (executors lost or added), keeps each host's current slowdown and link factor, and
/// returns what changed, for the model to pass on (to the scheduler backend, the network,
/// running work). Faults at one instant fire in plan order (instant, file order): they are
/// scheduled in that order, and the kernel keeps scheduling order among equal instants.
///
/// Random executor loss follows the topology: an executor that joins draws its time to
/// failure when it joins (through the injector, or `executorJoined` when the model adds it
/// itself), and an executor that leaves has its pending random loss cancelled (by the
/// injector, or `executorLeft`). Explicit faults always give a record, even when their
/// subject is already gone, because the scenario asked for them.
///
/// - Complexity: `start` O(f log n); `handle` O(log n) for the kernel plus O(e) for the
///   executors it removes and O(a) for the a intervals active on the host.
public struct FaultInjector {
    public private(set) var plan: FaultPlan
    /// Every record so far, in the order the faults took effect.
    public private(set) var records: [FaultRecord] = []
    /// Every event handed to the simulation, by slot.
    private var scheduled: [FaultEvent] = []
    /// The pending kernel event of each slot; nil once delivered or cancelled.
    private var pending: [EventID?] = []
    /// Pending random-loss slots of each executor (lookup only, never iterated).
    private var randomLossSlots: [String: [Int]] = [:]
    /// Active straggler factors per host, in the order they started.
    private var stragglers: OrderedDictionary<String, [SlowdownFactor]> = [:]
    /// Active link factors per host, in the order they started.
    private var degradedLinks: OrderedDictionary<String, [LinkFactor]> = [:]
    private var started = false

    public init(plan: FaultPlan) {
        self.plan = plan
    }

    /// Schedules every event of the plan, in plan order. Call once, before time passes
    /// the first of them.
    public mutating func start<Payload: ClusterEventCarrying>(in simulation: inout Simulation<Payload>) {
        precondition(!started, "FaultInjector: started twice")
        started = true
        for event in plan.events { schedule(event, in: &simulation) }
    }

    /// Events scheduled and not yet fired or cancelled.
    public var pendingCount: Int { pending.reduce(0) { $0 + ($1 == nil ? 0 : 1) } }

    /// The combined slowdown on `host` now.
    public func slowdown(onHost host: String) -> SlowdownFactor {
        SlowdownFactor.product(of: stragglers[host] ?? [])
    }

    /// The combined factor of `host`'s link now.
    public func linkFactor(onHost host: String) -> LinkFactor {
        LinkFactor.product(of: degradedLinks[host] ?? [])
    }

    /// Draws the random losses of an executor the model added itself (not through an
    /// `executorAdded` fault), e.g. by dynamic allocation.
    public mutating func executorJoined<Payload: ClusterEventCarrying>(
        _ id: String, in simulation: inout Simulation<Payload>
    ) {
        for loss in plan.drawLosses(forExecutor: id, joinedAt: simulation.now) { schedule(loss, in: &simulation) }
    }

    /// Cancels the pending random losses of an executor the model removed itself.
    public mutating func executorLeft<Payload: ClusterEventCarrying>(
        _ id: String, in simulation: inout Simulation<Payload>
    ) {
        for slot in randomLossSlots.removeValue(forKey: id) ?? [] {
            if let event = pending[slot] { simulation.cancel(event) }
            pending[slot] = nil
        }
    }

    mutating func schedule<Payload: ClusterEventCarrying>(_ event: FaultEvent, in simulation: inout Simulation<Payload>) {
        let slot = scheduled.count
        scheduled.append(event)
        pending.append(simulation.schedule(Payload(clusterEvent: .fault(FaultWake(slot: slot))), at: event.instant))
        if case .loseExecutorAtRandom(let executor, _, _) = event.action {
            randomLossSlots[executor, default: []].append(slot)
        }
    }

    /// Takes the event of a delivered wake out of the pending table.
    mutating func take(_ wake: FaultWake) -> FaultEvent {
        precondition(scheduled.indices.contains(wake.slot) && pending[wake.slot] != nil,
                     "FaultInjector: \(wake) is not pending")
        pending[wake.slot] = nil
        let event = scheduled[wake.slot]
        if case .loseExecutorAtRandom(let executor, _, _) = event.action {
            randomLossSlots[executor]?.removeAll { $0 == wake.slot }
            if randomLossSlots[executor]?.isEmpty == true { randomLossSlots[executor] = nil }
        }
        return event
    }

    mutating func record(_ record: FaultRecord) -> FaultRecord {
        records.append(record)
        return record
    }

    mutating func startInterval(straggler host: String, _ factor: SlowdownFactor) {
        stragglers[host, default: []].append(factor)
    }

    mutating func endInterval(straggler host: String, _ factor: SlowdownFactor) {
        guard let position = stragglers[host]?.firstIndex(of: factor) else {
            preconditionFailure("FaultInjector: straggler x\(factor) on \(host) ends without starting")
        }
        stragglers[host]?.remove(at: position)
    }

    mutating func startInterval(link host: String, _ factor: LinkFactor) {
        degradedLinks[host, default: []].append(factor)
    }

    mutating func endInterval(link host: String, _ factor: LinkFactor) {
        guard let position = degradedLinks[host]?.firstIndex(of: factor) else {
            preconditionFailure("FaultInjector: link x\(factor) on \(host) ends without starting")
        }
        degradedLinks[host]?.remove(at: position)
    }

    /// Checks the tables agree (for tests, after every event).
    public func checkInvariants() {
        precondition(scheduled.count == pending.count, "FaultInjector: table sizes differ")
        for (executor, slots) in randomLossSlots {
            precondition(!slots.isEmpty, "FaultInjector: empty random-loss entry for \(executor)")
            for slot in slots {
                guard pending[slot] != nil,
                      case .loseExecutorAtRandom(let owner, _, _) = scheduled[slot].action, owner == executor
                else { preconditionFailure("FaultInjector: stale random loss #\(slot) for \(executor)") }
            }
        }
    }
}

/// A virtual clock and the events pending on it: the core of every sparksim run.
///
/// Time moves only when an event is delivered (`step`) or when a run is told to stop
/// at an instant (`advance(to:)`, `run(until:)`), and never backwards: scheduling
/// before `now` is a programming error and traps. Events due at one instant are
/// delivered in the order they were scheduled (see `EventQueue`).
///
/// `Simulation` is a value with no executor and no callbacks of its own. The model
/// pulls events (`step()`) or hands a handler to one of the `run` methods; either way
/// the model's code decides what an event means, so the whole run is ordinary
/// single-threaded code that gives the same result every time. It knows nothing of
/// Spark: the payload type is the model's.
///
/// - Complexity: `schedule` and `step` O(log n) in the number of pending events,
///   `cancel` O(1).
public struct Simulation<Payload> {
    /// The current virtual time: the instant of the event being handled, or where the
    /// last run stopped.
    @inlinable public var now: SimInstant { clock }
    /// Events delivered so far (cancelled events are not counted).
    @inlinable public var stepCount: Int { delivered }

    @usableFromInline var clock: SimInstant
    @usableFromInline var delivered = 0
    @usableFromInline var queue: EventQueue<Payload>

    /// A simulation whose clock reads `start` and which has no pending events.
    @inlinable
    public init(startingAt start: SimInstant = .zero, minimumCapacity: Int = 0) {
        clock = start
        queue = EventQueue(minimumCapacity: minimumCapacity)
    }

    /// Events scheduled and not yet delivered or cancelled.
    @inlinable
    public var pendingCount: Int { queue.count }

    /// Schedules `payload` for delivery at `instant`, after every event already
    /// scheduled for that instant. Traps if `instant` is before `now`.
    @inlinable @discardableResult
    public mutating func schedule(_ payload: Payload, at instant: SimInstant) -> EventID {
        precondition(instant >= now, "Simulation: scheduling at \(instant), before now (\(now))")
        return queue.schedule(payload, at: instant)
    }

    /// Schedules `payload` for delivery `delay` after `now`. Traps if `delay` is negative
    /// or the instant does not fit in 64-bit nanoseconds.
    @inlinable @discardableResult
    public mutating func schedule(_ payload: Payload, after delay: SimDuration) -> EventID {
        precondition(delay >= .zero, "Simulation: negative delay \(delay)")
        return queue.schedule(payload, at: now + delay)
    }

    /// Cancels a pending event: true if it will now never be delivered, false if it was
    /// already delivered or cancelled (a no-op).
    @inlinable @discardableResult
    public mutating func cancel(_ id: EventID) -> Bool { queue.cancel(id) }

    /// Whether the event is still due to be delivered.
    @inlinable
    public func isPending(_ id: EventID) -> Bool { queue.isPending(id) }

    /// When the next event will be delivered, or nil when none is pending.
    /// `mutating` only because it drops cancelled events from the head of the queue.
    @inlinable
    public mutating func nextEventInstant() -> SimInstant? { queue.nextInstant() }

    /// Delivers the next event: removes it, moves the clock to its instant, counts the
    /// step and returns it. Nil when nothing is pending (the clock does not move).
    @inlinable
    public mutating func step() -> ScheduledEvent<Payload>? {
        guard let event = queue.popNext() else { return nil }
        return deliver(event)
    }

    /// Like `step()`, but only if the next event is due strictly before `limit`.
    @inlinable
    public mutating func step(before limit: SimInstant) -> ScheduledEvent<Payload>? {
        guard let event = queue.popNext(dueBefore: limit) else { return nil }
        return deliver(event)
    }

    /// Like `step()`, but only if the next event is due at or before `limit`; with
    /// `limit == now` this drains the current instant.
    @inlinable
    public mutating func step(through limit: SimInstant) -> ScheduledEvent<Payload>? {
        guard let event = queue.popNext(dueAtOrBefore: limit) else { return nil }
        return deliver(event)
    }

    /// Moves the clock forward to `instant` without delivering anything. Traps if
    /// `instant` is before `now` or if an event is due before `instant` (it would be
    /// skipped).
    @inlinable
    public mutating func advance(to instant: SimInstant) {
        precondition(instant >= now, "Simulation: time cannot go back from \(now) to \(instant)")
        if let next = queue.nextInstant() {
            precondition(next >= instant, "Simulation: advancing to \(instant) would skip an event at \(next)")
        }
        clock = instant
    }

    @inlinable
    mutating func deliver(_ event: ScheduledEvent<Payload>) -> ScheduledEvent<Payload> {
        precondition(event.instant >= now, "Simulation: time went backwards")
        clock = event.instant
        delivered += 1
        return event
    }

    /// Checks the queue's bookkeeping (for tests).
    public func checkInvariants() { queue.checkInvariants() }
}

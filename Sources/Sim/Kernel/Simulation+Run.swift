/// Run loops: deliver events to a handler until a stopping rule holds.
///
/// The handler receives the simulation `inout`, so it can read `now` and schedule or
/// cancel events while it handles one. Events it schedules are delivered in the same
/// run if they fall before the stopping point.
///
/// Stopping rules, precisely:
/// - `run(until: t)` delivers every event due strictly before `t` (including events
///   scheduled along the way), then sets the clock to `t`. Events due exactly at `t`
///   stay pending. This is SimPy's `env.run(until=t)`: a run to 10 s followed by a run
///   to 20 s delivers each event once, and "the state at t" means "before anything
///   that happens at t".
/// - `run(through: t)` delivers every event due at or before `t`, cascades at `t`
///   included, then sets the clock to `t`. This is Spark's `ManualClock.advance`, which
///   fires every timer whose time has come.
/// - `runUntilEmpty()` delivers everything; the clock stays at the last event.
/// - `run(while:)` / `run(until:)` with a condition check it before each event
///   (first before anything is delivered) and stop as soon as it says stop; the clock
///   stays at the last event delivered.
///
/// Each returns the number of events it delivered.
extension Simulation {
    public typealias Handler = (inout Simulation<Payload>, Payload) -> Void

    /// Delivers every event due strictly before `limit`, then sets the clock to `limit`.
    @inlinable @discardableResult
    public mutating func run(until limit: SimInstant, _ handle: Handler) -> Int {
        precondition(limit >= now, "Simulation: run(until: \(limit)) is before now (\(now))")
        let start = stepCount
        while let event = step(before: limit) { handle(&self, event.payload) }
        advance(to: limit)
        return stepCount - start
    }

    /// Delivers every event due at or before `limit`, then sets the clock to `limit`.
    @inlinable @discardableResult
    public mutating func run(through limit: SimInstant, _ handle: Handler) -> Int {
        precondition(limit >= now, "Simulation: run(through: \(limit)) is before now (\(now))")
        let start = stepCount
        while let event = step(through: limit) { handle(&self, event.payload) }
        advance(to: limit)
        return stepCount - start
    }

    /// Delivers events until none is pending.
    @inlinable @discardableResult
    public mutating func runUntilEmpty(_ handle: Handler) -> Int {
        let start = stepCount
        while let event = step() { handle(&self, event.payload) }
        return stepCount - start
    }

    /// Delivers events while `condition` holds, checking it before each event.
    @inlinable @discardableResult
    public mutating func run(while condition: (Simulation<Payload>) -> Bool, _ handle: Handler) -> Int {
        let start = stepCount
        while condition(self), let event = step() { handle(&self, event.payload) }
        return stepCount - start
    }

    /// Delivers events until `condition` holds, checking it before each event.
    @inlinable @discardableResult
    public mutating func run(until condition: (Simulation<Payload>) -> Bool, _ handle: Handler) -> Int {
        run(while: { !condition($0) }, handle)
    }
}

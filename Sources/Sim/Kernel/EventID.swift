/// The handle of one scheduled event: what `EventQueue.cancel(_:)` and
/// `Simulation.cancel(_:)` take.
///
/// It records when the event was due and the sequence number that orders it among
/// events at the same instant, so a caller can log or compare handles without asking
/// the queue. `slot` names the queue's bookkeeping cell for the event; a cell is reused
/// once its event has left the queue, which is why cancellation checks the sequence too.
public struct EventID: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// When the event is (or was) due.
    public let instant: SimInstant
    /// The order in which the event was scheduled, unique within one queue; it breaks
    /// ties between events due at the same instant (first scheduled, first delivered).
    public let sequence: UInt64
    /// The queue's bookkeeping cell for this event (internal detail, stable for logging).
    @usableFromInline let slot: UInt32

    @inlinable
    init(instant: SimInstant, sequence: UInt64, slot: UInt32) {
        self.instant = instant
        self.sequence = sequence
        self.slot = slot
    }

    /// Delivery order: by instant, then by sequence.
    public static func < (a: EventID, b: EventID) -> Bool {
        (a.instant, a.sequence) < (b.instant, b.sequence)
    }

    public var description: String { "event#\(sequence)@\(instant)" }
}

/// An event taken out of the queue: its handle and the value it carries.
public struct ScheduledEvent<Payload> {
    public let id: EventID
    public let payload: Payload

    @inlinable
    init(id: EventID, payload: Payload) {
        self.id = id
        self.payload = payload
    }

    /// When the event is due; a shorthand for `id.instant`.
    @inlinable public var instant: SimInstant { id.instant }
}

extension ScheduledEvent: Sendable where Payload: Sendable {}
extension ScheduledEvent: Equatable where Payload: Equatable {}

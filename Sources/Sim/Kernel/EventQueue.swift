/// The pending events of a simulation, delivered in `(instant, sequence)` order.
///
/// Every event gets a sequence number when it is scheduled, and ties at one instant go
/// to the lower sequence: first scheduled, first delivered. No two keys are equal, so
/// the order never depends on the heap (`EventHeap`): the same schedule calls always
/// give the same delivery order, on every machine and run.
///
/// The payload is a generic value (an enum of the model's event kinds, an index...),
/// not a closure: an event costs no allocation of its own, and what fires is data that
/// can be logged and compared.
///
/// Cancellation is lazy: a cancelled event stays in the heap until it reaches the head,
/// where it is dropped without being delivered. A table of slots, one per event in the
/// heap, records which sequence number currently owns each slot; cancelling clears the
/// owner, so `cancel` and `isPending` are exact and O(1), and `count` counts only the
/// events that will be delivered. When nothing has been cancelled, delivery skips the
/// table lookup entirely. Free slots form a list threaded through the table itself (a
/// free cell holds `freeMark` and the next free slot), so taking and returning a slot
/// touches one cell and no second array.
///
/// A queue that holds many events keeps the later ones out of the heap (the far tier,
/// `EventQueue+FarTier.swift`): at 400,000 pending events a heap's bottom levels miss
/// the cache on every removal, where a far tier costs a few sequential passes per event.
/// Delivery order is the keys' order whichever tier an event waited in.
///
/// The queue accepts any instant; `Simulation` adds the rule that nothing is scheduled
/// before the current time.
///
/// The hot path is `@inlinable` because a profile said so: without it, a model in
/// another module (Lab's world events) runs this generic code unspecialised, through
/// witness tables, and PHOLD written outside `Sim` measured 0.74M instead of 5.5M
/// events/s.
///
/// - Complexity: `schedule` O(log n), `cancel` and `isPending` O(1), `popNext`
///   O(log n) amortised (each cancelled event is dropped once), where n counts events
///   in the heap including cancelled ones not yet dropped.
public struct EventQueue<Payload> {
    /// Owner value of a slot whose event was cancelled but is still in the heap.
    @usableFromInline static var vacant: UInt64 { .max }
    /// High bit of a free cell (sequence numbers stay below 2^63); the low 32 bits hold
    /// the next free slot, `endOfFreeList` for none.
    @usableFromInline static var freeMark: UInt64 { 1 << 63 }
    @usableFromInline static var endOfFreeList: UInt32 { .max }

    @usableFromInline var heap: EventHeap<Entry>
    /// `owners[slot]` is the sequence number of the pending event in that slot, `vacant`
    /// when its event was cancelled, or `freeMark | next` when the slot is free.
    @usableFromInline var owners: [UInt64] = []
    @usableFromInline var firstFreeSlot: UInt32 = EventQueue.endOfFreeList
    @usableFromInline var freeSlotCount = 0
    @usableFromInline var nextSequence: UInt64 = 0
    /// Cancelled events still queued (in the heap or the far tier).
    @usableFromInline var cancelledQueued = 0
    /// Later events in buckets of consecutive time ranges, earliest last, unordered
    /// within a bucket (`EventQueue+FarTier.swift`): bucket i holds the events due in
    /// [farStarts[i], farStarts[i - 1]). Every event in the heap is due before `horizon`,
    /// the earliest bucket's start (`.max` when there are no buckets; kept apart from
    /// `farStarts` so that scheduling compares one stored value).
    @usableFromInline var far: [ContiguousArray<Entry>] = []
    @usableFromInline var farStarts: [Int64] = []
    @usableFromInline var farCount = 0
    @usableFromInline var horizon: Int64 = .max
    /// The heap size that triggers a spill to the far tier (`spillThreshold`, or twice the
    /// heap after a spill found nothing to split).
    @usableFromInline var spillAt: Int
    /// The far tier's sizes: a heap over `spillThreshold` events spills all but about
    /// `refillTarget` of them; a refill takes a bucket of about `refillTarget`.
    @usableFromInline let spillThreshold: Int
    @usableFromInline let refillTarget: Int

    /// An empty queue with room for `minimumCapacity` events before it grows.
    @inlinable
    public init(minimumCapacity: Int = 0) {
        self.init(minimumCapacity: minimumCapacity, spillThreshold: 1 << 15, refillTarget: 1 << 14)
    }

    /// A queue with the far tier's sizes given (tests use small ones to exercise it).
    @inlinable
    init(minimumCapacity: Int, spillThreshold: Int, refillTarget: Int) {
        precondition(refillTarget > 0 && spillThreshold > refillTarget, "EventQueue: far tier sizes")
        heap = EventHeap(minimumCapacity: minimumCapacity)
        owners.reserveCapacity(minimumCapacity)
        self.spillThreshold = spillThreshold
        self.refillTarget = refillTarget
        spillAt = spillThreshold
    }

    /// Events that will still be delivered (scheduled, neither delivered nor cancelled).
    @inlinable
    public var count: Int { heap.count + farCount - cancelledQueued }

    @inlinable
    public var isEmpty: Bool { count == 0 }

    /// The number of events scheduled so far, delivered or not; the next sequence number.
    @inlinable
    public var scheduledCount: UInt64 { nextSequence }

    /// Adds an event due at `instant`, ordered after every event already scheduled for
    /// the same instant.
    @inlinable @discardableResult
    public mutating func schedule(_ payload: Payload, at instant: SimInstant) -> EventID {
        let sequence = nextSequence
        precondition(sequence < Self.freeMark, "EventQueue: 2^63 events scheduled")
        nextSequence += 1
        let slot: UInt32
        if firstFreeSlot != Self.endOfFreeList {
            slot = firstFreeSlot
            firstFreeSlot = UInt32(truncatingIfNeeded: owners[Int(slot)])
            owners[Int(slot)] = sequence
            freeSlotCount -= 1
        } else {
            precondition(owners.count < Int(UInt32.max), "EventQueue: more than 2^32 pending events")
            slot = UInt32(owners.count)
            owners.append(sequence)
        }
        let entry = Entry(time: instant.nanosecondsSinceStart, sequence: sequence, slot: slot, payload: payload)
        if entry.time >= horizon && !far.isEmpty {
            appendToFarTier(entry)
        } else {
            heap.insert(entry)
            if heap.count > spillAt { spillToFarTier() }
        }
        return EventID(instant: instant, sequence: sequence, slot: slot)
    }

    /// Cancels a pending event. Returns true if it was pending and will now never be
    /// delivered; false if it was already delivered or already cancelled (a no-op).
    ///
    /// `id` must come from this queue.
    @inlinable @discardableResult
    public mutating func cancel(_ id: EventID) -> Bool {
        guard isPending(id) else { return false }
        owners[Int(id.slot)] = Self.vacant
        cancelledQueued += 1
        return true
    }

    /// Whether the event is still due to be delivered. `id` must come from this queue.
    @inlinable
    public func isPending(_ id: EventID) -> Bool {
        precondition(Int(id.slot) < owners.count && id.sequence < nextSequence,
                     "EventQueue: \(id) was not scheduled on this queue")
        return owners[Int(id.slot)] == id.sequence
    }

    /// When the next event will be delivered, or nil when none is pending. Drops
    /// cancelled events found at the head, which is why it is `mutating`.
    @inlinable
    public mutating func nextInstant() -> SimInstant? {
        while let head = head() {
            if cancelledQueued == 0 || owners[Int(head.slot)] == head.sequence {
                return SimInstant(nanosecondsSinceStart: head.time)
            }
            release(heap.removeMin())
        }
        return nil
    }

    /// Removes and returns the next event in `(instant, sequence)` order, or nil.
    @inlinable
    public mutating func popNext() -> ScheduledEvent<Payload>? {
        popNext(limitNanoseconds: .max)
    }

    /// Removes and returns the next event if it is due at or before `limit`;
    /// otherwise leaves the queue as it is (apart from dropping cancelled events).
    @inlinable
    public mutating func popNext(dueAtOrBefore limit: SimInstant) -> ScheduledEvent<Payload>? {
        popNext(limitNanoseconds: limit.nanosecondsSinceStart)
    }

    /// Removes and returns the next event if it is due strictly before `limit`.
    @inlinable
    public mutating func popNext(dueBefore limit: SimInstant) -> ScheduledEvent<Payload>? {
        let ns = limit.nanosecondsSinceStart
        return ns == .min ? nil : popNext(limitNanoseconds: ns - 1)
    }

    @inlinable
    mutating func popNext(limitNanoseconds limit: Int64) -> ScheduledEvent<Payload>? {
        while let head = head(), head.time <= limit {
            let entry = heap.removeMin()
            if cancelledQueued > 0 && owners[Int(entry.slot)] != entry.sequence {
                release(entry)
                continue
            }
            freeSlot(entry.slot)
            let instant = SimInstant(nanosecondsSinceStart: entry.time)
            return ScheduledEvent(
                id: EventID(instant: instant, sequence: entry.sequence, slot: entry.slot),
                payload: entry.payload)
        }
        return nil
    }

    /// The heap's minimum, the heap refilled from the far tier first if it ran empty.
    @inlinable
    mutating func head() -> Entry? {
        if heap.isEmpty && farCount > 0 { refillFromFarTier() }
        return heap.min
    }

    /// Frees the slot of a cancelled event that has just left the heap.
    @inlinable
    mutating func release(_ cancelled: Entry) {
        precondition(owners[Int(cancelled.slot)] == Self.vacant, "EventQueue: live event dropped")
        cancelledQueued -= 1
        freeSlot(cancelled.slot)
    }

    /// Puts a slot at the head of the free list.
    @inlinable
    mutating func freeSlot(_ slot: UInt32) {
        owners[Int(slot)] = Self.freeMark | UInt64(firstFreeSlot)
        firstFreeSlot = slot
        freeSlotCount += 1
    }

    /// Checks the bookkeeping (for tests): slots, free list and counts agree.
    public func checkInvariants() {
        precondition(cancelledQueued >= 0 && cancelledQueued <= heap.count + farCount)
        precondition(owners.count == heap.count + farCount + freeSlotCount, "EventQueue: slot leak")
        precondition(far.count == farStarts.count && farCount == far.reduce(0) { $0 + $1.count },
                     "EventQueue: far tier counts")
        precondition(!far.isEmpty || horizon == .max, "EventQueue: a horizon without buckets")
        if !far.isEmpty {
            precondition(horizon == farStarts.last!, "EventQueue: horizon is not the earliest bucket's start")
            precondition(heap.entries.allSatisfy { $0.time < horizon }, "EventQueue: a heap event past the horizon")
            for i in far.indices {
                let end = i == 0 ? Int64.max : farStarts[i - 1]
                precondition(i == 0 || farStarts[i] < end, "EventQueue: bucket starts out of order")
                precondition(far[i].allSatisfy { $0.time >= farStarts[i] && (i == 0 || $0.time < end) },
                             "EventQueue: an event in the wrong bucket")
            }
        }
        var free = 0
        var slot = firstFreeSlot
        while slot != Self.endOfFreeList {
            precondition(owners[Int(slot)] & Self.freeMark != 0 && owners[Int(slot)] != Self.vacant,
                         "EventQueue: free list through a used slot")
            free += 1
            slot = UInt32(truncatingIfNeeded: owners[Int(slot)])
        }
        precondition(free == freeSlotCount, "EventQueue: free list length")
        let live = owners.reduce(0) { $0 + ($1 & Self.freeMark == 0 ? 1 : 0) }
        precondition(live == count, "EventQueue: count disagrees with slot owners")
        heap.checkInvariants()
    }

    /// One heap element: kept small (time, sequence, payload, slot) so that sifting
    /// moves few bytes. Ordered by time, then sequence; sequences are unique, so no
    /// two entries compare equal. The slot comes last so that it fills the payload's
    /// tail padding where there is some: an enum of an 8-byte value and a tag, say,
    /// makes a 32-byte entry instead of 40.
    @usableFromInline
    struct Entry: Comparable {
        @usableFromInline var time: Int64
        @usableFromInline var sequence: UInt64
        @usableFromInline var payload: Payload
        @usableFromInline var slot: UInt32

        @inlinable
        init(time: Int64, sequence: UInt64, slot: UInt32, payload: Payload) {
            self.time = time
            self.sequence = sequence
            self.slot = slot
            self.payload = payload
        }

        /// One 128-bit comparison (time with its sign bit flipped, then sequence): a
        /// subtract-with-borrow and no branch, where the two-field form branched on data
        /// the predictor cannot learn while sifting.
        @inlinable
        static func < (a: Entry, b: Entry) -> Bool {
            let signBit: UInt64 = 1 << 63
            return UInt128(_low: a.sequence, _high: UInt64(bitPattern: a.time) ^ signBit)
                < UInt128(_low: b.sequence, _high: UInt64(bitPattern: b.time) ^ signBit)
        }

        @inlinable
        static func == (a: Entry, b: Entry) -> Bool { a.sequence == b.sequence }
    }
}

import Testing
@testable import Sim

@Suite("EventQueue")
struct EventQueueTests {
    private func at(_ seconds: Int64) -> SimInstant { .zero + .seconds(seconds) }

    @Test("events at one instant are delivered in the order they were scheduled")
    func tiesAreFirstScheduledFirstDelivered() {
        var queue = EventQueue<Int>()
        for value in 0..<1_000 { queue.schedule(value, at: at(5)) }
        queue.schedule(-1, at: at(1))
        var delivered: [Int] = []
        while let event = queue.popNext() { delivered.append(event.payload) }
        #expect(delivered == [-1] + Array(0..<1_000))
    }

    @Test("events come out by instant, then by sequence")
    func ordersByInstantThenSequence() {
        var queue = EventQueue<String>()
        queue.schedule("c", at: at(3))
        queue.schedule("a1", at: at(1))
        queue.schedule("b", at: at(2))
        queue.schedule("a2", at: at(1))
        let order = (0..<4).compactMap { _ in queue.popNext()?.payload }
        #expect(order == ["a1", "a2", "b", "c"])
        #expect(queue.popNext() == nil)
    }

    @Test("cancelling a pending event removes it and updates count")
    func cancelPending() {
        var queue = EventQueue<Int>()
        let first = queue.schedule(1, at: at(1))
        let second = queue.schedule(2, at: at(2))
        queue.schedule(3, at: at(3))
        #expect(queue.count == 3)
        #expect(queue.cancel(second) == true)
        #expect(queue.count == 2)
        #expect(!queue.isPending(second))
        #expect(queue.isPending(first))
        #expect(queue.cancel(second) == false, "cancelling twice is a no-op")
        #expect(queue.count == 2)
        #expect(queue.popNext()?.payload == 1)
        #expect(queue.popNext()?.payload == 3)
        #expect(queue.popNext() == nil)
        #expect(queue.isEmpty)
        queue.checkInvariants()
    }

    @Test("cancelling an event that already fired returns false and changes nothing")
    func cancelFiredIsNoOp() {
        var queue = EventQueue<Int>()
        let fired = queue.schedule(1, at: at(1))
        queue.schedule(2, at: at(2))
        #expect(queue.popNext()?.id == fired)
        #expect(queue.cancel(fired) == false)
        #expect(queue.count == 1)
        // The fired event's slot is reused; the old handle must not cancel the newcomer.
        let newcomer = queue.schedule(3, at: at(3))
        #expect(newcomer.slot == fired.slot)
        #expect(queue.cancel(fired) == false)
        #expect(queue.isPending(newcomer))
        #expect(queue.count == 2)
        queue.checkInvariants()
    }

    @Test("nextInstant skips cancelled events at the head")
    func nextInstantSkipsCancelled() {
        var queue = EventQueue<Int>()
        let head = queue.schedule(1, at: at(1))
        queue.schedule(2, at: at(4))
        #expect(queue.nextInstant() == at(1))
        queue.cancel(head)
        #expect(queue.nextInstant() == at(4))
        #expect(queue.count == 1)
        queue.checkInvariants()
    }

    @Test("popNext with a limit leaves later events pending")
    func popWithLimit() {
        var queue = EventQueue<Int>()
        queue.schedule(1, at: at(1))
        queue.schedule(2, at: at(2))
        #expect(queue.popNext(dueBefore: at(1)) == nil)
        #expect(queue.popNext(dueAtOrBefore: at(1))?.payload == 1)
        #expect(queue.popNext(dueBefore: at(2)) == nil)
        #expect(queue.popNext(dueBefore: at(3))?.payload == 2)
        #expect(queue.popNext(dueBefore: SimInstant(nanosecondsSinceStart: .min)) == nil)
    }

    @Test("payloads with references are neither leaked nor released early by the heap's moves")
    func referencePayloadsSurviveHeapMoves() {
        final class Box { let value: Int; init(_ value: Int) { self.value = value } }
        weak var probe: Box?
        do {
            var queue = EventQueue<Box>()
            let random = RandomStream(name: "test.queue-boxes", seed: 7)
            var expected: [Int] = []
            for i in 0..<500 {
                let box = Box(i)
                if i == 250 { probe = box }
                let at = SimInstant(nanosecondsSinceStart: Int64(random.integer(below: 100)))
                queue.schedule(box, at: at)
                expected.append(i)
            }
            queue.checkInvariants()
            var seen: [Int] = []
            while let event = queue.popNext() { seen.append(event.payload.value) }
            #expect(seen.sorted() == expected)
            #expect(probe == nil, "the queue still holds a payload it delivered")
        }
        #expect(probe == nil)
    }

    /// Default sizes (one heap: the mix never holds 32,768 events) and a far tier of a few
    /// dozen events, with times close together (many ties) or spread out (many buckets).
    @Test("random schedule/cancel mixes pop in (instant, sequence) order",
          arguments: [(false, 20), (true, 20), (true, 5_000)], 1...12)
    func matchesSortedReference(mix: (smallFarTier: Bool, spread: Int), seed: Int) {
        let (smallFarTier, spread) = mix
        let random = RandomStream(name: "test.queue", seed: UInt32(seed))
        var queue = smallFarTier
            ? EventQueue<UInt64>(minimumCapacity: 0, spillThreshold: 48, refillTarget: 12)
            : EventQueue<UInt64>()
        var reference: [EventID] = []  // pending ids, unsorted
        var delivered: [EventID] = []
        var floor: Int64 = 0
        for _ in 0..<3_000 {
            let roll = random.integer(below: 10)
            if roll < 5 {
                // Few distinct instants so that ties are common.
                let instant = SimInstant(nanosecondsSinceStart: floor + Int64(random.integer(below: spread)))
                let id = queue.schedule(queue.scheduledCount, at: instant)
                #expect(id.sequence == queue.scheduledCount - 1)
                reference.append(id)
            } else if roll < 7, !reference.isEmpty {
                let id = reference.remove(at: random.integer(below: reference.count))
                #expect(queue.cancel(id) == true, "seed \(seed)")
                #expect(queue.cancel(id) == false, "seed \(seed)")
            } else if roll == 9, let next = queue.nextInstant() {
                #expect(next == reference.min()!.instant, "seed \(seed)")
                let justBefore = SimInstant(nanosecondsSinceStart: next.nanosecondsSinceStart - 1)
                #expect(queue.popNext(dueAtOrBefore: justBefore) == nil, "seed \(seed)")
            } else if let event = queue.popNext(dueAtOrBefore: SimInstant(nanosecondsSinceStart: .max)) {
                let expected = reference.min()!
                #expect(event.id == expected, "seed \(seed)")
                #expect(event.payload == expected.sequence)
                reference.removeAll { $0 == expected }
                delivered.append(event.id)
                floor = event.instant.nanosecondsSinceStart
            }
            #expect(queue.count == reference.count, "seed \(seed)")
            if queue.scheduledCount % 97 == 0 || smallFarTier { queue.checkInvariants() }
        }
        queue.checkInvariants()
        for id in delivered.suffix(50) { #expect(queue.cancel(id) == false) }
        while let event = queue.popNext() {
            let expected = reference.min()!
            #expect(event.id == expected, "seed \(seed)")
            reference.removeAll { $0 == expected }
        }
        #expect(reference.isEmpty)
        #expect(zip(delivered, delivered.dropFirst()).allSatisfy { $0 < $1 }, "seed \(seed)")
        queue.checkInvariants()
    }
}

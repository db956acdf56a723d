/// The far tier: when the heap holds more than `spillThreshold` events (32,768 unless a
/// test says otherwise), the later ones wait outside it, unordered, in buckets of
/// consecutive time ranges, while the heap (about `refillTarget`, 16,384 events: half a
/// megabyte of 32-byte entries) stays in a core's cache. At 400,000 pending events (the
/// engine benchmark at 100,000 executors) a single heap's bottom levels missed the cache
/// on every removal.
///
/// Every event in the heap is due before the first bucket's start (`horizon`), and every
/// bucket's events before the next bucket's start, so the heap's minimum is the queue's.
/// A new event due at or after the horizon is appended to its bucket (a binary search over
/// a few starts). When the heap runs empty it takes the first bucket, which is split by
/// time first when it holds many more than `refillTarget`; when the heap outgrows
/// `spillAt`, its later events become a new first bucket. Split times come from evenly
/// spaced samples, so the tiers depend only on the events queued, and the order of
/// delivery is the keys' order in any case (no two keys are equal).
extension EventQueue {
    /// How many buckets a split makes.
    @usableFromInline static var splitWays: Int { 16 }

    /// Appends an event due at or after the horizon to its bucket. Buckets are stored
    /// last-first: `farStarts` descends, and the last bucket is the earliest.
    @inlinable
    mutating func appendToFarTier(_ entry: Entry) {
        // The bucket is the last one whose start is at or before the entry's time.
        var low = 0
        var high = farStarts.count - 1
        while low < high {
            let middle = (low + high) / 2
            if farStarts[middle] <= entry.time { high = middle } else { low = middle + 1 }
        }
        far[low].append(entry)
        farCount += 1
    }

    /// Moves the earliest bucket (split until it is small) into the empty heap.
    @usableFromInline
    mutating func refillFromFarTier() {
        precondition(heap.isEmpty && farCount > 0, "EventQueue: refill with events in the heap or none far")
        // A bucket is created holding an event due at its start, and events leave buckets
        // only here, so the earliest is never empty; dropping empty ones anyway keeps the
        // heap from being filled with nothing (which would end a run early).
        while true {
            while far.last!.isEmpty {
                far.removeLast()
                farStarts.removeLast()
            }
            guard far.last!.count > 2 * refillTarget, splitEarliestBucket() else { break }
        }
        let bucket = far.removeLast()
        precondition(!bucket.isEmpty, "EventQueue: an empty bucket taken")
        farStarts.removeLast()
        farCount -= bucket.count
        heap.fill(with: bucket)
        if farCount == 0 {
            far.removeAll()
            farStarts.removeAll()
            horizon = .max
        } else {
            horizon = farStarts.last!
        }
    }

    /// Splits the earliest bucket by sampled times; false when its events cannot be split
    /// (all due at one instant).
    @usableFromInline
    mutating func splitEarliestBucket() -> Bool {
        let bucket = far.last!
        let start = farStarts.last!
        // New starts: the old one, then each distinct sampled time after it (ascending).
        var starts = [start]
        for time in Self.sampledTimes(of: bucket, count: Self.splitWays) where time > starts.last! {
            starts.append(time)
        }
        guard starts.count > 1 else { return false }
        var parts = [ContiguousArray<Entry>](repeating: [], count: starts.count)
        for entry in bucket {
            var low = 0
            var high = starts.count - 1
            while low < high {
                let middle = (low + high + 1) / 2
                if starts[middle] <= entry.time { low = middle } else { high = middle - 1 }
            }
            parts[low].append(entry)
        }
        far.removeLast()
        farStarts.removeLast()
        starts.reverse()
        parts.reverse()
        far.append(contentsOf: parts)
        farStarts.append(contentsOf: starts)
        return true
    }

    /// Moves the heap's later events (all but about `refillTarget`) to a new earliest
    /// bucket; when no sampled time is later than the heap's minimum (nothing to split),
    /// waits until the heap has doubled before trying again.
    @usableFromInline
    mutating func spillToFarTier() {
        let earliest = heap.min!.time
        let times = Self.sampledTimes(of: heap.entries, count: 256)
        let target = Swift.min(times.count - 1, refillTarget * times.count / heap.count)
        guard let cut = times[target...].first(where: { $0 > earliest }) else {
            spillAt = 2 * heap.count
            return
        }
        var bucket = ContiguousArray<Entry>()
        heap.moveOut(where: { $0.time >= cut }, appendingTo: &bucket)
        spillAt = spillThreshold
        farCount += bucket.count
        far.append(bucket)
        farStarts.append(cut)
        horizon = cut
    }

    /// `count` times of `entries` at evenly spaced positions, sorted.
    @usableFromInline
    static func sampledTimes(of entries: ContiguousArray<Entry>, count: Int) -> [Int64] {
        let n = entries.count
        let samples = Swift.max(1, Swift.min(n, count))
        var times: [Int64] = []
        times.reserveCapacity(samples)
        for i in 0..<samples { times.append(entries[i * n / samples].time) }
        return times.sorted()
    }
}

/// The iteration order of Scala 2.13's `mutable.HashMap` / `mutable.HashSet`, for the
/// few places where Spark's scheduler lets that order decide something.
///
/// Spark iterates `taskInfos` (keyed by TID) when an executor is lost, `runningTasksSet`
/// when it looks for speculatable tasks, and `forHost` when it resolves racks for a new
/// task set. The JVM's order is deterministic: Java's `hashCode`, Scala's
/// `improveHash(h) = h ^ (h >>> 16)`, bucket `improved & (capacity - 1)`, and buckets
/// kept sorted by improved hash. Reproducing it keeps sparksim's choices identical to
/// Spark's instead of merely deterministic. Tables start at 16 buckets, double when an
/// insertion finds `size + 1 >= 0.75 × capacity`, and never shrink.
enum ScalaHashOrder {
    /// Scala's `improveHash`.
    static func improve(_ hash: Int32) -> Int32 {
        hash ^ Int32(bitPattern: UInt32(bitPattern: hash) >> 16)
    }

    /// Java's `Long.hashCode` (what Scala's `##` gives for a TID).
    static func hash(of value: Int) -> Int32 {
        let v = Int64(value)
        if v >= Int64(Int32.min) && v <= Int64(Int32.max) { return Int32(v) }
        let u = UInt64(bitPattern: v)
        return Int32(truncatingIfNeeded: u ^ (u >> 32))
    }

    /// Java's `String.hashCode` over UTF-16 code units.
    static func hash(of string: String) -> Int32 {
        var h: Int32 = 0
        for unit in string.utf16 { h = h &* 31 &+ Int32(unit) }
        return h
    }

    /// The table capacity after a table has held at most `maximumSize` entries at once.
    static func capacity(forMaximumSize maximumSize: Int) -> Int {
        var capacity = 16
        while maximumSize >= Int(Double(capacity) * 0.75) { capacity *= 2 }
        return capacity
    }

    /// The sort key of a hash in a table of `capacity` buckets: bucket, then signed hash.
    static func key(_ hash: Int32, capacity: Int) -> (Int, Int32) {
        let improved = improve(hash)
        return (Int(UInt32(bitPattern: improved)) & (capacity - 1), improved)
    }

    /// `values` in the order a Scala hash set of `capacity` buckets iterates them
    /// (insertion order breaks ties, as Scala keeps equal hashes in insertion order).
    static func ordered<T>(_ values: [T], capacity: Int, hash: (T) -> Int32) -> [T] {
        let keyed = values.enumerated().map { (key(hash($0.element), capacity: capacity), $0.offset) }
        return keyed.sorted { a, b in
            if a.0.0 != b.0.0 { return a.0.0 < b.0.0 }
            if a.0.1 != b.0.1 { return a.0.1 < b.0.1 }
            return a.1 < b.1
        }.map { values[$0.1] }
    }
}

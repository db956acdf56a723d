/// The handles (transfer or event ids) of a collective's operations that are under way,
/// so that an abort can cancel them.
///
/// Why not a `Dictionary`: every transfer of a collective passes through here twice, and
/// hashing cost 15% of a 1024-rank ring's run; a dense array with swap-removal and a
/// position per operation costs two array writes. Order is not kept: `abort` sorts.
///
/// - Complexity: `insert`, `remove` O(1); memory O(operations) for the position index.
struct InFlightSet<Handle: Comparable> {
    private var entries: [(operation: Int32, handle: Handle)] = []
    /// `positions[op]` is op's index in `entries`, or −1.
    private var positions: [Int32]

    init(operations: Int) { positions = Array(repeating: -1, count: operations) }

    var count: Int { entries.count }

    mutating func insert(_ handle: Handle, for operation: Int32) {
        precondition(positions[Int(operation)] < 0, "InFlightSet: operation \(operation) already under way")
        positions[Int(operation)] = Int32(entries.count)
        entries.append((operation, handle))
    }

    /// Removes `operation`'s handle; false if it was not under way.
    @discardableResult
    mutating func remove(_ operation: Int32) -> Bool {
        let position = Int(positions[Int(operation)])
        guard position >= 0 else { return false }
        let last = entries.removeLast()
        if position < entries.count {
            entries[position] = last
            positions[Int(last.operation)] = Int32(position)
        }
        positions[Int(operation)] = -1
        return true
    }

    /// The handles, in ascending order (the order they were issued, for ids that count up).
    func sortedHandles() -> [Handle] { entries.map(\.handle).sorted() }
}

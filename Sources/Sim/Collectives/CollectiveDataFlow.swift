import HeapModule

/// A symbolic check that a schedule computes what it claims: each rank's buffer is
/// tracked cell by cell as the *set of ranks whose contributions it holds* (a bitset),
/// and the operations are applied in a given order.
///
/// Why several orders: a schedule is correct only if every order its dependencies allow
/// gives the same, right answer. Running it in index order, in the latest-first order
/// (which delays each operation as long as the dependencies allow) and in seeded random
/// orders catches a missing dependency, since with one missing some order reads data
/// before it is produced or overwrites it while it is still needed.
///
/// Semantics: a transfer takes the sender's cells as they are when it runs; `.copy`
/// overwrites the receiver's cells; `.reduce` parks them until the reduction, which
/// unites them with the receiver's (a rank counted twice is an error: double
/// reduction); `.gather` keeps them apart at the receiver, per cell.
///
/// - Complexity: O(operations · cells touched · ⌈p/64⌉) time, O(p · cells · ⌈p/64⌉) memory.
public struct CollectiveDataFlow {
    private let schedule: CollectiveSchedule
    private let words: Int
    private var contents: [UInt64]
    private var gathered: [UInt64]
    private var parked: [Int32: [UInt64]] = [:]  // lookup only, never iterated
    private var problems: [String] = []

    /// Checks `schedule` in `order` (every operation once, dependencies first) and returns
    /// the problems found, at most `limit`; empty means the schedule is a correct
    /// allreduce (or, for `.allToAll`, a correct shuffle).
    public static func problems(in schedule: CollectiveSchedule, order: [Int], limit: Int = 10) -> [String] {
        var check = CollectiveDataFlow(schedule)
        check.apply(order, limit: limit)
        if check.problems.isEmpty { check.checkGoal(limit: limit) }
        return check.problems
    }

    private init(_ schedule: CollectiveSchedule) {
        self.schedule = schedule
        words = (schedule.ranks + 63) / 64
        contents = Array(repeating: 0, count: schedule.ranks * schedule.cellCount * words)
        gathered = contents
        for rank in 0..<schedule.ranks {
            for cell in 0..<schedule.cellCount { contents[slot(rank, cell) + rank / 64] = 1 << UInt64(rank % 64) }
        }
    }

    private func slot(_ rank: Int, _ cell: Int) -> Int { (rank * schedule.cellCount + cell) * words }

    /// The ranks whose contributions `rank` holds in `cell`.
    private func bits(rank: Int, cell: Int) -> ArraySlice<UInt64> {
        contents[slot(rank, cell)..<slot(rank, cell) + words]
    }

    private mutating func apply(_ order: [Int], limit: Int) {
        var position = [Int](repeating: -1, count: schedule.operations.count)
        guard order.count == position.count else {
            problems.append("order has \(order.count) operations, schedule \(position.count)")
            return
        }
        for (index, op) in order.enumerated() {
            guard position[op] < 0 else { return problems.append("operation \(op) appears twice") }
            position[op] = index
            for dependency in schedule.dependencies(of: op) where position[Int(dependency)] < 0 {
                return problems.append("operation \(op) runs before its dependency \(dependency)")
            }
            run(op)
            if problems.count >= limit { return }
        }
    }

    private mutating func run(_ index: Int) {
        let op = schedule.operations[index]
        let source = Int(op.rank), target = Int(op.peer)
        switch (op.kind, op.arrival) {
        case (.transfer, .copy):
            for cell in op.cells { copy(from: slot(source, cell), to: slot(target, cell)) }
        case (.transfer, .reduce):
            parked[Int32(index)] = op.cells.flatMap { cell in bits(rank: source, cell: cell) }
        case (.transfer, .gather):
            for cell in op.cells
            where !Self.unite(contents, slot(source, cell), into: &gathered, slot(target, cell), words: words) {
                problems.append("operation \(index) (\(op)) gathers some rank twice")
            }
        case (.reduce, _):
            guard let data = parked.removeValue(forKey: op.input) else {
                return problems.append("reduction \(index) finds no data from transfer \(op.input)")
            }
            for (offset, cell) in op.cells.enumerated()
            where !Self.unite(data, offset * words, into: &contents, slot(target, cell), words: words) {
                problems.append("operation \(index) (\(op)) counts some rank twice")
            }
        }
    }

    private mutating func copy(from source: Int, to target: Int) {
        for word in 0..<words { contents[target + word] = contents[source + word] }
    }

    /// Adds the ranks in `data[from...]` to `store[to...]`; false if some were already there.
    private static func unite(_ data: [UInt64], _ from: Int, into store: inout [UInt64], _ to: Int,
                              words: Int) -> Bool {
        var disjoint = true
        for word in 0..<words {
            disjoint = disjoint && store[to + word] & data[from + word] == 0
            store[to + word] |= data[from + word]
        }
        return disjoint
    }

    private mutating func checkGoal(limit: Int) {
        if !parked.isEmpty { problems.append("\(parked.count) received buffers were never reduced") }
        let full = (0..<words).map { word in
            word == words - 1 && schedule.ranks % 64 != 0 ? (UInt64(1) << UInt64(schedule.ranks % 64)) - 1 : ~0
        }
        for cell in 0..<schedule.cellCount where problems.count < limit {
            if schedule.algorithm.isAllreduce {
                for rank in 0..<schedule.ranks where Array(bits(rank: rank, cell: cell)) != full {
                    problems.append("rank \(rank) ends without every contribution in cell \(cell)")
                    break
                }
            } else {
                checkShuffled(cell: cell, full: full)
            }
        }
    }

    /// A shuffle is right when exactly one rank received the cell, from every other rank.
    private mutating func checkShuffled(cell: Int, full: [UInt64]) {
        var owners = 0
        for rank in 0..<schedule.ranks {
            let got = Array(gathered[slot(rank, cell)..<slot(rank, cell) + words])
            guard got.contains(where: { $0 != 0 }) else { continue }
            owners += 1
            var expected = full
            expected[rank / 64] &= ~(1 << UInt64(rank % 64))
            if got != expected { problems.append("rank \(rank) gathered cell \(cell) from the wrong ranks") }
        }
        if owners != 1 && schedule.ranks > 1 { problems.append("cell \(cell) was gathered by \(owners) ranks") }
    }
}

extension CollectiveDataFlow {
    /// The operations in index order (the order the schedule lists them).
    public static func indexOrder(_ schedule: CollectiveSchedule) -> [Int] { Array(schedule.operations.indices) }

    /// A topological order that always runs the ready operation with the largest index:
    /// everything is delayed as long as its dependents allow.
    public static func latestFirstOrder(_ schedule: CollectiveSchedule) -> [Int] {
        var heap = Heap<Int>()
        return topologicalOrder(schedule, push: { heap.insert($0) }, pop: { heap.popMax() })
    }

    /// A topological order that picks each next operation uniformly among the ready ones.
    public static func randomOrder(_ schedule: CollectiveSchedule, stream: RandomStream) -> [Int] {
        var ready: [Int] = []
        return topologicalOrder(schedule, push: { ready.append($0) }, pop: {
            guard !ready.isEmpty else { return nil }
            let pick = stream.integer(below: ready.count)
            ready.swapAt(pick, ready.count - 1)
            return ready.removeLast()
        })
    }

    private static func topologicalOrder(_ schedule: CollectiveSchedule, push: (Int) -> Void,
                                         pop: () -> Int?) -> [Int] {
        let dependents = schedule.dependents
        var waits = dependents.waitCounts
        for op in schedule.operations.indices where waits[op] == 0 { push(op) }
        var order: [Int] = []
        order.reserveCapacity(waits.count)
        while let op = pop() {
            order.append(op)
            for next in dependents.of(op) {
                waits[Int(next)] -= 1
                if waits[Int(next)] == 0 { push(Int(next)) }
            }
        }
        return order
    }
}

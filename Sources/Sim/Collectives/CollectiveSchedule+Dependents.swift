/// The reverse of a schedule's dependency lists: for each operation, the operations
/// waiting for it, in ascending index order (so whoever walks it starts ready
/// operations in a fixed order); and how many operations involve each rank, so that an
/// execution knows when a rank is done.
///
/// - Complexity: O(operations + dependencies) to build; lookups O(1).
struct ScheduleDependents: Sendable {
    private let start: [Int32]
    private let list: [Int32]
    /// How many operations each operation waits for.
    let waitCounts: [Int32]
    /// Operations that involve each rank (a transfer involves both ends).
    let rankOperationCounts: [Int32]

    static let empty = ScheduleDependents(start: [0], list: [], waitCounts: [], rankOperationCounts: [])

    private init(start: [Int32], list: [Int32], waitCounts: [Int32], rankOperationCounts: [Int32]) {
        self.start = start
        self.list = list
        self.waitCounts = waitCounts
        self.rankOperationCounts = rankOperationCounts
    }

    init(_ schedule: CollectiveSchedule) {
        let count = schedule.operations.count
        var start = [Int32](repeating: 0, count: count + 1)
        var waits = [Int32](repeating: 0, count: count)
        for op in 0..<count {
            let dependencies = schedule.dependencies(of: op)
            waits[op] = Int32(dependencies.count)
            for dependency in dependencies { start[Int(dependency) + 1] += 1 }
        }
        for op in 0..<count { start[op + 1] += start[op] }
        var fill = start
        var list = [Int32](repeating: 0, count: schedule.dependencyCount)
        for op in 0..<count {
            for dependency in schedule.dependencies(of: op) {
                list[Int(fill[Int(dependency)])] = Int32(op)
                fill[Int(dependency)] += 1
            }
        }
        var perRank = [Int32](repeating: 0, count: schedule.ranks)
        for op in schedule.operations {
            perRank[Int(op.rank)] += 1
            if op.peer != op.rank { perRank[Int(op.peer)] += 1 }
        }
        self.init(start: start, list: list, waitCounts: waits, rankOperationCounts: perRank)
    }

    /// The operations that depend on `op`.
    func of(_ op: Int) -> ArraySlice<Int32> { list[Int(start[op])..<Int(start[op + 1])] }
}

/// What an execution asks its runner to do.
enum ExecutionAction: Hashable, Sendable {
    /// Start operation `operation`'s transfer of `bytes` from rank `source` to `destination`.
    case transfer(operation: Int32, source: Int32, destination: Int32, bytes: Int64)
    /// Operation `operation` (a reduction) ends after `duration`.
    case reduction(operation: Int32, duration: SimDuration)
}

/// One run of a `CollectiveSchedule`: which operations are still waiting, which ranks
/// are done. A value with no clock and no network: the runner reports completions and
/// performs the returned actions (STYLE habit 6, decisions are values).
///
/// Operations become ready when their last dependency completes; ready operations are
/// started in ascending index order within one completion (the dependents index is
/// sorted), so the run is the same every time. A rank's device reduces one buffer at a
/// time, first ready first served; zero-duration reductions complete at once, inside
/// the same call, without an event.
///
/// - Complexity: O(1 + dependents) per completion, amortised; memory O(operations).
struct ScheduleExecution {
    let schedule: CollectiveSchedule
    let reduction: ReductionCost
    let start: SimInstant
    private var waits: [Int32]
    private var rankOperationsLeft: [Int32]
    /// When each rank's reducing device is next free: reductions queue there in the
    /// order they become ready.
    private var deviceFree: [SimInstant]
    private(set) var rankFinish: [SimInstant]
    private(set) var ranksLeft: Int
    private(set) var operationsLeft: Int
    /// Zero-time reductions ready to complete, first in first out.
    private var worklist: [Int32] = []

    init(schedule: CollectiveSchedule, reduction: ReductionCost, start: SimInstant) {
        self.schedule = schedule
        self.reduction = reduction
        self.start = start
        waits = schedule.dependents.waitCounts
        rankOperationsLeft = schedule.dependents.rankOperationCounts
        rankFinish = Array(repeating: start, count: schedule.ranks)
        deviceFree = rankFinish
        ranksLeft = rankOperationsLeft.reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
        operationsLeft = schedule.operations.count
    }

    var isFinished: Bool { operationsLeft == 0 }

    /// Each rank's finish instant, nil for ranks still working.
    var finishedRanks: [SimInstant?] {
        (0..<schedule.ranks).map { rankOperationsLeft[$0] == 0 ? rankFinish[$0] : nil }
    }

    /// The operations with no dependencies, started at `start`.
    mutating func begin(into actions: inout [ExecutionAction]) {
        for op in schedule.operations.indices where waits[op] == 0 {
            ready(Int32(op), now: start, into: &actions)
        }
        drain(now: start, into: &actions)
    }

    /// Operation `op` completed at `now`: releases its dependents.
    mutating func complete(_ op: Int32, now: SimInstant, into actions: inout [ExecutionAction]) {
        finish(op, now: now, into: &actions)
        drain(now: now, into: &actions)
    }

    private mutating func finish(_ op: Int32, now: SimInstant, into actions: inout [ExecutionAction]) {
        precondition(waits[Int(op)] == 0, "ScheduleExecution: operation \(op) completed before it was ready")
        waits[Int(op)] = -1
        operationsLeft -= 1
        let operation = schedule.operations[Int(op)]
        release(rank: Int(operation.rank), now: now)
        if operation.peer != operation.rank { release(rank: Int(operation.peer), now: now) }
        for next in schedule.dependents.of(Int(op)) {
            waits[Int(next)] -= 1
            if waits[Int(next)] == 0 { ready(next, now: now, into: &actions) }
        }
    }

    private mutating func release(rank: Int, now: SimInstant) {
        rankOperationsLeft[rank] -= 1
        assert(rankOperationsLeft[rank] >= 0, "ScheduleExecution: rank \(rank) over-completed")
        if rankOperationsLeft[rank] == 0 {
            rankFinish[rank] = now
            ranksLeft -= 1
        }
    }

    private mutating func ready(_ op: Int32, now: SimInstant, into actions: inout [ExecutionAction]) {
        let operation = schedule.operations[Int(op)]
        switch operation.kind {
        case .transfer:
            actions.append(.transfer(operation: op, source: operation.rank, destination: operation.peer,
                                     bytes: operation.bytes))
        case .reduce:
            let rank = Int(operation.rank)
            let duration = reduction.duration(bytes: operation.bytes, rank: rank)
            if duration == .zero {
                worklist.append(op)
            } else {
                let begin = max(now, deviceFree[rank])
                deviceFree[rank] = begin + duration
                actions.append(.reduction(operation: op, duration: deviceFree[rank] - now))
            }
        }
    }

    /// Completes the zero-time reductions made ready meanwhile, and what they release.
    private mutating func drain(now: SimInstant, into actions: inout [ExecutionAction]) {
        var next = 0
        while next < worklist.count {
            finish(worklist[next], now: now, into: &actions)
            next += 1
        }
        worklist.removeAll(keepingCapacity: true)
    }
}

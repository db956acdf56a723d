/// Turns a `CollectivePlan` into a `CollectiveSchedule`: cuts transfers into chunks,
/// adds a reduction after every `.reduce` arrival, and derives every dependency.
///
/// Why derived, not stated by each algorithm: the rules are the same for all of them,
/// and deriving them from the bytes each operation reads and writes is what makes the
/// pipelined (chunked) schedules correct without special cases. Per rank and cell it
/// tracks the last writer and the sends (reads) since, and adds:
/// - a send waits for the last write of its cells at the sender, and for earlier-round
///   sends of them (a rank sends one piece of data to its peers in the algorithm's
///   order: the binomial broadcast's root serves p/2 first, then p/4, ...);
/// - a `.copy` arrival waits for the last write and every read of its cells at the
///   destination (no overwriting data that is still being read or produced);
/// - a reduction waits for its input and the last write and reads of its cells (one
///   device reduces one buffer at a time, but that is a queue at run time, in the order
///   reductions become ready: `ScheduleExecution`, not an order fixed here);
/// - chunk i of a transfer waits for chunk i − `chunksInFlight` of it;
/// - without chunking, MPI's step semantics on top: a rank's sends in a round wait for
///   everything it did in its previous active round (its sends, its receives, its last
///   reduction, and what that round waited for if it sent nothing); its reductions in a
///   round wait for its sends of that round (`MPI_Sendrecv`, then `MPI_Reduce_local`) and
///   for its previous reduction (one MPI process reduces in program order).
///   A transfer also waits for its receiver to have finished *its* previous active round:
///   a rendezvous, as MPI posts the receive in the same `sendrecv` and SimGrid's SMPI
///   moves a large message only once both sides have posted it. (In MPICH's fold for a
///   non-power-of-two p, this is what keeps a partner from sending to a rank that is
///   still receiving its folded-in data.)
///
/// - Complexity: O(operations + dependencies + ranks · cells) time and memory, plus
///   O(k) per send of a cell already sent k times in the same round.
struct ScheduleCompiler {
    private let plan: CollectivePlan
    private let chunking: CollectiveChunking?
    private(set) var cellOffsets: [Int64] = [0]
    private var blockFirstCell: [Int32] = [0]
    private(set) var operations: [CollectiveOperation] = []
    private(set) var dependencyStart: [Int32] = [0]
    private(set) var dependencyList: [Int32] = []

    /// Hazard state, indexed rank · cells + cell: the last writer, and the newest read
    /// since (a linked list through `readNodes`, newest first, so rounds descend).
    private var lastWrite: [Int32] = []
    private var readHead: [Int32] = []
    private var readNodes: [(op: Int32, round: Int32, next: Int32)] = []
    private var lastReduce: [Int32]
    /// Step state (unchunked only), per rank.
    private var activeRound: [Int32]
    private var previousRound: [[Int32]]
    private var sendsThisRound: [[Int32]]
    private var receivesThisRound: [[Int32]]
    private var reduceThisRound: [Int32]
    /// `stamp[d] == i` when operation d is already a dependency of operation i.
    private var stamp: [Int32] = []
    private var collected: [Int32] = []

    init(plan: CollectivePlan, chunking: CollectiveChunking?) {
        self.plan = plan
        self.chunking = chunking
        let ranks = plan.ranks
        lastReduce = Array(repeating: -1, count: ranks)
        activeRound = Array(repeating: -1, count: ranks)
        previousRound = Array(repeating: [], count: ranks)
        sendsThisRound = previousRound
        receivesThisRound = previousRound
        reduceThisRound = lastReduce
        for block in 0..<plan.blockCount {
            let start = plan.blockOffsets[block], size = plan.blockOffsets[block + 1] - start
            let pieces = chunking.map { max(1, (size + $0.chunkBytes - 1) / $0.chunkBytes) } ?? 1
            for piece in 1...pieces {
                cellOffsets.append(min(start + piece * (chunking?.chunkBytes ?? size), start + size))
            }
            blockFirstCell.append(Int32(cellOffsets.count - 1))
        }
        precondition(cellOffsets.count - 1 < Int(Int32.max), "ScheduleCompiler: too many cells")
        lastWrite = Array(repeating: -1, count: ranks * (cellOffsets.count - 1))
        readHead = lastWrite
    }

    private var cellCount: Int { cellOffsets.count - 1 }

    /// Compiles the whole plan, round by round: a round's transfers in plan order, then
    /// the reductions of its `.reduce` arrivals in the same order.
    mutating func compile() {
        let transfers = plan.transfers
        reserveCapacity(for: transfers)
        var start = 0
        var opsOfTransfer: [Range<Int32>] = []
        while start < transfers.count {
            var end = start
            while end < transfers.count && transfers[end].round == transfers[start].round { end += 1 }
            opsOfTransfer.removeAll(keepingCapacity: true)
            for transfer in transfers[start..<end] {
                enterRound(Int(transfer.source), transfer.round)
                enterRound(Int(transfer.destination), transfer.round)
                opsOfTransfer.append(emitTransfers(transfer))
            }
            for (offset, transfer) in transfers[start..<end].enumerated() where transfer.arrival == .reduce {
                for op in opsOfTransfer[offset] { emitReduction(of: op) }
            }
            start = end
        }
    }

    /// Reserves the output arrays: one operation per transfer or chunk, one reduction per
    /// `.reduce` one, and about four dependencies each (the ring's count).
    private mutating func reserveCapacity(for transfers: [PlannedTransfer]) {
        var count = 0
        for transfer in transfers {
            let pieces = chunking == nil ? 1
                : Int(blockFirstCell[Int(transfer.endBlock)] - blockFirstCell[Int(transfer.firstBlock)])
            count += transfer.arrival == .reduce ? 2 * pieces : pieces
        }
        operations.reserveCapacity(count)
        stamp.reserveCapacity(count)
        dependencyStart.reserveCapacity(count + 1)
        dependencyList.reserveCapacity(4 * count)
    }

    /// Closes `rank`'s previous active round when it first acts in `round`.
    private mutating func enterRound(_ rank: Int, _ round: Int32) {
        guard chunking == nil, activeRound[rank] != round else { return }
        // A round without sends did not wait for its predecessor: carry that one over.
        if !sendsThisRound[rank].isEmpty { previousRound[rank].removeAll(keepingCapacity: true) }
        previousRound[rank].append(contentsOf: sendsThisRound[rank])
        previousRound[rank].append(contentsOf: receivesThisRound[rank])
        if reduceThisRound[rank] >= 0 { previousRound[rank].append(reduceThisRound[rank]) }
        sendsThisRound[rank].removeAll(keepingCapacity: true)
        receivesThisRound[rank].removeAll(keepingCapacity: true)
        reduceThisRound[rank] = -1
        activeRound[rank] = round
    }

    /// Emits the operations of one planned transfer: one, or one per chunk.
    private mutating func emitTransfers(_ transfer: PlannedTransfer) -> Range<Int32> {
        let cells = blockFirstCell[Int(transfer.firstBlock)]..<blockFirstCell[Int(transfer.endBlock)]
        let first = Int32(operations.count)
        guard let chunking else {
            emitTransfer(transfer, cells: cells, after: -1)
            return first..<Int32(operations.count)
        }
        for cell in cells {
            let window = Int32(cell - cells.lowerBound) >= Int32(chunking.chunksInFlight)
                ? Int32(operations.count - chunking.chunksInFlight) : -1
            emitTransfer(transfer, cells: cell..<(cell + 1), after: window)
        }
        return first..<Int32(operations.count)
    }

    private mutating func emitTransfer(_ transfer: PlannedTransfer, cells: Range<Int32>, after window: Int32) {
        let op = beginOperation()
        let source = Int(transfer.source), destination = Int(transfer.destination)
        addDependency(window)
        for cell in cells {
            let at = source * cellCount + Int(cell)
            addDependency(lastWrite[at])
            var node = readHead[at]
            while node >= 0 {
                if readNodes[Int(node)].round < transfer.round { addDependency(readNodes[Int(node)].op) }
                node = readNodes[Int(node)].next
            }
            if transfer.arrival == .copy { addHazards(rank: destination, cell: cell) }
        }
        if chunking == nil {
            for dependency in previousRound[source] { addDependency(dependency) }
            for dependency in previousRound[destination] { addDependency(dependency) }
        }
        let bytes = cellOffsets[Int(cells.upperBound)] - cellOffsets[Int(cells.lowerBound)]
        finishOperation(CollectiveOperation(
            kind: .transfer, round: transfer.round, rank: transfer.source, peer: transfer.destination,
            bytes: bytes, firstCell: cells.lowerBound, cellCount: Int32(cells.count), arrival: transfer.arrival,
            input: -1))
        for cell in cells {
            let at = source * cellCount + Int(cell)
            readNodes.append((op, transfer.round, readHead[at]))
            readHead[at] = Int32(readNodes.count - 1)
            if transfer.arrival == .copy { write(op, rank: destination, cell: cell) }
        }
        if chunking == nil {
            sendsThisRound[source].append(op)
            if transfer.arrival != .reduce { receivesThisRound[destination].append(op) }
        }
    }

    private mutating func emitReduction(of input: Int32) {
        let transfer = operations[Int(input)]
        let rank = Int(transfer.peer)
        let op = beginOperation()
        addDependency(input)
        for cell in transfer.cells { addHazards(rank: rank, cell: Int32(cell)) }
        if chunking == nil {
            addDependency(lastReduce[rank])
            for send in sendsThisRound[rank] { addDependency(send) }
        }
        finishOperation(CollectiveOperation(
            kind: .reduce, round: transfer.round, rank: transfer.peer, peer: transfer.peer, bytes: transfer.bytes,
            firstCell: transfer.firstCell, cellCount: transfer.cellCount, arrival: .reduce, input: input))
        for cell in transfer.cells { write(op, rank: rank, cell: Int32(cell)) }
        lastReduce[rank] = op
        if chunking == nil { reduceThisRound[rank] = op }
    }

    /// Depends on the last write of `cell` at `rank` and on every read since.
    private mutating func addHazards(rank: Int, cell: Int32) {
        let at = rank * cellCount + Int(cell)
        addDependency(lastWrite[at])
        var node = readHead[at]
        while node >= 0 {
            addDependency(readNodes[Int(node)].op)
            node = readNodes[Int(node)].next
        }
    }

    private mutating func write(_ op: Int32, rank: Int, cell: Int32) {
        let at = rank * cellCount + Int(cell)
        lastWrite[at] = op
        readHead[at] = -1
    }

    private mutating func beginOperation() -> Int32 {
        precondition(operations.count < Int(Int32.max), "ScheduleCompiler: too many operations")
        stamp.append(-1)
        collected.removeAll(keepingCapacity: true)
        return Int32(operations.count)
    }

    private mutating func addDependency(_ dependency: Int32) {
        let op = Int32(operations.count)
        guard dependency >= 0, stamp[Int(dependency)] != op else { return }
        stamp[Int(dependency)] = op
        collected.append(dependency)
    }

    /// Dependencies are kept in the order they were found (deterministic: it follows the
    /// plan), not sorted: executions only count them.
    private mutating func finishOperation(_ operation: CollectiveOperation) {
        dependencyList.append(contentsOf: collected)
        dependencyStart.append(Int32(dependencyList.count))
        operations.append(operation)
    }
}

/// What a transfer's bytes become at its destination.
public enum CollectiveArrival: UInt8, Hashable, Sendable {
    /// They overwrite the destination's copy of those bytes (allgather, broadcast).
    case copy
    /// They land in a receive buffer that a `reduce` operation then combines into the
    /// destination's copy (reduce-scatter, reduce).
    case reduce
    /// The destination keeps them apart, as data received from that source (a shuffle).
    case gather
}

/// One operation of a collective schedule: a transfer between two ranks, or the local
/// reduction of a received buffer.
///
/// Operations name ranks, not hosts: the caller maps ranks to hosts when it runs the
/// schedule, so one schedule serves every placement. The bytes an operation touches are
/// a run of *cells* (`CollectiveSchedule.cellOffsets`), which is what the data-flow
/// check follows.
public struct CollectiveOperation: Hashable, Sendable, CustomStringConvertible {
    public enum Kind: UInt8, Hashable, Sendable {
        case transfer
        case reduce
    }

    public let kind: Kind
    /// The algorithm's step (MPI round) the operation belongs to, from 0.
    public let round: Int32
    /// The sending rank of a transfer; the reducing rank of a reduction.
    public let rank: Int32
    /// The receiving rank of a transfer; equal to `rank` for a reduction.
    public let peer: Int32
    /// Bytes moved or reduced.
    public let bytes: Int64
    /// The first cell the operation touches; it touches `cellCount` consecutive cells.
    public let firstCell: Int32
    public let cellCount: Int32
    /// A transfer's fate at its destination (a reduction's is `.reduce`).
    public let arrival: CollectiveArrival
    /// A reduction's input: the index of the transfer whose buffer it combines; −1 for
    /// a transfer.
    public let input: Int32

    public var cells: Range<Int> { Int(firstCell)..<Int(firstCell + cellCount) }

    public var description: String {
        switch kind {
        case .transfer: return "r\(round) send \(rank)->\(peer) \(bytes)b cells \(cells) \(arrival)"
        case .reduce: return "r\(round) reduce at \(rank) \(bytes)b cells \(cells) from op \(input)"
        }
    }
}

/// A collective laid out as a dependency graph among `ranks` ranks: transfers and
/// reductions, each starting when the operations it depends on have completed.
///
/// Why a static graph: the MPI and NCCL algorithms fix who sends what to whom in which
/// step before any byte moves; only *when* depends on the network. So the schedule is
/// built once, checked symbolically (`CollectiveDataFlow`), and executed by
/// `ScheduleExecution` on any placement and network, alone or next to other traffic.
///
/// Invariants (checked by `checkInvariants`): operations are in a topological order
/// (every dependency has a smaller index); a reduction depends on its input transfer,
/// which arrives `.reduce` at the reducing rank; cells lie inside the buffer and bytes
/// equal the sizes of the cells touched.
///
/// - Complexity: memory O(operations + dependencies); see `build` for the counts.
public struct CollectiveSchedule: Sendable {
    /// The algorithm the schedule was built from.
    public let algorithm: CollectiveAlgorithm
    /// p, the number of ranks.
    public let ranks: Int
    /// N, the bytes each rank contributes.
    public let bytesPerRank: Int64
    /// The chunking it was built with, nil for one flow per transfer.
    public let chunking: CollectiveChunking?
    /// Cell c covers buffer bytes `cellOffsets[c] ..< cellOffsets[c + 1]`.
    public let cellOffsets: [Int64]
    /// The operations, in a topological order.
    public let operations: [CollectiveOperation]
    /// Operation i depends on `dependencyList[dependencyStart[i] ..< dependencyStart[i + 1]]`.
    let dependencyStart: [Int32]
    let dependencyList: [Int32]
    /// The reverse edges, built once so that every execution of the schedule shares them.
    private(set) var dependents = ScheduleDependents.empty

    init(algorithm: CollectiveAlgorithm, ranks: Int, bytesPerRank: Int64, chunking: CollectiveChunking?,
         cellOffsets: [Int64], operations: [CollectiveOperation], dependencyStart: [Int32],
         dependencyList: [Int32]) {
        self.algorithm = algorithm
        self.ranks = ranks
        self.bytesPerRank = bytesPerRank
        self.chunking = chunking
        self.cellOffsets = cellOffsets
        self.operations = operations
        self.dependencyStart = dependencyStart
        self.dependencyList = dependencyList
        dependents = ScheduleDependents(self)
    }

    /// The number of cells the buffer is cut into.
    public var cellCount: Int { cellOffsets.count - 1 }

    /// The operations operation `index` waits for, as operation indexes.
    public func dependencies(of index: Int) -> ArraySlice<Int32> {
        dependencyList[Int(dependencyStart[index])..<Int(dependencyStart[index + 1])]
    }

    /// The number of dependency edges.
    public var dependencyCount: Int { dependencyList.count }

    /// The number of transfers (network flows the schedule will start).
    public var transferCount: Int { operations.reduce(0) { $0 + ($1.kind == .transfer ? 1 : 0) } }

    /// Bytes sent by all ranks together.
    public var totalBytesSent: Int64 {
        operations.reduce(0) { $0 + ($1.kind == .transfer ? $1.bytes : 0) }
    }

    /// Traps unless the invariants in the type's documentation hold.
    ///
    /// - Complexity: O(operations + dependencies).
    public func checkInvariants() {
        precondition(dependencyStart.count == operations.count + 1 && dependencyStart.last.map(Int.init)
                     == dependencyList.count, "CollectiveSchedule: dependency index does not match")
        precondition(cellOffsets.first == 0 && cellOffsets.last == bytesPerRank, "CollectiveSchedule: cells")
        for c in 0..<cellCount { precondition(cellOffsets[c] <= cellOffsets[c + 1], "CollectiveSchedule: cells") }
        for (index, op) in operations.enumerated() {
            precondition(op.rank >= 0 && Int(op.rank) < ranks && op.peer >= 0 && Int(op.peer) < ranks,
                         "CollectiveSchedule: op \(index) names a rank outside 0..<\(ranks)")
            precondition(op.firstCell >= 0 && op.cellCount >= 1 && Int(op.firstCell + op.cellCount) <= cellCount,
                         "CollectiveSchedule: op \(index) cells out of range")
            let span = cellOffsets[op.cells.upperBound] - cellOffsets[op.cells.lowerBound]
            precondition(op.bytes == span, "CollectiveSchedule: op \(index) bytes \(op.bytes) != cells \(span)")
            for dependency in dependencies(of: index) {
                precondition(dependency >= 0 && Int(dependency) < index, "CollectiveSchedule: op \(index) order")
            }
            if op.kind == .reduce {
                let input = operations[Int(op.input)]
                precondition(input.kind == .transfer && input.arrival == .reduce && input.peer == op.rank
                             && input.cells == op.cells && dependencies(of: index).contains(op.input),
                             "CollectiveSchedule: reduction \(index) does not follow its input")
            } else {
                precondition(op.rank != op.peer && op.input == -1, "CollectiveSchedule: transfer \(index)")
            }
        }
    }
}

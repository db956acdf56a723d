import Testing
@testable import Sim

/// The shapes of the schedules: how many transfers, how many bytes each rank sends,
/// which rounds, and that building is deterministic.
@Suite("Collective schedules: shape")
struct ScheduleShapeTests {
    static func transfers(_ schedule: CollectiveSchedule) -> [CollectiveOperation] {
        schedule.operations.filter { $0.kind == .transfer }
    }

    @Test("transfer counts match each algorithm's definition", arguments: [1, 2, 3, 5, 8, 13, 16])
    func transferCounts(ranks: Int) {
        let pof2 = 1 << (Int.bitWidth - 1 - ranks.leadingZeroBitCount), lg = pof2.trailingZeroBitCount
        let expected: [CollectiveAlgorithm: Int] = [
            .ring: 2 * ranks * (ranks - 1),
            .recursiveDoubling: pof2 * lg + 2 * (ranks - pof2),
            .halvingDoubling: 2 * pof2 * lg + 2 * (ranks - pof2),
            .tree: 2 * (ranks - 1),
            .parameterServer: 2 * (ranks - 1),
            .allToAll: ranks * (ranks - 1),
            .hierarchical: 2 * ranks * (ranks - 1),
        ]
        for algorithm in CollectiveAlgorithm.allCases {
            let schedule = CollectiveSchedule.build(algorithm, ranks: ranks, bytesPerRank: 1 << 20,
                                                    rankHosts: Array(0..<ranks))
            #expect(schedule.transferCount == expected[algorithm], "\(algorithm) p=\(ranks)")
            let reductions = schedule.operations.count - schedule.transferCount
            #expect(reductions == Self.transfers(schedule).filter { $0.arrival == .reduce }.count)
        }
    }

    @Test("in a ring every rank sends 2(p−1) blocks to its successor, blocks differing by at most a byte")
    func ringBlocks() {
        let ranks = 7, bytes: Int64 = 1000  // 1000 = 7·142 + 6: six blocks of 143, then one of 142
        let schedule = CollectiveSchedule.build(.ring, ranks: ranks, bytesPerRank: bytes)
        for rank in 0..<ranks {
            let sent = Self.transfers(schedule).filter { $0.rank == rank }
            #expect(sent.count == 2 * (ranks - 1))
            #expect(sent.allSatisfy { $0.peer == (rank + 1) % ranks && ($0.bytes == 143 || $0.bytes == 142) })
            #expect(Set(sent.map(\.round)) == Set((0..<Int32(2 * (ranks - 1)))))
        }
        #expect(schedule.cellOffsets == [0, 143, 286, 429, 572, 715, 858, 1000])
    }

    @Test("the parameter server keeps rank 0's data off the network; all-to-all sends N/p per pair")
    func parameterServerAndShuffle() {
        let ps = CollectiveSchedule.build(.parameterServer, ranks: 5, bytesPerRank: 100)
        #expect(Self.transfers(ps).allSatisfy { ($0.rank == 0) != ($0.peer == 0) && $0.bytes == 100 })
        #expect(ps.totalBytesSent == 2 * 4 * 100)
        let shuffle = CollectiveSchedule.build(.allToAll, ranks: 4, bytesPerRank: 400)
        #expect(Self.transfers(shuffle).allSatisfy { $0.bytes == 100 && $0.arrival == .gather && $0.round == 0 })
        #expect(shuffle.dependencyCount == 0)
    }

    @Test("recursive doubling folds the extra ranks of a non-power of two in and out")
    func recursiveDoublingFold() {
        let schedule = CollectiveSchedule.build(.recursiveDoubling, ranks: 6, bytesPerRank: 64)
        let sends = Self.transfers(schedule)
        #expect(sends.filter { $0.round == 0 }.map { [$0.rank, $0.peer] } == [[0, 1], [2, 3]])
        #expect(sends.filter { $0.round == 3 }.map { [$0.rank, $0.peer] } == [[1, 0], [3, 2]])
        // The middle rounds pair new ranks 0..3 = old ranks 1, 3, 4, 5 at distance 1, then 2.
        #expect(sends.filter { $0.round == 1 }.map { [$0.rank, $0.peer] } == [[1, 3], [3, 1], [4, 5], [5, 4]])
        #expect(sends.filter { $0.round == 2 }.map { [$0.rank, $0.peer] } == [[1, 4], [3, 5], [4, 1], [5, 3]])
    }

    @Test("hierarchical groups ranks by host, the lowest rank of each host leading")
    func hierarchicalGroups() {
        let hosts = [3, 3, 1, 1, 1, 7]  // hosts in order of first rank: 3 (ranks 0, 1), 1 (2, 3, 4), 7 (5)
        let schedule = CollectiveSchedule.build(.hierarchical, ranks: 6, bytesPerRank: 300, rankHosts: hosts)
        let sends = Self.transfers(schedule)
        #expect(sends.filter { $0.round == 0 }.map { [$0.rank, $0.peer] } == [[1, 0], [3, 2], [4, 2]])
        let ring = sends.filter { $0.round > 0 && $0.round < 5 }
        #expect(Set(ring.map { [$0.rank, $0.peer] }) == [[0, 2], [2, 5], [5, 0]])
        #expect(sends.filter { $0.round == 5 }.map { [$0.rank, $0.peer] } == [[0, 1], [2, 3], [2, 4]])
    }

    @Test("building twice gives the same operations and dependencies")
    func deterministicBuild() {
        for algorithm in CollectiveAlgorithm.allCases {
            let make = {
                CollectiveSchedule.build(algorithm, ranks: 11, bytesPerRank: 12345,
                                         chunking: CollectiveChunking(chunkBytes: 333, chunksInFlight: 2),
                                         rankHosts: (0..<11).map { $0 / 3 })
            }
            let (a, b) = (make(), make())
            #expect(a.operations == b.operations)
            #expect((0..<a.operations.count).allSatisfy { a.dependencies(of: $0) == b.dependencies(of: $0) })
        }
    }
}

import Testing
@testable import Sim

/// Every schedule is a correct allreduce (or shuffle) in every order its dependencies
/// allow: checked symbolically with contributions as bitsets of ranks.
@Suite("Collective schedules: data flow")
struct ScheduleDataFlowTests {
    static let rankCounts = [1, 2, 3, 4, 5, 6, 7, 8, 12, 16, 17, 33, 64]
    static let chunkings: [CollectiveChunking?] = [
        nil, CollectiveChunking(chunkBytes: 97), CollectiveChunking(chunkBytes: 64, chunksInFlight: 3),
    ]

    static func placement(_ ranks: Int, perHost: Int) -> [Int] { (0..<ranks).map { $0 / perHost } }

    static func check(_ schedule: CollectiveSchedule, seed: UInt32) -> [String] {
        schedule.checkInvariants()
        let stream = RandomStream(name: "test.order", seed: seed)
        var problems: [String] = []
        for order in [CollectiveDataFlow.indexOrder(schedule), CollectiveDataFlow.latestFirstOrder(schedule),
                      CollectiveDataFlow.randomOrder(schedule, stream: stream)] {
            problems += CollectiveDataFlow.problems(in: schedule, order: order, limit: 3)
        }
        return problems
    }

    @Test("every algorithm is a correct allreduce for p in 1...64, with and without chunks",
          arguments: CollectiveAlgorithm.allCases)
    func allAlgorithms(algorithm: CollectiveAlgorithm) {
        for ranks in Self.rankCounts {
            for (c, chunking) in Self.chunkings.enumerated() {
                for bytes: Int64 in [0, 1, Int64(ranks) - 1, 1000 + 3] {
                    let hosts = Self.placement(ranks, perHost: 1 + (ranks + c) % 4)
                    let schedule = CollectiveSchedule.build(
                        algorithm, ranks: ranks, bytesPerRank: max(bytes, 0), chunking: chunking, rankHosts: hosts)
                    let problems = Self.check(schedule, seed: UInt32(ranks * 10 + c + 1))
                    #expect(problems.isEmpty, "\(algorithm) p=\(ranks) N=\(bytes) \(chunking.map { "\($0)" } ?? "")")
                    if !problems.isEmpty { Issue.record("\(problems)"); return }
                }
            }
        }
    }

    @Test("a schedule with a dependency removed is caught in some order")
    func missingDependencyIsCaught() {
        let schedule = CollectiveSchedule.build(.ring, ranks: 4, bytesPerRank: 400)
        // Drop every dependency of the first allgather step: its sends may now run before
        // the reduce-scatter delivered the blocks they forward.
        let firstAllgather = schedule.operations.firstIndex { $0.kind == .transfer && $0.arrival == .copy }!
        var starts = [Int32(0)], list: [Int32] = []
        for op in schedule.operations.indices {
            if schedule.operations[op].round != schedule.operations[firstAllgather].round {
                list += schedule.dependencies(of: op)
            }
            starts.append(Int32(list.count))
        }
        let broken = CollectiveSchedule(
            algorithm: .ring, ranks: 4, bytesPerRank: 400, chunking: nil, cellOffsets: schedule.cellOffsets,
            operations: schedule.operations, dependencyStart: starts, dependencyList: list)
        #expect(!CollectiveDataFlow.problems(in: broken, order: CollectiveDataFlow.indexOrder(broken)).isEmpty
                || !CollectiveDataFlow.problems(in: broken, order: CollectiveDataFlow.latestFirstOrder(broken)).isEmpty)
    }
}

import Testing
import Workloads

/// `RDD.treeAggregate`'s levels with depth 2 and the final aggregate on an executor.
@Suite struct TreeAggregateShapeTests {
    @Test(arguments: [(1, [1]), (2, [2, 1]), (4, [4, 1]), (8, [8, 2, 1]), (16, [16, 4, 1]), (100, [100, 10, 1]),
                      (1000, [1000, 31, 1])])
    func levelsFollowSparksScaleRule(partitions: Int, levels: [Int]) {
        #expect(TreeAggregateShape(partitions: partitions).levels == levels)
    }

    @Test func withoutTheFinalExecutorStageTheDriverFoldsTheLastLevel() {
        #expect(TreeAggregateShape(partitions: 8, finalAggregateOnExecutor: false).levels == [8, 2])
    }

    @Test func valuesGoToTheirIndexModuloTheNextLevel() {
        let shape = TreeAggregateShape(partitions: 8)
        #expect((0..<8).map { shape.target(of: $0, atLevel: 0) } == [0, 1, 0, 1, 0, 1, 0, 1])
        #expect(shape.sum((0..<8).map { [Double($0), 1] }) == [28, 8])
    }
}

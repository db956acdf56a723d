import Testing
@testable import Report

/// The order and spelling of `sparksim compare`'s table: largest change first with key
/// ties in natural order, one-sided items last, signed deltas, counts as `a→b`.
@Suite struct RunComparisonTextTests {
    static func job(_ name: String, _ a: Int64?, _ b: Int64?) -> ComparedItem {
        ComparedItem(section: .job, variant: "", job: name,
                     presence: a == nil ? .onlyB : b == nil ? .onlyA : .both,
                     values: [ComparedValue(.duration, a: a, b: b), ComparedValue(.tasks, a: 4, b: 6)])
    }

    @Test func largestChangesComeFirstThenNamesInNaturalOrderThenOneSidedItems() {
        let items = [Self.job("only-a", 5, nil), Self.job("loss-10", 10, 12), Self.job("loss-2", 10, 8),
                     Self.job("loss-1", 1, 101), Self.job("aaa", nil, 7)]
        #expect(ComparedItem.ordered(items).map(\.job) == ["loss-1", "loss-2", "loss-10", "aaa", "only-a"])
        #expect(ComparedItem.naturallyPrecedes("stage9", "stage10"))
        #expect(ComparedItem.naturallyPrecedes("a-01", "a-1") || ComparedItem.naturallyPrecedes("a-1", "a-01"))
        #expect(!ComparedItem.naturallyPrecedes("b", "a10"))
    }

    @Test func deltasAreSignedAndCountsShowWhereTheyMoved() {
        #expect(RunComparison.delta(ComparedValue(.duration, a: 2_000_000_000, b: 3_250_000_000)) == "+1.25 s")
        #expect(RunComparison.delta(ComparedValue(.duration, a: 900_000, b: 50_000)) == "-850 µs")
        #expect(RunComparison.delta(ComparedValue(.tasks, a: 3, b: 3)) == "0")
        #expect(RunComparison.delta(ComparedValue(.tasks, a: nil, b: 3)) == "")
        #expect(RunComparison.count(ComparedValue(.tasks, a: 4, b: 6)) == "4→6")
        #expect(RunComparison.count(ComparedValue(.tasks, a: 4, b: 4)) == "4")
        #expect(RunComparison.percent(0.125) == "+12.5%")
        #expect(RunComparison.percent(-0.5) == "-50.0%")
        #expect(RunComparison.percent(0) == "0.0%")
    }

    @Test func aOneSidedRowSaysWhichSideHasIt() {
        let comparison = RunComparison(
            a: .init(label: "a", scenario: "s", seed: 1), b: .init(label: "b", scenario: "s", seed: 1),
            variants: [], jobs: [Self.job("etl", 2_000_000_000, 3_000_000_000), Self.job("late", nil, 5_000_000)],
            stages: [], iterations: [], oneSidedFiles: [])
        let lines = comparison.lines(limit: nil)
        #expect(lines.contains("Jobs: 1 in both, 1 only in B"))
        #expect(lines.contains("  job   duration A  duration B          Δ      Δ%  tasks"))
        #expect(lines.contains("  etl          2 s         3 s       +1 s  +50.0%    4→6"))
        #expect(lines.contains("  late           -        5 ms  only in B            4→6"))
        #expect(!comparison.isUnchanged)
    }
}
